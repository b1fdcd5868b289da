/*
 * clang_record.c - a libclang unit to and from bytes (see clang_record.h).
 *
 * The format: a tag, then each array as a count and its items; numbers are
 * decimal text ended by ';', strings their length, ':' and their bytes.
 * Text is slower to read than fixed-width binary but needs no care about
 * byte order or alignment, and a record is read once per file per run.
 * The reader checks every length against what is left, so a damaged record
 * is refused, never overrun.
 */
#include "analyzer/clang_record.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define RECORD_TAG "ec-clang-1;"

void ec_clang_unit_release(ec_clang_unit *u)
{
    ec_array_release(&u->imports);
    ec_array_release(&u->definitions);
    ec_array_release(&u->calls);
    ec_array_release(&u->def_usrs);
    ec_array_release(&u->call_usrs);
    ec_array_release(&u->bad_lines);
    ec_array_release(&u->deps);
}

bool ec_clang_dep_stat(ec_clang_dep *dep)
{
    struct stat st;

    if (stat(dep->path, &st) != 0)
        return false;
    dep->size = (uint64_t)st.st_size;
    dep->mtime_s = (int64_t)st.st_mtim.tv_sec;
    dep->mtime_ns = (uint32_t)st.st_mtim.tv_nsec;
    return true;
}

bool ec_clang_unit_fresh(const ec_clang_unit *u)
{
    size_t i;

    for (i = 0; i < u->deps.len; i++) {
        ec_clang_dep now = u->deps.items[i];

        if (!ec_clang_dep_stat(&now) || now.size != u->deps.items[i].size ||
            now.mtime_s != u->deps.items[i].mtime_s || now.mtime_ns != u->deps.items[i].mtime_ns)
            return false;
    }
    return true;
}

/* ---- writing ---- */

static void put_num(ec_buf *out, uint64_t n)
{
    ec_buf_printf(out, "%" PRIu64 ";", n);
}

static void put_str(ec_buf *out, const char *s)
{
    size_t n = s ? strlen(s) : 0;

    ec_buf_printf(out, "%zu:", n);
    ec_buf_add(out, s ? s : "", n);
}

void ec_clang_record_encode(ec_buf *out, const ec_clang_unit *u)
{
    size_t i;

    ec_buf_puts(out, RECORD_TAG);
    put_num(out, u->outcome);
    put_num(out, u->imports.len);
    for (i = 0; i < u->imports.len; i++) {
        const ec_import_fact *im = &u->imports.items[i];

        put_str(out, im->spec);
        put_num(out, im->line);
        put_num(out,
                (unsigned)im->system | (unsigned)im->resolved << 1 | (unsigned)im->outside << 2);
        put_num(out, im->kind);
        put_str(out, im->target);
    }
    put_num(out, u->definitions.len);
    for (i = 0; i < u->definitions.len; i++) {
        const ec_definition_fact *d = &u->definitions.items[i];

        put_str(out, d->name);
        put_str(out, d->kind);
        put_num(out, d->line);
        put_num(out, d->exported);
        put_num(out, d->complexity);
        put_str(out, u->def_usrs.items[i]);
    }
    put_num(out, u->calls.len);
    for (i = 0; i < u->calls.len; i++) {
        const ec_call_fact *c = &u->calls.items[i];

        put_str(out, c->from);
        put_str(out, c->to);
        put_str(out, c->target);
        put_num(out, c->line);
        put_str(out, u->call_usrs.items[i]);
    }
    put_num(out, u->bad_lines.len);
    for (i = 0; i < u->bad_lines.len; i++)
        put_num(out, u->bad_lines.items[i]);
    put_num(out, u->deps.len);
    for (i = 0; i < u->deps.len; i++) {
        put_str(out, u->deps.items[i].path);
        put_num(out, u->deps.items[i].size);
        put_num(out, (uint64_t)u->deps.items[i].mtime_s);
        put_num(out, u->deps.items[i].mtime_ns);
    }
}

/* ---- reading ---- */

typedef struct {
    const char *p, *end;
    ec_arena *arena;
    bool ok;
} reader;

static uint64_t get_num(reader *r)
{
    uint64_t n = 0;

    while (r->ok && r->p < r->end && *r->p >= '0' && *r->p <= '9') {
        n = n * 10 + (uint64_t)(*r->p - '0');
        r->p++;
    }
    if (r->p >= r->end || *r->p != ';')
        r->ok = false;
    else
        r->p++;
    return n;
}

static const char *get_str(reader *r)
{
    uint64_t n = 0;

    while (r->ok && r->p < r->end && *r->p >= '0' && *r->p <= '9') {
        n = n * 10 + (uint64_t)(*r->p - '0');
        r->p++;
    }
    if (!r->ok || r->p >= r->end || *r->p != ':' || n > (uint64_t)(r->end - r->p - 1)) {
        r->ok = false;
        return "";
    }
    r->p++;
    r->p += n;
    return ec_arena_strndup(r->arena, r->p - n, (size_t)n);
}

/* A count no larger than the bytes left (each item takes at least one). */
static size_t get_count(reader *r)
{
    uint64_t n = get_num(r);

    if (n > (uint64_t)(r->end - r->p))
        r->ok = false;
    return r->ok ? (size_t)n : 0;
}

/* The static spelling of a definition kind, so kinds compare as the
 * tree-sitter front ends' do. */
static const char *known_kind(reader *r, const char *kind)
{
    static const char *const kinds[] = {"function", "method", "type", "prototype"};
    size_t i;

    for (i = 0; i < sizeof(kinds) / sizeof(*kinds); i++)
        if (!strcmp(kind, kinds[i]))
            return kinds[i];
    r->ok = false;
    return "";
}

static void get_imports(reader *r, ec_clang_unit *u)
{
    size_t i, n = get_count(r);

    for (i = 0; r->ok && i < n; i++) {
        ec_import_fact im;
        uint64_t flags, kind;

        memset(&im, 0, sizeof(im));
        im.spec = get_str(r);
        im.line = (unsigned)get_num(r);
        flags = get_num(r);
        kind = get_num(r);
        im.target = get_str(r);
        im.system = flags & 1;
        im.resolved = flags & 2;
        im.outside = flags & 4;
        if (kind > EC_IMPORT_STDLIB)
            r->ok = false;
        im.kind = (ec_import_kind)kind;
        ec_array_push(&u->imports, im);
    }
}

static void get_definitions(reader *r, ec_clang_unit *u)
{
    size_t i, n = get_count(r);

    for (i = 0; r->ok && i < n; i++) {
        ec_definition_fact d;
        const char *usr;

        memset(&d, 0, sizeof(d));
        d.name = get_str(r);
        d.kind = known_kind(r, get_str(r));
        d.line = (unsigned)get_num(r);
        d.exported = get_num(r) != 0;
        d.complexity = (unsigned)get_num(r);
        usr = get_str(r);
        ec_array_push(&u->definitions, d);
        ec_array_push(&u->def_usrs, usr[0] ? usr : NULL);
    }
}

static void get_calls(reader *r, ec_clang_unit *u)
{
    size_t i, n = get_count(r);

    for (i = 0; r->ok && i < n; i++) {
        ec_call_fact c;
        const char *usr;

        c.from = get_str(r);
        c.to = get_str(r);
        c.target = get_str(r);
        c.line = (unsigned)get_num(r);
        usr = get_str(r);
        ec_array_push(&u->calls, c);
        ec_array_push(&u->call_usrs, usr);
    }
}

static void get_rest(reader *r, ec_clang_unit *u)
{
    size_t i, n = get_count(r);

    for (i = 0; r->ok && i < n; i++) {
        unsigned line = (unsigned)get_num(r);
        ec_array_push(&u->bad_lines, line);
    }
    n = get_count(r);
    for (i = 0; r->ok && i < n; i++) {
        ec_clang_dep d;

        d.path = get_str(r);
        d.size = get_num(r);
        d.mtime_s = (int64_t)get_num(r);
        d.mtime_ns = (uint32_t)get_num(r);
        ec_array_push(&u->deps, d);
    }
}

bool ec_clang_record_decode(const void *data, size_t len, ec_arena *arena, ec_clang_unit *out)
{
    reader r = {data, (const char *)data + len, arena, true};
    size_t tag = strlen(RECORD_TAG);

    memset(out, 0, sizeof(*out));
    if (len < tag || memcmp(data, RECORD_TAG, tag) != 0)
        return false;
    r.p += tag;
    out->outcome = (unsigned)get_num(&r);
    get_imports(&r, out);
    get_definitions(&r, out);
    get_calls(&r, out);
    get_rest(&r, out);
    if (!r.ok || r.p != r.end) {
        ec_clang_unit_release(out);
        return false;
    }
    return true;
}
