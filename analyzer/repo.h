/*
 * repo.h - the project root and, when there is one, its git repository.
 *
 * ec_repo_open() checks the root (exists, is a readable directory), resolves
 * it to its real absolute path, and opens the git repository whose work tree
 * contains it. The root may be a subdirectory of a work tree (one project of
 * a monorepo): prefix then says where it sits in the work tree. A bare or
 * corrupt repository is an input error; no repository at all is fine.
 *
 * ec_repo owns root, prefix and the git handle; ec_repo_close() frees them.
 */
#ifndef EC_ANALYZER_REPO_H
#define EC_ANALYZER_REPO_H

#include <git2.h>
#include <pthread.h>
#include <stdbool.h>

#include "analyzer/facts.h"

typedef struct {
    char *root;          /* real absolute path of the project root */
    git_repository *git; /* NULL when the root is in no git work tree */
    char *prefix;        /* root relative to the work tree: "" or "dir/sub/" */

    /* staged changes and git describe: on a thread of their own between
     * read_state and finish_state */
    pthread_t state_tid;
    bool state_running;
    bool want_describe;
    bool staged;
    char *describe;
} ec_repo;

/* EC_EINPUT with a message when root is missing, not a directory, unreadable,
 * or inside a bare or corrupt repository. */
int ec_repo_open(ec_repo *out, const char *root);
void ec_repo_close(ec_repo *repo);

/* Fill the repository facts: revision, commit date, branch, shallow; start
 * the check for staged changes and, when describe is set, git describe (a
 * history walk) in the background. Without git or without commits they
 * stay "". */
int ec_repo_read_state(ec_facts *facts, ec_repo *repo, bool describe);

/* Wait for the background work and fill facts->describe (and dirty, for
 * staged changes). Call before anything reads them (the project identity);
 * harmless when nothing was started. */
void ec_repo_finish_state(ec_facts *facts, ec_repo *repo);

/* Format a libgit2 error as "what: why" into the last error. */
int ec_repo_git_error(int code, const char *what);

#endif
