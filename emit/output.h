/*
 * output.h - the set of files a run produces, written all at once or checked.
 *
 * Emitters add files to an ec_output (path + content in memory); nothing
 * touches the disk until the command line decides to either write the set
 * (ec_output_write) or compare it with what is on disk (ec_output_check, for
 * --check). Writing is atomic per file (temporary file + rename), creates
 * missing directories, and refuses to replace a file that etacodex did not
 * write unless force is set - checked for every file before any is written,
 * so a refusal leaves the disk untouched.
 *
 * The output owns its paths and buffers; ec_output_release() frees them.
 */
#ifndef EC_EMIT_OUTPUT_H
#define EC_EMIT_OUTPUT_H

#include <stdbool.h>

#include "util/array.h"
#include "util/buf.h"

typedef struct {
    char *path;
    ec_buf content;
} ec_output_file;

typedef struct {
    EC_ARRAY(ec_output_file) files;
} ec_output;

void ec_output_init(ec_output *out);
void ec_output_release(ec_output *out);

/* Add a file and return its (empty) content buffer to fill. Borrowed: valid
 * until the next ec_output_add() or the release. */
ec_buf *ec_output_add(ec_output *out, const char *path);

/* Carry the keep blocks (emit/keep.h) of the Markdown files on disk that
 * etacodex wrote into their new content. EC_EINPUT when an old file's
 * markers are broken: then nothing may be written. */
int ec_output_keep(ec_output *out);

/* True when existing file content carries the mark of an etacodex output. */
bool ec_output_is_ours(const char *content, size_t len);

/* Write every file. EC_EINPUT (nothing written) when a file exists that is
 * not ours and force is false. */
int ec_output_write(const ec_output *out, bool force);

/* Compare with the disk; append one line per stale or missing file to report.
 * Returns the number of stale files (0: up to date), negative on error. */
int ec_output_check(const ec_output *out, ec_buf *report);

#endif
