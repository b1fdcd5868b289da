/*
 * containers.c - stable ids and resolved relations for the build facts (see
 * containers.h).
 */
#include "graph/containers.h"

#include <ctype.h>
#include <string.h>

#include "util/buf.h"

static int compare_containers(const void *a, const void *b)
{
    const ec_container_fact *x = a, *y = b;
    int c = strcmp(x->path, y->path);

    if (!c)
        c = strcmp(x->name, y->name);
    if (!c)
        c = strcmp(x->kind, y->kind);
    return c ? c : strcmp(x->evidence, y->evidence);
}

static int compare_dependencies(const void *a, const void *b)
{
    const ec_dependency_fact *x = a, *y = b;
    int c = strcmp(x->ecosystem, y->ecosystem);

    if (!c)
        c = strcmp(x->name, y->name);
    if (!c)
        c = strcmp(x->scope, y->scope);
    return c ? c : strcmp(x->evidence, y->evidence);
}

static int compare_relations(const void *a, const void *b)
{
    const ec_relation *x = a, *y = b;
    int c = strcmp(x->from, y->from);

    if (!c)
        c = strcmp(x->to, y->to);
    if (!c)
        c = strcmp(x->kind, y->kind);
    return c ? c : strcmp(x->technology, y->technology);
}

void ec_containers_slug(ec_buf *out, const char *s)
{
    for (; *s; s++) {
        if (isalnum((unsigned char)*s))
            ec_buf_putc(out, (char)tolower((unsigned char)*s));
        else if (out->len && out->ptr[out->len - 1] != '-')
            ec_buf_putc(out, '-');
    }
    while (out->len && out->ptr[out->len - 1] == '-')
        ec_buf_truncate(out, out->len - 1);
}

static bool id_taken(const ec_container_model *cm, const char *id)
{
    size_t i;

    for (i = 0; i < cm->containers.len; i++)
        if (cm->containers.items[i].id && strcmp(cm->containers.items[i].id, id) == 0)
            return true;
    return false;
}

/* name's slug; with the path's slug, then a number, when already taken. */
static const char *make_id(const ec_container_model *cm, ec_arena *arena, const ec_container *c)
{
    ec_buf id = EC_BUF_INIT;
    const char *out;
    size_t base, n = 2;

    ec_containers_slug(&id, c->name);
    if (!id.len)
        ec_buf_puts(&id, "container");
    if (id_taken(cm, id.ptr) && c->path[0] && strcmp(c->path, ".") != 0) {
        ec_buf_putc(&id, '-');
        ec_containers_slug(&id, c->path);
    }
    base = id.len;
    while (id_taken(cm, id.ptr)) {
        ec_buf_truncate(&id, base);
        ec_buf_printf(&id, "-%zu", n++);
    }
    out = ec_arena_strdup(arena, id.ptr);
    ec_buf_release(&id);
    return out;
}

/* The manifest a fact's evidence points into ("a/package.json#main" and
 * "a/Dockerfile:3" give the file), compared without copying. */
static size_t manifest_len(const char *evidence)
{
    const char *start = strncmp(evidence, "manifest:", 9) == 0 ? evidence + 9 : evidence;
    const char *end = start == evidence ? strrchr(start, ':') : strchr(start, '#');

    return (size_t)((end ? end : start + strlen(start)) - evidence);
}

static bool same_manifest(const char *a, const char *b)
{
    size_t n = manifest_len(a);

    return n == manifest_len(b) && strncmp(a, b, n) == 0;
}

static const char *const kind_order[] = {"database",   "cache", "queue",   "service", "frontend",
                                         "executable", "job",   "library", NULL};

static size_t kind_rank(const char *kind)
{
    size_t i;

    for (i = 0; kind_order[i] && strcmp(kind_order[i], kind) != 0; i++)
        ;
    return i;
}

static bool build_output(const char *kind)
{
    return strcmp(kind, "executable") == 0 || strcmp(kind, "library") == 0;
}

static const char *without_lib(const char *name)
{
    return strncmp(name, "lib", 3) == 0 && name[3] ? name + 3 : name;
}

/* Programs and libraries that two build files of one directory name (a
 * CMakeLists.txt beside a Makefile) are one only when the names agree,
 * a "lib" prefix aside ("hiredis" and "libhiredis"). */
static bool same_output(const ec_container *c, const ec_container_fact *f)
{
    size_t i;

    if (!build_output(f->kind) || !build_output(c->kind) || f->name_from_dir)
        return true;
    for (i = 0; i < c->facts.len; i++)
        if (c->facts.items[i]->name_from_dir)
            return true;
    return strcmp(without_lib(c->name), without_lib(f->name)) == 0;
}

/* Whether image's repository (its last path element, tag and digest
 * aside) is name: "springcommunity/spring-petclinic-vets-service:3.2"
 * names spring-petclinic-vets-service. */
static bool image_names(const char *image, const char *name)
{
    const char *slash = strrchr(image, '/'), *base = slash ? slash + 1 : image;
    size_t n = strcspn(base, ":@");

    return n && strlen(name) == n && strncmp(base, name, n) == 0;
}

/* Whether fact f describes container c: built from the same directory by
 * another manifest, or run from an image under the same name, or from the
 * image named after it. */
static bool describes(const ec_container *c, const ec_container_fact *f)
{
    size_t i;

    if (f->path[0] && strcmp(c->path, f->path) == 0) {
        for (i = 0; i < c->facts.len; i++)
            if (same_manifest(c->facts.items[i]->evidence, f->evidence))
                return false; /* two programs of one manifest stay two */
        return same_output(c, f);
    }
    if (!f->path[0] && c->path[0] && image_names(f->image, c->name))
        return true; /* compose runs the image the module builds */
    return (!f->path[0] || !c->path[0]) && strcmp(c->name, f->name) == 0;
}

/* Whether entry a (n bytes) says all that b (m bytes) says: the same, or b
 * with details in parentheses ("Docker (from node:18)" and "Docker"). */
static bool covers(const char *a, size_t n, const char *b, size_t m)
{
    return m <= n && memcmp(a, b, m) == 0 && (n == m || (a[m] == ' ' && a[m + 1] == '('));
}

/* Add tech to the ", "-separated list, unless an entry says as much; an
 * entry it says more than is replaced. */
static void add_technology(ec_arena *arena, ec_container *c, const char *tech)
{
    ec_buf b = EC_BUF_INIT;
    const char *p = c->technology;
    size_t n = strlen(tech);
    bool placed = false;

    if (!n)
        return;
    while (*p) {
        size_t len = strcspn(p, ",");

        if (b.len)
            ec_buf_puts(&b, ", ");
        if (!placed && covers(tech, n, p, len)) {
            ec_buf_puts(&b, tech);
            placed = true;
        } else {
            ec_buf_add(&b, p, len);
            placed = placed || covers(p, len, tech, n);
        }
        p += len;
        p += strspn(p, ", ");
    }
    if (!placed) {
        if (b.len)
            ec_buf_puts(&b, ", ");
        ec_buf_puts(&b, tech);
    }
    c->technology = ec_arena_strdup(arena, b.ptr);
    ec_buf_release(&b);
}

static void merge(ec_arena *arena, ec_container *c, const ec_container_fact *f)
{
    size_t i;
    bool declared = false;

    for (i = 0; i < c->facts.len; i++)
        declared = declared || !c->facts.items[i]->name_from_dir;
    if (!f->name_from_dir && !declared)
        c->name = f->name;
    if (kind_rank(f->kind) < kind_rank(c->kind))
        c->kind = f->kind;
    if (!c->path[0])
        c->path = f->path;
    if (!c->image[0])
        c->image = f->image;
    add_technology(arena, c, f->technology);
    ec_array_push(&c->facts, f);
    for (i = 0; i < f->files.len; i++)
        ec_array_push(&c->files, f->files.items[i]);
}

static void collect(ec_container_model *cm, ec_arena *arena, const ec_container_fact *f)
{
    ec_container c = {0};
    size_t i;

    for (i = 0; i < cm->containers.len; i++) {
        if (describes(&cm->containers.items[i], f)) {
            merge(arena, &cm->containers.items[i], f);
            return;
        }
    }
    c.name = f->name;
    c.kind = f->kind;
    c.technology = "";
    c.path = f->path;
    c.image = f->image;
    merge(arena, &c, f);
    ec_array_push(&cm->containers, c);
}

static int compare_merged(const void *a, const void *b)
{
    const ec_container *x = a, *y = b;
    int c = strcmp(x->path, y->path);

    return c ? c : strcmp(x->name, y->name);
}

/* Whether every "k=v" line of selector is one of labels' lines. */
static bool selects(const char *selector, const char *labels)
{
    const char *p = selector;

    while (*p) {
        size_t n = strcspn(p, "\n") + 1; /* with its newline */
        const char *q = labels;
        bool found = false;

        while (!found && *q) {
            size_t m = strcspn(q, "\n") + 1;

            found = m == n && strncmp(p, q, n) == 0;
            q += m;
        }
        if (!found)
            return false;
        p += n;
    }
    return p != selector;
}

static const char *find_container(const ec_container_model *cm, const char *name)
{
    size_t i, j;

    for (i = 0; i < cm->containers.len; i++)
        for (j = 0; j < cm->containers.items[i].facts.len; j++)
            if (strcmp(cm->containers.items[i].facts.items[j]->name, name) == 0)
                return cm->containers.items[i].id;
    for (i = 0; i < cm->containers.len; i++)
        if (strcmp(cm->containers.items[i].path, name) == 0)
            return cm->containers.items[i].id;
    return NULL;
}

/* The container behind an address (a Kubernetes Service) called name: the
 * first whose pod labels its selector picks. */
static const char *find_addressed(const ec_container_model *cm, const ec_facts *facts,
                                  const char *name)
{
    size_t i, j, k;

    for (i = 0; i < facts->addresses.len; i++) {
        const ec_address_fact *a = &facts->addresses.items[i];

        if (strcmp(a->name, name) != 0)
            continue;
        for (j = 0; j < cm->containers.len; j++)
            for (k = 0; k < cm->containers.items[j].facts.len; k++)
                if (selects(a->selector, cm->containers.items[j].facts.items[k]->labels))
                    return cm->containers.items[j].id;
    }
    return NULL;
}

/* The container a relation names: by a name any of its facts uses, by an
 * address in front of it, or by path; else the external system of that
 * name. */
static const char *find_id(const ec_container_model *cm, const ec_facts *facts, const char *name)
{
    const char *id = find_container(cm, name);
    size_t i;

    if (!id)
        id = find_addressed(cm, facts, name);
    for (i = 0; !id && i < cm->externals.len; i++)
        if (strcmp(cm->externals.items[i].name, name) == 0)
            id = cm->externals.items[i].id;
    return id;
}

/* A build file links by name: a library no container of the project is
 * called by is one of the system ("m", "ssl"), a dependency of the
 * manifest that links it, listed once per manifest. */
static void system_library(ec_facts *facts, const ec_relation_fact *f)
{
    ec_dependency_fact d = {f->to, "", "system", "runtime", f->evidence};
    size_t i;

    for (i = 0; i < facts->dependencies.len; i++) {
        const ec_dependency_fact *e = &facts->dependencies.items[i];

        if (strcmp(e->name, f->to) == 0 && strcmp(e->ecosystem, "system") == 0 &&
            same_manifest(e->evidence, f->evidence))
            return;
    }
    ec_array_push(&facts->dependencies, d);
}

/* Two kinds or technologies of one relation agree when they are the same or
 * one of them is the vague one ("uses", ""), which the other then refines. */
static bool agree(const char *a, const char *b, const char *vague)
{
    return strcmp(a, b) == 0 || strcmp(a, vague) == 0 || strcmp(b, vague) == 0;
}

/* A relation between the same two containers, of an agreeing kind and
 * technology, declared again (another compose file, a client in the code)
 * adds weight and evidence rather than a second arrow. */
static void link(ec_container_model *cm, const char *from, const char *to,
                 const ec_relation_fact *f)
{
    ec_relation r = {from, to, f->kind, f->technology, EC_ARRAY_INIT};
    size_t i;

    for (i = 0; i < cm->relations.len; i++) {
        ec_relation *e = &cm->relations.items[i];

        if (strcmp(e->from, from) == 0 && strcmp(e->to, to) == 0 &&
            agree(e->kind, f->kind, "uses") && agree(e->technology, f->technology, "")) {
            if (strcmp(e->kind, "uses") == 0)
                e->kind = f->kind;
            if (!e->technology[0])
                e->technology = f->technology;
            ec_array_push(&e->facts, f);
            return;
        }
    }
    ec_array_push(&r.facts, f);
    ec_array_push(&cm->relations, r);
}

static void add_relation(ec_container_model *cm, ec_facts *facts, const ec_relation_fact *f)
{
    const char *from = find_id(cm, facts, f->from), *to = find_id(cm, facts, f->to);

    if (from && !to && strcmp(f->technology, "linking") == 0) {
        to = find_id(cm, facts, without_lib(f->to)); /* libgitcore.a: the crate gitcore */
        if (!to) {
            system_library(facts, f);
            return;
        }
    }
    if (!from || !to) {
        ec_diag_add(&facts->diags, "", 0, "%s: relation %s -> %s names no known container",
                    f->evidence, f->from, f->to);
        return;
    }
    link(cm, from, to, f);
}

void ec_containers_relate(ec_container_model *cm, const char *from, const char *to,
                          const ec_relation_fact *f)
{
    link(cm, from, to, f);
    ec_array_sort(&cm->relations, compare_relations);
}

/* Whether dir (a container's path) is path's directory or one above it. */
static size_t dir_above(const char *dir, const char *path)
{
    size_t n = strlen(dir);

    if (strcmp(dir, ".") == 0)
        return 1;
    return n && strncmp(dir, path, n) == 0 && path[n] == '/' ? n + 1 : 0;
}

/* Whether a and b are files of one directory and one stem (calc.c and
 * calc.h). */
static bool same_stem(const char *a, const char *b)
{
    const char *sa = strrchr(a, '/'), *sb = strrchr(b, '/');
    size_t da = sa ? (size_t)(sa - a) + 1 : 0, db = sb ? (size_t)(sb - b) + 1 : 0;
    size_t na = strcspn(a + da, "."), nb = strcspn(b + db, ".");

    return da == db && na == nb && strncmp(a, b, da + na) == 0;
}

/* Of the containers built from the file's nearest directory (dir_len),
 * the one that lists a file of path's stem (a header with its source),
 * when exactly one does. */
static const char *by_stem(const ec_container_model *cm, const char *path, size_t dir_len)
{
    const char *found = NULL;
    size_t i, j;

    for (i = 0; i < cm->containers.len; i++) {
        const ec_container *c = &cm->containers.items[i];

        if (dir_above(c->path, path) != dir_len)
            continue;
        for (j = 0; j < c->files.len; j++) {
            if (!same_stem(c->files.items[j], path))
                continue;
            if (found && strcmp(found, c->id) != 0)
                return NULL;
            found = c->id;
            break;
        }
    }
    return found;
}

const char *ec_containers_of_file(const ec_container_model *cm, const char *path)
{
    const char *best = NULL;
    size_t i, j, best_len = 0;
    bool tie = false;

    for (i = 0; i < cm->containers.len; i++) {
        const ec_container *c = &cm->containers.items[i];
        size_t len = dir_above(c->path, path);

        for (j = 0; j < c->files.len; j++)
            if (strcmp(c->files.items[j], path) == 0)
                return c->id;
        if (len && len == best_len)
            tie = true;
        if (len > best_len) {
            best = c->id;
            best_len = len;
            tie = false;
        }
    }
    return tie ? by_stem(cm, path, best_len) : best;
}

static void add_external(ec_container_model *cm, ec_facts *facts, const ec_external_fact *f)
{
    ec_external e = {NULL, f->name, f->kind, EC_ARRAY_INIT};
    ec_buf id = EC_BUF_INIT;
    size_t i;

    for (i = 0; i < cm->externals.len; i++) {
        if (strcmp(cm->externals.items[i].name, f->name) == 0) {
            ec_array_push(&cm->externals.items[i].facts, f);
            return;
        }
    }
    ec_buf_puts(&id, "ext-");
    ec_containers_slug(&id, f->name);
    e.id = ec_arena_strdup(&facts->arena, id.ptr);
    ec_array_push(&e.facts, f);
    ec_array_push(&cm->externals, e);
    ec_buf_release(&id);
}

static int compare_externals(const void *a, const void *b)
{
    return strcmp(((const ec_external *)a)->id, ((const ec_external *)b)->id);
}

void ec_containers_build(ec_container_model *out, ec_facts *facts)
{
    size_t i;

    memset(out, 0, sizeof(*out));
    ec_array_sort(&facts->containers, compare_containers);
    ec_array_sort(&facts->dependencies, compare_dependencies);
    /* Built containers first, so that image-only services join them. */
    for (i = 0; i < facts->containers.len; i++)
        if (facts->containers.items[i].path[0])
            collect(out, &facts->arena, &facts->containers.items[i]);
    for (i = 0; i < facts->containers.len; i++)
        if (!facts->containers.items[i].path[0])
            collect(out, &facts->arena, &facts->containers.items[i]);
    ec_array_sort(&out->containers, compare_merged);
    for (i = 0; i < out->containers.len; i++)
        out->containers.items[i].id = make_id(out, &facts->arena, &out->containers.items[i]);
    for (i = 0; i < facts->externals.len; i++)
        add_external(out, facts, &facts->externals.items[i]);
    ec_array_sort(&out->externals, compare_externals);
    for (i = 0; i < facts->relations.len; i++)
        add_relation(out, facts, &facts->relations.items[i]);
    ec_array_sort(&out->relations, compare_relations);
    ec_array_sort(&facts->dependencies, compare_dependencies); /* with system libraries */
}

void ec_containers_release(ec_container_model *cm)
{
    size_t i;

    for (i = 0; i < cm->containers.len; i++) {
        ec_array_release(&cm->containers.items[i].facts);
        ec_array_release(&cm->containers.items[i].files);
    }
    ec_array_release(&cm->containers);
    for (i = 0; i < cm->relations.len; i++)
        ec_array_release(&cm->relations.items[i].facts);
    for (i = 0; i < cm->externals.len; i++)
        ec_array_release(&cm->externals.items[i].facts);
    ec_array_release(&cm->externals);
    ec_array_release(&cm->relations);
}
