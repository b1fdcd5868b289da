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

    /* git describe runs on its own thread between read_state and finish_state */
    pthread_t describe_thread;
    bool describing;
    char *describe;
} ec_repo;

/* EC_EINPUT with a message when root is missing, not a directory, unreadable,
 * or inside a bare or corrupt repository. */
int ec_repo_open(ec_repo *out, const char *root);
void ec_repo_close(ec_repo *repo);

/* Fill the repository facts: revision, commit date, branch, shallow, and
 * when describe is set start git describe (a history walk) in the
 * background. Without git or without commits they stay "". */
int ec_repo_read_state(ec_facts *facts, ec_repo *repo, bool describe);

/* Wait for git describe and fill facts->describe. Call before anything
 * reads it (the project identity); harmless when nothing was started. */
void ec_repo_finish_state(ec_facts *facts, ec_repo *repo);

/* Format a libgit2 error as "what: why" into the last error. */
int ec_repo_git_error(int code, const char *what);

#endif
