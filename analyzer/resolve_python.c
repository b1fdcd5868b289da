/*
 * resolve_python.c - Python imports (see resolve.h).
 *
 * A relative import ("from ..a import b") walks up from the importer's
 * package; "from . import x" leads to x's module when x is one (read from
 * the source line, as the import fact holds the dots only), else to the
 * package's __init__.py, and so does "from pkg import x"; an absolute one is a module file under
 * any source root (src/ layouts included), nearest the importer; otherwise its top-level name is
 * the standard library's (a data list) or a package's.
 */
#include <stdlib.h>
#include <string.h>

#include "analyzer/resolve_index.h"
#include "util/alloc.h"
#include "util/path.h"

typedef struct {
    ec_str_array std; /* sorted */
    ec_buf text;      /* the source of the file last read for its import lines */
    const char *text_of;
} py_state;

static void *py_prepare(ec_resolver *r)
{
    py_state *s = ec_xcalloc(1, sizeof(*s));

    ec_resolver_load_list(r, "stdlib/python.txt", &s->std);
    ec_buf_init(&s->text, 4 * 1024 * 1024);
    return s;
}

static void py_release(void *state)
{
    py_state *s = state;

    ec_array_release(&s->std);
    ec_buf_release(&s->text);
    free(s);
}

static const char *const py_suffixes[] = {".py", "/__init__.py", ".pyi", NULL};

static const char *python_module(ec_resolver *r, const char *base_dir, const char *dotted)
{
    ec_buf rel = EC_BUF_INIT;
    const char *found = NULL, *p;

    for (p = dotted; *p; p++)
        ec_buf_putc(&rel, *p == '.' ? '/' : *p);
    if (ec_resolver_join(r, base_dir, rel.ptr)) {
        char *path = ec_arena_strdup(&r->facts->arena, r->scratch.ptr);
        found = ec_resolver_first_file(r, path, py_suffixes);
        if (!found && ec_resolver_is_dir(r, path))
            found = path; /* a namespace package */
    }
    ec_buf_release(&rel);
    return found;
}

/* A directory that can be on sys.path: one that is not itself a package
 * (no __init__.py), like the root, src/ or a directory of scripts. */
static bool is_source_root(const ec_resolver *r, const char *path, size_t root_len, void *payload)
{
    ec_buf init = EC_BUF_INIT;
    bool package;

    (void)payload;
    if (root_len == 0)
        return true;
    ec_buf_add(&init, path, root_len);
    ec_buf_puts(&init, "__init__.py");
    package = ec_resolver_file(r, init.ptr) != NULL;
    ec_buf_release(&init);
    return !package;
}

/* Absolute: the module file under any source root, nearest the importer. */
static const char *python_anywhere(ec_resolver *r, const char *dotted, const char *near)
{
    ec_buf rel = EC_BUF_INIT;
    const char *found = NULL, *p;
    size_t i;

    for (p = dotted; *p; p++)
        ec_buf_putc(&rel, *p == '.' ? '/' : *p);
    for (i = 0; py_suffixes[i] && !found; i++) {
        ec_buf_printf(&rel, "%s", py_suffixes[i]);
        found = ec_resolver_find_suffix_if(r, rel.ptr, near, is_source_root, NULL);
        ec_buf_truncate(&rel, rel.len - strlen(py_suffixes[i]));
    }
    /* a namespace package (no __init__.py): a directory of that path */
    for (i = 0; i < r->dirs.len && !found && strchr(dotted, '.'); i++) {
        const char *d = r->dirs.items[i];
        size_t dl = strlen(d);
        if (dl >= rel.len && !strcmp(d + dl - rel.len, rel.ptr) &&
            (dl == rel.len || d[dl - rel.len - 1] == '/'))
            found = d;
    }
    ec_buf_release(&rel);
    return found;
}

/* a.b.c with no module a/b/c: the deepest module file a prefix names (what
 * follows is bound at run time, as requests.packages does with sys.modules). */
static const char *module_prefix(ec_resolver *r, const char *dotted, const char *near)
{
    char *prefix = ec_arena_strdup(&r->facts->arena, dotted), *dot;
    const char *found = NULL;

    while (!found && (dot = strrchr(prefix, '.')) != NULL) {
        *dot = '\0';
        found = python_anywhere(r, prefix, near);
        if (found && ec_resolver_is_dir(r, found))
            found = NULL; /* a namespace package holds no names of its own */
    }
    return found;
}

/* The first name "from . import" brings in, read from the source line
 * (the import fact holds the dots only): "" when it cannot be read. */
static const char *imported_name(ec_resolver *r, py_state *s, const char *path, unsigned line)
{
    const char *p, *end;
    unsigned n;

    if (s->text_of != path) {
        s->text_of = path;
        if (ec_resolver_read(r, path, &s->text) != 0)
            ec_buf_reset(&s->text);
    }
    for (p = s->text.ptr, n = 1; p && n < line; n++)
        p = (p = strchr(p, '\n')) != NULL ? p + 1 : NULL;
    end = p ? p + strcspn(p, "\n") : NULL;
    p = p ? strstr(p, " import") : NULL;
    if (!p || p > end)
        return "";
    p += 7;
    p += strspn(p, " \t(\\\r\n");
    return ec_arena_strndup(&r->facts->arena, p,
                            strspn(p, "abcdefghijklmnopqrstuvwxyz"
                                      "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"));
}

static void py_resolve(ec_resolver *r, void *state, const ec_file_fact *file, ec_import_fact *im)
{
    py_state *s = state;
    const char *found;
    char top[128];
    size_t n;

    if (im->level) {
        const char *base = r->file_dir;
        unsigned up;

        for (up = 1; up < im->level; up++)
            base = ec_resolver_dir_of(r, base);
        if (im->spec[0]) {
            found = python_module(r, base, im->spec);
        } else { /* "from . import x": x's module when x is one, else the package */
            const char *name = imported_name(r, s, file->path, im->line);
            found = name[0] ? python_module(r, base, name) : NULL;
            if (found && ec_resolver_is_dir(r, found))
                found = NULL; /* a directory: say the package */
            if (!found)
                found = ec_resolver_first_file(r, base, py_suffixes + 1);
        }
        if (!found && !im->spec[0] && ec_resolver_is_dir(r, base))
            found = base;
        if (found)
            ec_resolver_set(r, im, EC_IMPORT_INTERNAL, found);
        return;
    }
    found = python_anywhere(r, im->spec, file->path);
    if (found &&
        (!strcmp(ec_path_basename(found), "__init__.py") || ec_resolver_is_dir(r, found))) {
        /* "from pkg import x": x's module when x is one */
        const char *name = imported_name(r, s, file->path, im->line), *mod;
        ec_buf dotted = EC_BUF_INIT;

        ec_buf_printf(&dotted, "%s.%s", im->spec, name);
        mod = name[0] ? python_anywhere(r, dotted.ptr, file->path) : NULL;
        if (mod && !ec_resolver_is_dir(r, mod))
            found = mod;
        ec_buf_release(&dotted);
    }
    if (!found)
        found = module_prefix(r, im->spec, file->path);
    if (found) {
        ec_resolver_set(r, im, EC_IMPORT_INTERNAL, found);
        return;
    }
    n = strcspn(im->spec, ".");
    if (n == 0 || n >= sizeof(top))
        return;
    memcpy(top, im->spec, n);
    top[n] = '\0';
    ec_resolver_set(
        r, im, ec_resolver_in_sorted(&s->std, top) ? EC_IMPORT_STDLIB : EC_IMPORT_EXTERNAL, top);
}

const ec_resolve_language ec_resolve_python = {py_prepare, py_resolve, NULL, py_release};
