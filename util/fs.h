/*
 * fs.h - reading and writing whole files safely.
 *
 * Reads are bounded by the cap of the destination buffer, so content from a
 * repository can never exhaust memory. Writes are atomic: the data goes to a
 * temporary file in the destination's directory which is then renamed over
 * the destination, so a reader (or a crash) sees the old file or the new one,
 * never half of either.
 */
#ifndef EC_UTIL_FS_H
#define EC_UTIL_FS_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* Append the content of path to out. EC_ETOOBIG when it would exceed
 * out->cap (out is then left as it was), EC_EINPUT when it cannot be read. */
int ec_fs_read_file(ec_buf *out, const char *path);

/* Replace path with data atomically (temporary file + rename). */
int ec_fs_write_atomic(const char *path, const void *data, size_t len);

/* Create directory path and its missing parents (mode 0777 & ~umask). */
int ec_fs_mkdirs(const char *path);

bool ec_fs_is_dir(const char *path);
bool ec_fs_exists(const char *path);

#endif
