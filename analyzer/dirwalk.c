/*
 * dirwalk.c - untracked, not ignored files (see dirwalk.h).
 *
 * Directory entries are typed from readdir() where the file system says,
 * so a clean work tree costs one readdir per directory and no stat per
 * file. Ignore rules are asked only about what the index does not hold.
 */
#include "analyzer/dirwalk.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyzer/classify.h"
#include "util/buf.h"
#include "util/path.h"

typedef struct {
    ec_facts *facts;
    const ec_dirwalk *w;
    const char *root;
    ec_scan_items *out;
    ec_buf rule; /* scratch: a path as the ignore rules see it */
    size_t added;
} walker;

static void walk_dir(walker *k, const char *rel, unsigned depth);

static int compare_key(const void *key, const void *item)
{
    return strcmp(key, ((const ec_scan_item *)item)->path);
}

static bool is_tracked(const walker *k, const char *rel)
{
    const ec_scan_items *t = k->w->tracked;

    return t && t->len && bsearch(rel, t->items, t->len, sizeof(*t->items), compare_key) != NULL;
}

/* True when a tracked path starts with dir_slash ("src/"). Sorted paths that
 * share a prefix are adjacent, so the first path not below it decides. */
static bool holds_tracked(const walker *k, const char *dir_slash)
{
    const ec_scan_items *t = k->w->tracked;
    size_t lo = 0, hi = t ? t->len : 0, n = strlen(dir_slash);

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (strcmp(t->items[mid].path, dir_slash) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return t && lo < t->len && strncmp(t->items[lo].path, dir_slash, n) == 0;
}

/* rel names a directory when it ends with '/': rules like "build/" need it. */
static bool is_ignored(walker *k, const char *rel)
{
    int ignored = 0;

    ec_buf_reset(&k->rule);
    ec_buf_puts(&k->rule, k->w->prefix);
    ec_buf_puts(&k->rule, rel);
    return git_ignore_path_is_ignored(&ignored, k->w->rules, k->rule.ptr) == 0 && ignored;
}

static bool has_own_git(walker *k, const char *rel)
{
    ec_buf p = EC_BUF_INIT;
    bool found;

    ec_buf_printf(&p, "%s/%s/.git", k->root, rel);
    found = access(p.ptr, F_OK) == 0;
    ec_buf_release(&p);
    return found;
}

static void visit_dir(walker *k, const char *name, ec_buf *child, unsigned depth)
{
    bool tracked_inside;

    if (ec_classify_metadata_dir(name))
        return;
    ec_buf_putc(child, '/');
    tracked_inside = holds_tracked(k, child->ptr);
    if (!tracked_inside && is_ignored(k, child->ptr))
        return;
    ec_buf_truncate(child, child->len - 1);
    if (!tracked_inside && ec_classify_vendored_dir(name)) {
        ec_facts_skip(k->facts, child->ptr, EC_SKIP_VENDORED, "vendored or build tree");
        return;
    }
    if (!tracked_inside && k->w->tracked && has_own_git(k, child->ptr)) {
        ec_facts_skip(k->facts, child->ptr, EC_SKIP_SUBMODULE, "a git repository of its own");
        return;
    }
    walk_dir(k, child->ptr, depth + 1);
}

static void visit_file(walker *k, const char *rel)
{
    ec_scan_item it;

    if (is_ignored(k, rel))
        return;
    memset(&it, 0, sizeof(it));
    it.path = ec_arena_strdup(&k->facts->arena, rel);
    ec_array_push(k->out, it);
    k->added++;
}

static bool is_dir_entry(DIR *dir, const struct dirent *de)
{
    struct stat st;

    if (de->d_type != DT_UNKNOWN)
        return de->d_type == DT_DIR;
    return fstatat(dirfd(dir), de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
}

static void walk_dir(walker *k, const char *rel, unsigned depth)
{
    ec_buf full = EC_BUF_INIT, child = EC_BUF_INIT;
    struct dirent *de;
    DIR *dir;

    if (depth > 256) {
        ec_diag_add(&k->facts->diags, rel, 0, "directory nesting deeper than 256 levels: not read");
        return;
    }
    ec_path_join(&full, k->root, rel);
    dir = opendir(full.ptr);
    if (!dir) {
        ec_diag_add(&k->facts->diags, rel, 0, "cannot read directory: %s", strerror(errno));
        ec_buf_release(&full);
        return;
    }
    while ((de = readdir(dir)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        ec_buf_reset(&child);
        ec_path_join(&child, rel, de->d_name);
        if (ec_path_is_under_any(child.ptr, k->w->exclude) || is_tracked(k, child.ptr))
            continue;
        if (is_dir_entry(dir, de))
            visit_dir(k, de->d_name, &child, depth);
        else
            visit_file(k, child.ptr);
    }
    closedir(dir);
    ec_buf_release(&full);
    ec_buf_release(&child);
}

size_t ec_dirwalk_untracked(ec_facts *facts, const char *root, const ec_dirwalk *w,
                            ec_scan_items *out)
{
    walker k = {facts, w, root, out, EC_BUF_INIT, 0};

    walk_dir(&k, "", 0);
    ec_buf_release(&k.rule);
    return k.added;
}
