/*
 * path.h - pure string operations on '/'-separated paths.
 *
 * Nothing here touches the file system. Paths inside the model are relative
 * to the project root, '/'-separated, without "./" or trailing '/'.
 * Returned pointers point into the argument (borrowed) unless said otherwise.
 */
#ifndef EC_UTIL_PATH_H
#define EC_UTIL_PATH_H

#include <stdbool.h>

#include "buf.h"

/* Append "/name" (or just name when out is empty) to out. */
int ec_path_join(ec_buf *out, const char *dir, const char *name);

/* The last component of path ("a/b.c" -> "b.c"). Borrowed from path. */
const char *ec_path_basename(const char *path);

/* The extension of the last component without the dot ("b.tar.gz" -> "gz");
 * "" when none. A leading dot is not an extension (".bashrc" -> ""). */
const char *ec_path_extension(const char *path);

/* True when path equals dir or lies under it (component-wise: "ab" is not
 * under "a"). Both must be normalised the same way. */
bool ec_path_is_under(const char *path, const char *dir);

/* True when path is under one of dirs (NULL-terminated; dirs may be NULL). */
bool ec_path_is_under_any(const char *path, const char *const *dirs);

/* Lexically normalise: collapse "//", drop "." components, resolve ".."
 * against previous components. Returns EC_EINPUT when ".." would climb above
 * the start of a relative path. */
int ec_path_normalize(ec_buf *out, const char *path);

#endif
