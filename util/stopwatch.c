/*
 * stopwatch.c - phase timings (see stopwatch.h).
 */
#include "stopwatch.h"

#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void ec_stopwatch_start(ec_stopwatch *sw)
{
    sw->start = sw->last = now();
    sw->len = 0;
}

void ec_stopwatch_lap(ec_stopwatch *sw, const char *name)
{
    double t = now();
    size_t i;

    for (i = 0; i < sw->len && strcmp(sw->laps[i].name, name) != 0; i++)
        ;
    if (i < sw->len) {
        sw->laps[i].seconds += t - sw->last; /* a phase done in two parts */
    } else if (sw->len == EC_STOPWATCH_MAX_LAPS) {
        sw->laps[sw->len - 1].seconds += t - sw->last;
    } else {
        sw->laps[sw->len].name = name;
        sw->laps[sw->len].seconds = t - sw->last;
        sw->len++;
    }
    sw->last = t;
}

static double ms(double seconds)
{
    return seconds * 1000.0;
}

int ec_stopwatch_format(const ec_stopwatch *sw, ec_buf *out)
{
    size_t i;
    int err = 0;

    for (i = 0; i < sw->len && !err; i++)
        err = ec_buf_printf(out, "%s %.0f ms, ", sw->laps[i].name, ms(sw->laps[i].seconds));
    if (!err)
        err = ec_buf_printf(out, "total %.0f ms", ms(sw->last - sw->start));
    return err;
}
