/*
 * resolve_go.c - Go imports (see resolve.h).
 *
 * An import path under the module path of one of the project's go.mod
 * files (several in a multi-module repository), or under a module that a
 * replace directive points at a directory of the project, is the package
 * directory below it (internal); a path
 * whose first element has a dot is a module's (external); the rest is the
 * standard library.
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

/* The module line and every replace directive, single or in a block. */
static void read_go_mod(ec_resolver *r, go_state *s, const char *path, char *text)
{
    const char *dir = ec_resolver_dir_of(r, path);
    bool block = false;
    char *line;

    while ((line = strsep(&text, "\n")) != NULL) {
        line += strspn(line, " \t");
        if (block && line[0] == ')')
            block = false;
        else if (block)
            add_replace(r, s, dir, line);
        else if (!strncmp(line, "replace", 7) && strchr(line, '(') && !strstr(line, "=>"))
            block = true;
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
    free(s);
}

static void go_resolve(ec_resolver *r, void *state, const ec_file_fact *file, ec_import_fact *im)
{
    go_state *s = state;
    size_t i, first = strcspn(im->spec, "/");

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
    ec_resolver_set(r, im, memchr(im->spec, '.', first) ? EC_IMPORT_EXTERNAL : EC_IMPORT_STDLIB,
                    im->spec);
}

const ec_resolve_language ec_resolve_go = {go_prepare, go_resolve, NULL, go_release};
