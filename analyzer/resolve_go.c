/*
 * resolve_go.c - Go imports (see resolve.h).
 *
 * An import path under the module path of one of the project's go.mod
 * files is the package directory below that go.mod (internal); a path
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

static void *go_prepare(ec_resolver *r)
{
    go_state *s = ec_xcalloc(1, sizeof(*s));
    ec_buf text;
    size_t i;

    ec_buf_init(&text, 1024 * 1024);
    for (i = 0; i < r->facts->files.len; i++) {
        const char *p = r->facts->files.items[i].path, *m;

        if (strcmp(ec_path_basename(p), "go.mod") != 0)
            continue;
        if (ec_resolver_read(r, p, &text) != 0 || !(m = strstr(text.ptr, "module ")))
            continue;
        m += 7;
        while (*m == ' ' || *m == '\t' || *m == '"')
            m++;
        go_module gm = {ec_arena_strndup(&r->facts->arena, m, strcspn(m, " \t\r\n\"")),
                        ec_resolver_dir_of(r, p)};
        ec_array_push(&s->mods, gm);
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
