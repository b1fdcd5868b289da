/*
 * source_links.c - shared source files as relations (see source_links.h).
 */
#include "graph/source_links.h"

#include <stdlib.h>
#include <string.h>

static int compare_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Whether a and b list a file in common (each list sorted here). */
static bool share_a_file(ec_container *a, ec_container *b)
{
    size_t i = 0, j = 0;

    while (i < a->files.len && j < b->files.len) {
        int c = strcmp(a->files.items[i], b->files.items[j]);

        if (c == 0)
            return true;
        if (c < 0)
            i++;
        else
            j++;
    }
    return false;
}

void ec_source_links_build(ec_container_model *cm, ec_facts *facts)
{
    size_t i, j;

    for (i = 0; i < cm->containers.len; i++)
        ec_array_sort(&cm->containers.items[i].files, compare_str);
    for (i = 0; i < cm->containers.len; i++) {
        ec_container *from = &cm->containers.items[i];

        for (j = 0; j < cm->containers.len; j++) {
            ec_container *lib = &cm->containers.items[j];
            ec_relation_fact *f;

            if (i == j || strcmp(lib->kind, "library") != 0 || !share_a_file(from, lib))
                continue;
            f = ec_arena_alloc(&facts->arena, sizeof(*f));
            f->from = from->id;
            f->to = lib->id;
            f->kind = "uses";
            f->technology = "source";
            f->evidence = from->facts.items[0]->evidence;
            ec_containers_relate(cm, from->id, lib->id, f);
        }
    }
}
