/*
 * source.h - what a source file says about itself, read with tree-sitter:
 * imports as written, definitions (and which are public), cyclomatic
 * complexity per function, environment variables read, and the first
 * sentence of its leading comment or docstring.
 *
 * One front end per language: a table row in source.c naming the grammar,
 * its query file (queries/<name>.scm, see queries/README.md) and the rule
 * for what is public. Where an import leads is decided later, with the
 * whole file list at hand (resolve.h).
 *
 * ec_source_load() compiles every front end's query once; the result is
 * read-only and shared by all threads. Each thread owns an
 * ec_source_parser. Strings of the facts live in the arena passed in.
 */
#ifndef EC_ANALYZER_SOURCE_H
#define EC_ANALYZER_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "analyzer/facts.h"
#include "util/arena.h"

typedef struct ec_source ec_source;
typedef struct ec_source_parser ec_source_parser;

/* Set up the front ends with the queries in queries_dir (EC_EINPUT when a
 * query file is missing). A query is compiled on its language's first file;
 * one that does not compile is a diagnostic "file:line:column: ..." and its
 * language is left unparsed. Free with ec_source_free(). */
int ec_source_load(ec_source **out, const char *queries_dir);
void ec_source_free(ec_source *source);

/* True when a front end reads files of this language. */
bool ec_source_handles(const ec_source *source, const ec_lang *lang);

/* True while another thread compiles the language's query: a file of it
 * would wait. A caller with other work can take that first and come back. */
bool ec_source_busy(const ec_source *source, const ec_lang *lang);

ec_source_parser *ec_source_parser_new(const ec_source *source);
void ec_source_parser_free(ec_source_parser *parser);

/* Parse text (a file of a handled language) and fill file's source facts.
 * Syntax errors are counted in file->parse_errors; what parsed is kept.
 * Thread-safe: diags is a thread-safe sink. */
void ec_source_analyze(ec_source_parser *parser, const char *path, const char *text, size_t len,
                       ec_arena *arena, ec_diag_sink *diags, ec_file_fact *file);

#endif
