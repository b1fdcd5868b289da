/*
 * test_options.c - the command line: the seed's examples and every error.
 */
#include "tests/cmocka_all.h"

#include <string.h>

#include "cli/options.h"
#include "util/error.h"

static int parse(ec_options *o, char **argv)
{
    int argc = 0;

    while (argv[argc])
        argc++;
    *o = (ec_options)EC_OPTIONS_INIT;
    return ec_options_parse(o, argc, argv);
}

static void the_seed_examples_parse(void **state)
{
    char *arch[] = {"etacodex",
                    "--project-root",
                    "/path/to/project",
                    "--doc-type",
                    "architecture",
                    "--output-dir",
                    "docs/",
                    NULL};
    char *adr[] = {"etacodex",
                   "--project-root",
                   ".",
                   "--doc-type",
                   "adr",
                   "--decision",
                   "Adopt microservices architecture",
                   "--output-file",
                   "docs/adr/001-microservices.md",
                   NULL};
    char *api[] = {"etacodex",
                   "--project-root",
                   ".",
                   "--doc-type",
                   "api",
                   "--api-spec",
                   "api/openapi.yaml",
                   "--generate-examples",
                   "--output-dir",
                   "docs/api/",
                   NULL};
    char *guide[] = {"etacodex",
                     "--project-root",
                     ".",
                     "--doc-type",
                     "dev-guide",
                     "--include-setup",
                     "--include-standards",
                     "--output-file",
                     "docs/DEVELOPER_GUIDE.md",
                     NULL};
    char *runbook[] = {"etacodex",
                       "--project-root",
                       ".",
                       "--doc-type",
                       "runbook",
                       "--scenario",
                       "Database migration failure",
                       "--output-file",
                       "docs/runbooks/database-migration-failure.md",
                       NULL};
    ec_options o;

    (void)state;
    assert_int_equal(parse(&o, arch), 0);
    assert_int_equal(o.doc_type, EC_DOC_ARCHITECTURE);
    assert_string_equal(o.project_root, "/path/to/project");
    assert_string_equal(o.output_dir, "docs/");
    assert_int_equal(parse(&o, adr), 0);
    assert_int_equal(o.doc_type, EC_DOC_ADR);
    assert_string_equal(o.decision, "Adopt microservices architecture");
    assert_string_equal(o.output_file, "docs/adr/001-microservices.md");
    assert_int_equal(parse(&o, api), 0);
    assert_true(o.generate_examples);
    assert_string_equal(o.api_spec, "api/openapi.yaml");
    assert_int_equal(parse(&o, guide), 0);
    assert_true(o.include_setup && o.include_standards);
    assert_int_equal(parse(&o, runbook), 0);
    assert_string_equal(o.scenario, "Database migration failure");
}

static void defaults_and_extensions(void **state)
{
    char *argv[] = {"etacodex", "--doc-type=model", "--jobs",  "3",       "--max-file-size",
                    "500K",     "--quiet",          "--check", "--since", "2024-01-31",
                    "--rev",    "v1..v2",           NULL};
    ec_options o;

    (void)state;
    assert_int_equal(parse(&o, argv), 0);
    assert_string_equal(o.project_root, ".");
    assert_string_equal(o.format, "md");
    assert_int_equal(o.jobs, 3);
    assert_int_equal(o.max_file_size, 500 * 1024);
    assert_true(o.quiet && o.check);
    assert_string_equal(o.rev, "v1..v2");
    assert_null(o.cache_dir);
    assert_false(o.no_cache);
}

static void expect_usage_error(char **argv, const char *message);

static void cache_flags(void **state)
{
    char *dir[] = {"etacodex", "--doc-type", "model", "--cache", "/tmp/c", NULL};
    char *off[] = {"etacodex", "--doc-type", "model", "--no-cache", NULL};
    char *both[] = {"etacodex", "--doc-type", "model", "--no-cache", "--cache", "x", NULL};
    ec_options o;

    (void)state;
    assert_int_equal(parse(&o, dir), 0);
    assert_string_equal(o.cache_dir, "/tmp/c");
    assert_int_equal(parse(&o, off), 0);
    assert_true(o.no_cache);
    expect_usage_error(both, "--cache and --no-cache cannot be combined");
}

static void compile_commands_flag(void **state)
{
    char *named[] = {
        "etacodex", "--doc-type", "model", "--compile-commands", "build/compile_commands.json",
        NULL};
    char *none[] = {"etacodex", "--doc-type", "model", NULL};
    char *missing[] = {"etacodex", "--doc-type", "model", "--compile-commands", NULL};
    ec_options o;

    (void)state;
    assert_int_equal(parse(&o, named), 0);
    assert_string_equal(o.compile_commands, "build/compile_commands.json");
    assert_int_equal(parse(&o, none), 0);
    assert_null(o.compile_commands); /* looked for in the root, then build/ */
    expect_usage_error(missing, "option '--compile-commands' needs a value");
}

static void expect_usage_error(char **argv, const char *message)
{
    ec_options o;

    assert_int_equal(parse(&o, argv), EC_EUSAGE);
    assert_string_equal(ec_error_last(), message);
}

static void usage_errors_are_one_clear_line(void **state)
{
    char *no_decision[] = {"etacodex", "--doc-type", "adr", NULL};
    char *no_scenario[] = {"etacodex", "--doc-type", "runbook", NULL};
    char *unknown[] = {"etacodex", "--doc-type", "architecture", "--frobnicate", NULL};
    char *missing[] = {"etacodex", "--doc-type", NULL};
    char *bad_type[] = {"etacodex", "--doc-type", "novel", NULL};
    char *no_type[] = {"etacodex", "--project-root", ".", NULL};
    char *stray[] = {"etacodex", "--doc-type", "model", "extra", NULL};
    char *wrong_doc[] = {"etacodex", "--doc-type", "architecture", "--decision", "x", NULL};
    char *jobs[] = {"etacodex", "--doc-type", "model", "--jobs", "0", NULL};
    char *date[] = {"etacodex", "--doc-type", "model", "--since", "2024-13-01", NULL};
    char *rev[] = {"etacodex", "--doc-type", "model", "--rev", "v1", NULL};
    char *both[] = {"etacodex", "--doc-type", "architecture", "--output-dir", "a", "--output-file",
                    "b",        NULL};
    char *size[] = {"etacodex", "--doc-type", "model", "--max-file-size", "-1", NULL};

    (void)state;
    expect_usage_error(no_decision, "--decision is required with --doc-type adr");
    expect_usage_error(no_scenario, "--scenario is required with --doc-type runbook");
    expect_usage_error(unknown, "unknown option '--frobnicate'");
    expect_usage_error(missing, "option '--doc-type' needs a value");
    expect_usage_error(bad_type, "unknown --doc-type 'novel' (expected architecture, adr, api, "
                                 "dev-guide, runbook, changelog, model or all)");
    expect_usage_error(no_type, "--doc-type is required (architecture, adr, api, dev-guide, "
                                "runbook, changelog, model or all)");
    expect_usage_error(stray, "unexpected argument 'extra'");
    expect_usage_error(wrong_doc, "--decision applies only to --doc-type adr");
    expect_usage_error(jobs, "--jobs needs a number from 1 to 1024, not '0'");
    expect_usage_error(date, "--since needs a date as YYYY-MM-DD, not '2024-13-01'");
    expect_usage_error(rev, "--rev needs two revisions as A..B, not 'v1'");
    expect_usage_error(both, "--output-dir and --output-file cannot be combined");
    expect_usage_error(size, "--max-file-size needs a size such as 500K or 2M, not '-1'");
}

static void help_lists_every_flag(void **state)
{
    static const char *const flags[] = {"--project-root",
                                        "--doc-type",
                                        "--decision",
                                        "--api-spec",
                                        "--scenario",
                                        "--include-setup",
                                        "--include-standards",
                                        "--generate-examples",
                                        "--output-dir",
                                        "--output-file",
                                        "--check",
                                        "--since",
                                        "--until",
                                        "--rev",
                                        "--templates",
                                        "--format",
                                        "--jobs",
                                        "--no-history",
                                        "--compile-commands FILE",
                                        "--quiet",
                                        "--version",
                                        "--help",
                                        NULL};
    char text[8192];
    FILE *f = fmemopen(text, sizeof(text), "w");
    int i;

    (void)state;
    ec_options_print_help(f);
    fclose(f);
    for (i = 0; flags[i]; i++)
        assert_non_null(strstr(text, flags[i]));
    assert_non_null(strstr(text, "--scenario \"Database migration failure\""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_seed_examples_parse),
        cmocka_unit_test(defaults_and_extensions),
        cmocka_unit_test(cache_flags),
        cmocka_unit_test(compile_commands_flag),
        cmocka_unit_test(usage_errors_are_one_clear_line),
        cmocka_unit_test(help_lists_every_flag),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
