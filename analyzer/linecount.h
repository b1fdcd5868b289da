/*
 * linecount.h - blank, comment and code lines, counted as cloc counts them.
 *
 * Every physical line is exactly one of: blank (whitespace only), comment
 * (comment text and whitespace only) or code (anything else, including code
 * followed by a comment). A last line without a newline counts; an empty
 * file has no lines. One pass, no allocation: it runs over every file.
 */
#ifndef EC_ANALYZER_LINECOUNT_H
#define EC_ANALYZER_LINECOUNT_H

#include <stddef.h>

#include "analyzer/lang.h"

typedef struct {
    unsigned long lines, code, comment, blank;
} ec_line_counts;

/* lang NULL: no comment syntax, every non-blank line is code. */
void ec_linecount(const ec_lang *lang, const char *text, size_t len, ec_line_counts *out);

#endif
