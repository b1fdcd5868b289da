/*
 * utf8.h - making repository text safe for outputs that require UTF-8.
 *
 * File names and file contents are bytes; JSON and Markdown need UTF-8.
 * Invalid sequences are replaced by U+FFFD (the replacement character)
 * rather than dropped, so the reader sees that something was there.
 */
#ifndef EC_UTIL_UTF8_H
#define EC_UTIL_UTF8_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* True when the len bytes at s are valid UTF-8 (no overlongs, no surrogates). */
bool ec_utf8_valid(const char *s, size_t len);

/* Append s to out with every invalid sequence replaced by U+FFFD. */
int ec_utf8_sanitize(ec_buf *out, const char *s, size_t len);

#endif
