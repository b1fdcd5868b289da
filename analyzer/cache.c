/*
 * cache.c - the SQLite store behind the incremental cache (see cache.h).
 *
 * Every record is read into memory when the cache opens: one query is far
 * cheaper than thousands of lookups, and it lets the scan's threads search a
 * sorted array without touching SQLite. New records are written on the
 * calling thread in a single transaction, so an interrupted run leaves the
 * previous database intact.
 */
#include "analyzer/cache.h"

#include <dirent.h>
#include <elf.h>
#include <link.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>
#include <sqlite3.h>

#include "util/alloc.h"
#include "util/arena.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/path.h"
#include "version.h"

/* Bump with cache_record.c's RECORD_FORMAT or the schema below. */
#define CACHE_FORMAT "2"

typedef struct {
    const char *path;
    const char *blob;
    const void *data;
    size_t len;
    bool used; /* found in this run; written only by the thread scanning path */
} entry;

typedef EC_ARRAY(entry) entry_array;

struct ec_cache {
    sqlite3 *db;
    bool read_only; /* --check: use what is there, create and write nothing */
    ec_buf file;    /* the database's path, for messages */
    ec_arena arena;
    entry_array loaded; /* sorted by (path, blob) */
    entry_array queued;
    atomic_size_t hits;
};

static const char schema[] = "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);"
                             "CREATE TABLE IF NOT EXISTS files (path TEXT NOT NULL, blob TEXT NOT "
                             "NULL, record BLOB NOT NULL, PRIMARY KEY (path, blob)) WITHOUT ROWID;";

static int compare_entry(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    int c = strcmp(x->path, y->path);

    return c ? c : strcmp(x->blob, y->blob);
}

/* The stored analyzer key into out ("" when there is none); an SQLite code. */
static int stored_key(sqlite3 *db, ec_buf *out)
{
    sqlite3_stmt *st;
    int rc;

    ec_buf_reset(out);
    rc = sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'analyzer'", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_text(st, 0))
        ec_buf_puts(out, (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Make the database hold records of this analyzer only; *same says whether
 * it did already (a read-only cache of another analyzer is left alone). */
static int adopt_key(const ec_cache *c, const char *key, bool *same)
{
    ec_buf old = EC_BUF_INIT;
    sqlite3 *db = c->db;
    sqlite3_stmt *st;
    int rc;

    rc = stored_key(db, &old);
    *same = rc == SQLITE_OK && strcmp(old.ptr, key) == 0;
    ec_buf_release(&old);
    if (rc != SQLITE_OK || *same || c->read_only)
        return rc;
    rc = sqlite3_exec(db, "BEGIN; DELETE FROM files;", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(
            db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('analyzer', ?)", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
        sqlite3_finalize(st);
    }
    if (rc == SQLITE_OK)
        return sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

static int load(ec_cache *c)
{
    sqlite3_stmt *st;
    int rc;

    rc = sqlite3_prepare_v2(c->db, "SELECT path, blob, record FROM files", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        entry e = {0};
        const void *data = sqlite3_column_blob(st, 2);
        void *copy;

        e.len = (size_t)sqlite3_column_bytes(st, 2);
        e.path = ec_arena_strdup(&c->arena, (const char *)sqlite3_column_text(st, 0));
        e.blob = ec_arena_strdup(&c->arena, (const char *)sqlite3_column_text(st, 1));
        copy = ec_arena_alloc(&c->arena, e.len ? e.len : 1);
        if (e.len)
            memcpy(copy, data, e.len);
        e.data = copy;
        ec_array_push(&c->loaded, e);
    }
    sqlite3_finalize(st);
    ec_array_sort(&c->loaded, compare_entry);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Open, set up and load the database at c->file; an SQLite code. */
static int open_db(ec_cache *c, const char *key)
{
    int flags = c->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(c->file.ptr, &c->db, flags, NULL);
    bool same = false;

    if (rc == SQLITE_OK)
        rc = sqlite3_busy_timeout(c->db, 5000);
    if (rc == SQLITE_OK && !c->read_only)
        rc = sqlite3_exec(c->db, "PRAGMA synchronous = NORMAL;", NULL, NULL, NULL);
    if (rc == SQLITE_OK && !c->read_only)
        rc = sqlite3_exec(c->db, schema, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = adopt_key(c, key, &same);
    if (rc == SQLITE_OK && same)
        rc = load(c);
    if (rc != SQLITE_OK)
        rc = sqlite3_extended_errcode(c->db) ? sqlite3_extended_errcode(c->db) : rc;
    return rc;
}

static void close_db(ec_cache *c)
{
    sqlite3_close(c->db);
    c->db = NULL;
    ec_array_release(&c->loaded);
    ec_arena_release(&c->arena);
}

/* Remove the database and its journals so that it can be made anew. */
static void remove_db(const char *file)
{
    static const char *const suffixes[] = {"", "-journal", "-wal", "-shm"};
    ec_buf p = EC_BUF_INIT;
    size_t i;

    for (i = 0; i < sizeof(suffixes) / sizeof(*suffixes); i++) {
        ec_buf_reset(&p);
        ec_buf_printf(&p, "%s%s", file, suffixes[i]);
        unlink(p.ptr);
    }
    ec_buf_release(&p);
}

static bool is_damage(int rc)
{
    rc &= 0xff;
    return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB || rc == SQLITE_FORMAT ||
           rc == SQLITE_SCHEMA || rc == SQLITE_ERROR || rc == SQLITE_MISMATCH;
}

/* A .gitignore that keeps the cache out of `git status` wherever it lives. */
static void ignore_dir(const char *dir)
{
    ec_buf p = EC_BUF_INIT;

    ec_path_join(&p, dir, ".gitignore");
    if (!ec_fs_exists(p.ptr))
        ec_fs_write_atomic(p.ptr, "*\n", 2);
    ec_buf_release(&p);
}

ec_cache *ec_cache_open(const char *dir, const char *analyzer_key, bool read_only,
                        ec_diag_sink *diags)
{
    ec_cache *c;
    int rc;

    if (!read_only && ec_fs_mkdirs(dir) != 0) {
        ec_diag_add(diags, "", 0, "%s: running without the cache", ec_error_last());
        return NULL;
    }
    c = ec_xcalloc(1, sizeof(*c));
    c->read_only = read_only;
    ec_arena_init(&c->arena);
    ec_path_join(&c->file, dir, "cache.db");
    if (read_only && !ec_fs_exists(c->file.ptr)) {
        ec_cache_close(c);
        return NULL; /* nothing to read, and nothing may be made */
    }
    if (!read_only)
        ignore_dir(dir);
    rc = open_db(c, analyzer_key);
    if (rc != SQLITE_OK && is_damage(rc) && !read_only) {
        ec_diag_add(diags, "", 0, "cache '%s' is damaged (%s): rebuilt", c->file.ptr,
                    sqlite3_errstr(rc));
        close_db(c);
        ec_arena_init(&c->arena);
        remove_db(c->file.ptr);
        rc = open_db(c, analyzer_key);
    }
    if (rc != SQLITE_OK) {
        ec_diag_add(diags, "", 0, "cache '%s' cannot be used (%s): running without it", c->file.ptr,
                    sqlite3_errstr(rc));
        ec_cache_close(c);
        return NULL;
    }
    return c;
}

bool ec_cache_find(const ec_cache *cache, const char *path, const char *blob, ec_cache_blob *out)
{
    entry key = {path, blob, NULL, 0, false};
    entry *e;

    if (!cache || cache->loaded.len == 0)
        return false;
    e = bsearch(&key, cache->loaded.items, cache->loaded.len, sizeof(entry), compare_entry);
    if (!e)
        return false;
    e->used = true;
    atomic_fetch_add(&((ec_cache *)cache)->hits, 1);
    out->data = e->data;
    out->len = e->len;
    return true;
}

void ec_cache_put(ec_cache *cache, const char *path, const char *blob, const void *data, size_t len)
{
    entry e = {0};
    void *copy;

    if (!cache)
        return;
    e.path = ec_arena_strdup(&cache->arena, path);
    e.blob = ec_arena_strdup(&cache->arena, blob);
    copy = ec_arena_alloc(&cache->arena, len ? len : 1);
    if (len)
        memcpy(copy, data, len);
    e.data = copy;
    e.len = len;
    ec_array_push(&cache->queued, e);
}

static int run_rows(sqlite3 *db, const char *sql, const entry *rows, size_t n,
                    bool (*want)(const entry *))
{
    sqlite3_stmt *st;
    size_t i;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);

    for (i = 0; i < n && rc == SQLITE_OK; i++) {
        if (want && !want(&rows[i]))
            continue;
        sqlite3_bind_text(st, 1, rows[i].path, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, rows[i].blob, -1, SQLITE_STATIC);
        if (sqlite3_bind_parameter_count(st) == 3)
            sqlite3_bind_blob(st, 3, rows[i].data, (int)rows[i].len, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

static bool unused(const entry *e)
{
    return !e->used;
}

/* Records nobody asked for this run, once they outnumber the current ones
 * (with room for a branch switch's worth), are dropped. */
static bool should_prune(const ec_cache *c)
{
    size_t i, stale = 0, current = c->queued.len;

    for (i = 0; i < c->loaded.len; i++)
        stale += !c->loaded.items[i].used;
    current += c->loaded.len - stale;
    return stale > current + 1000;
}

void ec_cache_commit(ec_cache *cache, ec_diag_sink *diags)
{
    int rc;

    if (!cache || cache->read_only || (cache->queued.len == 0 && !should_prune(cache)))
        return;
    rc = sqlite3_exec(cache->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = run_rows(cache->db,
                      "INSERT OR REPLACE INTO files (path, blob, record) VALUES (?, ?, ?)",
                      cache->queued.items, cache->queued.len, NULL);
    if (rc == SQLITE_OK && should_prune(cache))
        rc = run_rows(cache->db, "DELETE FROM files WHERE path = ? AND blob = ?",
                      cache->loaded.items, cache->loaded.len, unused);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(cache->db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        ec_diag_add(diags, "", 0, "cache '%s' not updated: %s", cache->file.ptr,
                    sqlite3_errmsg(cache->db));
        sqlite3_exec(cache->db, "ROLLBACK", NULL, NULL, NULL);
    }
}

size_t ec_cache_hits(const ec_cache *cache)
{
    return cache ? atomic_load(&((ec_cache *)cache)->hits) : 0;
}

size_t ec_cache_misses(const ec_cache *cache)
{
    return cache ? cache->queued.len : 0;
}

void ec_cache_close(ec_cache *cache)
{
    if (!cache)
        return;
    sqlite3_close(cache->db);
    ec_array_release(&cache->loaded);
    ec_array_release(&cache->queued);
    ec_arena_release(&cache->arena);
    ec_buf_release(&cache->file);
    free(cache);
}

static int compare_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add every *.scm file of dir, in name order, to what is hashed. */
static void hash_queries(ec_buf *all, const char *dir)
{
    EC_ARRAY(char *) names = EC_ARRAY_INIT;
    ec_buf p = EC_BUF_INIT;
    struct dirent *de;
    DIR *d = opendir(dir);
    size_t i;

    while (d && (de = readdir(d)) != NULL) {
        const char *ext = ec_path_extension(de->d_name);

        if (ext && strcmp(ext, "scm") == 0)
            ec_array_push(&names, ec_xstrdup(de->d_name));
    }
    if (d)
        closedir(d);
    ec_array_sort(&names, compare_name);
    for (i = 0; i < names.len; i++) {
        ec_buf_reset(&p);
        ec_path_join(&p, dir, names.items[i]);
        ec_buf_printf(all, "%s\n", names.items[i]);
        ec_fs_read_file(all, p.ptr);
        free(names.items[i]);
    }
    ec_array_release(&names);
    ec_buf_release(&p);
}

/* The build id the linker stamped into the running program (a digest of its
 * content): any rebuild of the analyzer, even one that keeps the version
 * number, must not reuse what an older build found. */
static int find_build_id(struct dl_phdr_info *info, size_t size, void *out)
{
    int i;

    (void)size;
    for (i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        const unsigned char *p = (const unsigned char *)(info->dlpi_addr + ph->p_vaddr);
        const unsigned char *end = p + ph->p_memsz;

        while (ph->p_type == PT_NOTE && p + sizeof(ElfW(Nhdr)) <= end) {
            const ElfW(Nhdr) *n = (const ElfW(Nhdr) *)p;
            const unsigned char *desc = p + sizeof(*n) + ((n->n_namesz + 3) & ~3u);

            if (n->n_type == NT_GNU_BUILD_ID && desc + n->n_descsz <= end) {
                ec_buf *hex = out;
                ElfW(Word) j;

                for (j = 0; j < n->n_descsz; j++)
                    ec_buf_printf(hex, "%02x", desc[j]);
                return 1;
            }
            p = desc + ((n->n_descsz + 3) & ~3u);
        }
    }
    return 1; /* the first object is the program itself: stop there */
}

static void hash_program(ec_buf *hex)
{
    git_oid oid;
    char s[GIT_OID_HEXSZ + 1];

    dl_iterate_phdr(find_build_id, hex);
    if (hex->len)
        return;
    /* Linked without a build id: digest the program's bytes instead. */
    if (git_odb_hashfile(&oid, "/proc/self/exe", GIT_OBJECT_BLOB) == 0)
        ec_buf_puts(hex, git_oid_tostr(s, sizeof(s), &oid));
    else
        ec_buf_puts(hex, "unknown");
}

void ec_cache_analyzer_key(char *out, size_t size, const char *queries_dir)
{
    ec_buf all = EC_BUF_INIT, program = EC_BUF_INIT;
    char queries[GIT_OID_HEXSZ + 1];
    git_oid oid;

    hash_queries(&all, queries_dir);
    git_odb_hash(&oid, all.ptr, all.len, GIT_OBJECT_BLOB);
    git_oid_tostr(queries, sizeof(queries), &oid);
    hash_program(&program);
    snprintf(out, size, "etacodex %s cache %s program %s queries %s", EC_VERSION, CACHE_FORMAT,
             program.ptr, queries);
    ec_buf_release(&all);
    ec_buf_release(&program);
}
