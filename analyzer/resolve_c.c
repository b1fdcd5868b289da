/*
 * resolve_c.c - C and C++ includes (see resolve.h).
 *
 * A quoted include is looked for beside the includer first, as compilers
 * do; then any project file whose path ends with what is written, nearest
 * to the includer, which stands in for the -I directories of a build we do
 * not run. A header on the list of standard and system headers is stdlib;
 * any other <...> header names its library.
 */
#include <stdlib.h>
#include <string.h>

#include "analyzer/resolve_index.h"
#include "util/alloc.h"

typedef struct {
    ec_str_array std; /* sorted */
} c_state;

static void *c_prepare(ec_resolver *r)
{
    c_state *s = ec_xcalloc(1, sizeof(*s));

    ec_resolver_load_list(r, "stdlib/c.txt", &s->std);
    return s;
}

static void c_release(void *state)
{
    c_state *s = state;

    ec_array_release(&s->std);
    free(s);
}

static void c_resolve(ec_resolver *r, void *state, const ec_file_fact *file, ec_import_fact *im)
{
    c_state *s = state;
    const char *found = NULL;
    bool standard = ec_resolver_in_sorted(&s->std, im->spec);
    char *slash;

    /* im->outside: libclang found the header outside the root, no project file is it */
    if (!im->outside && !im->system && ec_resolver_join(r, r->file_dir, im->spec))
        found = ec_resolver_file(r, r->scratch.ptr);
    if (!found && !standard && !im->outside)
        found = ec_resolver_find_suffix(r, im->spec, file->path);
    if (found) {
        ec_resolver_set(r, im, EC_IMPORT_INTERNAL, found);
    } else if (standard) {
        ec_resolver_set(r, im, EC_IMPORT_STDLIB, im->spec);
    } else if (im->system) {
        /* <openssl/ssl.h> -> openssl, <zlib.h> -> zlib: the library by its headers */
        char *lib = ec_arena_strdup(&r->facts->arena, im->spec);
        if ((slash = strchr(lib, '/')) != NULL)
            *slash = '\0';
        else if ((slash = strrchr(lib, '.')) != NULL)
            *slash = '\0';
        ec_resolver_set(r, im, EC_IMPORT_EXTERNAL, lib);
    }
}

const ec_resolve_language ec_resolve_c = {c_prepare, c_resolve, NULL, c_release};
