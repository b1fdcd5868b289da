/*
 * strlist.h - lists of strings: NULL-terminated, the shape every name table
 * of the analyzers has ({"vendor", "dist", ..., NULL}), or counted.
 */
#ifndef EC_UTIL_STRLIST_H
#define EC_UTIL_STRLIST_H

#include <stdbool.h>
#include <stddef.h>

/* Whether s is one of list's strings (byte for byte). */
bool ec_str_in(const char *s, const char *const *list);

/* The same for the n strings of an array (an EC_ARRAY(const char *)'s
 * items and len). */
bool ec_str_in_n(const char *s, const char *const *items, size_t n);

/* qsort's comparison for an array of strings (const char *). */
int ec_str_compare(const void *a, const void *b);

#endif
