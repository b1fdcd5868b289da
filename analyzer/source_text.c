/*
 * source_text.c - literals, comments and sentences (see source_text.h).
 */
#include "analyzer/source_text.h"

#include <ctype.h>
#include <string.h>

#include "util/buf.h"

#define SENTENCE_MAX 300

char *ec_text_unquote(ec_arena *arena, const char *s, size_t n)
{
    size_t i = 0;

    while (i < n && i < 3 && strchr("rRbBuUfF", s[i]) && s[i] != '\0')
        i++; /* Python string prefixes */
    if (i == n || !strchr("\"'`<", s[i]) || s[i] == '\0')
        return ec_arena_strndup(arena, s, n);
    s += i;
    n -= i;
    if (n >= 6 && (memcmp(s, "\"\"\"", 3) == 0 || memcmp(s, "'''", 3) == 0) &&
        memcmp(s + n - 3, s, 3) == 0)
        return ec_arena_strndup(arena, s + 3, n - 6);
    if (n >= 2 && (s[n - 1] == s[0] || (s[0] == '<' && s[n - 1] == '>')))
        return ec_arena_strndup(arena, s + 1, n - 2);
    return ec_arena_strndup(arena, s + 1, n - 1); /* unterminated: keep what there is */
}

bool ec_text_is_license(const char *s, size_t n)
{
    static const char *const words[] = {"copyright", "license",    "licence",
                                        "spdx-",     "all rights", "permission is hereby",
                                        "warranty",  NULL};
    char lower[512];
    size_t i, m = n < sizeof(lower) - 1 ? n : sizeof(lower) - 1;

    for (i = 0; i < m; i++)
        lower[i] = (char)tolower((unsigned char)s[i]);
    lower[m] = '\0';
    for (i = 0; words[i]; i++)
        if (strstr(lower, words[i]))
            return true;
    return false;
}

bool ec_text_is_directive(const char *sentence)
{
    static const char *const prefixes[] = {
        "@",         "eslint", "prettier-",    "jshint", "jslint", "global ", "tslint",
        "istanbul ", "c8 ",    "biome-",       "-*-",    "vim:",   "pylint:", "noqa",
        "type:",     "fmt:",   "clang-format", "NOLINT", "go:",    "+build",  NULL};
    size_t i;

    for (i = 0; prefixes[i]; i++)
        if (strncmp(sentence, prefixes[i], strlen(prefixes[i])) == 0)
            return true;
    return false;
}

/* Markers at the start of a comment line: / * ! # and the like. */
static const char *skip_markers(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    while (p < end && strchr("/*!#-=;\"'`", *p) && *p != '\0')
        p++;
    return p;
}

/* A reStructuredText/Markdown title underline: "=====", "~~~~", "----". */
static bool is_underline(const char *p, const char *end)
{
    char c;

    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
        end--;
    if (end - p < 3 || !strchr("=-~^*#+", *p))
        return false;
    for (c = *p; p < end; p++)
        if (*p != c)
            return false;
    return true;
}

/* Two letters in a row somewhere: text, not drawing. */
static bool has_word(const char *s)
{
    for (; *s; s++)
        if (isalpha((unsigned char)s[0]) && isalpha((unsigned char)s[1]))
            return true;
    return false;
}

/* Does the sentence end after this '.', '!' or '?': end of text or white space. */
static bool sentence_ends(const ec_buf *b, const char *next, const char *end)
{
    char last = b->len ? b->ptr[b->len - 1] : 0;

    if (last != '.' && last != '!' && last != '?')
        return false;
    if (b->len >= 4 && memcmp(b->ptr + b->len - 4, "e.g.", 4) == 0)
        return false;
    if (b->len >= 4 && memcmp(b->ptr + b->len - 4, "i.e.", 4) == 0)
        return false;
    return next >= end || isspace((unsigned char)*next);
}

char *ec_text_first_sentence(ec_arena *arena, const char *s, size_t n)
{
    const char *p = s, *end = s + n;
    ec_buf b = EC_BUF_INIT;
    bool space = false, blank_line = false;
    char *out;

    while (p < end && b.len < SENTENCE_MAX) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = nl ? nl : end, *q = skip_markers(p, line_end);
        const char *stop = line_end;

        while (stop > q && strchr(" \t\r*/\"'`", stop[-1]))
            stop--; /* closing markers and quotes */
        if (is_underline(p, line_end)) {
            ec_buf_reset(&b); /* what came before was a title, not a sentence */
            space = blank_line = false;
            p = nl ? nl + 1 : end;
            continue;
        }
        if (q == stop) {
            blank_line = b.len > 0;
        } else if (blank_line) {
            break; /* a paragraph ends the sentence */
        }
        for (; q < stop && b.len < SENTENCE_MAX; q++) {
            if (isspace((unsigned char)*q)) {
                space = b.len > 0;
                continue;
            }
            if (space)
                ec_buf_putc(&b, ' ');
            space = false;
            ec_buf_putc(&b, *q);
            if (sentence_ends(&b, q + 1, stop))
                goto done;
        }
        space = b.len > 0;
        p = nl ? nl + 1 : end;
    }
    if (b.len >= SENTENCE_MAX) {
        char *cut = memrchr(b.ptr, ' ', b.len);
        if (cut)
            ec_buf_truncate(&b, (size_t)(cut - b.ptr));
    }
done:
    if (!has_word(b.ptr))
        ec_buf_reset(&b); /* ASCII art, a rule of dashes: no description */
    out = ec_arena_strndup(arena, b.ptr ? b.ptr : "", b.len);
    ec_buf_release(&b);
    return out;
}
