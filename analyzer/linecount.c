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

typedef struct {
    const ec_lang *lang;
    const char *p, *end;
    unsigned depth;     /* open block comments */
    char ml_quote;      /* open multi-line string: '`', '"' or '\'' (tripled); 0 none */
    bool ml_docstring;  /* that string started a line: it counts as comment */
    bool code, comment; /* what the current line holds so far */
    bool starter[256];  /* bytes that may open a comment or a string */
    bool stop[256];     /* starter bytes and the newline */
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

/* Inside a block comment: find its end (or a nested opening). */
static void in_block(counter *c)
{
    const ec_lang *l = c->lang;

    if (!is_space(*c->p))
        c->comment = true; /* a whitespace-only line inside a comment is blank */
    if (starts(c, l->block_close)) {
        c->p += strlen(l->block_close);
        c->depth--;
    } else if (l->nested_blocks && starts(c, l->block_open)) {
        c->p += strlen(l->block_open);
        c->depth++;
    } else {
        c->p++;
    }
}

static void in_ml_string(counter *c)
{
    if (is_space(*c->p))
        ; /* a whitespace-only line inside a string is blank */
    else if (c->ml_docstring)
        c->comment = true;
    else
        c->code = true;
    if (*c->p == '\\' && c->p + 1 < c->end && c->p[1] != '\n') {
        c->p += 2;
        return;
    }
    if (c->ml_quote == '`' ? *c->p == '`'
                           : (c->end - c->p >= 3 && c->p[0] == c->ml_quote &&
                              c->p[1] == c->ml_quote && c->p[2] == c->ml_quote)) {
        c->p += c->ml_quote == '`' ? 1 : 3;
        c->ml_quote = 0;
        return;
    }
    c->p++;
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

static void skip_string(counter *c, char q)
{
    c->code = true;
    c->p++;
    while (c->p < c->end && *c->p != '\n') {
        if (*c->p == '\\' && c->p + 1 < c->end && c->p[1] != '\n') {
            c->p += 2;
            continue;
        }
        if (*c->p++ == q)
            return;
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
        while (q < c->end && !c->stop[(unsigned char)*q])
            q++;
        c->p = q;
    } else if (l->block_open && starts(c, l->block_open) &&
               !(l->block_open[0] == '=' && c->p != line_start)) {
        /* Ruby/Perl "=begin"/"=pod" only count at the start of a line */
        c->p += strlen(l->block_open);
        c->depth = 1;
        c->comment = true;
    } else if (line_comment_here(c, line_start)) {
        c->comment = true;
        while (c->p < c->end && *c->p != '\n')
            c->p++;
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
}

void ec_linecount(const ec_lang *lang, const char *text, size_t len, ec_line_counts *out)
{
    static const char *const no_markers[] = {NULL};
    static const ec_lang plain = {"",   0,    NULL,  NULL, NULL, no_markers,
                                  NULL, NULL, false, "",   false};
    counter c = {lang ? lang : &plain, text, text + len, 0, 0, false, false, false, {0}, {0}};
    const char *line_start = text;

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
