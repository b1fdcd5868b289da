/*
 * fuzz_manifest.c - the manifest readers on arbitrary text.
 *
 * The first byte picks the file name, and with it the reader; the rest is
 * the file. Whatever the text, every fact a reader records must carry its
 * evidence and a name, and every diagnostic must name the manifest. One
 * target for every reader, so that what one learns (the formats' shared
 * syntax) serves the others.
 */
#include <string.h>

#include "analyzer/manifest.h"
#include "fuzz/fuzz.h"

static const char *const names[] = {
    "go.mod",
    "package.json",
    "docker-compose.yml",
    "Dockerfile",
    "svc/compose.yaml",
    "k8s/app.yaml",
    "Procfile",
    ".env.example",
    "CODEOWNERS",
    ".github/workflows/ci.yml",
    ".gitlab-ci.yml",
    "api/shop.proto",
    "deploy/app.service",
    "charts/a/Chart.yaml",
};

static void check(const ec_facts *f, const char *path)
{
    size_t i;

    for (i = 0; i < f->containers.len; i++)
        FUZZ_CHECK(f->containers.items[i].evidence[0] && f->containers.items[i].name[0] &&
                   f->containers.items[i].kind[0]);
    for (i = 0; i < f->dependencies.len; i++)
        FUZZ_CHECK(f->dependencies.items[i].evidence[0] && f->dependencies.items[i].name[0] &&
                   f->dependencies.items[i].ecosystem[0]);
    for (i = 0; i < f->relations.len; i++)
        FUZZ_CHECK(f->relations.items[i].evidence[0] && f->relations.items[i].to[0]);
    for (i = 0; i < f->diags.items.len; i++)
        FUZZ_CHECK(strcmp(f->diags.items.items[i].path, path) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path;
    ec_facts facts;

    if (size < 1)
        return 0;
    path = names[data[0] % (sizeof(names) / sizeof(*names))];
    ec_facts_init(&facts);
    FUZZ_CHECK(ec_manifest_read_text(&facts, path, (const char *)data + 1, size - 1));
    check(&facts, path);
    ec_facts_release(&facts);
    return 0;
}
