/*
 * systems.c - the external-systems catalog applied to the build facts (see
 * systems.h).
 *
 * Catalog rows point into the file's text, which lives only during
 * ec_systems_infer(): whatever goes into the facts is copied to their arena.
 */
#include "analyzer/systems.h"

#include <ctype.h>
#include <string.h>

#include "util/buf.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/path.h"
#include "util/tsv.h"

typedef struct {
    const char *match, *key, *system, *kind, *protocol;
} row;

typedef EC_ARRAY(row) rows;

static void add_row(char **f, void *ctx)
{
    ec_array_push((rows *)ctx, ((row){f[0], f[1], f[2], f[3], f[4]}));
}

static const row *find(const rows *r, const char *match, const char *key, size_t key_len)
{
    size_t i;

    for (i = 0; i < r->len; i++)
        if (strcmp(r->items[i].match, match) == 0 && strlen(r->items[i].key) == key_len &&
            strncmp(r->items[i].key, key, key_len) == 0)
            return &r->items[i];
    return NULL;
}

/* An image's repository: registry host of the default registry, tag and
 * digest removed ("docker.io/library/postgres:16@sha256:..." -> "postgres"). */
static const row *find_image(const rows *r, const char *image)
{
    const char *p = image;
    size_t n, k;

    if (strncmp(p, "docker.io/", 10) == 0)
        p += 10;
    if (strncmp(p, "library/", 8) == 0)
        p += 8;
    n = strcspn(p, "@");
    for (k = n; k > 0 && p[k - 1] != '/'; k--)
        if (p[k - 1] == ':') { /* a tag, not a registry's port: no '/' after it */
            n = k - 1;
            break;
        }
    return find(r, "image", p, n);
}

static bool is_container_kind(const char *kind)
{
    return !strcmp(kind, "database") || !strcmp(kind, "cache") || !strcmp(kind, "queue");
}

static void name_images(ec_facts *f, const rows *r)
{
    ec_buf tech = EC_BUF_INIT;
    size_t i;

    for (i = 0; i < f->containers.len; i++) {
        ec_container_fact *c = &f->containers.items[i];
        const row *x = c->image[0] ? find_image(r, c->image) : NULL;

        if (!x)
            continue;
        ec_buf_reset(&tech);
        ec_buf_printf(&tech, "%s (image %s)", x->system, c->image);
        c->technology = ec_arena_strdup(&f->arena, tech.ptr);
        if (is_container_kind(x->kind))
            c->kind = ec_arena_strdup(&f->arena, x->kind);
    }
    ec_buf_release(&tech);
}

/* The catalog entry of the container a relation names, by image. */
static const row *container_row(const ec_facts *f, const rows *r, const char *name)
{
    size_t i;

    for (i = 0; i < f->containers.len; i++)
        if (strcmp(f->containers.items[i].name, name) == 0 && f->containers.items[i].image[0])
            return find_image(r, f->containers.items[i].image);
    return NULL;
}

static void name_protocols(ec_facts *f, const rows *r)
{
    size_t i;

    for (i = 0; i < f->relations.len; i++) {
        ec_relation_fact *rel = &f->relations.items[i];
        const row *x = rel->technology[0]
                           ? find(r, "scheme", rel->technology, strlen(rel->technology))
                           : container_row(f, r, rel->to);

        if (x)
            rel->technology = ec_arena_strdup(&f->arena, x->protocol);
    }
}

/* The container that runs system, by the catalog entry of its image. */
static const ec_container_fact *deployed(const ec_facts *f, const rows *r, const char *system)
{
    size_t i;

    for (i = 0; i < f->containers.len; i++) {
        const ec_container_fact *c = &f->containers.items[i];
        const row *x = c->image[0] ? find_image(r, c->image) : NULL;

        if (x && strcmp(x->system, system) == 0)
            return c;
    }
    return NULL;
}

static bool has_container_at(const ec_facts *f, const char *dir)
{
    size_t i;

    for (i = 0; i < f->containers.len; i++)
        if (strcmp(f->containers.items[i].path, dir) == 0)
            return true;
    return false;
}

/* "manifest:a/b/package.json#dependencies.pg" or "a/b/go.mod:7" -> "a/b". */
static const char *manifest_dir(ec_facts *f, const char *evidence)
{
    const char *start = strncmp(evidence, "manifest:", 9) == 0 ? evidence + 9 : evidence;
    const char *end = start + strcspn(start, start == evidence ? ":" : "#");
    const char *slash = NULL, *p;

    for (p = start; p < end; p++)
        if (*p == '/')
            slash = p;
    return slash ? ec_arena_strndup(&f->arena, start, (size_t)(slash - start)) : ".";
}

static void add_external(ec_facts *f, const row *x, const char *evidence)
{
    size_t i;
    ec_external_fact e = {ec_arena_strdup(&f->arena, x->system),
                          ec_arena_strdup(&f->arena, x->kind), evidence};

    for (i = 0; i < f->externals.len; i++)
        if (strcmp(f->externals.items[i].name, x->system) == 0 &&
            strcmp(f->externals.items[i].evidence, evidence) == 0)
            return;
    ec_array_push(&f->externals, e);
}

static void name_clients(ec_facts *f, const rows *r)
{
    ec_buf key = EC_BUF_INIT;
    size_t i, n = f->dependencies.len;

    for (i = 0; i < n; i++) {
        const ec_dependency_fact *d = &f->dependencies.items[i];
        const ec_container_fact *runs;
        const char *dir;
        const row *x;

        ec_buf_reset(&key);
        ec_buf_printf(&key, "%s:%s", d->ecosystem, d->name);
        x = find(r, "package", key.ptr, key.len);
        if (!x || !x->system[0] || strcmp(d->scope, "dev") == 0 || strcmp(d->scope, "test") == 0)
            continue;
        runs = deployed(f, r, x->system);
        dir = manifest_dir(f, d->evidence);
        if (!runs)
            add_external(f, x, d->evidence);
        if (has_container_at(f, dir)) {
            ec_relation_fact rel = {dir, runs ? runs->name : ec_arena_strdup(&f->arena, x->system),
                                    "uses", ec_arena_strdup(&f->arena, x->protocol), d->evidence};

            ec_array_push(&f->relations, rel);
        }
    }
    ec_buf_release(&key);
}

void ec_systems_infer(ec_facts *facts, const char *data_dir)
{
    ec_buf path = EC_BUF_INIT, text = EC_BUF_INIT;
    rows r = EC_ARRAY_INIT;

    ec_path_join(&path, data_dir, "catalog/external-systems.tsv");
    if (ec_fs_read_file(&text, path.ptr) != 0) {
        ec_diag_add(&facts->diags, "", 0, "%s: external systems are not recognised",
                    ec_error_last());
    } else {
        ec_tsv_each(text.ptr, 5, add_row, &r);
        name_images(facts, &r);
        name_clients(facts, &r);
        name_protocols(facts, &r);
    }
    ec_array_release(&r);
    ec_buf_release(&text);
    ec_buf_release(&path);
}
