/*
 * linecount.c - physical line classification (see linecount.h).
 *
 * A small state machine walks the bytes once. State that survives a newline:
 * the depth of an open block comment, and an open multi-line string (a
 * Python triple-quoted string or a JavaScript/Go backtick string). Ordinary
 * quoted strings end at the end of their line even when unterminated: in the
 * data and shell languages an apostrophe in prose must not swallow the file.
 *
 * A triple-quoted string that begins a line is a docstring and counts as
 * comment, as cloc counts it; one that follows code is code.
 */
#include "analyzer/linecount.h"

#include <stdbool.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

typedef struct {
    const ec_lang *lang;
    const char *p, *end;
    unsigned depth;      /* open block comments */
    char ml_quote;       /* open multi-line string: '`', '"' or '\'' (tripled); 0 none */
    bool ml_docstring;   /* that string started a line: it counts as comment */
    bool code, comment;  /* what the current line holds so far */
    bool starter[256];   /* bytes that may open a comment or a string */
    bool stop[256];      /* starter bytes and the newline */
    char stop_set[8];    /* the stop bytes as a list, for the vector scan */
    unsigned stop_count; /* 0: more than fit, use the table */
    size_t open_len, close_len;
} counter;

static bool starts(const counter *c, const char *s)
{
    size_t n;

    if (!s || *s != *c->p) /* the first byte rules out almost every position */
        return false;
    n = strlen(s);
    return (size_t)(c->end - c->p) >= n && memcmp(c->p, s, n) == 0;
}

static bool is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v';
}

/* First byte at or after p that is one of set[0..n), n <= 8, or end. Plain
 * code, comments and strings are most of every file, so with SSE2 this looks
 * at 16 bytes per step. */
static inline __attribute__((always_inline)) const char *find_any(const char *p, const char *end,
                                                                  const char *set, unsigned n)
{
#ifdef __SSE2__
    __m128i sets[8];
    unsigned i;

    for (i = 0; i < n; i++)
        sets[i] = _mm_set1_epi8(set[i]);
    while (end - p >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)p);
        __m128i hit = _mm_cmpeq_epi8(v, sets[0]);
        int mask;

        for (i = 1; i < n; i++)
            hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, sets[i]));
        mask = _mm_movemask_epi8(hit);
        if (mask)
            return p + __builtin_ctz((unsigned)mask);
        p += 16;
    }
#endif
    while (p < end && !memchr(set, *p, n))
        p++;
    return p;
}

/* Past the blanks at p on this line; true when something else follows. */
static bool skip_blanks(counter *c)
{
    while (c->p < c->end && is_space(*c->p))
        c->p++;
    return c->p < c->end && *c->p != '\n';
}

/* Inside a block comment, up to its end or the end of the line. */
static void in_block(counter *c)
{
    const ec_lang *l = c->lang;
    char set[3] = {'\n', l->block_close[0], l->block_open[0]};

    if (!c->comment && skip_blanks(c))
        c->comment = true; /* a whitespace-only line inside a comment is blank */
    while ((c->p = find_any(c->p, c->end, set, l->nested_blocks ? 3 : 2)) < c->end) {
        if (*c->p == '\n')
            return;
        if (starts(c, l->block_close)) {
            c->p += c->close_len;
            if (--c->depth == 0)
                return;
        } else if (l->nested_blocks && starts(c, l->block_open)) {
            c->p += c->open_len;
            c->depth++;
        } else {
            c->p++;
        }
    }
}

/* Inside a multi-line string, up to its end or the end of the line. */
static void in_ml_string(counter *c)
{
    char q = c->ml_quote, set[3] = {'\n', '\\', q};

    if (skip_blanks(c)) {
        /* a whitespace-only line inside a string is blank */
        if (c->ml_docstring)
            c->comment = true;
        else
            c->code = true;
    }
    while ((c->p = find_any(c->p, c->end, set, 3)) < c->end) {
        const char *p = c->p;

        if (*p == '\n')
            return;
        if (*p == '\\') {
            c->p += p + 1 < c->end && p[1] != '\n' ? 2 : 1;
        } else if (q == '`') {
            c->p++;
            c->ml_quote = 0;
            return;
        } else if (c->end - p >= 3 && p[1] == q && p[2] == q) {
            c->p += 3;
            c->ml_quote = 0;
            return;
        } else {
            c->p++;
        }
    }
}

/* A line comment starts here: "#" only at the start or after whitespace, so
 * "$#" and "a#b" in shell are not comments. */
static bool line_comment_here(const counter *c, const char *line_start)
{
    const char *const *m;

    for (m = c->lang->line_comments; *m; m++) {
        if (!starts(c, *m))
            continue;
        if ((*m)[0] == '#' && !(*m)[1] && c->p > line_start && !is_space(c->p[-1]))
            continue;
        return true;
    }
    return false;
}

/* An ordinary string: it ends at its quote or, unterminated, at the line's end. */
static void skip_string(counter *c, char q)
{
    char set[3] = {'\n', '\\', q};

    c->code = true;
    c->p++;
    while ((c->p = find_any(c->p, c->end, set, 3)) < c->end) {
        if (*c->p == '\n')
            return;
        if (*c->p == q) {
            c->p++;
            return;
        }
        c->p += c->p + 1 < c->end && c->p[1] != '\n' ? 2 : 1; /* an escape */
    }
}

static void in_code(counter *c, const char *line_start)
{
    const ec_lang *l = c->lang;
    char ch = *c->p;

    if (!c->starter[(unsigned char)ch]) {
        /* The common case, in two tight loops: leading blanks decide whether
         * the line has code; past that only a newline or a byte that may open
         * a comment or a string matters. */
        const char *q = c->p;

        while (q < c->end && !c->stop[(unsigned char)*q] && is_space(*q))
            q++;
        if (q < c->end && !c->stop[(unsigned char)*q])
            c->code = true;
        if (c->stop_count)
            c->p = find_any(q, c->end, c->stop_set, c->stop_count);
        else
            for (c->p = q; c->p < c->end && !c->stop[(unsigned char)*c->p];)
                c->p++;
    } else if (l->block_open && starts(c, l->block_open) &&
               !(l->block_open[0] == '=' && c->p != line_start)) {
        /* Ruby/Perl "=begin"/"=pod" only count at the start of a line */
        c->p += c->open_len;
        c->depth = 1;
        c->comment = true;
    } else if (line_comment_here(c, line_start)) {
        const char *nl = memchr(c->p, '\n', (size_t)(c->end - c->p));

        c->comment = true;
        c->p = nl ? nl : c->end;
    } else if (strchr(l->quotes, ch)) {
        bool triple = l->docstrings && c->end - c->p >= 3 && c->p[1] == ch && c->p[2] == ch;

        if (triple || ch == '`') {
            c->ml_quote = ch;
            c->ml_docstring = triple && !c->code;
            c->p += triple ? 3 : 1;
            if (c->ml_docstring)
                c->comment = true;
            else
                c->code = true;
        } else {
            skip_string(c, ch);
        }
    } else {
        c->code = true;
        c->p++;
    }
}

static void end_line(counter *c, ec_line_counts *out)
{
    out->lines++;
    if (c->code)
        out->code++;
    else if (c->comment)
        out->comment++;
    else
        out->blank++;
    c->code = c->comment = false;
}

static void mark_starters(counter *c)
{
    const char *const *m;
    const char *q;
    unsigned i;

    memset(c->starter, 0, sizeof(c->starter));
    if (c->lang->block_open)
        c->starter[(unsigned char)c->lang->block_open[0]] = true;
    for (m = c->lang->line_comments; *m; m++)
        c->starter[(unsigned char)(*m)[0]] = true;
    for (q = c->lang->quotes; *q; q++)
        c->starter[(unsigned char)*q] = true;
    c->starter[0] = false; /* a NUL byte is code, never the end of a marker list */
    memcpy(c->stop, c->starter, sizeof(c->stop));
    c->stop['\n'] = true;
    for (i = 0; i < 256; i++) {
        if (!c->stop[i])
            continue;
        if (c->stop_count == sizeof(c->stop_set)) {
            c->stop_count = 0; /* too many for the vector scan */
            break;
        }
        c->stop_set[c->stop_count++] = (char)i;
    }
    if (c->lang->block_open) {
        c->open_len = strlen(c->lang->block_open);
        c->close_len = strlen(c->lang->block_close);
    }
}

void ec_linecount(const ec_lang *lang, const char *text, size_t len, ec_line_counts *out)
{
    static const char *const no_markers[] = {NULL};
    static const ec_lang plain = {"",   0,    NULL,  NULL, NULL, no_markers,
                                  NULL, NULL, false, "",   false};
    counter c;
    const char *line_start = text;

    memset(&c, 0, sizeof(c));
    c.lang = lang ? lang : &plain;
    c.p = text;
    c.end = text + len;
    mark_starters(&c);
    memset(out, 0, sizeof(*out));
    while (c.p < c.end) {
        if (*c.p == '\n') {
            end_line(&c, out);
            line_start = ++c.p;
            continue;
        }
        if (c.depth)
            in_block(&c);
        else if (c.ml_quote)
            in_ml_string(&c);
        else
            in_code(&c, line_start);
    }
    if (len > 0 && text[len - 1] != '\n')
        end_line(&c, out);
}
