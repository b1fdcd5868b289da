/*
 * resolve_js.c - JavaScript and TypeScript imports (see resolve.h).
 *
 * Relative and root-absolute specifiers follow Node's and TypeScript's file
 * rules (extensions tried in turn, index files, "./x.js" written for x.ts);
 * "node:" and the built-in modules (a data list) are the standard library;
 * any other bare specifier is a package, named without its subpath.
 */
#include <stdlib.h>
#include <string.h>

#include "analyzer/resolve_index.h"
#include "util/alloc.h"

typedef struct {
    ec_str_array std; /* sorted */
} js_state;

static void *js_prepare(ec_resolver *r)
{
    js_state *s = ec_xcalloc(1, sizeof(*s));

    ec_resolver_load_list(r, "stdlib/node.txt", &s->std);
    return s;
}

static void js_release(void *state)
{
    js_state *s = state;

    ec_array_release(&s->std);
    free(s);
}

static const char *const js_suffixes[] = {
    "",           ".ts",       ".tsx",       ".js",        ".jsx",  ".mjs",
    ".cjs",       ".mts",      ".cts",       ".json",      ".d.ts", "/index.ts",
    "/index.tsx", "/index.js", "/index.jsx", "/index.mjs", NULL};

static const char *js_relative(ec_resolver *r, const char *dir, const char *spec)
{
    const char *found = NULL;
    char *path, *ext;

    if (!ec_resolver_join(r, dir, spec))
        return NULL;
    path = ec_arena_strdup(&r->facts->arena, r->scratch.ptr);
    found = ec_resolver_first_file(r, path, js_suffixes);
    ext = strrchr(path, '.');
    if (!found && ext && strchr(ext, '/') == NULL &&
        (!strcmp(ext, ".js") || !strcmp(ext, ".jsx") || !strcmp(ext, ".mjs") ||
         !strcmp(ext, ".cjs"))) {
        *ext = '\0'; /* TypeScript's ESM style: "./x.js" names x.ts */
        found = ec_resolver_first_file(r, path, js_suffixes + 1);
    }
    return found;
}

static void js_resolve(ec_resolver *r, void *state, const ec_file_fact *file, ec_import_fact *im)
{
    js_state *s = state;
    const char *spec = im->spec, *found;
    char name[256];
    size_t n;

    (void)file;
    if (spec[0] == '.' || spec[0] == '/') {
        /* bundler queries and fragments ("./a.css?inline") are not part of the path */
        char *path = ec_arena_strndup(&r->facts->arena, spec, strcspn(spec, "?#"));
        found = js_relative(r, r->file_dir, path[0] == '/' ? path + 1 : path);
        if (found)
            ec_resolver_set(r, im, EC_IMPORT_INTERNAL, found);
        return;
    }
    if (strncmp(spec, "node:", 5) == 0) {
        ec_resolver_set(r, im, EC_IMPORT_STDLIB, spec + 5);
        return;
    }
    /* the package: "@scope/name/sub" -> "@scope/name", "name/sub" -> "name" */
    n = strcspn(spec, "/");
    if (spec[0] == '@' && spec[n] == '/')
        n += 1 + strcspn(spec + n + 1, "/");
    if (n == 0 || n >= sizeof(name))
        return;
    memcpy(name, spec, n);
    name[n] = '\0';
    ec_resolver_set(
        r, im, ec_resolver_in_sorted(&s->std, name) ? EC_IMPORT_STDLIB : EC_IMPORT_EXTERNAL, name);
}

const ec_resolve_language ec_resolve_js = {js_prepare, js_resolve, NULL, js_release};
