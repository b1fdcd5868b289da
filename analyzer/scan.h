/*
 * scan.h - reading listed files in parallel and turning each into facts.
 *
 * For each listed path: refuse symlinks and special files, apply the size
 * cap, read the bytes (capped), drop binary and generated files, detect the
 * language, count lines, and take the git blob id from the index when the
 * file's stat data says it is unchanged (git's own rule, racy entries
 * included), else hash the content. The results are appended to facts in the
 * order of items.
 *
 * Used by walk.c; separate because listing and reading are two concerns.
 */
#ifndef EC_ANALYZER_SCAN_H
#define EC_ANALYZER_SCAN_H

#include <stdbool.h>
#include <stdint.h>

#include "analyzer/facts.h"
#include "analyzer/walk.h"

/* What the git index recorded about a tracked file when it was last staged:
 * while the file still matches it, the index's blob id is the content's. */
typedef struct {
    int64_t mtime_s;
    uint32_t mtime_ns;
    uint32_t size; /* the index keeps only the low 32 bits */
    uint64_t ino;
    bool exec;
} ec_index_stat;

typedef struct {
    const char *path; /* root-relative; borrowed for the duration of the scan */
    char blob[41];    /* blob id from the git index; "" when not tracked */
    bool submodule;   /* a gitlink: listed, never read */
    bool racy;        /* written in the index's own second: its stat data proves nothing */
    ec_index_stat stat;
} ec_scan_item;

typedef EC_ARRAY(ec_scan_item) ec_scan_items;

/* Read, classify and count items (sorted by path) into facts. A tracked item
 * whose file changed gets the blob id of its content and marks facts dirty;
 * one whose file is gone is dropped and marks facts dirty. */
int ec_scan_files(ec_facts *facts, const char *root, const ec_scan_item *items, size_t count,
                  const ec_walk_options *opts);

#endif
