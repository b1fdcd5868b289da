/*
 * components_json.c - components in model.json (see components_json.h).
 */
#include "emit/components_json.h"

#include "util/buf.h"

static json_t *interface_json(const ec_model *m, const ec_component *c)
{
    json_t *arr = json_array();
    ec_buf item = EC_BUF_INIT;
    size_t i, k;

    for (i = 0; i < c->files.len; i++) {
        const ec_file_fact *f = &m->facts.files.items[c->files.items[i]];

        for (k = 0; k < f->definitions.len; k++) {
            const ec_definition_fact *d = &f->definitions.items[k];

            if (!d->exported)
                continue;
            ec_buf_reset(&item);
            ec_buf_printf(&item, "%s:%u %s", f->path, d->line, d->name);
            json_array_append_new(arr, json_string(item.ptr));
        }
    }
    ec_buf_release(&item);
    return arr;
}

json_t *ec_components_json(const ec_model *m)
{
    json_t *arr = json_array();
    size_t i, k;

    for (i = 0; i < m->components.components.len; i++) {
        const ec_component *c = &m->components.components.items[i];
        json_t *files = json_array(), *evidence = json_array();

        for (k = 0; k < c->files.len; k++)
            json_array_append_new(files, json_string(m->facts.files.items[c->files.items[k]].path));
        json_array_append_new(evidence, json_string(c->path));
        if (c->description_from[0])
            json_array_append_new(evidence, json_string(c->description_from));
        json_array_append_new(
            arr,
            json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:{s:i, s:i, s:f}}", "id", c->id,
                      "name", c->name, "container", c->container, "path", c->path, "description",
                      c->description, "files", files, "evidence", evidence, "interface",
                      interface_json(m, c), "coupling", "afferent", (int)c->afferent, "efferent",
                      (int)c->efferent, "instability", c->instability));
    }
    return arr;
}

void ec_component_relations_json(json_t *relations, const ec_model *m)
{
    ec_buf where = EC_BUF_INIT;
    size_t i;

    for (i = 0; i < m->components.relations.len; i++) {
        const ec_component_relation *r = &m->components.relations.items[i];
        const ec_dep_edge *e = &m->deps.edges.items[r->edge];

        ec_buf_reset(&where);
        ec_buf_printf(&where, "%s:%u", m->facts.files.items[e->from].path, e->line);
        json_array_append_new(relations, json_pack("{s:s, s:s, s:s, s:s, s:I, s:[s]}", "from",
                                                   m->components.components.items[r->from].id, "to",
                                                   m->components.components.items[r->to].id, "kind",
                                                   "imports", "technology", "", "weight",
                                                   (json_int_t)r->weight, "evidence", where.ptr));
    }
    ec_buf_release(&where);
}
