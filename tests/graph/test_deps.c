/*
 * test_deps.c - the file dependency graph: edges with weights and evidence,
 * cycles with the edges that close them, fan-in and fan-out, centrality.
 */
#include "tests/cmocka_all.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/deps.h"
#include "util/buf.h"

/* A file of the facts, in path order as the model keeps them. */
static ec_file_fact *add_file(ec_facts *f, const char *path)
{
    ec_file_fact file = {0};

    file.path = ec_arena_strdup(&f->arena, path);
    file.description = "";
    file.package = "";
    ec_array_push(&f->files, file);
    return &f->files.items[f->files.len - 1];
}

static void import(ec_file_fact *file, unsigned line, ec_import_kind kind, const char *target)
{
    ec_import_fact im = {0};

    im.spec = target;
    im.line = line;
    im.kind = kind;
    im.target = target;
    ec_array_push(&file->imports, im);
}

static const char *edges_of(const ec_dep_graph *g, const ec_facts *f, ec_buf *out)
{
    size_t i;

    ec_buf_reset(out);
    for (i = 0; i < g->edges.len; i++) {
        const ec_dep_edge *e = &g->edges.items[i];

        ec_buf_printf(out, "%s%s>%s:%u@%u", out->len ? " " : "", f->files.items[e->from].path,
                      f->files.items[e->to].path, e->weight, e->line);
    }
    return out->ptr;
}

static void edges_cycles_fans_and_rank(void **state)
{
    ec_call_fact call = {"main", "helper", "c.h", 9};
    ec_buf b = EC_BUF_INIT;
    ec_dep_graph g;
    ec_facts f;
    size_t central[3];

    (void)state;
    ec_facts_init(&f);
    import(add_file(&f, "a.c"), 1, EC_IMPORT_INTERNAL, "b.h");
    ec_array_push(&f.files.items[0].calls, call);
    import(add_file(&f, "b.h"), 2, EC_IMPORT_INTERNAL, "c.h");
    import(add_file(&f, "c.h"), 3, EC_IMPORT_INTERNAL, "b.h");
    import(&f.files.items[2], 4, EC_IMPORT_EXTERNAL, "zlib");  /* no project file: no edge */
    import(add_file(&f, "d.c"), 5, EC_IMPORT_INTERNAL, "d.c"); /* includes itself */
    import(add_file(&f, "e.c"), 7, EC_IMPORT_INTERNAL, "a.c");
    import(&f.files.items[4], 6, EC_IMPORT_INTERNAL, "a.c");
    import(&f.files.items[4], 8, EC_IMPORT_INTERNAL, "gone.h"); /* resolved, since deleted */
    add_file(&f, "notes.txt");
    ec_deps_build(&g, &f);

    assert_string_equal(edges_of(&g, &f, &b),
                        "a.c>b.h:1@1 a.c>c.h:1@9 b.h>c.h:1@2 c.h>b.h:1@3 d.c>d.c:1@5 e.c>a.c:2@6");
    assert_int_equal(g.cycles.len, 2);
    assert_int_equal(g.cycles.items[0].files.len, 2); /* b.h and c.h */
    assert_int_equal(g.cycles.items[0].files.items[0], 1);
    assert_int_equal(g.cycles.items[0].files.items[1], 2);
    assert_int_equal(g.cycles.items[0].closing.len, 1);
    assert_int_equal(g.edges.items[g.cycles.items[0].closing.items[0]].from, 2); /* c.h>b.h */
    assert_int_equal(g.cycles.items[1].files.items[0], 3);                       /* d.c alone */
    assert_int_equal(g.cycles.items[1].closing.len, 1);

    assert_int_equal(g.fan_in[1], 2);  /* b.h: a.c, c.h */
    assert_int_equal(g.fan_out[0], 2); /* a.c: b.h, c.h */
    assert_int_equal(g.fan_in[3], 0);  /* a self-edge is no fan */
    assert_int_equal(g.fan_in[5], 0);
    assert_true(g.rank[1] > g.rank[0] && g.rank[2] > g.rank[0] && g.rank[0] > g.rank[5]);
    assert_int_equal(ec_deps_central(&g, central, 3), 3);
    assert_true((central[0] == 1 && central[1] == 2) || (central[0] == 2 && central[1] == 1));
    assert_int_equal(central[2], 0);
    ec_deps_release(&g);
    ec_facts_release(&f);
    ec_buf_release(&b);
}

/* A chain of 50,000 files closed into one cycle: no recursion to overflow,
 * one cycle of every file, one closing edge. */
static void a_long_chain_is_one_cycle(void **state)
{
    enum { N = 50000 };
    char path[32], next[32];
    ec_dep_graph g;
    ec_facts f;
    size_t i;
    double sum = 0;

    (void)state;
    ec_facts_init(&f);
    for (i = 0; i < N; i++) {
        snprintf(path, sizeof(path), "f%06zu.c", i);
        snprintf(next, sizeof(next), "f%06zu.c", (i + 1) % N);
        import(add_file(&f, path), 1, EC_IMPORT_INTERNAL, ec_arena_strdup(&f.arena, next));
    }
    ec_deps_build(&g, &f);
    assert_int_equal(g.edges.len, N);
    assert_int_equal(g.cycles.len, 1);
    assert_int_equal(g.cycles.items[0].files.len, N);
    assert_int_equal(g.cycles.items[0].closing.len, 1);
    for (i = 0; i < N; i++)
        sum += g.rank[i];
    assert_true(sum > 0.999 && sum < 1.001);
    ec_deps_release(&g);
    ec_facts_release(&f);
}

/* a -> b -> c -> a, and a -> c: only c -> a, the back edge, closes the
 * cycle; a -> c goes forward. */
static void only_back_edges_close(void **state)
{
    ec_dep_graph g;
    ec_facts f;

    (void)state;
    ec_facts_init(&f);
    import(add_file(&f, "a.c"), 1, EC_IMPORT_INTERNAL, "b.c");
    import(&f.files.items[0], 2, EC_IMPORT_INTERNAL, "c.c");
    import(add_file(&f, "b.c"), 1, EC_IMPORT_INTERNAL, "c.c");
    import(add_file(&f, "c.c"), 1, EC_IMPORT_INTERNAL, "a.c");
    ec_deps_build(&g, &f);
    assert_int_equal(g.cycles.len, 1);
    assert_int_equal(g.cycles.items[0].files.len, 3);
    assert_int_equal(g.cycles.items[0].closing.len, 1);
    assert_int_equal(g.edges.items[g.cycles.items[0].closing.items[0]].from, 2);
    assert_int_equal(g.edges.items[g.cycles.items[0].closing.items[0]].to, 0);
    ec_deps_release(&g);
    ec_facts_release(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(edges_cycles_fans_and_rank),
        cmocka_unit_test(a_long_chain_is_one_cycle),
        cmocka_unit_test(only_back_edges_close),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
