/*
 * facts.c - lifecycle of the analyzers' fact store (see facts.h).
 */
#include "analyzer/facts.h"

#include <stdlib.h>
#include <string.h>

static const char *const skip_names[] = {
    [EC_SKIP_BINARY] = "binary",         [EC_SKIP_TOO_LARGE] = "too-large",
    [EC_SKIP_VENDORED] = "vendored",     [EC_SKIP_GENERATED] = "generated",
    [EC_SKIP_IGNORED] = "ignored",       [EC_SKIP_SYMLINK] = "symlink",
    [EC_SKIP_SUBMODULE] = "submodule",   [EC_SKIP_SPECIAL] = "special",
    [EC_SKIP_UNREADABLE] = "unreadable",
};

const char *ec_skip_reason_name(ec_skip_reason reason)
{
    return skip_names[reason];
}

static const char *const import_kinds[] = {
    [EC_IMPORT_UNRESOLVED] = "unresolved",
    [EC_IMPORT_INTERNAL] = "internal",
    [EC_IMPORT_EXTERNAL] = "external",
    [EC_IMPORT_STDLIB] = "stdlib",
};

const char *ec_import_kind_name(ec_import_kind kind)
{
    return import_kinds[kind];
}

void ec_file_fact_release(ec_file_fact *file)
{
    ec_array_release(&file->imports);
    ec_array_release(&file->definitions);
    ec_array_release(&file->env);
    ec_array_release(&file->calls);
    ec_array_release(&file->migration_flags);
}

void ec_facts_adopt_arena(ec_facts *facts, ec_arena *arena)
{
    ec_array_push(&facts->arenas, arena);
}

void ec_facts_init(ec_facts *facts)
{
    *facts = (ec_facts){0};
    ec_arena_init(&facts->arena);
    ec_diag_init(&facts->diags);
    facts->revision = facts->commit_date = facts->describe = facts->branch = "";
    facts->name.name = facts->name.evidence = "";
    facts->version.name = facts->version.evidence = "";
}

void ec_facts_release(ec_facts *facts)
{
    size_t i;

    for (i = 0; i < facts->files.len; i++)
        ec_file_fact_release(&facts->files.items[i]);
    for (i = 0; i < facts->arenas.len; i++) {
        ec_arena_release(facts->arenas.items[i]);
        free(facts->arenas.items[i]);
    }
    ec_array_release(&facts->arenas);
    for (i = 0; i < facts->containers.len; i++)
        ec_array_release(&facts->containers.items[i].files);
    ec_array_release(&facts->containers);
    ec_array_release(&facts->dependencies);
    ec_array_release(&facts->relations);
    ec_array_release(&facts->externals);
    ec_array_release(&facts->addresses);
    ec_array_release(&facts->operations);
    ec_array_release(&facts->configs);
    ec_array_release(&facts->config_uses);
    ec_array_release(&facts->owners);
    for (i = 0; i < facts->apis.len; i++) {
        ec_array_release(&facts->apis.items[i].operations);
        ec_array_release(&facts->apis.items[i].uses);
    }
    ec_array_release(&facts->apis);
    ec_array_release(&facts->files);
    ec_array_release(&facts->skipped);
    ec_diag_release(&facts->diags);
    ec_arena_release(&facts->arena);
}

bool ec_facts_has_file(const ec_facts *facts, const char *path)
{
    size_t i;

    for (i = 0; i < facts->files.len; i++)
        if (strcmp(facts->files.items[i].path, path) == 0)
            return true;
    return false;
}

void ec_facts_skip(ec_facts *facts, const char *path, ec_skip_reason reason, const char *detail)
{
    ec_skip_fact s;

    s.path = ec_arena_strdup(&facts->arena, path);
    s.reason = reason;
    s.detail = ec_arena_strdup(&facts->arena, detail ? detail : "");
    ec_array_push(&facts->skipped, s);
}
