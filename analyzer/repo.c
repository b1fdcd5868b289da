/*
 * repo.c - opening the project root and reading HEAD's state (see repo.h).
 *
 * libgit2 is initialised per open repository (its init is reference
 * counted), so callers never think about it.
 */
#include "analyzer/repo.h"

#include "analyzer/describe.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"

int ec_repo_git_error(int code, const char *what)
{
    const git_error *e = git_error_last();
    return ec_error_set(code, "%s: %s", what, e && e->message ? e->message : "unknown git error");
}

static int check_root(const char *root)
{
    struct stat st;

    if (stat(root, &st) < 0)
        return ec_error_set(EC_EINPUT, "cannot open project root '%s': %s", root, strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return ec_error_set(EC_EINPUT, "project root '%s' is not a directory", root);
    if (access(root, R_OK | X_OK) < 0)
        return ec_error_set(EC_EINPUT, "cannot read project root '%s': %s", root, strerror(errno));
    return 0;
}

/* Open the repository whose work tree holds root; none found is no error. */
static int open_git(ec_repo *repo)
{
    git_buf gitdir = GIT_BUF_INIT;
    git_reference *head = NULL;
    const char *workdir;
    size_t n;
    int err;

    err = git_repository_discover(&gitdir, repo->root, 0, NULL);
    if (err == GIT_ENOTFOUND) {
        git_error_clear();
        return 0;
    }
    if (err < 0)
        return ec_repo_git_error(EC_EINPUT, repo->root);
    err = git_repository_open(&repo->git, gitdir.ptr);
    if (err < 0) {
        err = ec_repo_git_error(EC_EINPUT, gitdir.ptr);
        goto cleanup;
    }
    if (git_repository_is_bare(repo->git)) {
        err = ec_error_set(EC_EINPUT, "'%s' is a bare git repository: clone it to document it",
                           repo->root);
        goto cleanup;
    }
    if (git_repository_head(&head, repo->git) < 0 && git_repository_head_unborn(repo->git) != 1) {
        err = ec_repo_git_error(EC_EINPUT, "corrupt git repository: cannot read HEAD");
        goto cleanup;
    }
    git_error_clear();
    workdir = git_repository_workdir(repo->git);
    n = strlen(workdir);
    /* workdir ends with '/'; root has none. root is workdir itself or below. */
    if (strncmp(repo->root, workdir, n) == 0 && repo->root[n - 1] == '/' && repo->root[n]) {
        ec_buf prefix = EC_BUF_INIT;
        ec_buf_printf(&prefix, "%s/", repo->root + n);
        repo->prefix = ec_buf_detach(&prefix, NULL);
    }

cleanup:
    git_reference_free(head);
    git_buf_dispose(&gitdir);
    return err;
}

int ec_repo_open(ec_repo *out, const char *root)
{
    char real[PATH_MAX];
    int err;

    memset(out, 0, sizeof(*out));
    git_libgit2_init();
    err = check_root(root);
    if (err)
        goto fail;
    if (!realpath(root, real)) {
        err =
            ec_error_set(EC_EINPUT, "cannot resolve project root '%s': %s", root, strerror(errno));
        goto fail;
    }
    out->root = ec_xstrdup(real);
    err = open_git(out);
    if (err)
        goto fail;
    if (!out->prefix)
        out->prefix = ec_xstrdup("");
    return 0;

fail:
    ec_repo_close(out);
    return err;
}

void ec_repo_close(ec_repo *repo)
{
    if (repo->state_running)
        pthread_join(repo->state_tid, NULL);
    free(repo->describe);
    if (repo->git)
        git_repository_free(repo->git);
    free(repo->root);
    free(repo->prefix);
    memset(repo, 0, sizeof(*repo));
    git_libgit2_shutdown();
}

static const char *iso_date(ec_facts *facts, git_time_t when)
{
    char text[32];
    time_t t = (time_t)when;
    struct tm tm;

    gmtime_r(&t, &tm);
    strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &tm);
    return ec_arena_strdup(&facts->arena, text);
}

/* True when the index differs from HEAD's tree under the project root:
 * changes staged but not committed. */
static bool has_staged_changes(git_repository *git, const char *prefix)
{
    git_diff_options opts;
    git_object *tree = NULL;
    git_index *index = NULL;
    git_diff *diff = NULL;
    char *spec = (char *)prefix;
    bool staged = false;

    git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
    if (*prefix) {
        opts.pathspec.strings = &spec;
        opts.pathspec.count = 1;
    }
    if (git_revparse_single(&tree, git, "HEAD^{tree}") == 0 &&
        git_repository_index(&index, git) == 0 &&
        git_diff_tree_to_index(&diff, git, (git_tree *)tree, index, &opts) == 0)
        staged = git_diff_num_deltas(diff) > 0;
    git_diff_free(diff);
    git_index_free(index);
    git_object_free(tree);
    return staged;
}

/* What HEAD's history and the index say beyond HEAD itself, on a thread of
 * its own and a repository handle of its own (libgit2 handles are not
 * shared between threads), so it overlaps the file walk: staged changes,
 * and git describe --tags --always when asked for. */
static void *state_thread(void *arg)
{
    ec_repo *repo = arg;
    git_repository *git = NULL;

    if (git_repository_open(&git, git_repository_path(repo->git)) == 0) {
        repo->staged = has_staged_changes(git, repo->prefix);
        if (repo->want_describe)
            repo->describe = ec_describe_head(git);
    }
    git_error_clear();
    git_repository_free(git);
    return NULL;
}

void ec_repo_finish_state(ec_facts *facts, ec_repo *repo)
{
    if (repo->state_running)
        pthread_join(repo->state_tid, NULL);
    repo->state_running = false;
    if (repo->describe && !*facts->describe)
        facts->describe = ec_arena_strdup(&facts->arena, repo->describe);
    if (repo->staged)
        facts->dirty = true;
}

int ec_repo_read_state(ec_facts *facts, ec_repo *repo, bool describe)
{
    git_reference *head = NULL;
    git_object *commit = NULL;
    char hex[GIT_OID_HEXSZ + 1];
    int err = 0;

    facts->is_git = repo->git != NULL;
    if (!repo->git)
        return 0;
    facts->shallow = git_repository_is_shallow(repo->git) == 1;
    if (git_repository_head(&head, repo->git) < 0) {
        /* Unborn branch or broken HEAD: no revision; the walk still runs. */
        if (git_repository_head_unborn(repo->git) != 1)
            ec_diag_add(&facts->diags, "", 0, "cannot read HEAD: %s",
                        git_error_last() ? git_error_last()->message : "unknown error");
        git_error_clear();
        return 0;
    }
    if (git_reference_is_branch(head))
        facts->branch = ec_arena_strdup(&facts->arena, git_reference_shorthand(head));
    if (git_reference_peel(&commit, head, GIT_OBJECT_COMMIT) < 0) {
        ec_diag_add(&facts->diags, "", 0, "cannot read the HEAD commit: %s",
                    git_error_last() ? git_error_last()->message : "unknown error");
        git_error_clear();
        goto cleanup;
    }
    git_oid_tostr(hex, sizeof(hex), git_object_id(commit));
    facts->revision = ec_arena_strdup(&facts->arena, hex);
    facts->commit_date = iso_date(facts, git_commit_time((git_commit *)commit));
    repo->want_describe = describe;
    if (pthread_create(&repo->state_tid, NULL, state_thread, repo) == 0)
        repo->state_running = true;
    else
        state_thread(repo);

cleanup:
    git_object_free(commit);
    git_reference_free(head);
    return err;
}
