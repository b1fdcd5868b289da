/*
 * fuzz_c_build.c - the CMake, make, automake and autoconf readers on
 * arbitrary text.
 *
 * The first byte picks the file name, and with it the reader; the rest is
 * the file. Whatever the text, every fact a reader records carries its
 * evidence and a name, and every diagnostic names the manifest.
 */
#include <string.h>

#include "analyzer/manifest.h"
#include "fuzz/fuzz.h"

static const char *const names[] = {"CMakeLists.txt", "Makefile", "src/rules.mk", "Makefile.am",
                                    "configure.ac"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path;
    ec_facts f;
    size_t i;

    if (size < 1)
        return 0;
    path = names[data[0] % (sizeof(names) / sizeof(*names))];
    ec_facts_init(&f);
    FUZZ_CHECK(ec_manifest_read_text(&f, path, (const char *)data + 1, size - 1));
    for (i = 0; i < f.containers.len; i++)
        FUZZ_CHECK(f.containers.items[i].evidence[0] && f.containers.items[i].name[0] &&
                   f.containers.items[i].kind[0]);
    for (i = 0; i < f.dependencies.len; i++)
        FUZZ_CHECK(f.dependencies.items[i].evidence[0] && f.dependencies.items[i].name[0]);
    for (i = 0; i < f.relations.len; i++)
        FUZZ_CHECK(f.relations.items[i].evidence[0] && f.relations.items[i].to[0]);
    for (i = 0; i < f.diags.items.len; i++)
        FUZZ_CHECK(strcmp(f.diags.items.items[i].path, path) == 0);
    ec_facts_release(&f);
    return 0;
}
