/*
 * datadir.h - where the run-time data (templates/, queries) lives.
 *
 * Looked up in order: $ETACODEX_DATA_DIR; <dir of the executable>/../share/
 * etacodex (an installed binary); the source tree the binary was built from
 * (a binary run from its build directory). The first that holds templates/
 * wins.
 */
#ifndef EC_CLI_DATADIR_H
#define EC_CLI_DATADIR_H

#include "util/buf.h"

/* Put the data directory's path into out. EC_ENOTFOUND when none exists. */
int ec_datadir_find(ec_buf *out);

#endif
