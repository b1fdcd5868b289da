/*
 * stopwatch.h - wall time of named phases, for --timings.
 *
 * Monotonic clock; laps are measured from the previous lap (or the start).
 * Holds no heap memory: nothing to free. Names are borrowed (use literals).
 */
#ifndef EC_UTIL_STOPWATCH_H
#define EC_UTIL_STOPWATCH_H

#include <stddef.h>

#include "buf.h"

#define EC_STOPWATCH_MAX_LAPS 16

typedef struct {
    const char *name;
    double seconds;
} ec_lap;

typedef struct {
    double start, last;
    ec_lap laps[EC_STOPWATCH_MAX_LAPS];
    size_t len;
} ec_stopwatch;

void ec_stopwatch_start(ec_stopwatch *sw);

/* Record the time since the previous lap under name (added to an earlier
 * lap of the same name); laps past the maximum are folded into the last one. */
void ec_stopwatch_lap(ec_stopwatch *sw, const char *name);

/* Append "name 12 ms, ..., total 80 ms" to out. */
int ec_stopwatch_format(const ec_stopwatch *sw, ec_buf *out);

#endif
