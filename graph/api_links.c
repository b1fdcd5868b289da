/*
 * api_links.c - callers of an API linked to its implementations (see
 * api_links.h).
 */
#include "graph/api_links.h"

#include <string.h>

#include "util/strlist.h"

typedef EC_ARRAY(const char *) id_list;

/* The containers holding code that implements api, each once. */
static void implementations(const ec_container_model *cm, const ec_api_fact *api, id_list *out)
{
    size_t i;

    for (i = 0; i < api->uses.len; i++) {
        const char *id;

        if (!api->uses.items[i].implements)
            continue;
        id = ec_containers_of_file(cm, api->uses.items[i].file);
        if (id && !ec_str_in_n(id, out->items, out->len))
            ec_array_push(out, id);
    }
}

static void link_callers(ec_container_model *cm, ec_facts *facts, const ec_api_fact *api,
                         const id_list *servers)
{
    size_t i, s;

    for (i = 0; i < api->uses.len; i++) {
        const ec_api_use *use = &api->uses.items[i];
        const char *client;

        if (use->implements || (client = ec_containers_of_file(cm, use->file)) == NULL)
            continue;
        for (s = 0; s < servers->len; s++) {
            ec_relation_fact *f;

            if (strcmp(servers->items[s], client) == 0)
                continue;
            f = ec_arena_alloc(&facts->arena, sizeof(*f));
            f->from = client;
            f->to = servers->items[s];
            f->kind = "calls";
            f->technology = "gRPC";
            f->evidence = ec_arena_printf(&facts->arena, "%s:%u", use->file, use->line);
            ec_containers_relate(cm, client, servers->items[s], f);
        }
    }
}

void ec_api_links_build(ec_container_model *cm, ec_facts *facts)
{
    id_list servers = EC_ARRAY_INIT;
    size_t i;

    for (i = 0; i < facts->apis.len; i++) {
        const ec_api_fact *api = &facts->apis.items[i];

        if (strcmp(api->kind, "grpc") != 0)
            continue;
        servers.len = 0;
        implementations(cm, api, &servers);
        link_callers(cm, facts, api, &servers);
    }
    ec_array_release(&servers);
}
