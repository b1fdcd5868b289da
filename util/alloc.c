/*
 * alloc.c - allocation that aborts on exhaustion (see alloc.h).
 */
#include "alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(size_t size)
{
    fprintf(stderr, "etacodex: out of memory allocating %zu bytes\n", size);
    abort();
}

void *ec_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);

    if (!p)
        out_of_memory(size);
    return p;
}

void *ec_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);

    if (!p)
        out_of_memory(count * size);
    return p;
}

void *ec_xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);

    if (!p)
        out_of_memory(size);
    return p;
}

char *ec_xstrndup(const char *s, size_t len)
{
    char *p = ec_xmalloc(len + 1);

    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *ec_xstrdup(const char *s)
{
    return ec_xstrndup(s, strlen(s));
}
