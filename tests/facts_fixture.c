/*
 * facts_fixture.c - facts for the analyzer tests (see facts_fixture.h).
 */
#include "tests/cmocka_all.h"
#include "tests/facts_fixture.h"

#include <string.h>

#include "analyzer/lang.h"
#include "analyzer/manifest.h"
#include "tests/fixture.h"

bool facts_read(ec_facts *f, const char *path, const char *text)
{
    return ec_manifest_read_text(f, path, text, strlen(text));
}

void facts_add_files(ec_facts *f, const char *const *paths)
{
    for (; *paths; paths++) {
        ec_file_fact file = {0};

        file.path = *paths;
        ec_array_push(&f->files, file);
    }
}

void facts_write(ec_facts *f, const char *dir, const char *path, const char *text)
{
    ec_file_fact file = {0};

    fixture_text(dir, path, text);
    file.path = ec_arena_strdup(&f->arena, path);
    file.lang = ec_lang_detect(path, text, strlen(text));
    file.description = "";
    file.package = "";
    ec_array_push(&f->files, file);
}

const ec_container_fact *facts_container(const ec_facts *f, const char *name)
{
    size_t i;

    for (i = 0; i < f->containers.len; i++)
        if (strcmp(f->containers.items[i].name, name) == 0)
            return &f->containers.items[i];
    fail_msg("no container '%s'", name);
    return NULL;
}

const ec_dependency_fact *facts_dependency(const ec_facts *f, const char *name)
{
    size_t i;

    for (i = 0; i < f->dependencies.len; i++)
        if (strcmp(f->dependencies.items[i].name, name) == 0)
            return &f->dependencies.items[i];
    fail_msg("no dependency '%s'", name);
    return NULL;
}

const ec_relation_fact *facts_relation(const ec_facts *f, const char *from, const char *to)
{
    size_t i;

    for (i = 0; i < f->relations.len; i++)
        if (strcmp(f->relations.items[i].from, from) == 0 &&
            strcmp(f->relations.items[i].to, to) == 0)
            return &f->relations.items[i];
    return NULL;
}

bool facts_links(const ec_facts *f, const char *from, const char *to)
{
    const ec_relation_fact *r = facts_relation(f, from, to);

    return r && strcmp(r->kind, "uses") == 0 && strcmp(r->technology, "linking") == 0;
}

const char *facts_files(const ec_container_fact *c, ec_buf *out)
{
    size_t i;

    ec_buf_reset(out);
    for (i = 0; i < c->files.len; i++)
        ec_buf_printf(out, "%s%s", i ? " " : "", c->files.items[i]);
    return out->ptr;
}
