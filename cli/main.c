/*
 * main.c - etacodex's entry point: parse, run, map errors to exit codes.
 *
 * Exit codes (DESIGN.md): 0 done, 1 --check found stale files, 2 usage error,
 * 3 input error, 4 internal error. Every error is one line on stderr.
 */
#include <stdio.h>

#include "cli/options.h"
#include "cli/run.h"
#include "util/error.h"
#include "version.h"

int main(int argc, char **argv)
{
    ec_options opts = EC_OPTIONS_INIT;
    int err;

    err = ec_options_parse(&opts, argc, argv);
    if (err) {
        fprintf(stderr, "etacodex: %s\n%s\n", ec_error_last(), EC_USAGE_LINE);
        return 2;
    }
    if (opts.help) {
        ec_options_print_help(stdout);
        return 0;
    }
    if (opts.version) {
        printf("etacodex %s\n", EC_VERSION);
        return 0;
    }
    return ec_run(&opts);
}
