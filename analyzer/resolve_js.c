/*
 * resolve_js.c - JavaScript and TypeScript imports (see resolve.h).
 *
 * Relative and root-absolute specifiers follow Node's and TypeScript's file
 * rules (extensions tried in turn, index files, "./x.js" written for x.ts).
 * A bare specifier is tried, in order, against:
 *   - "#name" subpath imports of the nearest package.json ("imports");
 *   - the nearest tsconfig.json / jsconfig.json: "paths" patterns and
 *     "baseUrl" (JSON with comments and trailing commas; a relative
 *     "extends" is followed);
 *   - the project's own packages: every package.json of the tree with a
 *     name (workspace members, whatever declared them), entered through
 *     "exports" (a string, a subpath map, conditions import / require /
 *     default / types), else "module", else "main", else an index file.
 *     A target that is built output not in the tree (dist/x.js) is looked
 *     for as the source it is built from (src/x.ts); failing that the
 *     package's package.json stands for it;
 * and otherwise "node:" and the built-in modules (a data list) are the
 * standard library, the rest a package named without its subpath.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/resolve_index.h"
#include "util/alloc.h"
#include "util/path.h"

typedef struct {
    const char *name;     /* "@scope/name" */
    const char *dir;      /* where its package.json is, "" at the root */
    const char *manifest; /* the package.json */
    json_t *exports;      /* borrowed from json, or NULL */
    json_t *imports;
    const char *module, *main;
    json_t *json;
} js_package;

typedef struct {
    const char *dir;      /* where the tsconfig is */
    const char *base_url; /* resolved, root-relative; NULL when not set */
    json_t *paths;        /* owned, or NULL */
} js_config;

typedef struct {
    ec_str_array std;              /* sorted */
    EC_ARRAY(js_package) packages; /* every package.json, sorted by dir */
    EC_ARRAY(js_config) configs;   /* every tsconfig/jsconfig, sorted by dir */
} js_state;

static const char *const js_suffixes[] = {
    "",           ".ts",       ".tsx",       ".js",        ".jsx",  ".mjs",
    ".cjs",       ".mts",      ".cts",       ".json",      ".d.ts", "/index.ts",
    "/index.tsx", "/index.js", "/index.jsx", "/index.mjs", NULL};

/* ---- reading JSON the way TypeScript does ---- */

/* Drop comments and trailing commas outside strings, in place. */
static void strip_jsonc(char *s)
{
    char *out = s, *last = NULL; /* last: a comma written, waiting for what follows */
    bool str = false;

    for (; *s; s++) {
        if (str) {
            *out++ = *s;
            if (*s == '\\' && s[1])
                *out++ = *++s;
            else if (*s == '"')
                str = false;
            continue;
        }
        if (s[0] == '/' && s[1] == '/') {
            s += strcspn(s, "\n") - 1;
            if (!*s)
                break;
            continue;
        }
        if (s[0] == '/' && s[1] == '*') {
            char *end = strstr(s + 2, "*/");
            if (!end)
                break;
            s = end + 1;
            continue;
        }
        if ((*s == '}' || *s == ']') && last) {
            *last = ' ';
        }
        if (*s == ',')
            last = out;
        else if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            last = NULL;
        if (*s == '"')
            str = true;
        *out++ = *s;
    }
    *out = '\0';
}

static json_t *read_json(ec_resolver *r, const char *path, bool jsonc)
{
    ec_buf text;
    json_t *j = NULL;

    ec_buf_init(&text, 4 * 1024 * 1024);
    if (ec_resolver_read(r, path, &text) == 0) {
        if (jsonc)
            strip_jsonc(text.ptr);
        j = json_loads(text.ptr, JSON_DECODE_ANY, NULL);
    }
    ec_buf_release(&text);
    return j;
}

static const char *json_str(json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

/* ---- the project's packages and configs ---- */

static void add_package(ec_resolver *r, js_state *s, const char *path)
{
    json_t *j = read_json(r, path, false);
    js_package p;

    if (!json_is_object(j)) {
        json_decref(j);
        return;
    }
    memset(&p, 0, sizeof(p));
    p.json = j;
    p.name = json_str(j, "name");
    p.dir = ec_resolver_dir_of(r, path);
    p.manifest = path;
    p.exports = json_object_get(j, "exports");
    p.imports = json_object_get(j, "imports");
    p.module = json_str(j, "module");
    p.main = json_str(j, "main");
    ec_array_push(&s->packages, p);
}

/* compilerOptions of config and what it extends (relative paths only),
 * nearest first; depth bounds a cycle. */
static void read_config_chain(ec_resolver *r, js_config *c, const char *path, int depth)
{
    json_t *j = depth < 8 ? read_json(r, path, true) : NULL;
    json_t *opts = json_object_get(j, "compilerOptions");
    const char *ext = json_str(j, "extends"), *dir = ec_resolver_dir_of(r, path);

    if (!c->base_url && json_str(opts, "baseUrl") &&
        ec_resolver_join(r, dir, json_str(opts, "baseUrl")))
        c->base_url = ec_arena_strdup(&r->facts->arena, r->scratch.ptr);
    if (!c->paths && json_is_object(json_object_get(opts, "paths"))) {
        c->paths = json_incref(json_object_get(opts, "paths"));
        if (!c->base_url) /* paths without baseUrl are relative to their config */
            c->base_url = dir;
    }
    if (ext && (ext[0] == '.') && ec_resolver_join(r, dir, ext)) {
        ec_buf next = EC_BUF_INIT;

        ec_buf_puts(&next, r->scratch.ptr);
        if (!ec_resolver_file(r, next.ptr))
            ec_buf_puts(&next, ".json");
        read_config_chain(r, c, ec_arena_strdup(&r->facts->arena, next.ptr), depth + 1);
        ec_buf_release(&next);
    }
    json_decref(j);
}

static bool is_config(const char *base)
{
    return !strcmp(base, "tsconfig.json") || !strcmp(base, "jsconfig.json");
}

static int compare_package(const void *a, const void *b)
{
    return strcmp(((const js_package *)a)->dir, ((const js_package *)b)->dir);
}

static int compare_config(const void *a, const void *b)
{
    return strcmp(((const js_config *)a)->dir, ((const js_config *)b)->dir);
}

static void *js_prepare(ec_resolver *r)
{
    js_state *s = ec_xcalloc(1, sizeof(*s));
    size_t i;

    ec_resolver_load_list(r, "stdlib/node.txt", &s->std);
    for (i = 0; i < r->facts->files.len; i++) {
        const char *p = r->facts->files.items[i].path, *base = ec_path_basename(p);

        if (!strcmp(base, "package.json")) {
            add_package(r, s, p);
        } else if (is_config(base)) {
            js_config c = {ec_resolver_dir_of(r, p), NULL, NULL};
            read_config_chain(r, &c, p, 0);
            ec_array_push(&s->configs, c);
        }
    }
    ec_array_sort(&s->packages, compare_package);
    ec_array_sort(&s->configs, compare_config);
    return s;
}

static void js_release(void *state)
{
    js_state *s = state;
    size_t i;

    for (i = 0; i < s->packages.len; i++)
        json_decref(s->packages.items[i].json);
    for (i = 0; i < s->configs.len; i++)
        json_decref(s->configs.items[i].paths);
    ec_array_release(&s->packages);
    ec_array_release(&s->configs);
    ec_array_release(&s->std);
    free(s);
}

/* ---- files ---- */

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
         !strcmp(ext, ".cjs") || !strcmp(ext, ".ts"))) {
        *ext = '\0'; /* TypeScript's ESM style: "./x.js" names x.ts; "x.d.ts" */
        found = ec_resolver_first_file(r, path, js_suffixes + 1);
    }
    return found;
}

/* A package target: the file, or the source that dist/x.js is built from. */
static const char *package_target(ec_resolver *r, const js_package *p, const char *target)
{
    static const char *const built[] = {"./dist/", "dist/", "./lib/", "./build/", "./out/", NULL};
    const char *found = js_relative(r, p->dir, target);
    size_t i;

    for (i = 0; built[i] && !found; i++) {
        size_t n = strlen(built[i]);
        if (!strncmp(target, built[i], n)) {
            ec_buf src = EC_BUF_INIT;
            ec_buf_printf(&src, "src/%s", target + n);
            found = js_relative(r, p->dir, src.ptr);
            ec_buf_release(&src);
        }
    }
    return found;
}

/* The string a conditional target picks: the string itself, or the first
 * of the conditions we read, depth first. */
static const char *pick_condition(json_t *t, int depth)
{
    static const char *const conditions[] = {"import",  "module", "require", "node",
                                             "default", "types",  NULL};
    size_t i;

    if (json_is_string(t))
        return json_string_value(t);
    if (!json_is_object(t) || depth > 8)
        return NULL;
    for (i = 0; conditions[i]; i++) {
        const char *s = pick_condition(json_object_get(t, conditions[i]), depth + 1);
        if (s)
            return s;
    }
    return NULL;
}

/* Match key against a subpath map ("./x", "#x", patterns with one star);
 * the target, its star replaced by what the key's matched, into out. */
static bool match_map(json_t *map, const char *key, ec_buf *out)
{
    const char *k;
    json_t *v;

    json_object_foreach(map, k, v)
    {
        const char *star = strchr(k, '*'), *t = pick_condition(v, 0), *tstar;
        size_t pre = star ? (size_t)(star - k) : 0, kl = strlen(key);

        if (!t)
            continue;
        if (!star && !strcmp(k, key)) {
            ec_buf_puts(out, t);
            return true;
        }
        if (star && kl >= strlen(k) - 1 && !strncmp(k, key, pre) &&
            !strcmp(key + kl - strlen(star + 1), star + 1)) {
            tstar = strchr(t, '*');
            ec_buf_add(out, t, tstar ? (size_t)(tstar - t) : strlen(t));
            if (tstar) {
                ec_buf_add(out, key + pre, kl - pre - strlen(star + 1));
                ec_buf_puts(out, tstar + 1);
            }
            return true;
        }
    }
    return false;
}

/* The entry file of a package for a subpath ("." for the package itself). */
static const char *package_entry(ec_resolver *r, const js_package *p, const char *sub)
{
    ec_buf t = EC_BUF_INIT;
    const char *found = NULL, *first_key = NULL;

    if (json_is_object(p->exports) && json_object_size(p->exports))
        first_key = json_object_iter_key(json_object_iter(p->exports));
    if (first_key && first_key[0] == '.') { /* a subpath map */
        if (match_map(p->exports, sub, &t))
            found = package_target(r, p, t.ptr);
    } else if (p->exports && !strcmp(sub, ".") && pick_condition(p->exports, 0)) {
        found = package_target(r, p, pick_condition(p->exports, 0)); /* "." alone */
    }
    if (!found && !strcmp(sub, ".")) {
        if (p->module)
            found = package_target(r, p, p->module);
        if (!found && p->main)
            found = package_target(r, p, p->main);
        if (!found)
            found = js_relative(r, p->dir, "src/index");
        if (!found)
            found = js_relative(r, p->dir, "index");
    } else if (!found) {
        found = package_target(r, p, sub);
    }
    ec_buf_release(&t);
    return found ? found : p->manifest;
}

static const js_package *find_package(const js_state *s, const char *name)
{
    size_t i;

    for (i = 0; i < s->packages.len; i++)
        if (s->packages.items[i].name && !strcmp(s->packages.items[i].name, name))
            return &s->packages.items[i];
    return NULL;
}

/* The package.json or config nearest above dir: the last in dir order
 * whose dir is dir or a parent of it. */
static bool is_above(const char *parent, const char *dir)
{
    size_t n = strlen(parent);
    return n == 0 || (!strncmp(parent, dir, n) && (dir[n] == '/' || dir[n] == '\0'));
}

static const js_package *nearest_package(const js_state *s, const char *dir)
{
    const js_package *best = NULL;
    size_t i;

    for (i = 0; i < s->packages.len; i++)
        if (is_above(s->packages.items[i].dir, dir) &&
            (!best || strlen(s->packages.items[i].dir) > strlen(best->dir)))
            best = &s->packages.items[i];
    return best;
}

static const js_config *nearest_config(const js_state *s, const char *dir)
{
    const js_config *best = NULL;
    size_t i;

    for (i = 0; i < s->configs.len; i++)
        if (is_above(s->configs.items[i].dir, dir) &&
            (!best || strlen(s->configs.items[i].dir) > strlen(best->dir)))
            best = &s->configs.items[i];
    return best;
}

static const char *via_config(ec_resolver *r, const js_config *c, const char *spec)
{
    ec_buf t = EC_BUF_INIT;
    const char *found = NULL;

    if (c && c->paths && match_map(c->paths, spec, &t))
        found = js_relative(r, c->base_url, t.ptr);
    ec_buf_release(&t);
    if (!found && c && c->paths) { /* paths values are arrays: try each */
        const char *k;
        json_t *v, *item;
        size_t i;

        json_object_foreach(c->paths, k, v)
        {
            json_t *one = json_object();
            json_array_foreach(v, i, item)
            {
                ec_buf b = EC_BUF_INIT;
                json_object_set(one, k, item);
                if (!found && match_map(one, spec, &b))
                    found = js_relative(r, c->base_url, b.ptr);
                ec_buf_release(&b);
            }
            json_decref(one);
        }
    }
    if (!found && c && c->base_url)
        found = js_relative(r, c->base_url, spec);
    return found;
}

/* A bare specifier that leads into the project, or NULL. */
static const char *js_bare(ec_resolver *r, js_state *s, const char *spec, const char *name)
{
    const js_package *p;
    ec_buf t = EC_BUF_INIT;
    const char *found = NULL;

    if (spec[0] == '#') {
        p = nearest_package(s, r->file_dir);
        if (p && json_is_object(p->imports) && match_map(p->imports, spec, &t))
            found = package_target(r, p, t.ptr);
        ec_buf_release(&t);
        return found;
    }
    found = via_config(r, nearest_config(s, r->file_dir), spec);
    if (!found && (p = find_package(s, name)) != NULL) {
        ec_buf_printf(&t, ".%s", spec + strlen(name));
        found = package_entry(r, p, t.ptr);
    }
    ec_buf_release(&t);
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
    found = js_bare(r, s, spec, name);
    if (found)
        ec_resolver_set(r, im, EC_IMPORT_INTERNAL, found);
    else if (spec[0] != '#')
        ec_resolver_set(
            r, im, ec_resolver_in_sorted(&s->std, name) ? EC_IMPORT_STDLIB : EC_IMPORT_EXTERNAL,
            name);
}

const ec_resolve_language ec_resolve_js = {js_prepare, js_resolve, NULL, js_release};
