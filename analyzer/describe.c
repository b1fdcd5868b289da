/*
 * describe.c - nearest tag on the first-parent chain (see describe.h).
 *
 * Tags are collected once and peeled to their commits, sorted by commit id
 * for binary search; the walk then costs one lookup per commit until the
 * first tagged one. Several tags on one commit: the greatest name wins, so
 * the answer never depends on the order refs are listed in.
 */
#include "analyzer/describe.h"

#include <stdio.h>
#include <string.h>

#include "util/alloc.h"
#include "util/array.h"
#include "util/buf.h"

#define MAX_WALK 200000 /* commits followed before giving up on a tag */

typedef struct {
    git_oid commit;
    char *name;
} tagged;

typedef struct {
    git_repository *git;
    EC_ARRAY(tagged) tags;
} tag_index;

/* git_tag_foreach callback: peel the tag to a commit; tags of trees or blobs
 * describe nothing and are left out. */
static int collect_tag(const char *refname, git_oid *oid, void *payload)
{
    tag_index *index = payload;
    git_object *obj = NULL, *commit = NULL;
    tagged t;

    if (git_object_lookup(&obj, index->git, oid, GIT_OBJECT_ANY) == 0 &&
        git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) == 0) {
        git_oid_cpy(&t.commit, git_object_id(commit));
        t.name = ec_xstrdup(refname + strlen("refs/tags/"));
        ec_array_push(&index->tags, t);
    }
    git_error_clear();
    git_object_free(commit);
    git_object_free(obj);
    return 0;
}

static int compare_tagged(const void *a, const void *b)
{
    const tagged *x = a, *y = b;
    int c = git_oid_cmp(&x->commit, &y->commit);

    return c ? c : strcmp(x->name, y->name);
}

/* The greatest tag name on commit, or NULL. */
static const char *tag_of(const tag_index *index, const git_oid *commit)
{
    size_t lo = 0, hi = index->tags.len;
    const char *found = NULL;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = git_oid_cmp(&index->tags.items[mid].commit, commit);

        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < index->tags.len && git_oid_equal(&index->tags.items[lo].commit, commit); lo++)
        found = index->tags.items[lo].name; /* sorted by name: the last is the greatest */
    return found;
}

/* Commits in tag..head: git describe's distance. */
static size_t distance(git_repository *git, const git_oid *head, const git_oid *tag)
{
    git_revwalk *walk = NULL;
    git_oid oid;
    size_t n = 0;

    if (git_revwalk_new(&walk, git) < 0)
        return 0;
    git_revwalk_push(walk, head);
    git_revwalk_hide(walk, tag);
    while (git_revwalk_next(&oid, walk) == 0)
        n++;
    git_revwalk_free(walk);
    return n;
}

char *ec_describe_head(git_repository *git)
{
    tag_index index = {git, EC_ARRAY_INIT};
    git_commit *commit = NULL;
    git_oid head;
    const char *tag = NULL;
    char hex[GIT_OID_HEXSZ + 1];
    ec_buf out = EC_BUF_INIT;
    size_t i;

    if (git_reference_name_to_id(&head, git, "HEAD") < 0 ||
        git_commit_lookup(&commit, git, &head) < 0) {
        git_error_clear();
        return NULL;
    }
    git_tag_foreach(git, collect_tag, &index);
    ec_array_sort(&index.tags, compare_tagged);
    for (i = 0; i < MAX_WALK && commit && !tag; i++) {
        git_commit *parent = NULL;

        tag = tag_of(&index, git_commit_id(commit));
        if (tag)
            break;
        if (git_commit_parentcount(commit) == 0 || git_commit_parent(&parent, commit, 0) < 0)
            git_error_clear(); /* root commit, or a shallow clone's boundary */
        git_commit_free(commit);
        commit = parent;
    }
    git_oid_tostr(hex, sizeof(hex), &head);
    if (!tag)
        ec_buf_printf(&out, "%.7s", hex);
    else if (git_oid_equal(git_commit_id(commit), &head))
        ec_buf_puts(&out, tag);
    else
        ec_buf_printf(&out, "%s-%zu-g%.7s", tag, distance(git, &head, git_commit_id(commit)), hex);
    git_commit_free(commit);
    for (i = 0; i < index.tags.len; i++)
        free(index.tags.items[i].name);
    ec_array_release(&index.tags);
    return ec_buf_detach(&out, NULL);
}
