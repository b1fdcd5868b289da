/*
 * manifest_build.c - files and technologies for the C and C++ build-file
 * readers (see manifest_build.h).
 */
#include "analyzer/manifest_build.h"

#include <string.h>

#include "util/buf.h"
#include "util/path.h"
#include "util/strlist.h"

bool ec_build_has_file(const ec_facts *facts, const char *path)
{
    return !facts->files.len || ec_facts_has_file(facts, path);
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

    return ec_str_in(ext, exts);
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
