/*
 * resolve.c - imports to files, packages and standard libraries (see
 * resolve.h).
 *
 * An index over the file list answers the three questions every resolver
 * asks: is this exact path a file, is it a directory, which files end with
 * this path (by base name, so a lookup costs a few comparisons).
 */
#include "analyzer/resolve.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/path.h"

typedef EC_ARRAY(const char *) str_array;

typedef struct {
    ec_facts *facts;
    str_array dirs;       /* every directory holding a file, sorted */
    str_array skipped;    /* paths left out of the analysis (images, ...), sorted */
    size_t *by_base;      /* file indices sorted by base name */
    str_array python_std; /* sorted */
    str_array c_std;      /* sorted */
    str_array node_std;   /* sorted */
    EC_ARRAY(char *) owned;
    ec_buf scratch;
    const char *file_dir; /* the directory of the file whose imports are resolved */
} resolver;

static int compare_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool in_sorted(const str_array *a, const char *s)
{
    return a->len && bsearch(&s, a->items, a->len, sizeof(*a->items), compare_str) != NULL;
}

static const ec_file_fact *file_at(const resolver *r, const char *path)
{
    const ec_file_fact *files = r->facts->files.items;
    size_t lo = 0, hi = r->facts->files.len;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(files[mid].path, path);

        if (c == 0)
            return &files[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* A project file: analysed, or left out (an image imported by a bundle). */
static const char *project_file(const resolver *r, const char *path)
{
    const ec_file_fact *f = file_at(r, path);
    const char *const *s;

    if (f)
        return f->path;
    s = r->skipped.len ? bsearch(&path, r->skipped.items, r->skipped.len, sizeof(*r->skipped.items),
                                 compare_str)
                       : NULL;
    return s ? *s : NULL;
}

static bool is_dir(const resolver *r, const char *path)
{
    return in_sorted(&r->dirs, path);
}

/* ---- the index ---- */

static int compare_base(const void *a, const void *b, void *ctx)
{
    const ec_file_fact *f = ((const resolver *)ctx)->facts->files.items;
    int c = strcmp(ec_path_basename(f[*(const size_t *)a].path),
                   ec_path_basename(f[*(const size_t *)b].path));
    return c ? c
             : (*(const size_t *)a > *(const size_t *)b) -
                   (*(const size_t *)a < *(const size_t *)b);
}

static void build_index(resolver *r)
{
    size_t i, n = r->facts->files.len;

    r->by_base = ec_xcalloc(n ? n : 1, sizeof(*r->by_base));
    for (i = 0; i < n; i++) {
        const char *path = r->facts->files.items[i].path, *slash = path;

        r->by_base[i] = i;
        while ((slash = strchr(slash, '/')) != NULL) {
            char *dir = ec_arena_strndup(&r->facts->arena, path, (size_t)(slash - path));
            ec_array_push(&r->dirs, dir);
            slash++;
        }
    }
    for (i = 0; i < r->facts->skipped.len; i++)
        ec_array_push(&r->skipped, r->facts->skipped.items[i].path);
    ec_array_sort(&r->skipped, compare_str);
    qsort_r(r->by_base, n, sizeof(*r->by_base), compare_base, r);
    ec_array_sort(&r->dirs, compare_str);
    for (i = 0, n = 0; i < r->dirs.len; i++)
        if (n == 0 || strcmp(r->dirs.items[n - 1], r->dirs.items[i]) != 0)
            r->dirs.items[n++] = r->dirs.items[i];
    r->dirs.len = n;
}

static size_t common_prefix(const char *a, const char *b)
{
    size_t n = 0;

    while (a[n] && a[n] == b[n])
        n++;
    return n;
}

/* The file whose path is suffix or ends with "/suffix", nearest to near
 * (longest common prefix) when several do. */
static const char *find_suffix(const resolver *r, const char *suffix, const char *near)
{
    const ec_file_fact *f = r->facts->files.items;
    const char *base = ec_path_basename(suffix), *best = NULL;
    size_t lo = 0, hi = r->facts->files.len, sl = strlen(suffix), best_common = 0;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (strcmp(ec_path_basename(f[r->by_base[mid]].path), base) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < r->facts->files.len; lo++) {
        const char *p = f[r->by_base[lo]].path;
        size_t pl = strlen(p), common;

        if (strcmp(ec_path_basename(p), base) != 0)
            break;
        if (pl < sl || strcmp(p + pl - sl, suffix) != 0 || (pl > sl && p[pl - sl - 1] != '/'))
            continue;
        common = common_prefix(p, near);
        if (!best || common > best_common) {
            best = p;
            best_common = common;
        }
    }
    return best;
}

/* ---- standard-library lists (data files) ---- */

static void load_list(resolver *r, const char *data_dir, const char *name, str_array *out)
{
    ec_buf path = EC_BUF_INIT, text;
    char *p, *line;

    ec_buf_init(&text, 4 * 1024 * 1024);
    ec_path_join(&path, data_dir, name);
    if (ec_fs_read_file(&text, path.ptr) != 0) {
        ec_diag_add(&r->facts->diags, "", 0,
                    "cannot read %s: standard-library imports count as "
                    "external",
                    path.ptr);
    } else {
        char *owned = ec_buf_detach(&text, NULL);

        ec_array_push(&r->owned, owned);
        for (p = owned; (line = strsep(&p, "\n")) != NULL;)
            if (line[0] && line[0] != '#')
                ec_array_push(out, line);
        ec_array_sort(out, compare_str);
    }
    ec_buf_release(&path);
    ec_buf_release(&text);
}

/* ---- setting the result ---- */

static void set(resolver *r, ec_import_fact *im, ec_import_kind kind, const char *target)
{
    im->kind = kind;
    im->target = target == im->spec ? target : ec_arena_strdup(&r->facts->arena, target);
}

static char *dir_of(resolver *r, const char *path)
{
    const char *slash = strrchr(path, '/');
    return ec_arena_strndup(&r->facts->arena, path, slash ? (size_t)(slash - path) : 0);
}

/* dir/rel normalised into r->scratch; false when it leaves the root. */
static bool join_norm(resolver *r, const char *dir, const char *rel)
{
    ec_buf joined = EC_BUF_INIT;
    bool ok;

    ec_path_join(&joined, dir, rel);
    ok = ec_path_normalize(&r->scratch, joined.ptr) == 0;
    ec_buf_release(&joined);
    return ok;
}

/* The first of base+suffixes[i] that is a file. */
static const char *first_file(resolver *r, const char *base, const char *const *suffixes)
{
    ec_buf b = EC_BUF_INIT;
    const char *f = NULL;

    for (; *suffixes && !f; suffixes++) {
        ec_buf_reset(&b);
        ec_buf_printf(&b, "%s%s", base, *suffixes);
        f = project_file(r, b.ptr);
    }
    ec_buf_release(&b);
    return f;
}

/* ---- C and C++ ---- */

static void resolve_c(resolver *r, const ec_file_fact *file, ec_import_fact *im)
{
    const char *found = NULL;
    bool standard = in_sorted(&r->c_std, im->spec);
    char *slash;

    if (!im->system && join_norm(r, r->file_dir, im->spec))
        found = project_file(r, r->scratch.ptr);
    if (!found && !standard)
        found = find_suffix(r, im->spec, file->path);
    if (found) {
        set(r, im, EC_IMPORT_INTERNAL, found);
    } else if (standard) {
        set(r, im, EC_IMPORT_STDLIB, im->spec);
    } else if (im->system) {
        /* <openssl/ssl.h> -> openssl, <zlib.h> -> zlib: the library by its headers */
        char *lib = ec_arena_strdup(&r->facts->arena, im->spec);
        if ((slash = strchr(lib, '/')) != NULL)
            *slash = '\0';
        else if ((slash = strrchr(lib, '.')) != NULL)
            *slash = '\0';
        set(r, im, EC_IMPORT_EXTERNAL, lib);
    }
}

/* ---- Python ---- */

static const char *const py_suffixes[] = {".py", "/__init__.py", ".pyi", NULL};

static const char *python_module(resolver *r, const char *base_dir, const char *dotted)
{
    ec_buf rel = EC_BUF_INIT;
    const char *found = NULL, *p;

    for (p = dotted; *p; p++)
        ec_buf_putc(&rel, *p == '.' ? '/' : *p);
    if (join_norm(r, base_dir, rel.ptr)) {
        char *path = ec_arena_strdup(&r->facts->arena, r->scratch.ptr);
        found = first_file(r, path, py_suffixes);
        if (!found && is_dir(r, path))
            found = path; /* a namespace package */
    }
    ec_buf_release(&rel);
    return found;
}

/* Absolute: the module file under any source root, nearest the importer. */
static const char *python_anywhere(resolver *r, const char *dotted, const char *near)
{
    ec_buf rel = EC_BUF_INIT;
    const char *found = NULL, *p;
    size_t i;

    for (p = dotted; *p; p++)
        ec_buf_putc(&rel, *p == '.' ? '/' : *p);
    for (i = 0; py_suffixes[i] && !found; i++) {
        ec_buf_printf(&rel, "%s", py_suffixes[i]);
        found = find_suffix(r, rel.ptr, near);
        ec_buf_truncate(&rel, rel.len - strlen(py_suffixes[i]));
    }
    ec_buf_release(&rel);
    return found;
}

static void resolve_python(resolver *r, const ec_file_fact *file, ec_import_fact *im)
{
    const char *found;
    char top[128];
    size_t n;

    if (im->level) {
        const char *base = r->file_dir;
        unsigned up;

        for (up = 1; up < im->level; up++)
            base = dir_of(r, base);
        found =
            im->spec[0] ? python_module(r, base, im->spec) : first_file(r, base, py_suffixes + 1);
        if (!found && !im->spec[0] && is_dir(r, base))
            found = base;
        if (found)
            set(r, im, EC_IMPORT_INTERNAL, found);
        return;
    }
    found = python_anywhere(r, im->spec, file->path);
    if (found) {
        set(r, im, EC_IMPORT_INTERNAL, found);
        return;
    }
    n = strcspn(im->spec, ".");
    if (n == 0 || n >= sizeof(top))
        return;
    memcpy(top, im->spec, n);
    top[n] = '\0';
    set(r, im, in_sorted(&r->python_std, top) ? EC_IMPORT_STDLIB : EC_IMPORT_EXTERNAL, top);
}

/* ---- JavaScript and TypeScript ---- */

static const char *const js_suffixes[] = {
    "",           ".ts",       ".tsx",       ".js",        ".jsx",  ".mjs",
    ".cjs",       ".mts",      ".cts",       ".json",      ".d.ts", "/index.ts",
    "/index.tsx", "/index.js", "/index.jsx", "/index.mjs", NULL};

static const char *js_relative(resolver *r, const char *dir, const char *spec)
{
    const char *found = NULL;
    char *path, *ext;

    if (!join_norm(r, dir, spec))
        return NULL;
    path = ec_arena_strdup(&r->facts->arena, r->scratch.ptr);
    found = first_file(r, path, js_suffixes);
    ext = strrchr(path, '.');
    if (!found && ext && strchr(ext, '/') == NULL &&
        (!strcmp(ext, ".js") || !strcmp(ext, ".jsx") || !strcmp(ext, ".mjs") ||
         !strcmp(ext, ".cjs"))) {
        *ext = '\0'; /* TypeScript's ESM style: "./x.js" names x.ts */
        found = first_file(r, path, js_suffixes + 1);
    }
    return found;
}

static void resolve_js(resolver *r, ec_import_fact *im)
{
    const char *spec = im->spec, *found;
    char name[256];
    size_t n;

    if (spec[0] == '.' || spec[0] == '/') {
        /* bundler queries and fragments ("./a.css?inline") are not part of the path */
        char *path = ec_arena_strndup(&r->facts->arena, spec, strcspn(spec, "?#"));
        found = js_relative(r, r->file_dir, path[0] == '/' ? path + 1 : path);
        if (found)
            set(r, im, EC_IMPORT_INTERNAL, found);
        return;
    }
    if (strncmp(spec, "node:", 5) == 0) {
        set(r, im, EC_IMPORT_STDLIB, spec + 5);
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
    set(r, im, in_sorted(&r->node_std, name) ? EC_IMPORT_STDLIB : EC_IMPORT_EXTERNAL, name);
}

/* ---- Go ---- */

typedef struct {
    const char *module; /* from go.mod */
    const char *dir;    /* where go.mod is */
} go_module;

typedef EC_ARRAY(go_module) go_modules;

static void read_go_mods(resolver *r, const char *root, go_modules *mods)
{
    ec_buf text, path = EC_BUF_INIT;
    size_t i;

    ec_buf_init(&text, 1024 * 1024);
    for (i = 0; i < r->facts->files.len; i++) {
        const char *p = r->facts->files.items[i].path, *m;

        if (strcmp(ec_path_basename(p), "go.mod") != 0)
            continue;
        ec_path_join(&path, root, p);
        ec_buf_reset(&text);
        if (ec_fs_read_file(&text, path.ptr) != 0 || !(m = strstr(text.ptr, "module ")))
            continue;
        m += 7;
        while (*m == ' ' || *m == '\t' || *m == '"')
            m++;
        go_module gm = {ec_arena_strndup(&r->facts->arena, m, strcspn(m, " \t\r\n\"")),
                        dir_of(r, p)};
        ec_array_push(mods, gm);
    }
    ec_buf_release(&text);
    ec_buf_release(&path);
}

static void resolve_go(resolver *r, const go_modules *mods, ec_import_fact *im)
{
    size_t i, first = strcspn(im->spec, "/");

    for (i = 0; i < mods->len; i++) {
        size_t n = strlen(mods->items[i].module);

        if (strncmp(im->spec, mods->items[i].module, n) != 0 ||
            (im->spec[n] != '/' && im->spec[n] != '\0'))
            continue;
        if (!join_norm(r, mods->items[i].dir, im->spec[n] ? im->spec + n + 1 : "."))
            continue;
        if (is_dir(r, r->scratch.ptr) || (!r->scratch.len && r->facts->files.len)) {
            set(r, im, EC_IMPORT_INTERNAL, r->scratch.len ? r->scratch.ptr : ".");
            return;
        }
    }
    set(r, im, memchr(im->spec, '.', first) ? EC_IMPORT_EXTERNAL : EC_IMPORT_STDLIB, im->spec);
}

/* ---- Java ---- */

static void resolve_java(resolver *r, const ec_file_fact *file, ec_import_fact *im)
{
    ec_buf rel = EC_BUF_INIT;
    const char *found = NULL, *p;
    char *pkg, *dot;

    for (p = im->spec; *p; p++)
        ec_buf_putc(&rel, *p == '.' ? '/' : *p);
    if (rel.len > 2 && strcmp(rel.ptr + rel.len - 2, "/*") == 0) {
        size_t i;
        ec_buf_truncate(&rel, rel.len - 2);
        for (i = 0; i < r->dirs.len && !found; i++) {
            const char *d = r->dirs.items[i];
            size_t dl = strlen(d);
            if (dl >= rel.len && strcmp(d + dl - rel.len, rel.ptr) == 0 &&
                (dl == rel.len || d[dl - rel.len - 1] == '/'))
                found = d;
        }
    } else {
        ec_buf_puts(&rel, ".java");
        found = find_suffix(r, rel.ptr, file->path);
        if (!found && (dot = strrchr(rel.ptr, '/')) != NULL) { /* static import: a member */
            *dot = '\0';
            ec_buf_truncate(&rel, strlen(rel.ptr));
            ec_buf_puts(&rel, ".java");
            found = find_suffix(r, rel.ptr, file->path);
        }
    }
    ec_buf_release(&rel);
    if (found) {
        set(r, im, EC_IMPORT_INTERNAL, found);
        return;
    }
    pkg = ec_arena_strdup(&r->facts->arena, im->spec);
    if ((dot = strrchr(pkg, '.')) != NULL)
        *dot = '\0'; /* the package of the class */
    if (!strncmp(pkg, "java.", 5) || !strncmp(pkg, "javax.", 6) || !strncmp(pkg, "jdk.", 4) ||
        !strcmp(pkg, "java"))
        set(r, im, EC_IMPORT_STDLIB, pkg);
    else
        set(r, im, EC_IMPORT_EXTERNAL, pkg);
}

/* ---- Rust ---- */

static const char *const rs_suffixes[] = {".rs", "/mod.rs", NULL};

/* The directory a module's children live in: src/lib.rs -> src, a/mod.rs -> a,
 * a/b.rs -> a/b. */
static char *rust_child_dir(resolver *r, const char *path)
{
    const char *base = ec_path_basename(path);
    size_t n = strlen(path);

    if (!strcmp(base, "mod.rs") || !strcmp(base, "lib.rs") || !strcmp(base, "main.rs"))
        return dir_of(r, path);
    return ec_arena_strndup(&r->facts->arena, path, n > 3 ? n - 3 : n);
}

static char *rust_crate_dir(resolver *r, const char *path)
{
    const char *src = strstr(path, "src/");
    const char *last = NULL;

    while (src) {
        if (src == path || src[-1] == '/')
            last = src;
        src = strstr(src + 1, "src/");
    }
    return last ? ec_arena_strndup(&r->facts->arena, path, (size_t)(last - path) + 3)
                : dir_of(r, path);
}

/* The longest prefix of the "::" path under dir that is a module file. */
static const char *rust_module(resolver *r, const char *dir, const char *rest)
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
        f = first_file(r, rel.ptr, rs_suffixes);
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

static void resolve_rust(resolver *r, const ec_file_fact *file, ec_import_fact *im)
{
    const char *spec = im->spec, *found = NULL;
    char crate[128];
    size_t n;

    if (!strstr(spec, "::")) {
        /* "mod x;": a file beside; "extern crate x;", "use x;": a crate */
        ec_buf b = EC_BUF_INIT;

        ec_path_join(&b, rust_child_dir(r, file->path), spec);
        found = first_file(r, b.ptr, rs_suffixes);
        ec_buf_release(&b);
        if (found) {
            set(r, im, EC_IMPORT_INTERNAL, found);
            return;
        }
    }
    if (!strncmp(spec, "crate::", 7))
        found = rust_module(r, rust_crate_dir(r, file->path), spec + 7);
    else if (!strncmp(spec, "self::", 6))
        found = rust_module(r, rust_child_dir(r, file->path), spec + 6);
    else if (!strncmp(spec, "super::", 7))
        found = rust_module(r, dir_of(r, rust_child_dir(r, file->path)), spec + 7);
    if (found) {
        set(r, im, EC_IMPORT_INTERNAL, found);
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
        set(r, im, EC_IMPORT_STDLIB, crate);
    else
        set(r, im, EC_IMPORT_EXTERNAL, crate);
}

/* ---- all files ---- */

void ec_resolve_imports(ec_facts *facts, const char *data_dir, const char *root)
{
    resolver r;
    go_modules mods = EC_ARRAY_INIT;
    size_t i, k;

    memset(&r, 0, sizeof(r));
    r.facts = facts;
    ec_buf_init(&r.scratch, 0);
    build_index(&r);
    load_list(&r, data_dir, "stdlib/python.txt", &r.python_std);
    load_list(&r, data_dir, "stdlib/c.txt", &r.c_std);
    load_list(&r, data_dir, "stdlib/node.txt", &r.node_std);
    read_go_mods(&r, root, &mods);
    for (i = 0; i < facts->files.len; i++) {
        ec_file_fact *f = &facts->files.items[i];
        const char *lang = f->lang ? ec_lang_name(f->lang) : "";

        if (!f->imports.len)
            continue;
        r.file_dir = dir_of(&r, f->path);
        for (k = 0; k < f->imports.len; k++) {
            ec_import_fact *im = &f->imports.items[k];

            if (!strcmp(lang, "C") || !strcmp(lang, "C++"))
                resolve_c(&r, f, im);
            else if (!strcmp(lang, "Python"))
                resolve_python(&r, f, im);
            else if (!strcmp(lang, "JavaScript") || !strcmp(lang, "TypeScript") ||
                     !strcmp(lang, "TSX"))
                resolve_js(&r, im);
            else if (!strcmp(lang, "Go"))
                resolve_go(&r, &mods, im);
            else if (!strcmp(lang, "Java"))
                resolve_java(&r, f, im);
            else if (!strcmp(lang, "Rust"))
                resolve_rust(&r, f, im);
        }
    }
    for (i = 0; i < r.owned.len; i++)
        free(r.owned.items[i]);
    ec_array_release(&r.owned);
    ec_array_release(&r.dirs);
    ec_array_release(&r.skipped);
    ec_array_release(&r.python_std);
    ec_array_release(&r.c_std);
    ec_array_release(&r.node_std);
    ec_array_release(&mods);
    free(r.by_base);
    ec_buf_release(&r.scratch);
}
