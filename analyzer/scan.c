/*
 * scan.c - per-file facts on a pool of threads (see scan.h).
 *
 * Workers take the next item index from an atomic counter and write into
 * that item's own result slot, so they share nothing else; the main thread
 * then copies the slots into the facts in item order. That keeps the output
 * independent of scheduling and keeps the (single-threaded) arena out of the
 * workers' hands.
 */
#include "analyzer/scan.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "analyzer/cache.h"
#include "analyzer/cache_record.h"
#include "analyzer/classify.h"
#include "analyzer/own_migrations.h"
#include "analyzer/source.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/path.h"

typedef struct {
    bool skipped;
    bool gone;    /* a tracked file no longer in the work tree */
    bool changed; /* a tracked file whose content is not the index's */
    ec_skip_reason reason;
    char detail[160];
    ec_file_fact file; /* path and blob filled by the main thread / worker */
    ec_buf record;     /* the outcome for the cache when it was computed, else empty */
} scan_result;

typedef struct {
    const char *root;
    int root_fd;
    const ec_scan_item *items;
    scan_result *results;
    size_t count;
    uint64_t max_size;
    atomic_size_t next;
    atomic_size_t done;
    pthread_mutex_t later_lock; /* guards later: items put off (see worker) */
    EC_ARRAY(size_t) later;
    const ec_walk_options *opts;
    ec_diag_sink *diags;
} scan_job;

static void skip(scan_result *r, ec_skip_reason reason, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void skip(scan_result *r, ec_skip_reason reason, const char *fmt, ...)
{
    va_list ap;

    r->skipped = true;
    r->reason = reason;
    va_start(ap, fmt);
    vsnprintf(r->detail, sizeof(r->detail), fmt, ap);
    va_end(ap);
}

/* A symlink is never followed: say where it points and why it is left out. */
static void classify_symlink(scan_job *job, const char *path, scan_result *r)
{
    char full[PATH_MAX], real[PATH_MAX];
    size_t n = strlen(job->root);

    if (snprintf(full, sizeof(full), "%s/%s", job->root, path) >= (int)sizeof(full)) {
        skip(r, EC_SKIP_SYMLINK, "path too long to resolve");
        return;
    }
    if (!realpath(full, real)) {
        if (errno == ELOOP)
            skip(r, EC_SKIP_SYMLINK, "symlink loop");
        else
            skip(r, EC_SKIP_SYMLINK, "dangling symlink");
        return;
    }
    if (strncmp(real, job->root, n) != 0 || (real[n] != '/' && real[n] != '\0'))
        skip(r, EC_SKIP_SYMLINK, "points outside the project root");
    else
        skip(r, EC_SKIP_SYMLINK, "alias of '%s'", real[n] ? real + n + 1 : ".");
}

/* Read all of fd into content, growing it as the file does: 0, or an errno
 * (EFBIG when the content passes the buffer's cap). */
static int read_all(int fd, ec_buf *content, size_t expected)
{
    ec_buf_reset(content);
    for (;;) {
        size_t want = expected > content->len ? expected - content->len : 4096;
        ssize_t n;

        if (content->cap && want > content->cap - content->len)
            want = content->cap - content->len;
        if (want == 0) {
            char probe; /* at the cap: one more byte means too large */
            n = read(fd, &probe, 1);
            return n > 0 ? EFBIG : n < 0 ? errno : 0;
        }
        if (ec_buf_grow(content, want))
            return EFBIG;
        n = read(fd, content->ptr + content->len, want);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errno;
        if (n == 0)
            return 0;
        content->len += (size_t)n;
        content->ptr[content->len] = '\0';
    }
}

/* Open a listed path without following symlinks and read it; on refusal the
 * result says why. Opening first and asking the descriptor saves a second
 * path lookup per file. */
static bool read_listed(scan_job *job, const ec_scan_item *item, scan_result *r, ec_buf *content,
                        struct stat *st_out)
{
    const char *path = item->path;
    struct stat st;
    int fd, err;

    memset(&st, 0, sizeof(st));
    fd = openat(job->root_fd, path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT && item->blob[0]) {
        r->gone = true; /* deleted since it was staged: nothing to read */
        return false;
    }
    if (fd < 0 && errno == ELOOP) {
        classify_symlink(job, path, r);
        return false;
    }
    if (fd < 0) {
        skip(r, errno == ENXIO ? EC_SKIP_SPECIAL : EC_SKIP_UNREADABLE, "%s", strerror(errno));
        return false;
    }
    err = fstat(fd, &st) < 0 ? errno : 0;
    if (!err && !S_ISREG(st.st_mode))
        skip(r, EC_SKIP_SPECIAL, "not a regular file");
    else if (!err && (uint64_t)st.st_size > job->max_size)
        skip(r, EC_SKIP_TOO_LARGE, "%lld bytes, over the %llu-byte cap", (long long)st.st_size,
             (unsigned long long)job->max_size);
    else if (!err)
        err = read_all(fd, content, (size_t)st.st_size);
    close(fd);
    *st_out = st;
    if (err == EFBIG)
        skip(r, EC_SKIP_TOO_LARGE, "over the %llu-byte cap", (unsigned long long)job->max_size);
    else if (err)
        skip(r, EC_SKIP_UNREADABLE, "%s", strerror(err));
    return !r->skipped;
}

/* git's test for an index entry still describing the file: same size,
 * modification time, inode and executable bit, and not racily clean. */
static bool matches_index(const ec_scan_item *item, const struct stat *st)
{
    const ec_index_stat *x = &item->stat;

    return !item->racy && x->size == (uint32_t)st->st_size && x->mtime_s == st->st_mtim.tv_sec &&
           x->mtime_ns == (uint32_t)st->st_mtim.tv_nsec && x->ino == (uint64_t)st->st_ino &&
           x->exec == ((st->st_mode & S_IXUSR) != 0);
}

/* The blob id of what was read: the index's when the file provably did not
 * change, else the content's hash (which may still equal the index's). */
static void set_blob(const ec_scan_item *item, const struct stat *st, const ec_buf *content,
                     scan_result *r)
{
    git_oid oid;

    if (item->blob[0] && matches_index(item, st)) {
        memcpy(r->file.blob, item->blob, sizeof(r->file.blob));
        return;
    }
    git_odb_hash(&oid, content->ptr, content->len, GIT_OBJECT_BLOB);
    git_oid_tostr(r->file.blob, sizeof(r->file.blob), &oid);
    if (item->blob[0] && strcmp(r->file.blob, item->blob) != 0)
        r->changed = true;
}

/* What one thread owns: its parser and the arena its facts' strings go to. */
typedef struct {
    scan_job *job;
    ec_source_parser *parser; /* NULL without source analysis */
    ec_arena *arena;
} worker_state;

/* Take the outcome stored for path at r's blob; false when there is none. */
static bool reuse(const scan_job *job, worker_state *ws, const char *path, scan_result *r)
{
    ec_cache_record rec;
    ec_cache_blob found;

    if (!ec_cache_find(job->opts->cache, path, r->file.blob, &found) ||
        !ec_cache_record_decode(found.data, found.len, ws->arena, &rec))
        return false;
    if (rec.skipped) {
        skip(r, rec.reason, "%s", rec.detail);
        return true;
    }
    memcpy(rec.file.blob, r->file.blob, sizeof(rec.file.blob));
    r->file = rec.file;
    return true;
}

/* A tracked file whose stat data still matches the index has the index's
 * blob id: when the cache knows that blob, the file need not even be read. */
static bool reuse_unchanged(const scan_job *job, worker_state *ws, const ec_scan_item *item,
                            scan_result *r)
{
    struct stat st;

    if (!job->opts->cache || !item->blob[0] ||
        fstatat(job->root_fd, item->path, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISREG(st.st_mode) ||
        (uint64_t)st.st_size > job->max_size || !matches_index(item, &st))
        return false;
    memcpy(r->file.blob, item->blob, sizeof(r->file.blob));
    return reuse(job, ws, item->path, r);
}

/* Classify, count and parse what was read. False, with nothing done, when
 * the file's language is busy (another thread compiles its query) and may_wait
 * is false. */
static bool analyse(scan_job *job, worker_state *ws, const char *path, const ec_buf *content,
                    ec_buf *detail, bool may_wait, scan_result *r)
{
    if (ec_classify_binary(content->ptr, content->len)) {
        skip(r, EC_SKIP_BINARY, "NUL byte in the first 8000 bytes");
        return true;
    }
    r->file.lang = ec_lang_detect(path, content->ptr, content->len);
    if (!may_wait && ws->parser && ec_source_busy(job->opts->source, r->file.lang))
        return false;
    if (ec_classify_generated(path, r->file.lang, content->ptr, content->len, detail)) {
        skip(r, EC_SKIP_GENERATED, "%s", detail->ptr);
        return true;
    }
    ec_linecount(r->file.lang, content->ptr, content->len, &r->file.lines);
    r->file.size = content->len;
    r->file.description = "";
    r->file.package = "";
    if (ws->parser && ec_source_handles(job->opts->source, r->file.lang))
        ec_source_analyze(ws->parser, path, content->ptr, content->len, ws->arena, job->diags,
                          &r->file);
    ec_own_migrations_scan(&r->file, path, content->ptr, content->len, ws->arena);
    return true;
}

/* Fill item i's result; false when it was put off (see analyse) and its
 * result is still empty. */
static bool scan_one(scan_job *job, worker_state *ws, size_t i, ec_buf *content, ec_buf *detail,
                     bool may_wait)
{
    const ec_scan_item *item = &job->items[i];
    scan_result *r = &job->results[i];
    struct stat st;

    if (reuse_unchanged(job, ws, item, r))
        return true;
    if (!read_listed(job, item, r, content, &st))
        return true;
    set_blob(item, &st, content, r);
    if (reuse(job, ws, item->path, r))
        return true;
    if (!analyse(job, ws, item->path, content, detail, may_wait, r)) {
        memset(r, 0, sizeof(*r));
        return false;
    }
    if (!job->opts->cache)
        return true;
    if (r->skipped)
        ec_cache_record_encode_skip(&r->record, r->reason, r->detail);
    else
        ec_cache_record_encode_file(&r->record, &r->file);
    return true;
}

static void put_off(scan_job *job, size_t i)
{
    pthread_mutex_lock(&job->later_lock);
    ec_array_push(&job->later, i);
    pthread_mutex_unlock(&job->later_lock);
}

/* The next item put off, or SIZE_MAX when there is none. */
static size_t take_later(scan_job *job)
{
    size_t i = SIZE_MAX;

    pthread_mutex_lock(&job->later_lock);
    if (job->later.len)
        i = job->later.items[--job->later.len];
    pthread_mutex_unlock(&job->later_lock);
    return i;
}

/* Compiling a language's query takes up to about 100 ms, on the thread that
 * meets its first file. Another thread meeting a file of that language puts
 * it off and goes on with the rest, so no thread waits while there is other
 * work. Every thread that runs out of items then takes the ones put off, so
 * no item is left: the last to put one off takes it itself. */
static void *worker(void *arg)
{
    worker_state *ws = arg;
    scan_job *job = ws->job;
    ec_buf content, detail = EC_BUF_INIT;
    size_t i;

    ec_buf_init(&content, (size_t)job->max_size);
    while ((i = atomic_fetch_add(&job->next, 1)) < job->count) {
        if (!scan_one(job, ws, i, &content, &detail, false)) {
            put_off(job, i);
            continue;
        }
        atomic_fetch_add(&job->done, 1);
    }
    while ((i = take_later(job)) != SIZE_MAX) {
        scan_one(job, ws, i, &content, &detail, true);
        atomic_fetch_add(&job->done, 1);
    }
    ec_buf_release(&content);
    ec_buf_release(&detail);
    return NULL;
}

static unsigned job_count(const ec_walk_options *opts, size_t items)
{
    long n = opts->jobs ? (long)opts->jobs : sysconf(_SC_NPROCESSORS_ONLN);

    if (n < 1)
        n = 1;
    if (n > 64)
        n = 64;
    if ((size_t)n > items / 16 + 1)
        n = (long)(items / 16 + 1); /* threads are not worth it for a handful of files */
    return (unsigned)n;
}

/* Report progress from the main thread while the workers run. */
static void wait_with_progress(scan_job *job, const pthread_t *threads, unsigned n)
{
    unsigned t;

    if (job->opts->progress) {
        while (atomic_load(&job->done) < job->count) {
            job->opts->progress(atomic_load(&job->done), job->count, job->opts->payload);
            usleep(50 * 1000);
        }
        job->opts->progress(job->count, job->count, job->opts->payload);
    }
    for (t = 0; t < n; t++)
        pthread_join(threads[t], NULL);
}

int ec_scan_files(ec_facts *facts, const char *root, const ec_scan_item *items, size_t count,
                  const ec_walk_options *opts)
{
    scan_job job;
    pthread_t *threads;
    worker_state *states;
    unsigned n, started = 0, t;
    size_t i;

    memset(&job, 0, sizeof(job));
    job.root = root;
    job.items = items;
    job.count = count;
    job.max_size = opts->max_file_size;
    job.opts = opts;
    job.diags = &facts->diags;
    atomic_init(&job.next, 0);
    atomic_init(&job.done, 0);
    job.root_fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (job.root_fd < 0)
        return ec_error_set(EC_EINPUT, "cannot open project root '%s': %s", root, strerror(errno));
    job.results = ec_xcalloc(count ? count : 1, sizeof(*job.results));
    pthread_mutex_init(&job.later_lock, NULL);

    n = job_count(opts, count);
    threads = ec_xcalloc(n, sizeof(*threads));
    states = ec_xcalloc(n, sizeof(*states));
    for (t = 0; t < n; t++) {
        states[t].job = &job;
        states[t].arena = ec_xmalloc(sizeof(ec_arena));
        ec_arena_init(states[t].arena);
        ec_facts_adopt_arena(facts, states[t].arena);
        if (opts->source)
            states[t].parser = ec_source_parser_new(opts->source);
    }
    for (t = 0; t < n; t++)
        if (pthread_create(&threads[started], NULL, worker, &states[started]) == 0)
            started++;
    if (started == 0)
        worker(&states[0]); /* no threads to be had: do the work here */
    wait_with_progress(&job, threads, started);
    for (t = 0; t < n; t++)
        ec_source_parser_free(states[t].parser);
    free(states);

    for (i = 0; i < count; i++) {
        scan_result *r = &job.results[i];

        if (r->gone || r->changed)
            facts->dirty = true;
        if (r->record.len)
            ec_cache_put(opts->cache, items[i].path, r->file.blob, r->record.ptr, r->record.len);
        ec_buf_release(&r->record);
        if (r->gone)
            continue;
        if (r->skipped) {
            ec_file_fact_release(&r->file);
            ec_facts_skip(facts, items[i].path, r->reason, r->detail);
            continue;
        }
        r->file.path = ec_arena_strdup(&facts->arena, items[i].path);
        ec_array_push(&facts->files, r->file);
    }
    free(threads);
    free(job.results);
    ec_array_release(&job.later);
    pthread_mutex_destroy(&job.later_lock);
    close(job.root_fd);
    return 0;
}
