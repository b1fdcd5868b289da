/*
 * walk.c - listing the project's files (see walk.h).
 *
 * Two sources feed one candidate list: git's view (index + status) or a
 * directory walk with git's ignore rules. The list is then sorted and passed
 * once through the path rules (excluded, metadata, vendored trees), and what
 * remains goes to scan.c to be read.
 *
 * A vendored tree is recorded once, as its top directory, however many files
 * it holds: a tracked node_modules must not bury the model in entries.
 */
#include "analyzer/walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <git2.h>
#include <git2/sys/repository.h>

#include "analyzer/classify.h"
#include "analyzer/scan.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/path.h"

typedef EC_ARRAY(ec_scan_item) item_array;

static void add_item(ec_facts *facts, item_array *items, const char *path, const char *blob)
{
    ec_scan_item it;

    it.path = ec_arena_strdup(&facts->arena, path);
    memset(it.blob, 0, sizeof(it.blob));
    it.submodule = false;
    if (blob)
        memcpy(it.blob, blob, sizeof(it.blob) - 1);
    ec_array_push(items, it);
}

static int compare_items(const void *a, const void *b)
{
    return strcmp(((const ec_scan_item *)a)->path, ((const ec_scan_item *)b)->path);
}

/* ---- git: the index plus untracked, not ignored files ---------------------- */

static int list_index(ec_facts *facts, ec_repo *repo, item_array *items)
{
    git_index *index = NULL;
    size_t i, n, plen = strlen(repo->prefix);

    if (git_repository_index(&index, repo->git) < 0)
        return ec_repo_git_error(EC_EINPUT, "cannot read the git index");
    n = git_index_entrycount(index);
    for (i = 0; i < n; i++) {
        const git_index_entry *e = git_index_get_byindex(index, i);
        char hex[GIT_OID_HEXSZ + 1];

        if (git_index_entry_stage(e) > 1 || strncmp(e->path, repo->prefix, plen) != 0)
            continue; /* a conflict's other sides, or outside the project root */
        git_oid_tostr(hex, sizeof(hex), &e->id);
        add_item(facts, items, e->path + plen, hex);
        if (e->mode == GIT_FILEMODE_COMMIT)
            items->items[items->len - 1].submodule = true;
    }
    git_index_free(index);
    return 0;
}

static bool under_excluded(const char *path, const ec_walk_options *opts)
{
    const char *const *x;

    for (x = opts->exclude; x && *x; x++)
        if (ec_path_is_under(path, *x))
            return true;
    return false;
}

static void apply_status(ec_facts *facts, ec_repo *repo, item_array *items, git_status_list *st,
                         const ec_walk_options *opts)
{
    size_t i, n = git_status_list_entrycount(st), plen = strlen(repo->prefix);
    size_t tracked = items->len;

    for (i = 0; i < n; i++) {
        const git_status_entry *e = git_status_byindex(st, i);
        const git_diff_delta *d = e->index_to_workdir ? e->index_to_workdir : e->head_to_index;
        const char *path = d->new_file.path;
        ec_scan_item *it;

        if (strncmp(path, repo->prefix, plen) != 0 || under_excluded(path + plen, opts))
            continue;
        path += plen;
        facts->dirty = true;
        if (e->status & GIT_STATUS_WT_NEW) {
            add_item(facts, items, path, NULL);
            continue;
        }
        it = bsearch(&(ec_scan_item){.path = path}, items->items, tracked, sizeof(*it),
                     compare_items);
        if (!it)
            continue;
        if (e->status & GIT_STATUS_WT_DELETED)
            it->path = NULL; /* gone from the work tree: nothing to read */
        else if (e->status & (GIT_STATUS_WT_MODIFIED | GIT_STATUS_WT_TYPECHANGE))
            it->blob[0] = '\0'; /* the index's id is stale: hash the content */
    }
}

static void drop_deleted(item_array *items)
{
    size_t i, kept = 0;

    for (i = 0; i < items->len; i++)
        if (items->items[i].path)
            items->items[kept++] = items->items[i];
    items->len = kept;
}

static int list_git(ec_facts *facts, ec_repo *repo, item_array *items, const ec_walk_options *opts)
{
    git_status_options so;
    git_status_list *st = NULL;
    char *spec = NULL;
    int err;

    git_status_options_init(&so, GIT_STATUS_OPTIONS_VERSION);
    err = list_index(facts, repo, items);
    if (err)
        return err;
    ec_array_sort(items, compare_items);
    so.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
    so.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
               GIT_STATUS_OPT_EXCLUDE_SUBMODULES | GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH;
    if (*repo->prefix) {
        spec = ec_xstrndup(repo->prefix, strlen(repo->prefix) - 1);
        so.pathspec.strings = &spec;
        so.pathspec.count = 1;
    }
    if (git_status_list_new(&st, repo->git, &so) < 0) {
        err = ec_repo_git_error(EC_EINPUT, "cannot read the git status");
        goto cleanup;
    }
    apply_status(facts, repo, items, st, opts);
    drop_deleted(items);

cleanup:
    git_status_list_free(st);
    free(spec);
    return err;
}

/* ---- no git: a directory walk with git's ignore rules --------------------- */

typedef struct {
    ec_facts *facts;
    item_array *items;
    git_repository *rules; /* in-memory repository: only its ignore rules are used */
    const ec_walk_options *opts;
    const char *root;
} plain_walk;

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk_dir(plain_walk *w, const char *rel, unsigned depth)
{
    ec_buf full = EC_BUF_INIT, child = EC_BUF_INIT;
    EC_ARRAY(char *) names = EC_ARRAY_INIT;
    struct dirent *de;
    DIR *dir;
    size_t i;

    if (depth > 256) {
        ec_diag_add(&w->facts->diags, rel, 0, "directory nesting deeper than 256 levels: not read");
        return 0;
    }
    ec_path_join(&full, w->root, rel);
    dir = opendir(full.ptr);
    if (!dir) {
        ec_diag_add(&w->facts->diags, rel, 0, "cannot read directory: %s", strerror(errno));
        ec_buf_release(&full);
        return 0;
    }
    while ((de = readdir(dir)) != NULL) {
        if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
            ec_array_push(&names, ec_xstrdup(de->d_name));
    }
    closedir(dir);
    ec_array_sort(&names, compare_names);

    for (i = 0; i < names.len; i++) {
        struct stat st;
        int ignored = 0;

        ec_path_join(&child, rel, names.items[i]);
        ec_path_join(&full, w->root, child.ptr);
        if (lstat(full.ptr, &st) < 0 || under_excluded(child.ptr, w->opts))
            continue;
        if (S_ISDIR(st.st_mode)) {
            if (ec_classify_metadata_dir(names.items[i]))
                continue;
            ec_buf_putc(&child, '/'); /* directory rules ("build/") need the slash */
            if (git_ignore_path_is_ignored(&ignored, w->rules, child.ptr) == 0 && ignored)
                continue;
            ec_buf_truncate(&child, child.len - 1);
            if (ec_classify_vendored_dir(names.items[i])) {
                ec_facts_skip(w->facts, child.ptr, EC_SKIP_VENDORED, "vendored or build tree");
                continue;
            }
            walk_dir(w, child.ptr, depth + 1);
            continue;
        }
        if (git_ignore_path_is_ignored(&ignored, w->rules, child.ptr) == 0 && ignored)
            continue;
        add_item(w->facts, w->items, child.ptr, NULL);
    }
    for (i = 0; i < names.len; i++)
        free(names.items[i]);
    ec_array_release(&names);
    ec_buf_release(&full);
    ec_buf_release(&child);
    return 0;
}

static int list_plain(ec_facts *facts, ec_repo *repo, item_array *items,
                      const ec_walk_options *opts)
{
    plain_walk w = {facts, items, NULL, opts, repo->root};
    int err;

    if (git_repository_new(&w.rules) < 0 ||
        git_repository_set_workdir(w.rules, repo->root, 0) < 0) {
        err = ec_repo_git_error(EC_EINTERNAL, "cannot set up ignore rules");
        goto cleanup;
    }
    err = walk_dir(&w, "", 0);

cleanup:
    git_repository_free(w.rules);
    return err;
}

/* ---- the path rules, applied to the sorted list --------------------------- */

/* Length of the prefix of path that ends with its first vendored directory
 * ("a/node_modules/x/y.js" -> 14), 0 when there is none. */
static size_t vendored_prefix(const char *path)
{
    char name[256];
    const char *p = path;

    for (;;) {
        const char *slash = strchr(p, '/');
        size_t n;

        if (!slash)
            return 0; /* the last component is the file itself */
        n = (size_t)(slash - p);
        if (n < sizeof(name)) {
            memcpy(name, p, n);
            name[n] = '\0';
            if (ec_classify_vendored_dir(name) || ec_classify_metadata_dir(name))
                return (size_t)(slash - path);
        }
        p = slash + 1;
    }
}

/* Drop what the path rules leave out; vendored trees become one skipped entry. */
static void apply_path_rules(ec_facts *facts, item_array *items, const ec_walk_options *opts)
{
    ec_buf last = EC_BUF_INIT;
    size_t i, kept = 0;

    for (i = 0; i < items->len; i++) {
        ec_scan_item *it = &items->items[i];
        size_t vp;

        if (under_excluded(it->path, opts))
            continue;
        vp = vendored_prefix(it->path);
        if (vp) {
            if (last.len != vp || strncmp(last.ptr, it->path, vp) != 0) {
                ec_buf_reset(&last);
                ec_buf_add(&last, it->path, vp);
                if (!ec_classify_metadata_dir(ec_path_basename(last.ptr)))
                    ec_facts_skip(facts, last.ptr, EC_SKIP_VENDORED, "vendored or build tree");
            }
            continue;
        }
        if (it->submodule) {
            ec_facts_skip(facts, it->path, EC_SKIP_SUBMODULE, "git submodule");
            continue;
        }
        items->items[kept++] = *it;
    }
    items->len = kept;
    ec_buf_release(&last);
}

int ec_walk(ec_facts *facts, ec_repo *repo, const ec_walk_options *opts)
{
    item_array items = EC_ARRAY_INIT;
    int err;

    err = repo->git ? list_git(facts, repo, &items, opts) : list_plain(facts, repo, &items, opts);
    if (err)
        goto cleanup;
    ec_array_sort(&items, compare_items);
    apply_path_rules(facts, &items, opts);
    err = ec_scan_files(facts, repo->root, items.items, items.len, opts);

cleanup:
    ec_array_release(&items);
    return err;
}
