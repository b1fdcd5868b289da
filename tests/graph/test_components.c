/*
 * test_components.c - components inside a container: directories and
 * modules under the code root, split while too few or one dominates,
 * merged by dependency cohesion while too many; names, ids, descriptions
 * and the relations between them.
 */
#include "tests/cmocka_all.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/lang.h"
#include "graph/components.h"
#include "util/buf.h"

typedef struct {
    ec_facts facts;
    const char **container_of;
    ec_dep_graph deps;
    ec_component_model cm;
} world;

static ec_file_fact *add(ec_facts *f, const char *path, const char *description)
{
    ec_file_fact file = {0};

    file.path = ec_arena_strdup(&f->arena, path);
    file.lang = ec_lang_detect(path, "", 0);
    file.description = description;
    file.package = "";
    ec_array_push(&f->files, file);
    return &f->files.items[f->files.len - 1];
}

static void import(ec_facts *f, const char *from, const char *to)
{
    ec_import_fact im = {0};
    size_t i;

    im.spec = to;
    im.target = to;
    im.kind = EC_IMPORT_INTERNAL;
    im.line = 1;
    for (i = 0; i < f->files.len; i++)
        if (strcmp(f->files.items[i].path, from) == 0)
            ec_array_push(&f->files.items[i].imports, im);
}

/* Every file in container "app"; build the graph and the components. */
static void build(world *w)
{
    size_t i;

    w->container_of = calloc(w->facts.files.len, sizeof(*w->container_of));
    assert_non_null(w->container_of);
    for (i = 0; i < w->facts.files.len; i++)
        w->container_of[i] = "app";
    ec_deps_build(&w->deps, &w->facts);
    ec_components_build(&w->cm, &w->facts, &w->deps, w->container_of);
}

static void release(world *w)
{
    ec_components_release(&w->cm);
    ec_deps_release(&w->deps);
    free(w->container_of);
    ec_facts_release(&w->facts);
}

static const char *ids(const world *w, ec_buf *out)
{
    size_t i;

    ec_buf_reset(out);
    for (i = 0; i < w->cm.components.len; i++)
        ec_buf_printf(out, "%s%s", i ? " " : "", w->cm.components.items[i].id);
    return out->ptr;
}

/* A Python package in src/: its modules are the components (src/ and
 * src/shop/ are gone through), a module is all the files of its stem, and
 * each has its own docstring; tests/ is one more. */
static void a_package_is_its_modules(void **state)
{
    world w = {0};
    ec_buf b = EC_BUF_INIT;
    const ec_component *c;

    (void)state;
    ec_facts_init(&w.facts);
    add(&w.facts, "src/shop/__init__.py", "The shop.");
    add(&w.facts, "src/shop/cart.py", "Carts and their items.");
    add(&w.facts, "src/shop/cart.pyi", "");
    add(&w.facts, "src/shop/price.py", "Prices.");
    add(&w.facts, "src/shop/tax.py", "");
    add(&w.facts, "tests/test_cart.py", "");
    import(&w.facts, "src/shop/cart.py", "src/shop/price.py");
    import(&w.facts, "src/shop/price.py", "src/shop/tax.py");
    import(&w.facts, "tests/test_cart.py", "src/shop/cart.py");
    build(&w);

    assert_string_equal(ids(&w, &b), "app/init app/cart app/price app/tax app/tests");
    c = &w.cm.components.items[1];
    assert_string_equal(c->name, "cart");
    assert_string_equal(c->path, "src/shop/cart");
    assert_int_equal(c->files.len, 2); /* cart.py and cart.pyi */
    assert_string_equal(c->description, "Carts and their items.");
    assert_string_equal(w.cm.components.items[0].description, "The shop.");
    assert_string_equal(w.cm.components.items[3].description, "");
    /* cart -> price, price -> tax; tests -> cart crosses into a component too */
    assert_int_equal(w.cm.relations.len, 3);
    assert_int_equal(w.cm.relations.items[0].from, 1);
    assert_int_equal(w.cm.relations.items[0].to, 2);
    assert_int_equal(w.cm.of_file[2], 1);
    /* price: cart depends on it, it on tax: Ca 1, Ce 1, I 0.5; tax only depended on */
    assert_int_equal(w.cm.components.items[2].afferent, 1);
    assert_int_equal(w.cm.components.items[2].efferent, 1);
    assert_true(w.cm.components.items[2].instability > 0.49 &&
                w.cm.components.items[2].instability < 0.51);
    assert_true(w.cm.components.items[3].instability == 0.0);
    assert_true(w.cm.components.items[4].instability == 1.0); /* tests */
    release(&w);
    ec_buf_release(&b);
}

/* Twenty directories of one file each and a dominant one: the dominant
 * directory is split, and the smallest groups merge into the ones they
 * depend on until fifteen are left. */
static void too_many_merge_by_cohesion(void **state)
{
    world w = {0};
    ec_buf b = EC_BUF_INIT, p = EC_BUF_INIT;
    size_t i, k;

    (void)state;
    ec_facts_init(&w.facts);
    for (i = 0; i < 20; i++)
        for (k = 0; k < i + 1; k++) {
            ec_buf_reset(&p);
            ec_buf_printf(&p, "pkg/d%02zu/f%02zu.go", i, k);
            add(&w.facts, p.ptr, "");
        }
    import(&w.facts, "pkg/d00/f00.go", "pkg/d19/f00.go"); /* d00 belongs with d19 */
    build(&w);

    assert_int_equal(w.cm.components.len, EC_COMPONENTS_MAX);
    for (i = 0; i < w.cm.components.len; i++) /* the smallest went into others */
        assert_string_not_equal(w.cm.components.items[i].path, "pkg/d00");
    assert_string_equal(
        w.cm.of_file[0] == SIZE_MAX ? "" : w.cm.components.items[w.cm.of_file[0]].path, "pkg/d19");
    release(&w);
    ec_buf_release(&b);
    ec_buf_release(&p);
}

/* calc.c beside calc/ are two components, and a directory's description
 * is its own main file's, not a subdirectory's. */
static void a_module_and_a_directory_of_one_name(void **state)
{
    world w = {0};
    ec_buf b = EC_BUF_INIT;

    (void)state;
    ec_facts_init(&w.facts);
    add(&w.facts, "src/.eslintrc.js", ""); /* a dotfile is a module of its own name */
    add(&w.facts, "src/calc.js", "The calculator's entry.");
    add(&w.facts, "src/calc/a/index.js", "Deep index.");
    add(&w.facts, "src/calc/index.js", "Calc's own index.");
    add(&w.facts, "src/calc/x.js", "");
    add(&w.facts, "src/other.js", "");
    add(&w.facts, "src/more/m.js", "");
    add(&w.facts, "src/more/n.js", "");
    build(&w);
    assert_string_equal(ids(&w, &b), "app/eslintrc app/calc app/calc-2 app/more app/other");
    assert_string_equal(w.cm.components.items[0].name, ".eslintrc");
    assert_true(w.cm.components.items[1].files.len == 1 || w.cm.components.items[2].files.len == 1);
    assert_string_equal(w.cm.components.items[1].files.len == 3
                            ? w.cm.components.items[1].description
                            : w.cm.components.items[2].description,
                        "Calc's own index.");
    release(&w);
    ec_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_package_is_its_modules),
        cmocka_unit_test(too_many_merge_by_cohesion),
        cmocka_unit_test(a_module_and_a_directory_of_one_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
