/*
 * diag.h - the sink for problems found in the input.
 *
 * Analyzers never stop the run for a broken file: they record a diagnostic
 * (where, what) and go on. The sink is safe to use from several threads. The
 * command line prints the diagnostics at the end and the model keeps them.
 *
 * The sink owns copies of everything recorded; ec_diag_release() frees them.
 */
#ifndef EC_UTIL_DIAG_H
#define EC_UTIL_DIAG_H

#include <pthread.h>

#include "array.h"

typedef struct {
    char *path;    /* repository-relative, or "" for the whole run */
    unsigned line; /* 1-based, 0 when unknown */
    char *message; /* lowercase, no full stop */
} ec_diag;

typedef struct {
    pthread_mutex_t lock;
    EC_ARRAY(ec_diag) items;
} ec_diag_sink;

void ec_diag_init(ec_diag_sink *sink);
void ec_diag_release(ec_diag_sink *sink);

/* Record one diagnostic (printf format for the message). */
void ec_diag_add(ec_diag_sink *sink, const char *path, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Sort by path, line, message so that output does not depend on threads. */
void ec_diag_sort(ec_diag_sink *sink);

#endif
