/*
 * resolve.c - imports to files, packages and standard libraries (see
 * resolve.h): the shared index and the dispatcher (see resolve_index.h).
 *
 * An index over the file list answers the three questions every resolver
 * asks: is this exact path a file, is it a directory, which files end with
 * this path (by base name, so a lookup costs a few comparisons). The rules
 * of each language live in resolve_<language>.c.
 */
#include "analyzer/resolve.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/resolve_index.h"
#include "util/alloc.h"
#include "util/fs.h"
#include "util/path.h"

int ec_resolver_compare_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void ec_resolver_sort_unique(ec_str_array *a)
{
    size_t i, n = 0;

    ec_array_sort(a, ec_resolver_compare_str);
    for (i = 0; i < a->len; i++)
        if (n == 0 || strcmp(a->items[n - 1], a->items[i]) != 0)
            a->items[n++] = a->items[i];
    a->len = n;
}

bool ec_resolver_in_sorted(const ec_str_array *a, const char *s)
{
    return a->len &&
           bsearch(&s, a->items, a->len, sizeof(*a->items), ec_resolver_compare_str) != NULL;
}

const ec_file_fact *ec_resolver_fact(const ec_resolver *r, const char *path)
{
    const ec_file_fact *files = r->facts->files.items;
    size_t lo = 0, hi = r->facts->files.len;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(files[mid].path, path);

        if (c == 0)
            return &files[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* True when a directory above path was left out as a whole (vendor/):
 * the walk did not list what is inside it, yet it is the project's. */
static bool under_skipped(const ec_resolver *r, const char *path)
{
    ec_buf dir = EC_BUF_INIT;
    const char *slash;
    bool found = false;

    for (slash = strchr(path, '/'); slash && !found; slash = strchr(slash + 1, '/')) {
        ec_buf_reset(&dir);
        ec_buf_add(&dir, path, (size_t)(slash - path));
        found = ec_resolver_in_sorted(&r->skipped, dir.ptr);
    }
    ec_buf_release(&dir);
    return found;
}

static bool on_disk(const ec_resolver *r, const char *path)
{
    ec_buf full = EC_BUF_INIT;
    bool yes;

    ec_path_join(&full, r->root, path);
    yes = ec_fs_exists(full.ptr);
    ec_buf_release(&full);
    return yes;
}

/* A project file: analysed, left out (an image imported by a bundle), or
 * inside a directory left out whole. */
const char *ec_resolver_file(const ec_resolver *r, const char *path)
{
    const ec_file_fact *f = ec_resolver_fact(r, path);
    const char *const *s;

    if (f)
        return f->path;
    s = r->skipped.len ? bsearch(&path, r->skipped.items, r->skipped.len, sizeof(*r->skipped.items),
                                 ec_resolver_compare_str)
                       : NULL;
    if (s)
        return *s;
    return under_skipped(r, path) && on_disk(r, path) ? ec_arena_strdup(&r->facts->arena, path)
                                                      : NULL;
}

bool ec_resolver_is_dir(const ec_resolver *r, const char *path)
{
    return ec_resolver_in_sorted(&r->dirs, path) ||
           ((ec_resolver_in_sorted(&r->skipped, path) || under_skipped(r, path)) &&
            on_disk(r, path));
}

/* ---- the index ---- */

static int compare_base(const void *a, const void *b, void *ctx)
{
    const ec_file_fact *f = ((const ec_resolver *)ctx)->facts->files.items;
    int c = strcmp(ec_path_basename(f[*(const size_t *)a].path),
                   ec_path_basename(f[*(const size_t *)b].path));
    return c ? c
             : (*(const size_t *)a > *(const size_t *)b) -
                   (*(const size_t *)a < *(const size_t *)b);
}

static void build_index(ec_resolver *r)
{
    size_t i, n = r->facts->files.len;

    r->by_base = ec_xcalloc(n ? n : 1, sizeof(*r->by_base));
    for (i = 0; i < n; i++) {
        const char *path = r->facts->files.items[i].path, *slash = path;

        r->by_base[i] = i;
        while ((slash = strchr(slash, '/')) != NULL) {
            char *dir = ec_arena_strndup(&r->facts->arena, path, (size_t)(slash - path));
            ec_array_push(&r->dirs, dir);
            slash++;
        }
    }
    for (i = 0; i < r->facts->skipped.len; i++)
        ec_array_push(&r->skipped, r->facts->skipped.items[i].path);
    ec_array_sort(&r->skipped, ec_resolver_compare_str);
    qsort_r(r->by_base, n, sizeof(*r->by_base), compare_base, r);
    ec_resolver_sort_unique(&r->dirs);
}

static size_t common_prefix(const char *a, const char *b)
{
    size_t n = 0;

    while (a[n] && a[n] == b[n])
        n++;
    return n;
}

const char *ec_resolver_find_suffix(const ec_resolver *r, const char *suffix, const char *near)
{
    return ec_resolver_find_suffix_if(r, suffix, near, NULL, NULL);
}

const char *ec_resolver_find_suffix_if(const ec_resolver *r, const char *suffix, const char *near,
                                       ec_resolver_accept_fn accept, void *payload)
{
    const ec_file_fact *f = r->facts->files.items;
    const char *base = ec_path_basename(suffix), *best = NULL;
    size_t lo = 0, hi = r->facts->files.len, sl = strlen(suffix), best_common = 0;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (strcmp(ec_path_basename(f[r->by_base[mid]].path), base) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < r->facts->files.len; lo++) {
        const char *p = f[r->by_base[lo]].path;
        size_t pl = strlen(p), common;

        if (strcmp(ec_path_basename(p), base) != 0)
            break;
        if (pl < sl || strcmp(p + pl - sl, suffix) != 0 || (pl > sl && p[pl - sl - 1] != '/'))
            continue;
        if (accept && !accept(r, p, pl - sl, payload))
            continue;
        common = common_prefix(p, near);
        if (!best || common > best_common) {
            best = p;
            best_common = common;
        }
    }
    return best;
}

/* ---- data lists and build files ---- */

void ec_resolver_load_list(ec_resolver *r, const char *name, ec_str_array *out)
{
    ec_buf path = EC_BUF_INIT, text;
    char *p, *line;

    ec_buf_init(&text, 4 * 1024 * 1024);
    ec_path_join(&path, r->data_dir, name);
    if (ec_fs_read_file(&text, path.ptr) != 0) {
        ec_diag_add(&r->facts->diags, "", 0,
                    "cannot read %s: the names it lists are not known to "
                    "this run (standard-library imports count as external)",
                    path.ptr);
    } else {
        char *owned = ec_buf_detach(&text, NULL);

        ec_array_push(&r->owned, owned);
        for (p = owned; (line = strsep(&p, "\n")) != NULL;)
            if (line[0] && line[0] != '#')
                ec_array_push(out, line);
        ec_array_sort(out, ec_resolver_compare_str);
    }
    ec_buf_release(&path);
    ec_buf_release(&text);
}

int ec_resolver_read(ec_resolver *r, const char *path, ec_buf *out)
{
    ec_buf full = EC_BUF_INIT;
    int err;

    ec_buf_reset(out);
    ec_path_join(&full, r->root, path);
    err = ec_fs_read_file(out, full.ptr);
    ec_buf_release(&full);
    return err;
}

/* ---- helpers for the languages ---- */

void ec_resolver_set(ec_resolver *r, ec_import_fact *im, ec_import_kind kind, const char *target)
{
    im->kind = kind;
    im->target = target == im->spec ? target : ec_arena_strdup(&r->facts->arena, target);
}

char *ec_resolver_dir_of(ec_resolver *r, const char *path)
{
    const char *slash = strrchr(path, '/');
    return ec_arena_strndup(&r->facts->arena, path, slash ? (size_t)(slash - path) : 0);
}

bool ec_resolver_join(ec_resolver *r, const char *dir, const char *rel)
{
    ec_buf joined = EC_BUF_INIT;
    bool ok;

    ec_path_join(&joined, dir, rel);
    ok = ec_path_normalize(&r->scratch, joined.ptr) == 0;
    ec_buf_release(&joined);
    return ok;
}

const char *ec_resolver_first_file(ec_resolver *r, const char *base, const char *const *suffixes)
{
    ec_buf b = EC_BUF_INIT;
    const char *f = NULL;

    for (; *suffixes && !f; suffixes++) {
        ec_buf_reset(&b);
        ec_buf_printf(&b, "%s%s", base, *suffixes);
        f = ec_resolver_file(r, b.ptr);
    }
    ec_buf_release(&b);
    return f;
}

/* ---- the dispatcher ---- */

static const struct {
    const char *lang; /* ec_lang_name() */
    const ec_resolve_language *resolver;
} languages[] = {
    {"C", &ec_resolve_c},           {"C++", &ec_resolve_c},         {"Python", &ec_resolve_python},
    {"JavaScript", &ec_resolve_js}, {"TypeScript", &ec_resolve_js}, {"TSX", &ec_resolve_js},
    {"Go", &ec_resolve_go},         {"Java", &ec_resolve_java},     {"Rust", &ec_resolve_rust},
};

#define EC_RESOLVE_LANGS (sizeof(languages) / sizeof(languages[0]))

/* A language's state, prepared the first time one of its files comes up;
 * rows sharing a resolver (C and C++) share it. */
typedef struct {
    const ec_resolve_language *resolver;
    void *state;
} prepared;

static prepared *prepare(ec_resolver *r, prepared *done, size_t *n_done,
                         const ec_resolve_language *l)
{
    size_t i;

    for (i = 0; i < *n_done; i++)
        if (done[i].resolver == l)
            return &done[i];
    done[*n_done].resolver = l;
    done[*n_done].state = l->prepare ? l->prepare(r) : NULL;
    return &done[(*n_done)++];
}

static const ec_resolve_language *language_of(const ec_file_fact *f)
{
    const char *name = f->lang ? ec_lang_name(f->lang) : "";
    size_t i;

    for (i = 0; i < EC_RESOLVE_LANGS; i++)
        if (strcmp(languages[i].lang, name) == 0)
            return languages[i].resolver;
    return NULL;
}

void ec_resolve_imports(ec_facts *facts, const char *data_dir, const char *root)
{
    ec_resolver r;
    prepared done[EC_RESOLVE_LANGS];
    size_t n_done = 0, i, k;

    memset(&r, 0, sizeof(r));
    r.facts = facts;
    r.root = root;
    r.data_dir = data_dir;
    ec_buf_init(&r.scratch, 0);
    build_index(&r);
    for (i = 0; i < facts->files.len; i++) {
        ec_file_fact *f = &facts->files.items[i];
        const ec_resolve_language *l = language_of(f);
        prepared *p;

        if (!l)
            continue;
        p = prepare(&r, done, &n_done, l);
        if (!f->imports.len)
            continue;
        r.file_dir = ec_resolver_dir_of(&r, f->path);
        for (k = 0; k < f->imports.len; k++)
            if (!f->imports.items[k].resolved) /* libclang opened the file: it is known */
                l->resolve(&r, p->state, f, &f->imports.items[k]);
    }
    for (i = 0; i < n_done; i++)
        if (done[i].resolver->finish)
            done[i].resolver->finish(&r, done[i].state);
    for (i = 0; i < n_done; i++)
        if (done[i].resolver->release)
            done[i].resolver->release(done[i].state);
    for (i = 0; i < r.owned.len; i++)
        free(r.owned.items[i]);
    ec_array_release(&r.owned);
    ec_array_release(&r.dirs);
    ec_array_release(&r.skipped);
    free(r.by_base);
    ec_buf_release(&r.scratch);
}
