/*
 * walk.h - the list of files the project consists of, and their basic facts.
 *
 * In a git work tree the list is git's: tracked files plus untracked files
 * that are not ignored (.gitignore, .git/info/exclude), read with libgit2.
 * Elsewhere it is a directory walk that honours .gitignore files the same
 * way (libgit2's ignore rules, applied through an in-memory repository).
 *
 * Every listed path then either becomes an ec_file_fact (language, line
 * counts, blob id) or an ec_skip_fact with its reason. Symlinks are never
 * followed and nothing outside the root is ever opened.
 *
 * Reading and counting run on opts->jobs threads; the facts come out in an
 * order that does not depend on them.
 */
#ifndef EC_ANALYZER_WALK_H
#define EC_ANALYZER_WALK_H

#include <stddef.h>
#include <stdint.h>

#include "analyzer/facts.h"
#include "analyzer/repo.h"

typedef void (*ec_walk_progress_fn)(size_t done, size_t total, void *payload);

typedef struct ec_source ec_source;
typedef struct ec_cache ec_cache;

typedef struct {
    uint64_t max_file_size;     /* bigger files are skipped as too-large */
    unsigned jobs;              /* threads; 0 = number of online processors */
    const char *const *exclude; /* NULL-terminated root-relative paths left out entirely */
    ec_walk_progress_fn progress;
    void *payload;
    const ec_source *source; /* front ends for source analysis; NULL: inventory only */
    ec_cache *cache;         /* outcomes of unchanged files; NULL: analyse every file */
} ec_walk_options;

#define EC_WALK_DEFAULT_MAX_FILE_SIZE ((uint64_t)2 * 1024 * 1024)
#define EC_WALK_OPTIONS_INIT                                                                       \
    {                                                                                              \
        EC_WALK_DEFAULT_MAX_FILE_SIZE, 0, NULL, NULL, NULL, NULL, NULL                             \
    }

/* Append the files and skipped paths of repo to facts (and set facts->dirty).
 * Fails only when the listing itself cannot be made (EC_EINPUT); problems
 * with single files become skipped entries or diagnostics. */
int ec_walk(ec_facts *facts, ec_repo *repo, const ec_walk_options *opts);

#endif
