/*
 * code_links.c - container relations from the code (see code_links.h).
 */
#include "graph/code_links.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

typedef struct {
    const char *from, *to;
    size_t edge; /* the first crossing edge */
} crossing;

static int compare_crossings(const void *a, const void *b)
{
    const crossing *x = a, *y = b;
    int c = strcmp(x->from, y->from);

    if (!c)
        c = strcmp(x->to, y->to);
    return c ? c : (x->edge > y->edge) - (x->edge < y->edge);
}

void ec_code_links_build(ec_container_model *cm, ec_facts *facts, const ec_dep_graph *deps,
                         const char *const *container_of)
{
    EC_ARRAY(crossing) pairs = EC_ARRAY_INIT;
    size_t i;

    for (i = 0; i < deps->edges.len; i++) {
        const ec_dep_edge *e = &deps->edges.items[i];
        crossing c = {container_of[e->from], container_of[e->to], i};

        if (c.from && c.to && strcmp(c.from, c.to) != 0)
            ec_array_push(&pairs, c);
    }
    ec_array_sort(&pairs, compare_crossings);
    for (i = 0; i < pairs.len; i++) {
        const crossing *c = &pairs.items[i];
        const ec_dep_edge *e = &deps->edges.items[c->edge];
        ec_relation_fact *f;

        if (i && !strcmp(pairs.items[i - 1].from, c->from) && !strcmp(pairs.items[i - 1].to, c->to))
            continue; /* the pair's first edge stands for it */
        f = ec_arena_alloc(&facts->arena, sizeof(*f));
        f->from = c->from;
        f->to = c->to;
        f->kind = "uses";
        f->technology = "";
        f->evidence =
            ec_arena_printf(&facts->arena, "%s:%u", facts->files.items[e->from].path, e->line);
        ec_containers_relate(cm, c->from, c->to, f);
    }
    ec_array_release(&pairs);
}
