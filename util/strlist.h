/*
 * strlist.h - NULL-terminated lists of strings, the shape every name table
 * of the analyzers has ({"vendor", "dist", ..., NULL}).
 */
#ifndef EC_UTIL_STRLIST_H
#define EC_UTIL_STRLIST_H

#include <stdbool.h>

/* Whether s is one of list's strings (byte for byte). */
bool ec_str_in(const char *s, const char *const *list);

#endif
