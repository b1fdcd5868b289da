/*
 * dirwalk.h - the files of a directory tree that git would list but its
 * index does not hold: every file when there is no git, the untracked and
 * not ignored ones in a work tree.
 *
 * The ignore rules are git's (.gitignore files, .git/info/exclude,
 * core.excludesFile), applied by libgit2; outside git through an in-memory
 * repository whose work tree is the root. A directory that holds tracked
 * files is always entered, as git does. One that holds none is left out
 * whole when it is ignored, recorded once as a skipped vendored tree when it
 * is one, and recorded as another repository when it has a .git of its own.
 *
 * Used by walk.c; the items it appends borrow their paths from facts' arena.
 */
#ifndef EC_ANALYZER_DIRWALK_H
#define EC_ANALYZER_DIRWALK_H

#include <git2.h>
#include <stddef.h>

#include "analyzer/facts.h"
#include "analyzer/scan.h"

typedef struct {
    git_repository *rules;        /* whose ignore rules apply (borrowed) */
    const char *prefix;           /* the root's place in rules' work tree: "" or "sub/" */
    const ec_scan_items *tracked; /* the index's items, sorted by path; NULL without git */
    const char *const *exclude;   /* root-relative paths never entered; may be NULL */
} ec_dirwalk;

/* Append to out (in no particular order) the files under root that are
 * neither tracked nor ignored. Unreadable directories become diagnostics.
 * Returns how many files were appended. */
size_t ec_dirwalk_untracked(ec_facts *facts, const char *root, const ec_dirwalk *w,
                            ec_scan_items *out);

#endif
