/*
 * tsv.c - tab-separated data files (see tsv.h).
 */
#include "util/tsv.h"

#include <string.h>

void ec_tsv_each(char *text, size_t n, void (*fn)(char **fields, void *ctx), void *ctx)
{
    char *line, *save = NULL;

    for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *f[8], *p = line;
        size_t k;

        if (*line == '#' || n > 8)
            continue;
        for (k = 0; k < n && p; k++) {
            f[k] = p;
            p = strchr(p, '\t');
            if (p)
                *p++ = '\0';
        }
        if (k == n && f[n - 1][0])
            fn(f, ctx);
    }
}
