/*
 * source_links.c - shared source files as relations (see source_links.h).
 */
#include "graph/source_links.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/strlist.h"

typedef EC_ARRAY(const char *) file_list;

/* Whether two sorted lists have a file in common. */
static bool share_a_file(const file_list *a, const file_list *b)
{
    size_t i = 0, j = 0;

    while (i < a->len && j < b->len) {
        int c = strcmp(a->items[i], b->items[j]);

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
    file_list *sorted = ec_xcalloc(cm->containers.len ? cm->containers.len : 1, sizeof(*sorted));
    size_t i, j;

    for (i = 0; i < cm->containers.len; i++) { /* copies: the containers keep their order */
        for (j = 0; j < cm->containers.items[i].files.len; j++)
            ec_array_push(&sorted[i], cm->containers.items[i].files.items[j]);
        ec_array_sort(&sorted[i], ec_str_compare);
    }
    for (i = 0; i < cm->containers.len; i++) {
        ec_container *from = &cm->containers.items[i];

        for (j = 0; j < cm->containers.len; j++) {
            ec_container *lib = &cm->containers.items[j];
            ec_relation_fact *f;

            /* two libraries sharing files are two builds of one code */
            if (i == j || strcmp(lib->kind, "library") != 0 || strcmp(from->kind, "library") == 0 ||
                !share_a_file(&sorted[i], &sorted[j]))
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
    for (i = 0; i < cm->containers.len; i++)
        ec_array_release(&sorted[i]);
    free(sorted);
}
