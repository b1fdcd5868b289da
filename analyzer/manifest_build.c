/*
 * manifest_build.c - files and technologies for the C and C++ build-file
 * readers (see manifest_build.h).
 */
#include "analyzer/manifest_build.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/path.h"

static int compare_path(const void *key, const void *item)
{
    return strcmp(key, ((const ec_file_fact *)item)->path);
}

/* The walk lists files sorted by path; facts assembled by hand may not be,
 * and are searched one by one. */
static bool sorted(const ec_facts *facts)
{
    size_t i;

    for (i = 1; i < facts->files.len; i++)
        if (strcmp(facts->files.items[i - 1].path, facts->files.items[i].path) > 0)
            return false;
    return true;
}

bool ec_build_has_file(const ec_facts *facts, const char *path)
{
    size_t i;

    if (!facts->files.len)
        return true;
    if (facts->files.len > 32 && sorted(facts))
        return bsearch(path, facts->files.items, facts->files.len, sizeof(*facts->files.items),
                       compare_path) != NULL;
    for (i = 0; i < facts->files.len; i++)
        if (strcmp(facts->files.items[i].path, path) == 0)
            return true;
    return false;
}

const char *ec_build_object_source(ec_manifest *m, const char *obj)
{
    static const char *const exts[] = {".c", ".cc", ".cpp", ".cxx", ".S", ".s", NULL};
    const char *dot = strrchr(obj, '.'), *out = NULL;
    ec_buf b = EC_BUF_INIT;
    size_t i;

    if (!dot || strchr(dot, '/'))
        return NULL;
    for (i = 0; exts[i] && !out; i++) {
        ec_buf_reset(&b);
        ec_buf_add(&b, obj, (size_t)(dot - obj));
        ec_buf_puts(&b, exts[i]);
        if (m->facts->files.len && ec_build_has_file(m->facts, b.ptr))
            out = ec_arena_strdup(&m->facts->arena, b.ptr);
    }
    ec_buf_release(&b);
    return out;
}

bool ec_build_is_cxx(const char *path)
{
    static const char *const exts[] = {"cpp", "cc", "cxx", "c++", "C",
                                       "hpp", "hh", "hxx", "ipp", NULL};
    const char *ext = ec_path_extension(path);
    size_t i;

    for (i = 0; exts[i]; i++)
        if (strcmp(ext, exts[i]) == 0)
            return true;
    return false;
}

bool ec_build_is_c(const char *path)
{
    return strcmp(ec_path_extension(path), "c") == 0;
}

const char *ec_build_technology(const char *const *files, size_t n, const char *fallback)
{
    size_t i, c = 0, cxx = 0;

    for (i = 0; i < n; i++) {
        if (ec_build_is_cxx(files[i]))
            cxx++;
        else if (ec_build_is_c(files[i]))
            c++;
    }
    if (c || cxx)
        return cxx >= c ? "C++" : "C";
    return fallback;
}
