/*
 * options.c - getopt_long over the design's flag table (see options.h).
 *
 * Parsing and validation are separate passes: getopt_long fills the struct,
 * then validate() checks the combinations (a flag that needs another, a flag
 * that does not apply to the chosen document). Each error is one line.
 */
#include "cli/options.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"

enum {
    OPT_PROJECT_ROOT = 256,
    OPT_DOC_TYPE,
    OPT_DECISION,
    OPT_API_SPEC,
    OPT_SCENARIO,
    OPT_INCLUDE_SETUP,
    OPT_INCLUDE_STANDARDS,
    OPT_GENERATE_EXAMPLES,
    OPT_OUTPUT_DIR,
    OPT_OUTPUT_FILE,
    OPT_CHECK,
    OPT_FORCE,
    OPT_SINCE,
    OPT_UNTIL,
    OPT_REV,
    OPT_TEMPLATES,
    OPT_FORMAT,
    OPT_JOBS,
    OPT_NO_HISTORY,
    OPT_CACHE,
    OPT_NO_CACHE,
    OPT_COMPILE_COMMANDS,
    OPT_QUIET,
    OPT_TIMINGS,
    OPT_MAX_FILE_SIZE,
    OPT_VERSION,
    OPT_HELP
};

/* One table drives both getopt_long and --help. */
static const struct {
    struct option opt;
    const char *arg;
    const char *help;
} flags[] = {
    {{"project-root", required_argument, NULL, OPT_PROJECT_ROOT},
     "DIR",
     "root of the repository to document (default .)"},
    {{"doc-type", required_argument, NULL, OPT_DOC_TYPE},
     "TYPE",
     "architecture, adr, api, dev-guide, runbook, changelog, model or all"},
    {{"decision", required_argument, NULL, OPT_DECISION}, "TEXT", "adr: the decision's title"},
    {{"api-spec", required_argument, NULL, OPT_API_SPEC},
     "FILE",
     "api: OpenAPI 3.x or Swagger 2.0 file (default: discovered in the repository)"},
    {{"scenario", required_argument, NULL, OPT_SCENARIO},
     "TEXT",
     "runbook: the scenario, e.g. \"Database migration failure\""},
    {{"include-setup", no_argument, NULL, OPT_INCLUDE_SETUP},
     NULL,
     "dev-guide: include the setup section"},
    {{"include-standards", no_argument, NULL, OPT_INCLUDE_STANDARDS},
     NULL,
     "dev-guide: include the coding standards section"},
    {{"generate-examples", no_argument, NULL, OPT_GENERATE_EXAMPLES},
     NULL,
     "api: generate request/response examples from schemas"},
    {{"output-dir", required_argument, NULL, OPT_OUTPUT_DIR},
     "DIR",
     "directory to write into (default DIR/docs/architecture under the project root)"},
    {{"output-file", required_argument, NULL, OPT_OUTPUT_FILE},
     "FILE",
     "file to write the document to (model.json goes beside it)"},
    {{"check", no_argument, NULL, OPT_CHECK},
     NULL,
     "write nothing; exit 1 and list the files that are stale"},
    {{"force", no_argument, NULL, OPT_FORCE},
     NULL,
     "replace files even when etacodex did not write them"},
    {{"since", required_argument, NULL, OPT_SINCE}, "DATE", "history window start (YYYY-MM-DD)"},
    {{"until", required_argument, NULL, OPT_UNTIL}, "DATE", "history window end (YYYY-MM-DD)"},
    {{"rev", required_argument, NULL, OPT_REV}, "A..B", "architecture diff between two revisions"},
    {{"templates", required_argument, NULL, OPT_TEMPLATES},
     "DIR",
     "use the templates in DIR instead of the built-in ones"},
    {{"format", required_argument, NULL, OPT_FORMAT}, "FMT", "md (default), html or json"},
    {{"jobs", required_argument, NULL, OPT_JOBS},
     "N",
     "analyse with N threads (default: one per core)"},
    {{"no-history", no_argument, NULL, OPT_NO_HISTORY}, NULL, "do not read the git history"},
    {{"cache", required_argument, NULL, OPT_CACHE},
     "DIR",
     "keep the analysis cache in DIR (default .etacodex under the project root)"},
    {{"no-cache", no_argument, NULL, OPT_NO_CACHE}, NULL, "analyse every file; use no cache"},
    {{"compile-commands", required_argument, NULL, OPT_COMPILE_COMMANDS},
     "FILE",
     "read C/C++ with libclang as this compile_commands.json builds it (default: the one in "
     "the root, then in build/)"},
    {{"max-file-size", required_argument, NULL, OPT_MAX_FILE_SIZE},
     "SIZE",
     "skip files larger than SIZE bytes (K, M, G suffixes; default 2M)"},
    {{"quiet", no_argument, NULL, OPT_QUIET}, NULL, "print errors only"},
    {{"timings", no_argument, NULL, OPT_TIMINGS},
     NULL,
     "print how long each phase took (to standard error)"},
    {{"version", no_argument, NULL, OPT_VERSION}, NULL, "print the version and exit"},
    {{"help", no_argument, NULL, OPT_HELP}, NULL, "print this help and exit"},
};

#define N_FLAGS (sizeof(flags) / sizeof(flags[0]))

static const char *const doc_names[] = {
    [EC_DOC_NONE] = "",
    [EC_DOC_ARCHITECTURE] = "architecture",
    [EC_DOC_ADR] = "adr",
    [EC_DOC_API] = "api",
    [EC_DOC_DEV_GUIDE] = "dev-guide",
    [EC_DOC_RUNBOOK] = "runbook",
    [EC_DOC_CHANGELOG] = "changelog",
    [EC_DOC_MODEL] = "model",
    [EC_DOC_ALL] = "all",
};

const char *ec_doc_type_name(ec_doc_type type)
{
    return doc_names[type];
}

static int parse_doc_type(const char *s, ec_doc_type *out)
{
    int i;

    for (i = EC_DOC_ARCHITECTURE; i <= EC_DOC_ALL; i++) {
        if (strcmp(s, doc_names[i]) == 0) {
            *out = (ec_doc_type)i;
            return 0;
        }
    }
    return ec_error_set(EC_EUSAGE,
                        "unknown --doc-type '%s' (expected architecture, adr, api, dev-guide, "
                        "runbook, changelog, model or all)",
                        s);
}

static int parse_jobs(const char *s, unsigned *out)
{
    char *end;
    long n;

    errno = 0;
    n = strtol(s, &end, 10);
    if (errno || end == s || *end || n < 1 || n > 1024)
        return ec_error_set(EC_EUSAGE, "--jobs needs a number from 1 to 1024, not '%s'", s);
    *out = (unsigned)n;
    return 0;
}

static int parse_size(const char *s, uint64_t *out)
{
    char *end;
    unsigned long long n;
    uint64_t unit = 1;

    errno = 0;
    n = strtoull(s, &end, 10);
    if (end != s && *end && !end[1]) {
        switch (toupper((unsigned char)*end)) {
        case 'K':
            unit = 1024;
            end++;
            break;
        case 'M':
            unit = 1024 * 1024;
            end++;
            break;
        case 'G':
            unit = 1024 * 1024 * 1024;
            end++;
            break;
        }
    }
    if (errno || end == s || *end || s[0] == '-' || n == 0 || n > UINT64_MAX / unit)
        return ec_error_set(EC_EUSAGE, "--max-file-size needs a size such as 500K or 2M, not '%s'",
                            s);
    *out = (uint64_t)n * unit;
    return 0;
}

/* YYYY-MM-DD with a plausible month and day. */
static int check_date(const char *flag, const char *s)
{
    int i;

    for (i = 0; i < 10; i++) {
        bool dash = i == 4 || i == 7;
        if (!s[i] || (dash ? s[i] != '-' : !isdigit((unsigned char)s[i])))
            break;
    }
    if (i != 10 || s[10] || atoi(s + 5) < 1 || atoi(s + 5) > 12 || atoi(s + 8) < 1 ||
        atoi(s + 8) > 31)
        return ec_error_set(EC_EUSAGE, "%s needs a date as YYYY-MM-DD, not '%s'", flag, s);
    return 0;
}

static int check_rev(const char *s)
{
    const char *dots = strstr(s, "..");

    if (!dots || dots == s || !dots[2] || dots[2] == '.')
        return ec_error_set(EC_EUSAGE, "--rev needs two revisions as A..B, not '%s'", s);
    return 0;
}

/* A flag that belongs to one document type must not be given with another. */
static int check_applies(const ec_options *o, bool given, const char *flag, ec_doc_type type)
{
    if (given && o->doc_type != type && o->doc_type != EC_DOC_ALL)
        return ec_error_set(EC_EUSAGE, "%s applies only to --doc-type %s", flag, doc_names[type]);
    return 0;
}

static int validate(const ec_options *o)
{
    int err;

    if (o->help || o->version)
        return 0;
    if (o->doc_type == EC_DOC_NONE)
        return ec_error_set(EC_EUSAGE, "--doc-type is required (architecture, adr, api, "
                                       "dev-guide, runbook, changelog, model or all)");
    if (o->doc_type == EC_DOC_ADR && !o->decision)
        return ec_error_set(EC_EUSAGE, "--decision is required with --doc-type adr");
    if (o->doc_type == EC_DOC_RUNBOOK && !o->scenario)
        return ec_error_set(EC_EUSAGE, "--scenario is required with --doc-type runbook");
    err = check_applies(o, o->decision != NULL, "--decision", EC_DOC_ADR);
    if (!err)
        err = check_applies(o, o->scenario != NULL, "--scenario", EC_DOC_RUNBOOK);
    if (!err)
        err = check_applies(o, o->api_spec != NULL, "--api-spec", EC_DOC_API);
    if (!err)
        err = check_applies(o, o->generate_examples, "--generate-examples", EC_DOC_API);
    if (!err)
        err = check_applies(o, o->include_setup, "--include-setup", EC_DOC_DEV_GUIDE);
    if (!err)
        err = check_applies(o, o->include_standards, "--include-standards", EC_DOC_DEV_GUIDE);
    if (err)
        return err;
    if (o->output_file && o->output_dir)
        return ec_error_set(EC_EUSAGE, "--output-dir and --output-file cannot be combined");
    if (o->cache_dir && o->no_cache)
        return ec_error_set(EC_EUSAGE, "--cache and --no-cache cannot be combined");
    if (o->output_file && o->doc_type == EC_DOC_ALL)
        return ec_error_set(EC_EUSAGE, "--output-file names one document: use --output-dir "
                                       "with --doc-type all");
    if (o->output_file && o->doc_type == EC_DOC_MODEL)
        return ec_error_set(EC_EUSAGE, "--doc-type model writes model.json: use --output-dir");
    if (strcmp(o->format, "md") != 0 && strcmp(o->format, "html") != 0 &&
        strcmp(o->format, "json") != 0)
        return ec_error_set(EC_EUSAGE, "unknown --format '%s' (expected md, html or json)",
                            o->format);
    if (o->since)
        err = check_date("--since", o->since);
    if (!err && o->until)
        err = check_date("--until", o->until);
    if (!err && o->rev)
        err = check_rev(o->rev);
    return err;
}

static int set_option(ec_options *o, int c, const char *arg)
{
    switch (c) {
    case OPT_PROJECT_ROOT:
        o->project_root = arg;
        return 0;
    case OPT_DOC_TYPE:
        return parse_doc_type(arg, &o->doc_type);
    case OPT_DECISION:
        o->decision = arg;
        return 0;
    case OPT_API_SPEC:
        o->api_spec = arg;
        return 0;
    case OPT_SCENARIO:
        o->scenario = arg;
        return 0;
    case OPT_INCLUDE_SETUP:
        o->include_setup = true;
        return 0;
    case OPT_INCLUDE_STANDARDS:
        o->include_standards = true;
        return 0;
    case OPT_GENERATE_EXAMPLES:
        o->generate_examples = true;
        return 0;
    case OPT_OUTPUT_DIR:
        o->output_dir = arg;
        return 0;
    case OPT_OUTPUT_FILE:
        o->output_file = arg;
        return 0;
    case OPT_CHECK:
        o->check = true;
        return 0;
    case OPT_FORCE:
        o->force = true;
        return 0;
    case OPT_SINCE:
        o->since = arg;
        return 0;
    case OPT_UNTIL:
        o->until = arg;
        return 0;
    case OPT_REV:
        o->rev = arg;
        return 0;
    case OPT_TEMPLATES:
        o->templates_dir = arg;
        return 0;
    case OPT_FORMAT:
        o->format = arg;
        return 0;
    case OPT_JOBS:
        return parse_jobs(arg, &o->jobs);
    case OPT_NO_HISTORY:
        o->no_history = true;
        return 0;
    case OPT_CACHE:
        o->cache_dir = arg;
        return 0;
    case OPT_NO_CACHE:
        o->no_cache = true;
        return 0;
    case OPT_COMPILE_COMMANDS:
        o->compile_commands = arg;
        return 0;
    case OPT_QUIET:
        o->quiet = true;
        return 0;
    case OPT_TIMINGS:
        o->timings = true;
        return 0;
    case OPT_MAX_FILE_SIZE:
        return parse_size(arg, &o->max_file_size);
    case OPT_VERSION:
        o->version = true;
        return 0;
    case OPT_HELP:
        o->help = true;
        return 0;
    default:
        return ec_error_set(EC_EINTERNAL, "unhandled option %d", c);
    }
}

int ec_options_parse(ec_options *out, int argc, char **argv)
{
    struct option longopts[N_FLAGS + 1];
    size_t i;
    int c, err = 0;

    for (i = 0; i < N_FLAGS; i++)
        longopts[i] = flags[i].opt;
    memset(&longopts[N_FLAGS], 0, sizeof(longopts[N_FLAGS]));
    optind = 0; /* glibc: start a fresh scan, so the parser can run more than once */
    opterr = 0;
    while (!err && (c = getopt_long(argc, argv, "+:", longopts, NULL)) != -1) {
        if (c == '?')
            return ec_error_set(EC_EUSAGE, "unknown option '%s'", argv[optind - 1]);
        if (c == ':')
            return ec_error_set(EC_EUSAGE, "option '%s' needs a value", argv[optind - 1]);
        err = set_option(out, c, optarg);
    }
    if (err)
        return err;
    if (optind < argc)
        return ec_error_set(EC_EUSAGE, "unexpected argument '%s'", argv[optind]);
    return validate(out);
}

void ec_options_print_help(FILE *f)
{
    size_t i;

    fputs("usage: etacodex --project-root DIR --doc-type TYPE [options]\n\n"
          "Writes architecture documentation measured from a repository: every statement\n"
          "carries its evidence, and the same commit always gives the same bytes.\n\n"
          "options:\n",
          f);
    for (i = 0; i < N_FLAGS; i++) {
        char left[40];

        snprintf(left, sizeof(left), "--%s%s%s", flags[i].opt.name, flags[i].arg ? " " : "",
                 flags[i].arg ? flags[i].arg : "");
        fprintf(f, "  %-26s %s\n", left, flags[i].help);
    }
    fputs("\nexamples:\n"
          "  etacodex --project-root /path/to/project --doc-type architecture --output-dir docs/\n"
          "  etacodex --project-root . --doc-type adr --decision \"Adopt microservices "
          "architecture\" --output-file docs/adr/001-microservices.md\n"
          "  etacodex --project-root . --doc-type api --api-spec api/openapi.yaml "
          "--generate-examples --output-dir docs/api/\n"
          "  etacodex --project-root . --doc-type dev-guide --include-setup --include-standards "
          "--output-file docs/DEVELOPER_GUIDE.md\n"
          "  etacodex --project-root . --doc-type runbook --scenario \"Database migration "
          "failure\" --output-file docs/runbooks/database-migration-failure.md\n"
          "\nexit codes: 0 done, 1 --check found stale files, 2 usage error, 3 input error,\n"
          "4 internal error\n",
          f);
}
