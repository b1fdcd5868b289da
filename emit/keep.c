/*
 * keep.c - carrying people's blocks into a regenerated document (see keep.h).
 *
 * Two passes: collect the old file's blocks with the section each sits in,
 * then copy the new document line by line, putting old blocks into the
 * template's keep slots or at the end of their section. Whatever is left
 * over goes to the end, so no block is ever dropped.
 */
#include "emit/keep.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/array.h"
#include "util/error.h"

#define ORPHANS_HEADING "## Kept notes"

typedef struct {
    const char *p;
    size_t n; /* without the newline */
} line_t;

typedef struct {
    char *section;    /* section key (owned) */
    size_t nth;       /* which block of its section */
    const char *body; /* the lines between the markers, each with its newline */
    size_t body_len;
    bool used;
} keep_block;

typedef EC_ARRAY(keep_block) block_array;

/* How often each heading line has been seen, to tell repeated headings apart. */
typedef struct {
    EC_ARRAY(char *) seen;
    ec_buf key;
} sections;

static bool next_line(const char **p, const char *end, line_t *line)
{
    const char *nl;

    if (*p >= end)
        return false;
    nl = memchr(*p, '\n', (size_t)(end - *p));
    line->p = *p;
    line->n = nl ? (size_t)(nl - *p) : (size_t)(end - *p);
    *p = nl ? nl + 1 : end;
    return true;
}

static bool is_marker(line_t l, const char *marker)
{
    size_t m = strlen(marker);

    while (l.n && (*l.p == ' ' || *l.p == '\t'))
        l.p++, l.n--;
    while (l.n && (l.p[l.n - 1] == ' ' || l.p[l.n - 1] == '\t' || l.p[l.n - 1] == '\r'))
        l.n--;
    return l.n == m && memcmp(l.p, marker, m) == 0;
}

static bool is_fence(line_t l)
{
    size_t i = 0;

    while (i < 3 && i < l.n && l.p[i] == ' ')
        i++;
    return l.n - i >= 3 && (memcmp(l.p + i, "```", 3) == 0 || memcmp(l.p + i, "~~~", 3) == 0);
}

static bool is_heading(line_t l)
{
    size_t i = 0;

    while (i < l.n && i < 7 && l.p[i] == '#')
        i++;
    return i >= 1 && i <= 6 && (i == l.n || l.p[i] == ' ');
}

/* Enter the section of heading line l; its key becomes s->key. */
static void enter_section(sections *s, line_t l)
{
    size_t i, count = 0;

    ec_buf_reset(&s->key);
    ec_buf_add(&s->key, l.p, l.n);
    for (i = 0; i < s->seen.len; i++)
        if (strcmp(s->seen.items[i], s->key.ptr) == 0)
            count++;
    ec_array_push(&s->seen, ec_xstrdup(s->key.ptr));
    ec_buf_printf(&s->key, "\n%zu", count);
}

static void sections_init(sections *s)
{
    memset(s, 0, sizeof(*s));
    ec_buf_init(&s->key, 0);
    ec_buf_puts(&s->key, "\n0"); /* before the first heading */
}

static void sections_release(sections *s)
{
    size_t i;

    for (i = 0; i < s->seen.len; i++)
        free(s->seen.items[i]);
    ec_array_release(&s->seen);
    ec_buf_release(&s->key);
}

static void blocks_release(block_array *blocks)
{
    size_t i;

    for (i = 0; i < blocks->len; i++)
        free(blocks->items[i].section);
    ec_array_release(blocks);
}

static int marker_error(const char *path, size_t line, const char *what)
{
    return ec_error_set(EC_EINPUT, "%s:%zu: %s; fix the markers, or nothing can be kept", path,
                        line, what);
}

/* Collect the blocks of the file on disk. */
static int collect(const char *text, size_t len, const char *path, block_array *blocks)
{
    const char *p = text, *end = text + len, *body = NULL;
    size_t lineno = 0, open_line = 0, nth = 0;
    bool fence = false;
    sections s;
    line_t l;
    int err = 0;

    sections_init(&s);
    while (!err && next_line(&p, end, &l)) {
        lineno++;
        if (is_fence(l)) {
            fence = !fence; /* markers in fenced code are text, inside a block too */
        } else if (fence) {
            continue;
        } else if (body) {
            if (is_marker(l, EC_KEEP_OPEN)) {
                err = marker_error(path, lineno, "etacodex:keep inside another keep block");
            } else if (is_marker(l, EC_KEEP_CLOSE)) {
                keep_block b = {ec_xstrdup(s.key.ptr), nth++, body, (size_t)(l.p - body), false};
                ec_array_push(blocks, b);
                body = NULL;
            }
        } else if (is_heading(l)) {
            enter_section(&s, l);
            nth = 0;
        } else if (is_marker(l, EC_KEEP_OPEN)) {
            body = p;
            open_line = lineno;
        } else if (is_marker(l, EC_KEEP_CLOSE)) {
            err = marker_error(path, lineno, "etacodex:end without etacodex:keep");
        }
    }
    if (!err && body)
        err = marker_error(path, open_line, "etacodex:keep without etacodex:end");
    sections_release(&s);
    return err;
}

static keep_block *find_block(block_array *blocks, const char *section, size_t nth)
{
    size_t i;

    for (i = 0; i < blocks->len; i++)
        if (!blocks->items[i].used && blocks->items[i].nth == nth &&
            strcmp(blocks->items[i].section, section) == 0)
            return &blocks->items[i];
    return NULL;
}

/* A blank line before what follows, unless there is one already. */
static void separate(ec_buf *out)
{
    if (out->len && out->ptr[out->len - 1] != '\n')
        ec_buf_putc(out, '\n');
    if (out->len >= 2 && out->ptr[out->len - 2] != '\n')
        ec_buf_putc(out, '\n');
}

static void put_block(ec_buf *out, keep_block *b)
{
    separate(out);
    ec_buf_puts(out, EC_KEEP_OPEN "\n");
    ec_buf_add(out, b->body, b->body_len);
    ec_buf_puts(out, EC_KEEP_CLOSE "\n\n");
    b->used = true;
}

/* The section ends: the old blocks of it that found no slot go here. */
static void flush_section(ec_buf *out, block_array *blocks, const char *section)
{
    size_t i;

    for (i = 0; i < blocks->len; i++)
        if (!blocks->items[i].used && strcmp(blocks->items[i].section, section) == 0)
            put_block(out, &blocks->items[i]);
}

static void flush_orphans(ec_buf *out, block_array *blocks)
{
    size_t i;
    bool heading = false;

    for (i = 0; i < blocks->len; i++) {
        if (blocks->items[i].used)
            continue;
        if (!heading) {
            separate(out);
            ec_buf_puts(out, ORPHANS_HEADING "\n\n");
            heading = true;
        }
        put_block(out, &blocks->items[i]);
    }
}

static bool any_unused(const block_array *blocks)
{
    size_t i;

    for (i = 0; i < blocks->len; i++)
        if (!blocks->items[i].used)
            return true;
    return false;
}

/* Copy doc into out, filling its keep slots and section ends from blocks. */
static void merge(ec_buf *out, const ec_buf *doc, block_array *blocks)
{
    const char *p = doc->ptr, *end = doc->ptr + doc->len;
    bool fence = false, in_slot = false, replaced = false;
    size_t nth = 0;
    sections s;
    line_t l;

    sections_init(&s);
    while (next_line(&p, end, &l)) {
        if (in_slot && is_marker(l, EC_KEEP_CLOSE)) {
            in_slot = false;
        } else if (in_slot) {
            if (replaced)
                continue; /* the template's default text gives way */
        } else if (is_fence(l)) {
            fence = !fence;
        } else if (!fence && is_heading(l)) {
            flush_section(out, blocks, s.key.ptr);
            enter_section(&s, l);
            nth = 0;
        } else if (!fence && is_marker(l, EC_KEEP_OPEN)) {
            keep_block *b = find_block(blocks, s.key.ptr, nth++);

            in_slot = true;
            replaced = b != NULL;
            ec_buf_add(out, l.p, (size_t)(p - l.p));
            if (b) {
                ec_buf_add(out, b->body, b->body_len);
                b->used = true;
            }
            continue;
        }
        ec_buf_add(out, l.p, (size_t)(p - l.p));
    }
    if (fence && any_unused(blocks)) {
        /* A document ending inside fenced code would swallow the blocks put
         * after it: they would be code, not markers, next time. */
        if (out->len && out->ptr[out->len - 1] != '\n')
            ec_buf_putc(out, '\n');
        ec_buf_puts(out, "```\n");
    }
    flush_section(out, blocks, s.key.ptr);
    flush_orphans(out, blocks);
    sections_release(&s);
}

int ec_keep_merge(ec_buf *doc, const char *old, size_t old_len, const char *old_path)
{
    block_array blocks = EC_ARRAY_INIT;
    ec_buf out;
    int err;

    err = collect(old, old_len, old_path, &blocks);
    if (!err && blocks.len) {
        ec_buf_init(&out, 0);
        merge(&out, doc, &blocks);
        ec_buf_release(doc);
        *doc = out;
    }
    blocks_release(&blocks);
    return err;
}
