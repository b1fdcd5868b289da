/*
 * resolve_rust.c - Rust modules and uses (see resolve.h).
 *
 * Paths walk the module tree as files: a module's children live in x/ for
 * x.rs, x/mod.rs, lib.rs or main.rs, and a child y is y.rs or y/mod.rs
 * there. A path names the deepest module that is a file; what follows names
 * items of that module, so "self::Item" is the importing file itself and
 * "super::Item" its parent module's file.
 *
 * The first segment decides where the walk starts: crate (the crate root:
 * the nearest lib.rs or main.rs above the file, below its Cargo.toml), self,
 * super (repeatable), a child module of the importing module (2018 uniform
 * paths), or a crate. A crate is the project's own when some Cargo.toml in
 * the tree names it ([package] or [lib] name, dashes read as underscores):
 * workspace members and path dependencies alike; its root is [lib] path or
 * src/lib.rs. Other crates are std, core, alloc, proc_macro and test (the
 * standard library) or a package's.
 */
#include <stdlib.h>
#include <string.h>

#include "analyzer/resolve_index.h"
#include "analyzer/toml.h"
#include "util/alloc.h"
#include "util/path.h"

typedef struct {
    const char *name; /* as code writes it: dashes become underscores */
    const char *root; /* the library's root file */
} rust_crate;

typedef struct {
    EC_ARRAY(rust_crate) crates;
    ec_str_array roots; /* crate root files besides lib.rs and main.rs, sorted */
} rust_state;

/* Cargo's targets: the table holding their list, the directory it finds
 * them in by itself and the package key that turns that off. */
static const struct {
    const char *table, *auto_dir, *auto_key;
} targets[] = {
    {"bin", "src/bin", "package.autobins"},
    {"test", "tests", "package.autotests"},
    {"bench", "benches", "package.autobenches"},
    {"example", "examples", "package.autoexamples"},
};

static const char *const rs_suffixes[] = {".rs", "/mod.rs", NULL};

static void add_root(ec_resolver *r, rust_state *s, const char *dir, const char *rel)
{
    const char *f;

    if (rel && ec_resolver_join(r, dir, rel) && (f = ec_resolver_file(r, r->scratch.ptr)) != NULL)
        ec_array_push(&s->roots, f);
}

/* Every .rs file directly in dir: Cargo makes each a crate of its own. */
static void add_dir_roots(ec_resolver *r, rust_state *s, const char *dir)
{
    const ec_file_fact *f = r->facts->files.items;
    size_t i, n = strlen(dir);

    for (i = 0; i < r->facts->files.len; i++)
        if (!strncmp(f[i].path, dir, n) && f[i].path[n] == '/' && !strchr(f[i].path + n + 1, '/') &&
            !strcmp(ec_path_extension(f[i].path), "rs"))
            ec_array_push(&s->roots, f[i].path);
}

/* The crate roots of a package's targets: explicit paths, and the files
 * Cargo discovers itself unless the package turns that off. */
static void read_targets(ec_resolver *r, rust_state *s, const char *dir, const ec_toml_doc *doc)
{
    size_t i;

    add_root(r, s, dir, ec_toml_string(ec_toml_find(doc->root, "lib.path")));
    for (i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
        const ec_toml_value *list = ec_toml_get(doc->root, targets[i].table);
        const ec_toml_value *off = ec_toml_find(doc->root, targets[i].auto_key);
        const ec_toml_entry *e;

        for (e = ec_toml_is(list, EC_TOML_ARRAY) ? list->first : NULL; e; e = e->next)
            add_root(r, s, dir, ec_toml_string(ec_toml_get(e->value, "path")));
        if (!(off && off->type == EC_TOML_BOOLEAN && !strcmp(off->text, "false")) &&
            ec_resolver_join(r, dir, targets[i].auto_dir))
            add_dir_roots(r, s, ec_arena_strdup(&r->facts->arena, r->scratch.ptr));
    }
}

/* The crate [package] or [lib] of one Cargo.toml names, when its library
 * root is a project file, and the roots of its other targets. */
static void read_cargo(ec_resolver *r, rust_state *s, const char *path, const ec_buf *text)
{
    ec_toml_doc doc;
    const char *name, *lib_name, *lib_path, *root;
    char *p;

    ec_toml_parse(&doc, text->ptr, text->len);
    name = ec_toml_string(ec_toml_find(doc.root, "package.name"));
    lib_name = ec_toml_string(ec_toml_find(doc.root, "lib.name"));
    lib_path = ec_toml_string(ec_toml_find(doc.root, "lib.path"));
    if (lib_name)
        name = lib_name;
    if (name &&
        ec_resolver_join(r, ec_resolver_dir_of(r, path), lib_path ? lib_path : "src/lib.rs")) {
        root = ec_resolver_file(r, r->scratch.ptr);
        if (root) {
            rust_crate c = {p = ec_arena_strdup(&r->facts->arena, name), root};
            for (; *p; p++)
                if (*p == '-')
                    *p = '_';
            ec_array_push(&s->crates, c);
        }
    }
    if (doc.root)
        read_targets(r, s, ec_resolver_dir_of(r, path), &doc);
    ec_toml_release(&doc);
}

static void *rust_prepare(ec_resolver *r)
{
    rust_state *s = ec_xcalloc(1, sizeof(*s));
    ec_buf text;
    size_t i;

    ec_buf_init(&text, 1024 * 1024);
    for (i = 0; i < r->facts->files.len; i++) {
        const char *p = r->facts->files.items[i].path;

        if (strcmp(ec_path_basename(p), "Cargo.toml") == 0 && ec_resolver_read(r, p, &text) == 0)
            read_cargo(r, s, p, &text);
    }
    ec_buf_release(&text);
    ec_resolver_sort_unique(&s->roots);
    return s;
}

static void rust_release(void *state)
{
    rust_state *s = state;

    ec_array_release(&s->crates);
    ec_array_release(&s->roots);
    free(s);
}

/* The directory a module's children live in: src/lib.rs -> src, a/mod.rs -> a,
 * a/b.rs -> a/b. */
static char *rust_child_dir(ec_resolver *r, const rust_state *s, const char *path)
{
    const char *base = ec_path_basename(path);
    size_t n = strlen(path);

    if (!strcmp(base, "mod.rs") || !strcmp(base, "lib.rs") || !strcmp(base, "main.rs") ||
        ec_resolver_in_sorted(&s->roots, path))
        return ec_resolver_dir_of(r, path);
    return ec_arena_strndup(&r->facts->arena, path, n > 3 ? n - 3 : n);
}

/* The module file whose children live in dir: dir/mod.rs, dir.rs, dir/lib.rs
 * or dir/main.rs. */
static const char *rust_module_of_dir(ec_resolver *r, const char *dir)
{
    static const char *const inside[] = {"/mod.rs", "/lib.rs", "/main.rs", NULL};
    const char *f = ec_resolver_first_file(r, dir, inside);
    ec_buf b = EC_BUF_INIT;

    if (!f && dir[0]) {
        ec_buf_printf(&b, "%s.rs", dir);
        f = ec_resolver_file(r, b.ptr);
    }
    ec_buf_release(&b);
    return f;
}

/* A crate root file directly in dir, other than lib.rs and main.rs. */
static const char *root_in_dir(const rust_state *s, const char *dir)
{
    size_t i, n = strlen(dir);

    for (i = 0; i < s->roots.len; i++) {
        const char *p = s->roots.items[i];
        if ((n == 0 || (!strncmp(p, dir, n) && p[n] == '/')) && !strchr(p + (n ? n + 1 : 0), '/'))
            return p;
    }
    return NULL;
}

/* The crate root of the file: itself when it is one, else the nearest root
 * above it (lib.rs, main.rs, a target's file), not above its Cargo.toml. */
static const char *rust_crate_root(ec_resolver *r, const rust_state *s, const char *path)
{
    static const char *const roots[] = {"/lib.rs", "/main.rs", NULL};
    const char *dir = ec_resolver_dir_of(r, path), *f;
    ec_buf b = EC_BUF_INIT;

    if (!strcmp(ec_path_basename(path), "main.rs") || !strcmp(ec_path_basename(path), "lib.rs") ||
        ec_resolver_in_sorted(&s->roots, path))
        return path;
    for (;;) {
        if ((f = ec_resolver_first_file(r, dir, roots)) != NULL ||
            (f = root_in_dir(s, dir)) != NULL)
            break;
        ec_buf_reset(&b);
        ec_buf_printf(&b, "%s%sCargo.toml", dir, dir[0] ? "/" : "");
        if (ec_resolver_file(r, b.ptr) || !dir[0])
            break;
        dir = ec_resolver_dir_of(r, dir);
    }
    ec_buf_release(&b);
    return f;
}

/* Walk the "::" path from the module file start: the deepest module that is
 * a file (start itself when the first segment is an item). */
static const char *rust_walk(ec_resolver *r, const rust_state *s, const char *start,
                             const char *rest)
{
    ec_buf rel = EC_BUF_INIT;
    const char *found = start, *p = rest;

    while (*p) {
        size_t n = strcspn(p, ":");
        const char *f;

        ec_buf_reset(&rel);
        ec_buf_printf(&rel, "%s/%.*s", rust_child_dir(r, s, found), (int)n, p);
        f = ec_resolver_first_file(r, rel.ptr, rs_suffixes);
        if (!f)
            break;
        found = f;
        p += n;
        while (*p == ':')
            p++;
    }
    ec_buf_release(&rel);
    return found;
}

/* The text after the first segment ("" when there is only one). */
static const char *after_first(const char *spec)
{
    const char *p = spec + strcspn(spec, ":");
    while (*p == ':')
        p++;
    return p;
}

static bool first_is(const char *spec, const char *word)
{
    size_t n = strlen(word);
    return !strncmp(spec, word, n) && (spec[n] == '\0' || spec[n] == ':');
}

/* crate::, self::, super::: always inside the crate. */
static const char *rust_relative(ec_resolver *r, const rust_state *s, const ec_file_fact *file,
                                 const char *spec)
{
    const char *start = file->path;

    if (first_is(spec, "crate")) {
        start = rust_crate_root(r, s, file->path);
        return start ? rust_walk(r, s, start, after_first(spec)) : NULL;
    }
    if (first_is(spec, "self"))
        return rust_walk(r, s, start, after_first(spec));
    while (start && first_is(spec, "super")) {
        /* above a crate root is nothing: super there is from an inline
         * module (mod tests { use super::*; }), the root file itself */
        if (rust_crate_root(r, s, start) != start)
            start = rust_module_of_dir(r, ec_resolver_dir_of(r, rust_child_dir(r, s, start)));
        spec = after_first(spec);
    }
    return start ? rust_walk(r, s, start, spec) : NULL;
}

static const rust_crate *workspace_crate(const rust_state *s, const char *name, size_t n)
{
    size_t i;

    for (i = 0; i < s->crates.len; i++)
        if (strlen(s->crates.items[i].name) == n && !strncmp(s->crates.items[i].name, name, n))
            return &s->crates.items[i];
    return NULL;
}

static void rust_resolve(ec_resolver *r, void *state, const ec_file_fact *file, ec_import_fact *im)
{
    rust_state *s = state;
    const char *spec = im->spec, *found = NULL;
    const rust_crate *c;
    ec_buf b = EC_BUF_INIT;
    size_t n = strcspn(spec, ":");

    if (first_is(spec, "crate") || first_is(spec, "self") || first_is(spec, "super")) {
        found = rust_relative(r, s, file, spec);
        if (found)
            ec_resolver_set(r, im, EC_IMPORT_INTERNAL, found);
        return;
    }
    /* "mod x;" and 2018 paths starting with a child module of this one */
    ec_buf_printf(&b, "%s/%.*s", rust_child_dir(r, s, file->path), (int)n, spec);
    if (ec_resolver_first_file(r, b.ptr, rs_suffixes))
        found = rust_walk(r, s, file->path, spec);
    ec_buf_release(&b);
    if (!found && (c = workspace_crate(s, spec, n)) != NULL)
        found = rust_walk(r, s, c->root, after_first(spec));
    if (found) {
        ec_resolver_set(r, im, EC_IMPORT_INTERNAL, found);
        return;
    }
    if (n == 0)
        return;
    ec_buf_add(&b, spec, n);
    if (!strcmp(b.ptr, "std") || !strcmp(b.ptr, "core") || !strcmp(b.ptr, "alloc") ||
        !strcmp(b.ptr, "proc_macro") || !strcmp(b.ptr, "test"))
        ec_resolver_set(r, im, EC_IMPORT_STDLIB, b.ptr);
    else
        ec_resolver_set(r, im, EC_IMPORT_EXTERNAL, b.ptr);
    ec_buf_release(&b);
}

const ec_resolve_language ec_resolve_rust = {rust_prepare, rust_resolve, NULL, rust_release};
