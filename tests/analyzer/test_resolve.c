/*
 * test_resolve.c - import resolution on a fixture project per language
 * (tests/fixtures/<language>/): the walk, source analysis and resolution as
 * a run does them, then the exact set of edges, "path:line kind target",
 * every import listed, so an edge added or lost fails the test.
 *
 * After an intended change, EC_RESOLVE_PRINT=1 prints what a fixture gives
 * in the form the lists below use; read it before pasting it in.
 */
#include "tests/cmocka_all.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/repo.h"
#include "analyzer/resolve.h"
#include "analyzer/source.h"
#include "analyzer/walk.h"
#include "tests/fixture.h"
#include "util/buf.h"

static ec_source *source;

static int setup(void **state)
{
    (void)state;
    return ec_source_load(&source, EC_DATA_DIR "/queries");
}

static int teardown(void **state)
{
    (void)state;
    ec_source_free(source);
    return 0;
}

static int compare_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Analyse a copy of tests/fixtures/name and resolve its imports. */
static void analyse(ec_facts *facts, const char *name)
{
    ec_walk_options wo = EC_WALK_OPTIONS_INIT;
    char *dir = fixture_dir();
    ec_repo repo;

    fixture_sh(dir, "cp -R '%s/%s/.' .", EC_FIXTURES_DIR, name);
    ec_facts_init(facts);
    assert_int_equal(ec_repo_open(&repo, dir), 0);
    wo.source = source;
    wo.jobs = 1;
    assert_int_equal(ec_walk(facts, &repo, &wo), 0);
    ec_resolve_imports(facts, EC_DATA_DIR, repo.root);
    ec_repo_close(&repo);
    fixture_remove(dir);
    free(dir);
}

/* Every edge of facts, "path:line kind target", sorted; caller frees. */
static char **edges_of(const ec_facts *facts, size_t *n_out)
{
    size_t i, k, n = 0;
    char **out = NULL;
    ec_buf b = EC_BUF_INIT;

    for (i = 0; i < facts->files.len; i++) {
        const ec_file_fact *f = &facts->files.items[i];
        for (k = 0; k < f->imports.len; k++) {
            const ec_import_fact *im = &f->imports.items[k];
            ec_buf_reset(&b);
            ec_buf_printf(&b, "%s:%u %s %s", f->path, im->line, ec_import_kind_name(im->kind),
                          im->target[0] ? im->target : im->spec);
            out = realloc(out, (n + 1) * sizeof(*out));
            assert_non_null(out);
            out[n++] = strdup(b.ptr);
        }
    }
    ec_buf_release(&b);
    if (n > 1)
        qsort(out, n, sizeof(*out), compare_str);
    *n_out = n;
    return out;
}

static void check_edges(const char *name, const char *const *expected)
{
    ec_facts facts;
    size_t n, i, want = 0;
    char **got;
    bool same;

    analyse(&facts, name);
    got = edges_of(&facts, &n);
    while (expected[want])
        want++;
    same = n == want;
    for (i = 0; same && i < n; i++)
        same = strcmp(got[i], expected[i]) == 0;
    if (!same || getenv("EC_RESOLVE_PRINT")) {
        for (i = 0; i < n; i++)
            printf("        \"%s\",\n", got[i]);
        for (i = 0; i < n || i < want; i++)
            if (i >= n || i >= want || strcmp(got[i], expected[i]) != 0)
                fail_msg("%s: edge %zu: got '%s', expected '%s'", name, i, i < n ? got[i] : "-",
                         i < want ? expected[i] : "-");
    }
    for (i = 0; i < n; i++)
        free(got[i]);
    free(got);
    ec_facts_release(&facts);
}

static const ec_file_fact *file_named(const ec_facts *facts, const char *path)
{
    size_t i;

    for (i = 0; i < facts->files.len; i++)
        if (!strcmp(facts->files.items[i].path, path))
            return &facts->files.items[i];
    fail_msg("no file '%s'", path);
    return NULL;
}

static bool exported(const ec_file_fact *f, const char *name)
{
    size_t i;

    for (i = 0; i < f->definitions.len; i++)
        if (!strcmp(f->definitions.items[i].name, name))
            return f->definitions.items[i].exported;
    fail_msg("no definition '%s' in %s", name, f->path);
    return false;
}

static void c_includes(void **state)
{
    static const char *const expected[] = {
        "include/shop/cart.h:4 stdlib stddef.h",
        "include/sqlite3.h:3 external SQLite",  /* <sqlite3.h> is not the file itself */
        "lib/ui.c:1 internal lib/api/window.h", /* CMake's include directory, not lib/uix */
        "lib/ui.c:2 external GLib",
        "main.c:1 external libcurl",
        "main.c:2 stdlib pthread.h",
        "main.c:3 external libgit2",
        "main.c:4 external mylib",
        "main.c:5 internal include/shop/cart.h",
        "mtool/main.c:1 internal mtool/headers/config.h", /* meson's, not mtool/main */
        "mtool/main.c:2 external CPython",
        "mtool/main.c:3 external libevent",
        "src/broken.c:1 external zlib",
        "src/broken.c:2 internal src/tax.h",
        "src/broken.c:3 unresolved missing/gone.h",
        "src/cart.c:2 internal include/shop/cart.h", /* -Iinclude */
        "src/cart.c:3 internal src/price.h",
        "src/cart.c:4 external OpenSSL",
        "src/cart.c:5 stdlib stdio.h",
        "src/cart.c:6 stdlib alloca.h", /* the C library's, not include/alloca.h */
        "src/price.h:3 internal src/tax.h",
        "src/tax.h:3 internal src/price.h",
        NULL,
    };
    (void)state;
    check_edges("c", expected);
}

static void c_exported_is_what_headers_declare(void **state)
{
    ec_facts facts;
    const ec_file_fact *cart;

    (void)state;
    analyse(&facts, "c");
    cart = file_named(&facts, "src/cart.c");
    assert_true(exported(cart, "cart_total"));   /* include/shop/cart.h declares it */
    assert_false(exported(cart, "cart_helper")); /* no header does */
    assert_false(exported(cart, "twice"));       /* static */
    assert_true(exported(file_named(&facts, "include/shop/cart.h"), "cart_total"));
    ec_facts_release(&facts);
}

static void python_imports(void **state)
{
    static const char *const expected[] = {
        "src/shop/__init__.py:2 internal src/shop/cart.py",
        "src/shop/broken.py:1 stdlib json",
        "src/shop/broken.py:2 internal src/shop/cart.py",
        "src/shop/cart.py:1 stdlib os",
        "src/shop/cart.py:2 external requests",
        "src/shop/cart.py:3 internal src/shop/price.py",
        "src/shop/cart.py:4 internal src/shop/price.py",
        "src/shop/plugins/loader.py:1 internal src/shop/cart.py",
        "src/shop/plugins/loader.py:2 internal src/shop/price.py",
        "src/shop/plugins/loader.py:3 stdlib importlib",
        "src/shop/price.py:1 internal src/shop/cart.py",
        "src/shop/price.py:2 external yaml",
        "src/shop/price.py:3 internal src/shop/__init__.py",
        "tests/test_cart.py:1 internal src/shop/cart.py",
        "tests/test_cart.py:2 internal src/shop/price.py",
        "tests/test_cart.py:3 internal src/shop/plugins/loader.py",
        "tests/test_cart.py:4 external pytest",
        "tests/test_cart.py:5 stdlib collections",
        "tests/test_cart.py:6 external nowhere_local",
        "tests/test_cart.py:7 internal src/shop/price.py", /* rates: bound at run time */
        NULL,
    };
    (void)state;
    check_edges("python", expected);
}

static void js_imports(void **state)
{
    static const char *const expected[] = {
        "packages/core/src/cycle-a.ts:1 internal packages/core/src/cycle-b.ts",
        "packages/core/src/cycle-b.ts:1 internal packages/core/src/cycle-a.ts",
        "packages/core/src/index.ts:1 internal packages/core/src/money.ts",
        "packages/core/src/index.ts:2 internal packages/core/src/cycle-a.ts",
        "packages/core/src/money.ts:1 external decimal.js",
        "packages/core/src/money.ts:2 stdlib fs",
        "packages/web/src/app.tsx:1 external react",
        "packages/web/src/app.tsx:2 internal packages/core/src/index.ts",
        "packages/web/src/app.tsx:3 internal packages/core/src/money.ts",
        "packages/web/src/app.tsx:4 internal packages/web/src/ui/button.tsx",
        "packages/web/src/app.tsx:5 stdlib path",
        "packages/web/src/app.tsx:6 external lodash",
        "packages/web/src/app.tsx:7 external @scope/pkg",
        "packages/web/src/app.tsx:8 unresolved ./missing-style.css",
        "packages/web/src/broken.js:1 internal packages/web/src/ui/button.tsx",
        "packages/web/src/broken.js:2 internal packages/web/src/ui/button.tsx",
        "packages/web/src/ui/button.tsx:1 external clsx",
        NULL,
    };
    (void)state;
    check_edges("js", expected);
}

static void go_imports(void **state)
{
    static const char *const expected[] = {
        "cmd/shop/main.go:10 external github.com/go-chi/chi/v5",
        "cmd/shop/main.go:11 external github.com/go-chi/chi/v5",
        "cmd/shop/main.go:5 stdlib fmt",
        "cmd/shop/main.go:6 stdlib net/http",
        "cmd/shop/main.go:8 internal internal/cart",
        "cmd/shop/main.go:9 internal tools/fmtx",
        "internal/broken/broken.go:3 stdlib strings",
        "internal/cart/cart.go:3 internal internal/price",
        "internal/price/price.go:4 stdlib strings",
        "internal/price/price.go:6 internal internal/cart",
        "svc/api/api.go:3 stdlib log",
        "svc/main.go:4 internal svc/api",
        "svc/main.go:5 internal internal/cart",
        "svc/main.go:6 external example.com/unknown/thing",
        "tools/fmtx/fmtx.go:3 stdlib fmt",
        NULL,
    };
    (void)state;
    check_edges("go", expected);
}

static void java_imports(void **state)
{
    static const char *const expected[] = {
        "core/src/main/java/com/shop/core/Broken.java:3 stdlib java.io",
        "core/src/main/java/com/shop/core/Broken.java:4 internal "
        "core/src/main/java/com/shop/core/Cart.java",
        "core/src/main/java/com/shop/core/Cart.java:3 internal "
        "core/src/main/java/com/shop/core/price/Price.java",
        "core/src/main/java/com/shop/core/Cart.java:4 stdlib java.util",
        "core/src/main/java/com/shop/core/Cart.java:5 external org.springframework.stereotype",
        "core/src/main/java/com/shop/core/price/Price.java:3 internal "
        "core/src/main/java/com/shop/core/Cart.java",
        "core/src/main/java/com/shop/core/price/Price.java:5 internal "
        "core/src/main/java/com/shop/core/Cart.java",
        "web/src/main/java/com/shop/web/App.java:3 internal "
        "core/src/main/java/com/shop/core/Cart.java",
        "web/src/main/java/com/shop/web/App.java:4 internal core/src/main/java/com/shop/core/price",
        "web/src/main/java/com/shop/web/App.java:5 external org.springframework.boot",
        "web/src/main/java/com/shop/web/App.java:6 external org.springframework.boot",
        "web/src/main/java/com/shop/web/App.java:7 stdlib javax.annotation.processing",
        "web/src/test/java/com/shop/web/AppTest.java:3 external org.junit.jupiter",
        "web/src/test/java/com/shop/web/AppTest.java:4 internal "
        "web/src/main/java/com/shop/web/App.java",
        NULL,
    };
    (void)state;
    check_edges("java", expected);
}

static void rust_imports(void **state)
{
    static const char *const expected[] = {
        "crates/cli/src/args.rs:1 external clap",
        "crates/cli/src/args.rs:2 internal crates/cli/src/args.rs",
        "crates/cli/src/args.rs:3 internal crates/cli/src/args.rs",
        "crates/cli/src/broken.rs:1 stdlib std",
        "crates/cli/src/broken.rs:2 internal crates/cli/src/args.rs",
        "crates/cli/src/main.rs:1 internal crates/cli/src/args.rs",
        "crates/cli/src/main.rs:3 internal crates/shop-core/src/cart.rs",
        "crates/cli/src/main.rs:4 internal crates/shop-core/src/lib.rs",
        "crates/cli/src/main.rs:5 external clap",
        "crates/cli/src/main.rs:6 stdlib std",
        "crates/shop-core/src/cart.rs:1 internal crates/shop-core/src/price.rs",
        "crates/shop-core/src/cart.rs:2 external serde",
        "crates/shop-core/src/lib.rs:2 internal crates/shop-core/src/cart.rs",
        "crates/shop-core/src/lib.rs:3 internal crates/shop-core/src/price.rs",
        "crates/shop-core/src/lib.rs:5 stdlib std",
        "crates/shop-core/src/price.rs:1 internal crates/shop-core/src/cart.rs",
        "crates/shop-core/src/price.rs:9 internal crates/shop-core/src/lib.rs",
        NULL,
    };
    (void)state;
    check_edges("rust", expected);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(c_includes),     cmocka_unit_test(c_exported_is_what_headers_declare),
        cmocka_unit_test(python_imports), cmocka_unit_test(js_imports),
        cmocka_unit_test(go_imports),     cmocka_unit_test(java_imports),
        cmocka_unit_test(rust_imports),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
