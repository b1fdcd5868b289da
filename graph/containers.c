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
        c = strcmp(x->fact->kind, y->fact->kind);
    return c ? c : strcmp(x->fact->evidence, y->fact->evidence);
}

/* Lower-case letters and digits, other runs of characters as one '-'. */
static void slug(ec_buf *out, const char *s)
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
        if (strcmp(cm->containers.items[i].id, id) == 0)
            return true;
    return false;
}

/* name's slug; with the path's slug, then a number, when already taken. */
static const char *make_id(const ec_container_model *cm, ec_arena *arena,
                           const ec_container_fact *c)
{
    ec_buf id = EC_BUF_INIT;
    const char *out;
    size_t base, n = 2;

    slug(&id, c->name);
    if (!id.len)
        ec_buf_puts(&id, "container");
    if (id_taken(cm, id.ptr) && strcmp(c->path, ".") != 0) {
        ec_buf_putc(&id, '-');
        slug(&id, c->path);
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

/* The container a relation names: by name, then by path. */
static const char *find_id(const ec_container_model *cm, const char *name)
{
    size_t i;

    for (i = 0; i < cm->containers.len; i++)
        if (strcmp(cm->containers.items[i].fact->name, name) == 0)
            return cm->containers.items[i].id;
    for (i = 0; i < cm->containers.len; i++)
        if (strcmp(cm->containers.items[i].fact->path, name) == 0)
            return cm->containers.items[i].id;
    return NULL;
}

void ec_containers_build(ec_container_model *out, ec_facts *facts)
{
    size_t i;

    memset(out, 0, sizeof(*out));
    ec_array_sort(&facts->containers, compare_containers);
    ec_array_sort(&facts->dependencies, compare_dependencies);
    for (i = 0; i < facts->containers.len; i++) {
        ec_container c = {NULL, &facts->containers.items[i]};

        c.id = make_id(out, &facts->arena, c.fact);
        ec_array_push(&out->containers, c);
    }
    for (i = 0; i < facts->relations.len; i++) {
        const ec_relation_fact *f = &facts->relations.items[i];
        ec_relation r = {find_id(out, f->from), find_id(out, f->to), f};

        if (r.from && r.to)
            ec_array_push(&out->relations, r);
        else
            ec_diag_add(&facts->diags, "", 0, "%s: relation %s -> %s names no known container",
                        f->evidence, f->from, f->to);
    }
    ec_array_sort(&out->relations, compare_relations);
}

void ec_containers_release(ec_container_model *cm)
{
    ec_array_release(&cm->containers);
    ec_array_release(&cm->relations);
}
