/*
 * alloc.h - allocation that cannot fail.
 *
 * Running out of memory is not an input error the tool could report and
 * survive, so these wrappers print one line and abort instead of returning
 * NULL. Everything they return is owned by the caller and freed with free().
 */
#ifndef EC_UTIL_ALLOC_H
#define EC_UTIL_ALLOC_H

#include <stddef.h>

void *ec_xmalloc(size_t size);
void *ec_xcalloc(size_t count, size_t size);
void *ec_xrealloc(void *ptr, size_t size);
char *ec_xstrdup(const char *s);
char *ec_xstrndup(const char *s, size_t len);

#endif
