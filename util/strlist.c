/*
 * strlist.c - lists of strings (see strlist.h).
 */
#include "util/strlist.h"

#include <string.h>

bool ec_str_in(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(*list, s) == 0)
            return true;
    return false;
}

bool ec_str_in_n(const char *s, const char *const *items, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strcmp(items[i], s) == 0)
            return true;
    return false;
}

int ec_str_compare(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}
