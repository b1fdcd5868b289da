/*
 * clang.h - C and C++ files read with libclang, as their build compiles them.
 *
 * When the project has a compile database (compile_commands.json: named on
 * the command line, else at the root, else in build/), every C or C++ file
 * with an entry in it is parsed with that entry's flags, and what the
 * compiler knows replaces what tree-sitter guessed:
 *
 *   - imports: the file's own #include lines (not those of its headers),
 *     each with the file the preprocessor opened. A header under the root is
 *     an internal import decided here (ec_import_fact.resolved); one outside
 *     it is left to the resolver's system-header rules (.outside). An
 *     #include that failed keeps tree-sitter's fact.
 *   - definitions: functions, methods and types of the file itself, with
 *     tree-sitter's complexity carried over (same name and line).
 *   - calls: which project function calls which, and the file that defines
 *     the callee (ec_call_fact).
 *
 * Everything else about a file, and every file without an entry or that
 * libclang cannot parse (flags it does not know, errors from the parser),
 * keeps the tree-sitter facts; one diagnostic per run counts those files.
 *
 * With a cache, a file's unit is reused while the file, its command and
 * every file its parse opened (size and modification time) are unchanged.
 *
 * Runs after the walk and before the resolver. Files are parsed on
 * opts->jobs threads, each with its own CXIndex; the facts' strings go to
 * arenas that facts adopts, the arrays they replace are freed here.
 */
#ifndef EC_ANALYZER_CLANG_H
#define EC_ANALYZER_CLANG_H

#include "analyzer/facts.h"

typedef struct ec_cache ec_cache;

typedef struct {
    const char *database; /* compile_commands.json or its directory; NULL: look in the root,
                             then in build/ */
    unsigned jobs;        /* threads; 0 = number of online processors */
    ec_cache *cache;      /* units kept from earlier runs (clang_record.h); NULL: none */
} ec_clang_options;

#define EC_CLANG_OPTIONS_INIT                                                                      \
    {                                                                                              \
        NULL, 0, NULL                                                                              \
    }

/* Read the C and C++ files of facts (under root, a real absolute path) that
 * the compile database lists. Without a database this does nothing. Fails
 * (EC_EINPUT) only when opts->database is given and cannot be read; every
 * other problem is a diagnostic and leaves the tree-sitter facts. */
int ec_clang_analyze(ec_facts *facts, const char *root, const ec_clang_options *opts);

#endif
