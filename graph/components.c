/*
 * components.c - components from directories and dependency cohesion (see
 * components.h).
 */
#include "graph/components.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/lang.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/path.h"

typedef ec_index_array index_list;

/* A component being formed: a directory of files, or one file. */
typedef struct {
    const char *path; /* root-relative directory, or module path without extension */
    bool dir;
    bool merged; /* others were merged into it */
    index_list files;
} group;

typedef EC_ARRAY(group) group_list;

typedef struct {
    ec_facts *facts;
    const ec_dep_graph *deps;
    ec_buf buf;
} builder;

/* ---- partition ---------------------------------------------------------------- */

static const char *path_of(const builder *b, size_t file)
{
    return b->facts->files.items[file].path;
}

/* The directory every file lies in ("" for the project root). */
static size_t common_dir(const builder *b, const index_list *files)
{
    const char *first = path_of(b, files->items[0]);
    const char *slash = strrchr(first, '/');
    size_t len = slash ? (size_t)(slash - first) : 0, i;

    for (i = 1; i < files->len && len; i++) {
        const char *p = path_of(b, files->items[i]);

        while (len && (strncmp(p, first, len) != 0 || p[len] != '/')) {
            const char *cut = memrchr(first, '/', len);
            len = cut ? (size_t)(cut - first) : 0;
        }
    }
    return len;
}

/* The length of a file name's stem: up to its first dot, the leading dot
 * of a dotfile aside (.eslintrc.js: .eslintrc). */
static size_t stem_len(const char *name)
{
    return name[0] == '.' ? 1 + strcspn(name + 1, ".") : strcspn(name, ".");
}

/* Files grouped one level below a directory (len bytes of their paths, 0
 * for the root): a group per subdirectory, one per module right in it (the
 * files of one stem: calc.c and calc.h). */
static void partition(builder *b, const index_list *files, size_t len, group_list *out)
{
    size_t i, g;

    for (i = 0; i < files->len; i++) {
        const char *p = path_of(b, files->items[i]), *rel = p + len + (len > 0);
        const char *slash = strchr(rel, '/');
        /* a directory; else a module: the files of one stem (calc.c, calc.h) */
        size_t key = slash ? (size_t)(slash - p) : (size_t)(rel - p) + stem_len(rel);
        group *found = NULL;

        for (g = 0; g < out->len && !found; g++) /* calc.c and calc/ stay two */
            if (out->items[g].dir == (slash != NULL) && strlen(out->items[g].path) == key &&
                strncmp(out->items[g].path, p, key) == 0)
                found = &out->items[g];
        if (!found) {
            group n = {ec_arena_strndup(&b->facts->arena, p, key), slash != NULL, false,
                       EC_ARRAY_INIT};

            ec_array_push(out, n);
            found = &out->items[out->len - 1];
        }
        ec_array_push(&found->files, files->items[i]);
    }
}

static void release_groups(group_list *groups)
{
    size_t k;

    for (k = 0; k < groups->len; k++)
        ec_array_release(&groups->items[k].files);
    ec_array_release(groups);
}

/* partition, going down through a directory that holds nothing but one
 * directory (src/ holding only src/requests/). */
static void partition_deep(builder *b, const index_list *files, size_t len, group_list *out)
{
    partition(b, files, len, out);
    while (out->len == 1 && out->items[0].dir) {
        group only = out->items[0];

        out->len = 0;
        partition(b, &only.files, strlen(only.path), out);
        ec_array_release(&only.files);
    }
}

/* Directories of tests, documentation and examples: beside the code, not
 * part of its structure. */
static bool beside_the_code(const group *g)
{
    static const char *const names[] = {"test",    "tests",      "spec",  "__tests__",
                                        "testing", "docs",       "doc",   "examples",
                                        "example", "benchmarks", "bench", NULL};
    const char *base = ec_path_basename(g->path);
    size_t i;

    for (i = 0; names[i]; i++)
        if (g->dir && strcmp(base, names[i]) == 0)
            return true;
    return false;
}

/* Whether a group holds more than half of the code (the files outside
 * tests, documentation and examples), and should be split even when there
 * are groups enough: miniflux's internal/, 419 of 430 files. */
static bool dominant(const group_list *groups, size_t g)
{
    size_t total = 0, k;

    for (k = 0; k < groups->len; k++)
        if (!beside_the_code(&groups->items[k]))
            total += groups->items[k].files.len;
    return !beside_the_code(&groups->items[g]) && 2 * groups->items[g].files.len > total;
}

/* The largest directory group that splits into two groups or more; its
 * index, or SIZE_MAX. */
static size_t splittable(builder *b, const group_list *groups)
{
    size_t g, best = SIZE_MAX;

    for (g = 0; g < groups->len; g++) {
        const group *x = &groups->items[g];
        group_list sub = EC_ARRAY_INIT;
        size_t parts;

        if (!x->dir || (best != SIZE_MAX && x->files.len <= groups->items[best].files.len))
            continue;
        partition_deep(b, &x->files, strlen(x->path), &sub);
        parts = sub.len;
        release_groups(&sub);
        if (parts > 1)
            best = g;
    }
    return best;
}

static void split(builder *b, group_list *groups, size_t g)
{
    group old = groups->items[g];
    group_list sub = EC_ARRAY_INIT;
    size_t k;

    partition_deep(b, &old.files, strlen(old.path), &sub);
    groups->items[g] = sub.items[0];
    for (k = 1; k < sub.len; k++)
        ec_array_push(groups, sub.items[k]);
    ec_array_release(&sub);
    ec_array_release(&old.files);
}

/* ---- cohesion ------------------------------------------------------------------- */

/* The smallest group: fewest files, the last in path order on a tie. */
static size_t smallest(const group_list *groups, size_t except)
{
    size_t g, best = SIZE_MAX;

    for (g = 0; g < groups->len; g++) {
        const group *x = &groups->items[g];

        if (g == except)
            continue;
        if (best == SIZE_MAX || x->files.len < groups->items[best].files.len ||
            (x->files.len == groups->items[best].files.len &&
             strcmp(x->path, groups->items[best].path) > 0))
            best = g;
    }
    return best;
}

/* The group s shares the most dependency edges with (weights, both ways);
 * the smallest other group when it shares none. */
static size_t closest(const builder *b, const group_list *groups, size_t s, const size_t *group_of)
{
    size_t *weight = ec_xcalloc(groups->len, sizeof(*weight)), i, best = SIZE_MAX;

    for (i = 0; i < b->deps->edges.len; i++) {
        const ec_dep_edge *e = &b->deps->edges.items[i];
        size_t gf = group_of[e->from], gt = group_of[e->to];

        if (gf == SIZE_MAX || gt == SIZE_MAX || gf == gt)
            continue;
        if (gf == s)
            weight[gt] += e->weight;
        else if (gt == s)
            weight[gf] += e->weight;
    }
    for (i = 0; i < groups->len; i++)
        if (i != s && weight[i] && (best == SIZE_MAX || weight[i] > weight[best]))
            best = i;
    free(weight);
    return best != SIZE_MAX ? best : smallest(groups, s);
}

/* group_of[file] for the files of groups; SIZE_MAX for every other file. */
static void index_groups(const builder *b, const group_list *groups, size_t *group_of)
{
    size_t g, k;

    for (k = 0; k < b->facts->files.len; k++)
        group_of[k] = SIZE_MAX;
    for (g = 0; g < groups->len; g++)
        for (k = 0; k < groups->items[g].files.len; k++)
            group_of[groups->items[g].files.items[k]] = g;
}

static void merge_smallest(const builder *b, group_list *groups, size_t *group_of)
{
    size_t s = smallest(groups, SIZE_MAX), t = closest(b, groups, s, group_of), k;
    group *from = &groups->items[s], *into = &groups->items[t];

    for (k = 0; k < from->files.len; k++)
        ec_array_push(&into->files, from->files.items[k]);
    into->merged = true;
    ec_array_release(&from->files);
    memmove(groups->items + s, groups->items + s + 1, (groups->len - s - 1) * sizeof(group));
    groups->len--;
    index_groups(b, groups, group_of);
}

/* ---- one container ------------------------------------------------------------ */

static int compare_groups(const void *a, const void *b)
{
    return strcmp(((const group *)a)->path, ((const group *)b)->path);
}

static bool main_file(const char *path, const char *dir)
{
    static const char *const names[] = {"__init__", "index", "doc", "mod", "lib", "package-info"};
    const char *base = ec_path_basename(path), *dirbase = ec_path_basename(dir);
    size_t n = strcspn(base, "."), i;

    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strlen(names[i]) == n && strncmp(base, names[i], n) == 0)
            return true;
    return *dirbase && strlen(dirbase) == n && strncmp(base, dirbase, n) == 0;
}

/* Whether path is in the group at gpath: its directory or below, or its
 * module. */
static bool in_group(const char *path, const char *gpath)
{
    size_t n = strlen(gpath);

    return strncmp(path, gpath, n) == 0 && (path[n] == '/' || path[n] == '.');
}

/* Whether path is a main file right in directory dir. */
static bool main_file_of(const char *path, const char *dir)
{
    size_t n = strlen(dir);

    return strncmp(path, dir, n) == 0 && path[n] == '/' && !strchr(path + n + 1, '/') &&
           main_file(path, dir);
}

/* The first sentence of the group's main file, else of any of its own
 * files in path order; a group merged into it describes something else.
 * gpath is the group's path before any renaming. */
static void describe(builder *b, ec_component *c, const group *g, const char *gpath)
{
    size_t k, pass;

    c->description = "";
    c->description_from = "";
    for (pass = 0; pass < 2 && !c->description[0]; pass++)
        for (k = 0; k < c->files.len && !c->description[0]; k++) {
            const ec_file_fact *f = &b->facts->files.items[c->files.items[k]];

            if (f->description && f->description[0] && in_group(f->path, gpath) &&
                (pass == 1 || !g->dir || main_file_of(f->path, gpath))) {
                c->description = f->description;
                c->description_from = f->path;
            }
        }
}

static const char *name_of(builder *b, const group *g, size_t root_len)
{
    const char *rel = g->path + root_len + (root_len > 0 && g->path[root_len] == '/');
    size_t n;

    if (!g->dir)
        rel = ec_path_basename(rel); /* a module's path has no extension left */
    n = strlen(rel);
    if (!n)
        return "(root)";
    return ec_arena_strndup(&b->facts->arena, rel, n);
}

static const char *unique_id(builder *b, const ec_component_model *cm, const char *container,
                             const char *name)
{
    ec_buf slug = EC_BUF_INIT;
    size_t i, n = 1;
    bool taken;

    ec_containers_slug(&slug, name);
    do {
        ec_buf_reset(&b->buf);
        ec_buf_printf(&b->buf, "%s/%s", container, slug.len ? slug.ptr : "root");
        if (n > 1)
            ec_buf_printf(&b->buf, "-%zu", n);
        for (taken = false, i = 0; i < cm->components.len && !taken; i++)
            taken = strcmp(cm->components.items[i].id, b->buf.ptr) == 0;
        n++;
    } while (taken);
    ec_buf_release(&slug);
    return ec_arena_strdup(&b->facts->arena, b->buf.ptr);
}

/* A module that others were merged into is named after its most central
 * file (highest rank), whichever module that came from: the name says what
 * the others gather around. A directory keeps its name. */
static void rename_merged(builder *b, group *g)
{
    size_t k, best = g->files.items[0];
    const char *p, *base;

    if (g->dir || !g->merged)
        return;
    for (k = 1; k < g->files.len; k++)
        if (b->deps->rank[g->files.items[k]] > b->deps->rank[best])
            best = g->files.items[k];
    p = path_of(b, best);
    base = ec_path_basename(p);
    g->path = ec_arena_strndup(&b->facts->arena, p, (size_t)(base - p) + stem_len(base));
}

static void build_container(builder *b, ec_component_model *cm, const char *container,
                            const index_list *files)
{
    group_list groups = EC_ARRAY_INIT;
    size_t root = common_dir(b, files), g, k, split_at;
    size_t *group_of = ec_xcalloc(b->facts->files.len, sizeof(*group_of));

    partition_deep(b, files, root, &groups);
    while ((split_at = splittable(b, &groups)) != SIZE_MAX &&
           (groups.len < EC_COMPONENTS_MIN || dominant(&groups, split_at)))
        split(b, &groups, split_at);
    ec_array_sort(&groups, compare_groups);
    index_groups(b, &groups, group_of);
    while (groups.len > EC_COMPONENTS_MAX)
        merge_smallest(b, &groups, group_of);
    for (g = 0; g < groups.len; g++) {
        group *x = &groups.items[g];
        ec_component c = {NULL, NULL, container, x->path, "", "", EC_ARRAY_INIT, 0, 0, 0};

        const char *gpath = x->path;

        ec_array_sort(&x->files, ec_array_compare_size);
        rename_merged(b, x);
        c.path = x->path;
        c.name = name_of(b, x, root);
        c.id = unique_id(b, cm, container, c.name);
        c.files = x->files; /* taken over */
        describe(b, &c, x, gpath);
        for (k = 0; k < c.files.len; k++)
            cm->of_file[c.files.items[k]] = cm->components.len;
        ec_array_push(&cm->components, c);
    }
    ec_array_release(&groups);
    free(group_of);
}

/* ---- relations ---------------------------------------------------------------- */

static int compare_relations(const void *a, const void *b)
{
    const ec_component_relation *x = a, *y = b;

    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    return x->to < y->to ? -1 : x->to > y->to;
}

static void relate(ec_component_model *cm, const ec_dep_graph *deps)
{
    size_t i, kept = 0;

    for (i = 0; i < deps->edges.len; i++) {
        const ec_dep_edge *e = &deps->edges.items[i];
        ec_component_relation r = {cm->of_file[e->from], cm->of_file[e->to], e->weight, i};

        if (r.from != SIZE_MAX && r.to != SIZE_MAX && r.from != r.to &&
            strcmp(cm->components.items[r.from].container, cm->components.items[r.to].container) ==
                0)
            ec_array_push(&cm->relations, r);
    }
    ec_array_sort(&cm->relations, compare_relations);
    for (i = 0; i < cm->relations.len; i++) {
        ec_component_relation *r = &cm->relations.items[i];

        if (kept && cm->relations.items[kept - 1].from == r->from &&
            cm->relations.items[kept - 1].to == r->to) {
            ec_component_relation *k = &cm->relations.items[kept - 1];

            k->weight += r->weight;
            if (r->edge < k->edge)
                k->edge = r->edge;
        } else {
            cm->relations.items[kept++] = *r;
        }
    }
    cm->relations.len = kept;
    for (i = 0; i < kept; i++) { /* one relation per ordered pair: fans are counts */
        cm->components.items[cm->relations.items[i].from].efferent++;
        cm->components.items[cm->relations.items[i].to].afferent++;
    }
    for (i = 0; i < cm->components.len; i++) {
        ec_component *c = &cm->components.items[i];

        if (c->afferent + c->efferent)
            c->instability = (double)c->efferent / (c->afferent + c->efferent);
    }
}

void ec_components_build(ec_component_model *out, ec_facts *facts, const ec_dep_graph *deps,
                         const char *const *container_of)
{
    builder b = {facts, deps, EC_BUF_INIT};
    EC_ARRAY(const char *) containers = EC_ARRAY_INIT;
    index_list files = EC_ARRAY_INIT;
    size_t i, c;

    memset(out, 0, sizeof(*out));
    out->of_file = ec_xcalloc(facts->files.len ? facts->files.len : 1, sizeof(*out->of_file));
    for (i = 0; i < facts->files.len; i++) {
        out->of_file[i] = SIZE_MAX;
        if (container_of[i]) {
            for (c = 0; c < containers.len && strcmp(containers.items[c], container_of[i]); c++)
                ;
            if (c == containers.len)
                ec_array_push(&containers, container_of[i]);
        }
    }
    for (c = 0; c < containers.len; c++) {
        files.len = 0;
        for (i = 0; i < facts->files.len; i++) {
            const ec_file_fact *f = &facts->files.items[i];

            if (container_of[i] && strcmp(container_of[i], containers.items[c]) == 0 && f->lang &&
                ec_lang_kind(f->lang) == EC_LANG_PROGRAMMING)
                ec_array_push(&files, i);
        }
        if (files.len)
            build_container(&b, out, containers.items[c], &files);
    }
    relate(out, deps);
    ec_array_release(&files);
    ec_array_release(&containers);
    ec_buf_release(&b.buf);
}

void ec_components_release(ec_component_model *cm)
{
    size_t i;

    for (i = 0; i < cm->components.len; i++)
        ec_array_release(&cm->components.items[i].files);
    ec_array_release(&cm->components);
    ec_array_release(&cm->relations);
    free(cm->of_file);
}
