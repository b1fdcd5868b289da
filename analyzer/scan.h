/*
 * scan.h - reading listed files in parallel and turning each into facts.
 *
 * For each listed path: refuse symlinks and special files, apply the size
 * cap, read the bytes (capped), drop binary and generated files, detect the
 * language, count lines, and compute the git blob id unless the index
 * already knows it. The results are appended to facts in the order of items.
 *
 * Used by walk.c; separate because listing and reading are two concerns.
 */
#ifndef EC_ANALYZER_SCAN_H
#define EC_ANALYZER_SCAN_H

#include "analyzer/facts.h"
#include "analyzer/walk.h"

typedef struct {
    const char *path; /* root-relative; borrowed for the duration of the scan */
    char blob[41];    /* blob id known from the git index, "" to compute */
    bool submodule;   /* a gitlink: listed, never read */
} ec_scan_item;

int ec_scan_files(ec_facts *facts, const char *root, const ec_scan_item *items, size_t count,
                  const ec_walk_options *opts);

#endif
