/*
 * run.h - one run of the pipeline: analyse, build the model, emit, write.
 */
#ifndef EC_CLI_RUN_H
#define EC_CLI_RUN_H

#include "cli/options.h"

/* Run with validated options; returns the process exit code and prints
 * its own one-line errors. */
int ec_run(const ec_options *opts);

#endif
