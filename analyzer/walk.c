/*
 * walk.c - listing the project's files (see walk.h).
 *
 * Two sources feed one candidate list: git's view (the index, plus what
 * dirwalk.c finds untracked and not ignored) or, outside git, dirwalk.c
 * alone. The list is then sorted and passed
 * once through the path rules (excluded, metadata, vendored trees), and what
 * remains goes to scan.c to be read.
 *
 * A vendored tree is recorded once, as its top directory, however many files
 * it holds: a tracked node_modules must not bury the model in entries.
 */
#include "analyzer/walk.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <git2.h>
#include <git2/sys/repository.h>

#include "analyzer/classify.h"
#include "analyzer/dirwalk.h"
#include "analyzer/scan.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/path.h"

static int compare_items(const void *a, const void *b)
{
    return strcmp(((const ec_scan_item *)a)->path, ((const ec_scan_item *)b)->path);
}

/* ---- git: the index, then what is untracked and not ignored ---------------- */

static void index_item(ec_facts *facts, const git_index_entry *e, const char *path,
                       const struct stat *index_st, ec_scan_item *it)
{
    memset(it, 0, sizeof(*it));
    it->path = ec_arena_strdup(&facts->arena, path);
    git_oid_tostr(it->blob, sizeof(it->blob), &e->id);
    it->submodule = e->mode == GIT_FILEMODE_COMMIT;
    it->stat.mtime_s = e->mtime.seconds;
    it->stat.mtime_ns = e->mtime.nanoseconds;
    it->stat.size = e->file_size;
    it->stat.ino = e->ino;
    it->stat.exec = e->mode == GIT_FILEMODE_BLOB_EXECUTABLE;
    /* Modified in the second the index was written, or later: a change made
     * right after staging could leave the stat data equal (git's rule). */
    it->racy = !index_st || e->mtime.seconds >= index_st->st_mtim.tv_sec;
}

static int list_index(ec_facts *facts, ec_repo *repo, ec_scan_items *items)
{
    git_index *index = NULL;
    struct stat index_st;
    const char *index_path;
    size_t i, n, plen = strlen(repo->prefix);
    bool have_st;

    if (git_repository_index(&index, repo->git) < 0)
        return ec_repo_git_error(EC_EINPUT, "cannot read the git index");
    index_path = git_index_path(index);
    have_st = index_path && stat(index_path, &index_st) == 0;
    n = git_index_entrycount(index);
    ec_array_reserve(items, n);
    for (i = 0; i < n; i++) {
        const git_index_entry *e = git_index_get_byindex(index, i);

        if (git_index_entry_stage(e) > 1 || strncmp(e->path, repo->prefix, plen) != 0)
            continue; /* a conflict's other sides, or outside the project root */
        index_item(facts, e, e->path + plen, have_st ? &index_st : NULL,
                   &items->items[items->len++]);
    }
    git_index_free(index);
    return 0;
}

static int list_git(ec_facts *facts, ec_repo *repo, ec_scan_items *items,
                    const ec_walk_options *opts)
{
    ec_scan_items untracked = EC_ARRAY_INIT;
    ec_dirwalk dw = {repo->git, repo->prefix, items, opts->exclude};
    size_t i;
    int err;

    err = list_index(facts, repo, items);
    if (err)
        return err;
    ec_array_sort(items, compare_items);
    if (ec_dirwalk_untracked(facts, repo->root, &dw, &untracked) > 0)
        facts->dirty = true;
    for (i = 0; i < untracked.len; i++)
        ec_array_push(items, untracked.items[i]);
    ec_array_release(&untracked);
    return 0;
}

/* ---- no git: a directory walk with git's ignore rules --------------------- */

static int list_plain(ec_facts *facts, ec_repo *repo, ec_scan_items *items,
                      const ec_walk_options *opts)
{
    git_repository *rules = NULL; /* in-memory: only its ignore rules are used */
    ec_dirwalk dw = {NULL, "", NULL, opts->exclude};
    int err = 0;

    if (git_repository_new(&rules) < 0 || git_repository_set_workdir(rules, repo->root, 0) < 0) {
        err = ec_repo_git_error(EC_EINTERNAL, "cannot set up ignore rules");
        goto cleanup;
    }
    dw.rules = rules;
    ec_dirwalk_untracked(facts, repo->root, &dw, items);

cleanup:
    git_repository_free(rules);
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
static void apply_path_rules(ec_facts *facts, ec_scan_items *items, const ec_walk_options *opts)
{
    ec_buf last = EC_BUF_INIT;
    size_t i, kept = 0;

    for (i = 0; i < items->len; i++) {
        ec_scan_item *it = &items->items[i];
        size_t vp;

        if (ec_path_is_under_any(it->path, opts->exclude))
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
    ec_scan_items items = EC_ARRAY_INIT;
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
