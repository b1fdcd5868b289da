/*
 * deps.c - file dependency graph, cycles and centrality (see deps.h).
 */
#include "graph/deps.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

#define DAMPING 0.85
#define ROUNDS  50

/* ---- edges ---------------------------------------------------------------- */

static int compare_path(const void *key, const void *item)
{
    return strcmp(key, ((const ec_file_fact *)item)->path);
}

/* The index of the project file at path, or SIZE_MAX. */
static size_t file_index(const ec_facts *facts, const char *path)
{
    const ec_file_fact *f = path[0] ? bsearch(path, facts->files.items, facts->files.len,
                                              sizeof(*facts->files.items), compare_path)
                                    : NULL;
    return f ? (size_t)(f - facts->files.items) : SIZE_MAX;
}

/* The first file at or after path in path order. */
static size_t lower_bound(const ec_facts *facts, const char *path)
{
    size_t lo = 0, hi = facts->files.len;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (strcmp(facts->files.items[mid].path, path) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* An import of a package (Go, a Java wildcard) resolves to its directory:
 * an edge to each file right in it. */
static void package_edges(ec_dep_graph *g, const ec_facts *facts, size_t from, unsigned line,
                          const char *dir)
{
    size_t n = strlen(dir), i;
    char *prefix = ec_xmalloc(n + 2);

    memcpy(prefix, dir, n);
    memcpy(prefix + n, "/", 2);
    for (i = lower_bound(facts, prefix); i < facts->files.len; i++) {
        const char *p = facts->files.items[i].path;
        ec_dep_edge e = {from, i, 1, line};

        if (strncmp(p, prefix, n + 1) != 0)
            break;
        if (!strchr(p + n + 1, '/') && i != from)
            ec_array_push(&g->edges, e);
    }
    free(prefix);
}

static int compare_edges(const void *a, const void *b)
{
    const ec_dep_edge *x = a, *y = b;

    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    if (x->to != y->to)
        return x->to < y->to ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

static void collect_edges(ec_dep_graph *g, const ec_facts *facts)
{
    size_t i, k, kept = 0;

    for (i = 0; i < facts->files.len; i++) {
        const ec_file_fact *f = &facts->files.items[i];

        for (k = 0; k < f->imports.len; k++) {
            const ec_import_fact *im = &f->imports.items[k];
            ec_dep_edge e = {i, 0, 1, im->line};

            if (im->kind != EC_IMPORT_INTERNAL)
                continue;
            if ((e.to = file_index(facts, im->target)) != SIZE_MAX)
                ec_array_push(&g->edges, e);
            else if (im->target[0])
                package_edges(g, facts, i, im->line, im->target);
        }
        for (k = 0; k < f->calls.len; k++) {
            ec_dep_edge e = {i, 0, 1, f->calls.items[k].line};

            if ((e.to = file_index(facts, f->calls.items[k].target)) != SIZE_MAX && e.to != i)
                ec_array_push(&g->edges, e);
        }
    }
    /* one edge per pair: weights summed, the first line kept */
    ec_array_sort(&g->edges, compare_edges);
    for (i = 0; i < g->edges.len; i++) {
        ec_dep_edge *e = &g->edges.items[i];

        if (kept && g->edges.items[kept - 1].from == e->from &&
            g->edges.items[kept - 1].to == e->to)
            g->edges.items[kept - 1].weight += e->weight;
        else
            g->edges.items[kept++] = *e;
    }
    g->edges.len = kept;
}

/* ---- cycles ---------------------------------------------------------------- */

typedef struct {
    size_t *start;       /* edges of file v: start[v] .. start[v + 1] */
    size_t *index, *low; /* Tarjan's numbers; SIZE_MAX: not visited */
    bool *on_stack;
    bool *on_path;            /* on the depth-first search's current path */
    size_t *component;        /* per file, once its component is closed */
    EC_ARRAY(size_t) stack;   /* files of open components */
    EC_ARRAY(size_t) closing; /* edges to a file still open */
    size_t next_index, components;
} tarjan;

typedef struct {
    size_t v, edge; /* file, and the next of its edges to follow */
} frame;

static void close_component(ec_dep_graph *g, tarjan *t, size_t v)
{
    ec_dep_cycle c = {EC_ARRAY_INIT, EC_ARRAY_INIT};
    size_t w;

    do {
        w = t->stack.items[--t->stack.len];
        t->on_stack[w] = false;
        t->component[w] = t->components;
        ec_array_push(&c.files, w);
    } while (w != v);
    t->components++;
    ec_array_push(&g->cycles, c); /* sorted and kept or dropped later */
}

static void visit(ec_dep_graph *g, tarjan *t, size_t root)
{
    EC_ARRAY(frame) calls = EC_ARRAY_INIT;
    frame start = {root, 0};

    t->index[root] = t->low[root] = t->next_index++;
    ec_array_push(&t->stack, root);
    t->on_stack[root] = true;
    t->on_path[root] = true;
    start.edge = t->start[root];
    ec_array_push(&calls, start);
    while (calls.len) {
        frame *f = &calls.items[calls.len - 1];
        size_t v = f->v;

        if (f->edge < t->start[v + 1]) {
            size_t e = f->edge++, w = g->edges.items[e].to;

            if (t->index[w] == SIZE_MAX) {
                frame next = {w, t->start[w]};

                t->index[w] = t->low[w] = t->next_index++;
                ec_array_push(&t->stack, w);
                t->on_stack[w] = true;
                t->on_path[w] = true;
                ec_array_push(&calls, next);
            } else if (t->on_stack[w]) {
                if (t->on_path[w]) /* a back edge: it closes a cycle */
                    ec_array_push(&t->closing, e);
                if (t->index[w] < t->low[v])
                    t->low[v] = t->index[w];
            }
            continue;
        }
        calls.len--;
        t->on_path[v] = false;
        if (t->low[v] == t->index[v])
            close_component(g, t, v);
        if (calls.len) {
            size_t parent = calls.items[calls.len - 1].v;

            if (t->low[v] < t->low[parent])
                t->low[parent] = t->low[v];
        }
    }
    ec_array_release(&calls);
}

static int compare_cycles(const void *a, const void *b)
{
    const ec_dep_cycle *x = a, *y = b;

    return ec_array_compare_size(&x->files.items[0], &y->files.items[0]);
}

/* Keep the components that are cycles (more than one file, or a closing
 * self-edge), each with its files sorted and its closing edges. */
static void keep_cycles(ec_dep_graph *g, tarjan *t)
{
    size_t i, kept = 0;

    for (i = 0; i < t->closing.len; i++) {
        size_t e = t->closing.items[i];

        ec_array_push(&g->cycles.items[t->component[g->edges.items[e].from]].closing, e);
    }
    for (i = 0; i < g->cycles.len; i++) {
        ec_dep_cycle *c = &g->cycles.items[i];

        if (c->files.len > 1 || c->closing.len) {
            ec_array_sort(&c->files, ec_array_compare_size);
            ec_array_sort(&c->closing, ec_array_compare_size);
            g->cycles.items[kept++] = *c;
        } else {
            ec_array_release(&c->files);
            ec_array_release(&c->closing);
        }
    }
    g->cycles.len = kept;
    ec_array_sort(&g->cycles, compare_cycles);
}

static void find_cycles(ec_dep_graph *g)
{
    tarjan t;
    size_t v, i;

    memset(&t, 0, sizeof(t));
    t.start = ec_xcalloc(g->files + 1, sizeof(*t.start));
    t.index = ec_xcalloc(g->files + 1, sizeof(*t.index));
    t.low = ec_xcalloc(g->files + 1, sizeof(*t.low));
    t.on_stack = ec_xcalloc(g->files + 1, sizeof(*t.on_stack));
    t.on_path = ec_xcalloc(g->files + 1, sizeof(*t.on_path));
    t.component = ec_xcalloc(g->files + 1, sizeof(*t.component));
    for (i = 0; i < g->edges.len; i++)
        t.start[g->edges.items[i].from + 1]++;
    for (v = 0; v < g->files; v++) {
        t.start[v + 1] += t.start[v];
        t.index[v] = SIZE_MAX;
    }
    for (v = 0; v < g->files; v++)
        if (t.index[v] == SIZE_MAX)
            visit(g, &t, v);
    keep_cycles(g, &t);
    free(t.start);
    free(t.index);
    free(t.low);
    free(t.on_stack);
    free(t.on_path);
    free(t.component);
    ec_array_release(&t.stack);
    ec_array_release(&t.closing);
}

/* ---- fan-in, fan-out, rank ----------------------------------------------------- */

static void measure(ec_dep_graph *g)
{
    double *next = ec_xcalloc(g->files ? g->files : 1, sizeof(*next));
    unsigned *out_weight = ec_xcalloc(g->files ? g->files : 1, sizeof(*out_weight));
    size_t i, round;

    for (i = 0; i < g->edges.len; i++) {
        const ec_dep_edge *e = &g->edges.items[i];

        out_weight[e->from] += e->weight;
        if (e->from != e->to) {
            g->fan_out[e->from]++;
            g->fan_in[e->to]++;
        }
    }
    for (i = 0; i < g->files; i++)
        g->rank[i] = 1.0 / (double)g->files;
    for (round = 0; round < ROUNDS && g->files; round++) {
        double dangling = 0;

        for (i = 0; i < g->files; i++)
            if (!out_weight[i])
                dangling += g->rank[i];
        for (i = 0; i < g->files; i++)
            next[i] = (1.0 - DAMPING + DAMPING * dangling) / (double)g->files;
        for (i = 0; i < g->edges.len; i++) {
            const ec_dep_edge *e = &g->edges.items[i];

            next[e->to] += DAMPING * g->rank[e->from] * e->weight / out_weight[e->from];
        }
        memcpy(g->rank, next, g->files * sizeof(*next));
    }
    free(next);
    free(out_weight);
}

void ec_deps_build(ec_dep_graph *out, const ec_facts *facts)
{
    size_t n = facts->files.len;

    memset(out, 0, sizeof(*out));
    out->files = n;
    out->fan_in = ec_xcalloc(n ? n : 1, sizeof(*out->fan_in));
    out->fan_out = ec_xcalloc(n ? n : 1, sizeof(*out->fan_out));
    out->rank = ec_xcalloc(n ? n : 1, sizeof(*out->rank));
    collect_edges(out, facts);
    find_cycles(out);
    measure(out);
}

void ec_deps_release(ec_dep_graph *g)
{
    size_t i;

    for (i = 0; i < g->cycles.len; i++) {
        ec_array_release(&g->cycles.items[i].files);
        ec_array_release(&g->cycles.items[i].closing);
    }
    ec_array_release(&g->cycles);
    ec_array_release(&g->edges);
    free(g->fan_in);
    free(g->fan_out);
    free(g->rank);
}

static int compare_rank(const void *a, const void *b, void *graph)
{
    const ec_dep_graph *g = graph;
    size_t x = *(const size_t *)a, y = *(const size_t *)b;

    if (g->rank[x] != g->rank[y])
        return g->rank[x] > g->rank[y] ? -1 : 1;
    return x < y ? -1 : x > y;
}

size_t ec_deps_central(const ec_dep_graph *g, size_t *out, size_t n)
{
    size_t *order = ec_xcalloc(g->files ? g->files : 1, sizeof(*order));
    size_t i, count = 0;

    for (i = 0; i < g->files; i++)
        if (g->fan_in[i])
            order[count++] = i;
    qsort_r(order, count, sizeof(*order), compare_rank, (void *)g);
    if (count > n)
        count = n;
    memcpy(out, order, count * sizeof(*order));
    free(order);
    return count;
}
