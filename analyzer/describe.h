/*
 * describe.h - "git describe --tags" that stays fast on long histories.
 *
 * libgit2's describe weighs every tag candidate against the whole history;
 * on a repository of 80,000 commits that takes seconds. This follows the
 * first-parent chain from HEAD to the nearest tagged commit (annotated or
 * lightweight), then counts the commits in tag..HEAD as git does:
 * "v2.5.0-12-gabc1234", "v2.5.0" on the tag itself, the abbreviated commit id
 * when no tag is reachable within the walk's bound.
 */
#ifndef EC_ANALYZER_DESCRIBE_H
#define EC_ANALYZER_DESCRIBE_H

#include <git2.h>

/* The description of HEAD, owned by the caller (free()); NULL when HEAD has
 * no commit. */
char *ec_describe_head(git_repository *git);

#endif
