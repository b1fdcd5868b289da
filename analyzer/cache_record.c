/*
 * cache_record.c - the byte format of a cached scan outcome (see
 * cache_record.h).
 *
 * Only what the scan computes from path and content is stored; where imports
 * lead is decided again on every run, since it depends on the other files.
 * Bump RECORD_FORMAT whenever a field is added, removed or reordered: old
 * records are then refused and rebuilt, never misread.
 */
#include "analyzer/cache_record.h"

#include <stdint.h>
#include <string.h>

enum { RECORD_FORMAT = 3, TAG_FILE = 0, TAG_SKIP = 1 };

/* Limits that no real file reaches: a corrupt count must not make the
 * decoder allocate without bound. */
enum { MAX_ITEMS = 1u << 20 };

static void put_num(ec_buf *out, uint64_t v)
{
    do {
        unsigned char byte = v & 0x7f;

        v >>= 7;
        ec_buf_putc(out, (char)(v ? byte | 0x80 : byte));
    } while (v);
}

static void put_str(ec_buf *out, const char *s)
{
    size_t n = s ? strlen(s) : 0;

    put_num(out, n);
    ec_buf_add(out, s ? s : "", n);
}

void ec_cache_record_encode_skip(ec_buf *out, ec_skip_reason reason, const char *detail)
{
    ec_buf_putc(out, RECORD_FORMAT);
    ec_buf_putc(out, TAG_SKIP);
    put_num(out, (uint64_t)reason);
    put_str(out, detail);
}

static void encode_imports(ec_buf *out, const ec_file_fact *file)
{
    size_t i;

    put_num(out, file->imports.len);
    for (i = 0; i < file->imports.len; i++) {
        const ec_import_fact *im = &file->imports.items[i];

        put_str(out, im->spec);
        put_num(out, im->line);
        put_num(out, im->level);
        put_num(out, (uint64_t)im->system | (uint64_t)im->dynamic << 1);
    }
}

static void encode_definitions(ec_buf *out, const ec_file_fact *file)
{
    size_t i;

    put_num(out, file->definitions.len);
    for (i = 0; i < file->definitions.len; i++) {
        const ec_definition_fact *d = &file->definitions.items[i];

        put_str(out, d->name);
        put_str(out, d->kind);
        put_num(out, d->line);
        put_num(out, d->exported);
        put_num(out, d->complexity);
    }
}

static void encode_env(ec_buf *out, const ec_file_fact *file)
{
    size_t i;

    put_num(out, file->env.len);
    for (i = 0; i < file->env.len; i++) {
        put_str(out, file->env.items[i].name);
        put_num(out, file->env.items[i].line);
        put_str(out, file->env.items[i].fallback);
    }
}

static void encode_migration_flags(ec_buf *out, const ec_file_fact *file)
{
    size_t i;

    put_num(out, file->migration_flags.len);
    for (i = 0; i < file->migration_flags.len; i++) {
        put_str(out, file->migration_flags.items[i].name);
        put_num(out, file->migration_flags.items[i].line);
        put_num(out, file->migration_flags.items[i].command);
    }
}

void ec_cache_record_encode_file(ec_buf *out, const ec_file_fact *file)
{
    ec_buf_putc(out, RECORD_FORMAT);
    ec_buf_putc(out, TAG_FILE);
    put_str(out, file->lang ? file->lang->name : "");
    put_num(out, file->lines.lines);
    put_num(out, file->lines.code);
    put_num(out, file->lines.comment);
    put_num(out, file->lines.blank);
    put_num(out, file->size);
    put_num(out, file->parsed);
    put_num(out, file->parse_errors);
    put_str(out, file->description);
    put_str(out, file->package);
    put_num(out, file->complexity_total);
    put_num(out, file->complexity_max);
    encode_imports(out, file);
    encode_definitions(out, file);
    encode_env(out, file);
    encode_migration_flags(out, file);
}

/* A cursor over untrusted bytes: once ok is false every read yields 0/"". */
typedef struct {
    const unsigned char *p, *end;
    ec_arena *arena;
    bool ok;
} reader;

static uint64_t get_num(reader *r)
{
    uint64_t v = 0;
    unsigned shift = 0;

    while (r->ok) {
        unsigned char byte;

        if (r->p == r->end || shift > 63) {
            r->ok = false;
            break;
        }
        byte = *r->p++;
        v |= (uint64_t)(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            return v;
        shift += 7;
    }
    return 0;
}

static unsigned get_uint(reader *r)
{
    uint64_t v = get_num(r);

    if (v > UINT32_MAX)
        r->ok = false;
    return r->ok ? (unsigned)v : 0;
}

static const char *get_str(reader *r)
{
    uint64_t n = get_num(r);
    const char *s;

    if (!r->ok || n > (uint64_t)(r->end - r->p)) {
        r->ok = false;
        return "";
    }
    s = ec_arena_strndup(r->arena, (const char *)r->p, (size_t)n);
    r->p += n;
    return s;
}

/* An item count, checked against what the remaining bytes could hold. */
static size_t get_count(reader *r)
{
    uint64_t n = get_num(r);

    if (n > MAX_ITEMS || n > (uint64_t)(r->end - r->p))
        r->ok = false;
    return r->ok ? (size_t)n : 0;
}

static void decode_imports(reader *r, ec_file_fact *file)
{
    size_t i, n = get_count(r);

    ec_array_reserve(&file->imports, n);
    for (i = 0; i < n && r->ok; i++) {
        ec_import_fact im = {0};
        uint64_t flags;

        im.spec = get_str(r);
        im.line = get_uint(r);
        im.level = get_uint(r);
        flags = get_num(r);
        im.system = flags & 1;
        im.dynamic = (flags >> 1) & 1;
        im.kind = EC_IMPORT_UNRESOLVED;
        im.target = "";
        ec_array_push(&file->imports, im);
    }
}

static void decode_definitions(reader *r, ec_file_fact *file)
{
    size_t i, n = get_count(r);

    ec_array_reserve(&file->definitions, n);
    for (i = 0; i < n && r->ok; i++) {
        ec_definition_fact d = {0};

        d.name = get_str(r);
        d.kind = get_str(r);
        d.line = get_uint(r);
        d.exported = get_num(r) != 0;
        d.complexity = get_uint(r);
        ec_array_push(&file->definitions, d);
    }
}

static void decode_env(reader *r, ec_file_fact *file)
{
    size_t i, n = get_count(r);

    ec_array_reserve(&file->env, n);
    for (i = 0; i < n && r->ok; i++) {
        ec_env_fact e = {0};

        e.name = get_str(r);
        e.line = get_uint(r);
        e.fallback = get_str(r);
        ec_array_push(&file->env, e);
    }
}

static void decode_migration_flags(reader *r, ec_file_fact *file)
{
    size_t i, n = get_count(r);

    ec_array_reserve(&file->migration_flags, n);
    for (i = 0; i < n && r->ok; i++) {
        ec_migration_flag_fact m = {0};

        m.name = get_str(r);
        m.line = get_uint(r);
        m.command = get_num(r) != 0;
        ec_array_push(&file->migration_flags, m);
    }
}

static void decode_file(reader *r, ec_file_fact *file)
{
    const char *lang = get_str(r);

    file->lang = lang[0] ? ec_lang_find(lang) : NULL;
    if (lang[0] && !file->lang)
        r->ok = false; /* a language this version does not know */
    file->lines.lines = get_num(r);
    file->lines.code = get_num(r);
    file->lines.comment = get_num(r);
    file->lines.blank = get_num(r);
    file->size = get_num(r);
    file->parsed = get_num(r) != 0;
    file->parse_errors = get_uint(r);
    file->description = get_str(r);
    file->package = get_str(r);
    file->complexity_total = get_uint(r);
    file->complexity_max = get_uint(r);
    decode_imports(r, file);
    decode_definitions(r, file);
    decode_env(r, file);
    decode_migration_flags(r, file);
}

bool ec_cache_record_decode(const void *data, size_t len, ec_arena *arena, ec_cache_record *rec)
{
    reader r = {data, (const unsigned char *)data + len, arena, true};
    unsigned tag;

    memset(rec, 0, sizeof(*rec));
    if (len < 2 || r.p[0] != RECORD_FORMAT)
        return false;
    tag = r.p[1];
    r.p += 2;
    if (tag == TAG_SKIP) {
        uint64_t reason = get_num(&r);

        rec->skipped = true;
        rec->reason = (ec_skip_reason)reason;
        rec->detail = get_str(&r);
        r.ok = r.ok && reason <= EC_SKIP_UNREADABLE;
    } else if (tag == TAG_FILE) {
        decode_file(&r, &rec->file);
    } else {
        r.ok = false;
    }
    if (!r.ok || r.p != r.end) {
        ec_file_fact_release(&rec->file);
        memset(rec, 0, sizeof(*rec));
        return false;
    }
    return true;
}
