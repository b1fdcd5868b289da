/*
 * tsv.h - the tab-separated data files (catalog/, stdlib/ lists) split into
 * fields.
 *
 * Lines starting with '#' and blank lines are skipped; a line with fewer
 * fields than asked for is skipped too. Fields point into the text, which
 * is changed in place (tabs and newlines become NULs) and must outlive them.
 */
#ifndef EC_UTIL_TSV_H
#define EC_UTIL_TSV_H

#include <stddef.h>

/* Call fn with the first n fields (n <= 8) of each data line of text. */
void ec_tsv_each(char *text, size_t n, void (*fn)(char **fields, void *ctx), void *ctx);

#endif
