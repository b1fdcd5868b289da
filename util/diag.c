/*
 * diag.c - thread-safe diagnostic sink (see diag.h).
 */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"

void ec_diag_init(ec_diag_sink *sink)
{
    pthread_mutex_init(&sink->lock, NULL);
    sink->items.items = NULL;
    sink->items.len = sink->items.alloc = 0;
}

void ec_diag_release(ec_diag_sink *sink)
{
    size_t i;

    for (i = 0; i < sink->items.len; i++) {
        free(sink->items.items[i].path);
        free(sink->items.items[i].message);
    }
    ec_array_release(&sink->items);
    pthread_mutex_destroy(&sink->lock);
}

void ec_diag_add(ec_diag_sink *sink, const char *path, unsigned line, const char *fmt, ...)
{
    ec_buf msg = EC_BUF_INIT;
    ec_diag d;
    va_list ap;

    va_start(ap, fmt);
    ec_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    d.path = ec_xstrdup(path ? path : "");
    d.line = line;
    d.message = ec_buf_detach(&msg, NULL);
    pthread_mutex_lock(&sink->lock);
    ec_array_push(&sink->items, d);
    pthread_mutex_unlock(&sink->lock);
}

static int compare_diag(const void *a, const void *b)
{
    const ec_diag *x = a, *y = b;
    int c = strcmp(x->path, y->path);

    if (c)
        return c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return strcmp(x->message, y->message);
}

void ec_diag_sort(ec_diag_sink *sink)
{
    ec_array_sort(&sink->items, compare_diag);
}
