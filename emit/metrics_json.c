/*
 * metrics_json.c - the dependency graph in model.json (see metrics_json.h).
 */
#include "emit/metrics_json.h"

#include "util/buf.h"

#define CENTRAL 10

static json_t *path_of(const ec_model *m, size_t i)
{
    return json_string(m->facts.files.items[i].path);
}

static json_t *edge_json(const ec_model *m, const ec_dep_edge *e)
{
    ec_buf where = EC_BUF_INIT;
    json_t *o;

    ec_buf_printf(&where, "%s:%u", m->facts.files.items[e->from].path, e->line);
    o = json_pack("{s:o, s:o, s:s}", "from", path_of(m, e->from), "to", path_of(m, e->to),
                  "evidence", where.ptr);
    ec_buf_release(&where);
    return o;
}

static json_t *cycles_json(const ec_model *m)
{
    json_t *arr = json_array();
    size_t i, k;

    for (i = 0; i < m->deps.cycles.len; i++) {
        const ec_dep_cycle *c = &m->deps.cycles.items[i];
        json_t *files = json_array(), *closing = json_array();

        for (k = 0; k < c->files.len; k++)
            json_array_append_new(files, path_of(m, c->files.items[k]));
        for (k = 0; k < c->closing.len; k++)
            json_array_append_new(closing, edge_json(m, &m->deps.edges.items[c->closing.items[k]]));
        json_array_append_new(arr, json_pack("{s:o, s:o}", "files", files, "closing", closing));
    }
    return arr;
}

static json_t *central_json(const ec_model *m)
{
    size_t top[CENTRAL], n = ec_deps_central(&m->deps, top, CENTRAL), i;
    json_t *arr = json_array();

    for (i = 0; i < n; i++)
        json_array_append_new(arr,
                              json_pack("{s:o, s:f, s:i, s:i}", "path", path_of(m, top[i]), "rank",
                                        m->deps.rank[top[i]], "fan_in", (int)m->deps.fan_in[top[i]],
                                        "fan_out", (int)m->deps.fan_out[top[i]]));
    return arr;
}

json_t *ec_metrics_json(const ec_model *m)
{
    size_t i, linked = 0;

    for (i = 0; i < m->deps.files; i++)
        linked += m->deps.fan_in[i] || m->deps.fan_out[i];
    return json_pack("{s:{s:I, s:I, s:o, s:o}}", "dependencies", "files", (json_int_t)linked,
                     "edges", (json_int_t)m->deps.edges.len, "cycles", cycles_json(m), "central",
                     central_json(m));
}

void ec_metrics_json_file(json_t *file, const ec_model *m, size_t i)
{
    json_object_set_new(file, "fan_in", json_integer(m->deps.fan_in[i]));
    json_object_set_new(file, "fan_out", json_integer(m->deps.fan_out[i]));
    json_object_set_new(file, "rank", json_real(m->deps.rank[i]));
}
