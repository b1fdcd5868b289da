/*
 * resolve_rust.c - Rust modules and uses (see resolve.h).
 *
 * "mod x;" is x.rs or x/mod.rs beside the module's file; crate::, self::
 * and super:: paths walk the module tree as files (the longest prefix that
 * is a file wins, the rest names items); any other first segment is a
 * crate: std, core, alloc, proc_macro and test are the standard library's.
 */
#include <string.h>

#include "analyzer/resolve_index.h"
#include "util/path.h"

static const char *const rs_suffixes[] = {".rs", "/mod.rs", NULL};

/* The directory a module's children live in: src/lib.rs -> src, a/mod.rs -> a,
 * a/b.rs -> a/b. */
static char *rust_child_dir(ec_resolver *r, const char *path)
{
    const char *base = ec_path_basename(path);
    size_t n = strlen(path);

    if (!strcmp(base, "mod.rs") || !strcmp(base, "lib.rs") || !strcmp(base, "main.rs"))
        return ec_resolver_dir_of(r, path);
    return ec_arena_strndup(&r->facts->arena, path, n > 3 ? n - 3 : n);
}

static char *rust_crate_dir(ec_resolver *r, const char *path)
{
    const char *src = strstr(path, "src/");
    const char *last = NULL;

    while (src) {
        if (src == path || src[-1] == '/')
            last = src;
        src = strstr(src + 1, "src/");
    }
    return last ? ec_arena_strndup(&r->facts->arena, path, (size_t)(last - path) + 3)
                : ec_resolver_dir_of(r, path);
}

/* The longest prefix of the "::" path under dir that is a module file. */
static const char *rust_module(ec_resolver *r, const char *dir, const char *rest)
{
    ec_buf rel = EC_BUF_INIT;
    const char *found = NULL, *p = rest;

    ec_buf_puts(&rel, dir);
    while (*p) {
        size_t n = strcspn(p, ":");
        const char *f;

        if (rel.len)
            ec_buf_putc(&rel, '/');
        ec_buf_add(&rel, p, n);
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

static void rust_resolve(ec_resolver *r, void *state, const ec_file_fact *file, ec_import_fact *im)
{
    const char *spec = im->spec, *found = NULL;
    char crate[128];
    size_t n;

    (void)state;
    if (!strstr(spec, "::")) {
        /* "mod x;": a file beside; "extern crate x;", "use x;": a crate */
        ec_buf b = EC_BUF_INIT;

        ec_path_join(&b, rust_child_dir(r, file->path), spec);
        found = ec_resolver_first_file(r, b.ptr, rs_suffixes);
        ec_buf_release(&b);
        if (found) {
            ec_resolver_set(r, im, EC_IMPORT_INTERNAL, found);
            return;
        }
    }
    if (!strncmp(spec, "crate::", 7))
        found = rust_module(r, rust_crate_dir(r, file->path), spec + 7);
    else if (!strncmp(spec, "self::", 6))
        found = rust_module(r, rust_child_dir(r, file->path), spec + 6);
    else if (!strncmp(spec, "super::", 7))
        found = rust_module(r, ec_resolver_dir_of(r, rust_child_dir(r, file->path)), spec + 7);
    if (found) {
        ec_resolver_set(r, im, EC_IMPORT_INTERNAL, found);
        return;
    }
    if (!strncmp(spec, "crate::", 7) || !strncmp(spec, "self::", 6) || !strncmp(spec, "super::", 7))
        return; /* inside the crate but no file: an item of the module itself */
    n = strcspn(spec, ":");
    if (n == 0 || n >= sizeof(crate))
        return;
    memcpy(crate, spec, n);
    crate[n] = '\0';
    if (!strcmp(crate, "std") || !strcmp(crate, "core") || !strcmp(crate, "alloc") ||
        !strcmp(crate, "proc_macro") || !strcmp(crate, "test"))
        ec_resolver_set(r, im, EC_IMPORT_STDLIB, crate);
    else
        ec_resolver_set(r, im, EC_IMPORT_EXTERNAL, crate);
}

const ec_resolve_language ec_resolve_rust = {NULL, rust_resolve, NULL, NULL};
