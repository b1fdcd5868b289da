/*
 * resolve_go.c - Go imports (see resolve.h).
 *
 * An import path under the module path of one of the project's go.mod
 * files (several in a multi-module repository), or under a module that a
 * replace directive points at a directory of the project, is the package
 * directory below it (internal); a path whose first element has a dot is
 * a module's (external, named by the module a go.mod requires when one
 * does); the rest is the standard library.
 */
#include <stdlib.h>
#include <string.h>

#include "analyzer/resolve_index.h"
#include "util/alloc.h"
#include "util/path.h"

typedef struct {
    const char *module; /* from go.mod */
    const char *dir;    /* where go.mod is */
} go_module;

typedef struct {
    EC_ARRAY(go_module) mods;
    ec_str_array required; /* module paths go.mod files require */
} go_state;

/* One replace directive (without the word "replace"): "old [v] => ./dir"
 * makes old's packages the directory's, when it is in the project. */
static void add_replace(ec_resolver *r, go_state *s, const char *dir, const char *line)
{
    const char *arrow = strstr(line, "=>"), *t;
    size_t n = strcspn(line, " \t");

    if (!arrow || !n)
        return;
    for (t = arrow + 2; *t == ' ' || *t == '\t'; t++)
        ;
    if (t[0] != '.' ||
        !ec_resolver_join(r, dir, ec_arena_strndup(&r->facts->arena, t, strcspn(t, " \t\r\n"))))
        return; /* a module version, or outside the root */
    go_module gm = {ec_arena_strndup(&r->facts->arena, line, n),
                    ec_arena_strdup(&r->facts->arena, r->scratch.ptr)};
    ec_array_push(&s->mods, gm);
}

static void add_required(ec_resolver *r, go_state *s, const char *line)
{
    size_t n = strcspn(line, " \t\r");

    if (n)
        ec_array_push(&s->required, ec_arena_strndup(&r->facts->arena, line, n));
}

/* The module line, requirements and every replace directive, single or in a block. */
static void read_go_mod(ec_resolver *r, go_state *s, const char *path, char *text)
{
    const char *dir = ec_resolver_dir_of(r, path);
    char block = 0; /* 'r' inside replace ( ), 'q' inside require ( ) */
    char *line;

    while ((line = strsep(&text, "\n")) != NULL) {
        line += strspn(line, " \t");
        if (block && line[0] == ')')
            block = 0;
        else if (block == 'r')
            add_replace(r, s, dir, line);
        else if (block == 'q' && line[0] && line[0] != '/')
            add_required(r, s, line);
        else if (!strncmp(line, "replace", 7) && strchr(line, '(') && !strstr(line, "=>"))
            block = 'r';
        else if (!strncmp(line, "require", 7) && strchr(line, '('))
            block = 'q';
        else if (!strncmp(line, "require ", 8))
            add_required(r, s, line + 8 + strspn(line + 8, " \t"));
        else if (!strncmp(line, "replace ", 8))
            add_replace(r, s, dir, line + 8 + strspn(line + 8, " \t"));
        else if (!strncmp(line, "module ", 7)) {
            const char *m = line + 7 + strspn(line + 7, " \t\"");
            go_module gm = {ec_arena_strndup(&r->facts->arena, m, strcspn(m, " \t\r\"")), dir};
            ec_array_push(&s->mods, gm);
        }
    }
}

static void *go_prepare(ec_resolver *r)
{
    go_state *s = ec_xcalloc(1, sizeof(*s));
    ec_buf text;
    size_t i;

    ec_buf_init(&text, 1024 * 1024);
    for (i = 0; i < r->facts->files.len; i++) {
        const char *p = r->facts->files.items[i].path;

        if (strcmp(ec_path_basename(p), "go.mod") == 0 && ec_resolver_read(r, p, &text) == 0)
            read_go_mod(r, s, p, text.ptr);
    }
    ec_buf_release(&text);
    return s;
}

static void go_release(void *state)
{
    go_state *s = state;

    ec_array_release(&s->mods);
    ec_array_release(&s->required);
    free(s);
}

static void go_resolve(ec_resolver *r, void *state, const ec_file_fact *file, ec_import_fact *im)
{
    go_state *s = state;
    size_t i, best, first = strcspn(im->spec, "/");

    (void)file;
    for (i = 0; i < s->mods.len; i++) {
        size_t n = strlen(s->mods.items[i].module);

        if (strncmp(im->spec, s->mods.items[i].module, n) != 0 ||
            (im->spec[n] != '/' && im->spec[n] != '\0'))
            continue;
        if (!ec_resolver_join(r, s->mods.items[i].dir, im->spec[n] ? im->spec + n + 1 : "."))
            continue;
        if (ec_resolver_is_dir(r, r->scratch.ptr) || (!r->scratch.len && r->facts->files.len)) {
            ec_resolver_set(r, im, EC_IMPORT_INTERNAL, r->scratch.len ? r->scratch.ptr : ".");
            return;
        }
    }
    if (!memchr(im->spec, '.', first)) {
        ec_resolver_set(r, im, EC_IMPORT_STDLIB, im->spec);
        return;
    }
    /* a package of a required module: named by the module
     * (github.com/go-chi/chi/v5/middleware -> github.com/go-chi/chi/v5) */
    for (i = 0, best = 0; i < s->required.len; i++) {
        size_t n = strlen(s->required.items[i]);
        if (n > best && !strncmp(im->spec, s->required.items[i], n) &&
            (im->spec[n] == '/' || im->spec[n] == '\0'))
            best = n;
    }
    ec_resolver_set(r, im, EC_IMPORT_EXTERNAL,
                    best ? ec_arena_strndup(&r->facts->arena, im->spec, best) : im->spec);
}

const ec_resolve_language ec_resolve_go = {go_prepare, go_resolve, NULL, go_release};
