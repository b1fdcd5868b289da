/*
 * resolve.h - where each import leads, decided with the whole file list at
 * hand: a project file or directory (internal), a package as its ecosystem
 * names it (external), the language's standard library (stdlib), or
 * nowhere known (unresolved, kept and counted).
 *
 * Per language (one resolve_<language>.c each, see resolve_index.h):
 * C/C++ searches the including file's directory, the include directories
 * the build files name, then the project's files by path suffix (nearest
 * to the includer wins); system headers are told by a list and other
 * <...> headers named by their library (stdlib/c_libraries.txt); a
 * function of a .c file stays exported only when a project header declares
 * it. Python resolves relative and absolute modules from directories that
 * can be on sys.path (src/ layouts, namespace packages) and knows the
 * Python 3 standard library. JavaScript/TypeScript follows Node's rules for
 * relative paths (extensions, index files, .js written for .ts), the
 * project's own packages (workspaces) through exports/module/main,
 * package.json "imports" and tsconfig/jsconfig paths and baseUrl. Go reads
 * every go.mod's module path, requirements and local replace directives;
 * Java maps packages to directories under every source root; Rust maps
 * mod/use paths to files, with workspace crates by their Cargo.toml names.
 * The standard-library lists and the library table are data files (stdlib/
 * in the data directory).
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
