/*
 * strlist.c - NULL-terminated lists of strings (see strlist.h).
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
