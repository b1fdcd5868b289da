/*
 * resolve.h - where each import leads, decided with the whole file list at
 * hand: a project file or directory (internal), a package as its ecosystem
 * names it (external), the language's standard library (stdlib), or
 * nowhere known (unresolved, kept and counted).
 *
 * Per language: C/C++ searches the including file's directory, then the
 * project's files by path suffix (nearest to the includer wins), and tells
 * system headers by a list; Python resolves relative and absolute modules
 * from any source root (src/ layouts included) and knows the Python 3
 * standard library; JavaScript/TypeScript follows Node's rules for relative
 * paths (extensions, index files, .js written for .ts); Go reads go.mod's
 * module path; Java maps packages to directories; Rust maps mod/use paths to
 * files. The standard-library lists are data files (stdlib/ in the data
 * directory).
 *
 * Strings of targets live in facts' arena.
 */
#ifndef EC_ANALYZER_RESOLVE_H
#define EC_ANALYZER_RESOLVE_H

#include "analyzer/facts.h"

/* Resolve every import of facts->files (sorted by path) of the project at
 * root. data_dir holds stdlib/; a missing list is a diagnostic. */
void ec_resolve_imports(ec_facts *facts, const char *data_dir, const char *root);

#endif
