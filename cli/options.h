/*
 * options.h - the command line, parsed and validated.
 *
 * ec_options_parse() turns argv into an ec_options without side effects (no
 * printing, no exiting), so it is testable: on a usage error it returns
 * EC_EUSAGE with the one-line message in ec_error_last(). Strings in the
 * options are borrowed from argv.
 */
#ifndef EC_CLI_OPTIONS_H
#define EC_CLI_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef enum {
    EC_DOC_NONE,
    EC_DOC_ARCHITECTURE,
    EC_DOC_ADR,
    EC_DOC_API,
    EC_DOC_DEV_GUIDE,
    EC_DOC_RUNBOOK,
    EC_DOC_CHANGELOG,
    EC_DOC_MODEL,
    EC_DOC_ALL
} ec_doc_type;

typedef struct {
    const char *project_root;
    ec_doc_type doc_type;
    const char *decision;
    const char *api_spec;
    const char *scenario;
    bool include_setup;
    bool include_standards;
    bool generate_examples;
    const char *output_dir;
    const char *output_file;
    bool check;
    bool force;
    const char *since;
    const char *until;
    const char *rev;
    const char *templates_dir;
    const char *format;
    unsigned jobs; /* 0: one per core */
    bool no_history;
    const char *cache_dir; /* NULL: <root>/.etacodex */
    bool no_cache;
    const char *compile_commands; /* NULL: <root>/compile_commands.json, then build/ */
    bool quiet;
    bool timings; /* report each phase's wall time on stderr */
    uint64_t max_file_size;
    bool help;
    bool version;
} ec_options;

#define EC_OPTIONS_INIT                                                                            \
    {                                                                                              \
        .project_root = ".", .format = "md", .max_file_size = (uint64_t)2 * 1024 * 1024            \
    }

/* Parse argv. EC_EUSAGE with a message on any usage error. */
int ec_options_parse(ec_options *out, int argc, char **argv);

/* The doc type's command-line name ("dev-guide"). Static string. */
const char *ec_doc_type_name(ec_doc_type type);

/* Print --help (every flag, the five examples) to f. */
void ec_options_print_help(FILE *f);

/* The one-line usage reminder printed after usage errors. */
#define EC_USAGE_LINE "usage: etacodex --project-root DIR --doc-type TYPE [options] (see --help)"

#endif
