/*
 * test_manifest_cargo.c - Cargo.toml: targets, dependencies by scope,
 * workspace inheritance and relations between the crates of a workspace.
 */
#include "tests/cmocka_all.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/manifest.h"
#include "graph/containers.h"
#include "tests/facts_fixture.h"
#include "tests/fixture.h"

static const ec_dependency_fact *dep(const ec_facts *f, const char *name)
{
    size_t i;

    for (i = 0; i < f->dependencies.len; i++)
        if (strcmp(f->dependencies.items[i].name, name) == 0)
            return &f->dependencies.items[i];
    fail_msg("no dependency '%s'", name);
    return NULL;
}

static const ec_container_fact *container(const ec_facts *f, const char *name, const char *kind)
{
    size_t i;

    for (i = 0; i < f->containers.len; i++)
        if (strcmp(f->containers.items[i].name, name) == 0 &&
            strcmp(f->containers.items[i].kind, kind) == 0)
            return &f->containers.items[i];
    fail_msg("no %s '%s'", kind, name);
    return NULL;
}

static bool has_relation(const ec_container_model *cm, const char *from, const char *to)
{
    size_t i;

    for (i = 0; i < cm->relations.len; i++)
        if (strcmp(cm->relations.items[i].from, from) == 0 &&
            strcmp(cm->relations.items[i].to, to) == 0)
            return true;
    return false;
}

/* The fixture: a Rust workspace. */
static void rust_workspace(void **state)
{
    char *dir = fixture_dir();
    ec_facts f;
    ec_container_model cm;
    const ec_container_fact *c;

    (void)state;
    ec_facts_init(&f);
    facts_write(&f, dir, "Cargo.toml",
                "[workspace]\n"
                "members = [\"crates/*\", \"tools/gen\"]\n"
                "resolver = \"2\"\n"
                "[workspace.package]\nversion = \"0.3.0\"\n"
                "[workspace.dependencies]\n"
                "serde = { version = \"1.0.197\", features = [\"derive\"] }\n"
                "shop-core = { path = \"crates/core\", version = \"0.3.0\" }\n"
                "tokio = \"1.36\"\n");
    facts_write(&f, dir, "crates/cli/Cargo.toml",
                "[package]\nname = \"shop-cli\"\nversion = \"0.1.0\"\n"
                "[dependencies]\ncore = { path = \"../core\", package = \"shop-core\" }\n"
                "clap = { version = \"4.5\", features = [\"derive\"] }\n");
    facts_write(&f, dir, "crates/cli/src/lib.rs", "");
    facts_write(&f, dir, "crates/cli/src/main.rs", "fn main() {}\n");
    facts_write(&f, dir, "crates/core/Cargo.toml",
                "[package]\nname = \"shop-core\"\nversion.workspace = true\n"
                "[dependencies]\nserde.workspace = true\nthiserror = \"1\"\n"
                "[dev-dependencies]\nproptest = \"1\"\n"
                "[target.'cfg(unix)'.dependencies]\nlibc = \"0.2\"\n");
    facts_write(&f, dir, "crates/core/src/lib.rs", "");
    facts_write(&f, dir, "crates/server/Cargo.toml",
                "[package]\nname = \"shop-server\"\n"
                "[[bin]]\nname = \"shopd\"\npath = \"src/main.rs\"\n"
                "[dependencies]\nshop-core = { workspace = true }\n"
                "tokio = { workspace = true, features = [\"full\"] }\n"
                "metrics = { version = \"0.22\", optional = true }\n"
                "[build-dependencies]\ncc = \"1\"\n");
    facts_write(&f, dir, "crates/server/src/main.rs", "fn main() {}\n");
    facts_write(&f, dir, "crates/server/src/bin/migrate.rs", "fn main() {}\n");
    facts_write(
        &f, dir, "fuzz/Cargo.toml",
        "[package]\nname = \"shop-fuzz\"\n[package.metadata]\ncargo-fuzz = true\n"
        "[dependencies]\nlibfuzzer-sys = \"0.4\"\nshop-core = { path = \"../crates/core\" }\n"
        "[[bin]]\nname = \"fuzz_parse\"\npath = \"fuzz_targets/parse.rs\"\n");
    ec_manifests_read(&f, dir);

    assert_int_equal(f.diags.items.len, 1);
    assert_string_equal(f.diags.items.items[0].path, "Cargo.toml");
    assert_int_equal(f.diags.items.items[0].line, 2);
    assert_string_equal(f.diags.items.items[0].message,
                        "workspace member 'tools/gen' has no Cargo.toml");

    assert_int_equal(f.containers.len, 5); /* the virtual root and fuzz targets build nothing */
    c = container(&f, "shop-core", "library");
    assert_string_equal(c->path, "crates/core");
    assert_string_equal(c->technology, "Rust");
    assert_string_equal(c->files.items[0], "crates/core/src/lib.rs");
    container(&f, "shop-cli", "library");
    container(&f, "shop-cli", "executable");
    c = container(&f, "shopd", "executable"); /* src/main.rs once, under its [[bin]] name */
    assert_string_equal(c->evidence, "manifest:crates/server/Cargo.toml#bin[0]");
    assert_string_equal(c->files.items[0], "crates/server/src/main.rs");
    container(&f, "migrate", "executable");

    assert_int_equal(f.dependencies.len, 9);                   /* with libfuzzer-sys */
    assert_string_equal(dep(&f, "serde")->version, "1.0.197"); /* from the workspace */
    assert_string_equal(dep(&f, "serde")->scope, "runtime");
    assert_string_equal(dep(&f, "serde")->ecosystem, "cargo");
    assert_string_equal(dep(&f, "serde")->evidence, "crates/core/Cargo.toml:5");
    assert_string_equal(dep(&f, "tokio")->version, "1.36");
    assert_string_equal(dep(&f, "thiserror")->scope, "runtime");
    assert_string_equal(dep(&f, "proptest")->scope, "dev");
    assert_string_equal(dep(&f, "libc")->scope, "runtime");
    assert_string_equal(dep(&f, "metrics")->scope, "optional");
    assert_string_equal(dep(&f, "cc")->scope, "build");
    assert_string_equal(dep(&f, "clap")->version, "4.5");

    ec_containers_build(&cm, &f);
    assert_int_equal(cm.relations.len, 3);
    assert_true(has_relation(&cm, "shopd", "shop-core"));
    assert_true(has_relation(&cm, "migrate", "shop-core"));
    assert_string_equal(f.relations.items[0].technology, "Rust crate");
    assert_string_equal(f.relations.items[0].kind, "uses");
    ec_containers_release(&cm);
    ec_facts_release(&f);
    fixture_remove(dir);
    free(dir);
}

static void package_with_library_and_programs(void **state)
{
    ec_facts f;
    const char *text = "[package]\nname = \"tool\"\nautobins = false\n"
                       "[lib]\npath = \"lib.rs\"\n"
                       "[[bin]]\nname = \"tool-a\"\npath = \"a.rs\"\n"
                       "[dependencies]\nanyhow = \"1\"\nlocal = { path = \"/elsewhere\" }\n";

    (void)state;
    ec_facts_init(&f);
    assert_true(ec_manifest_read_text(&f, "tool/Cargo.toml", text, strlen(text)));
    assert_int_equal(f.diags.items.len, 0);
    assert_int_equal(f.containers.len, 2);
    assert_string_equal(f.containers.items[0].name, "tool");
    assert_string_equal(f.containers.items[0].kind, "library");
    assert_string_equal(f.containers.items[0].files.items[0], "tool/lib.rs");
    assert_string_equal(f.containers.items[1].name, "tool-a");
    assert_string_equal(f.containers.items[1].files.items[0], "tool/a.rs");
    assert_int_equal(f.relations.len, 1); /* the program uses its package's library */
    assert_string_equal(f.relations.items[0].from, "tool-a");
    assert_string_equal(f.relations.items[0].to, "tool");
    assert_int_equal(f.dependencies.len, 2); /* a path outside the project stays a dependency */
    assert_string_equal(dep(&f, "local")->version, "");
    ec_facts_release(&f);
}

static void malformed_cargo_toml_keeps_what_parsed(void **state)
{
    ec_facts f;
    const char *text = "[package]\nname = \"x\"\n[dependencies]\nserde = \"1\"\nrand = {\n";

    (void)state;
    ec_facts_init(&f);
    assert_true(ec_manifest_read_text(&f, "Cargo.toml", text, strlen(text)));
    assert_int_equal(f.diags.items.len, 1);
    assert_string_equal(f.diags.items.items[0].path, "Cargo.toml");
    assert_int_equal(f.diags.items.items[0].line, 5);
    assert_int_equal(f.containers.len, 1);
    assert_string_equal(dep(&f, "serde")->version, "1");
    ec_facts_release(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rust_workspace),
        cmocka_unit_test(package_with_library_and_programs),
        cmocka_unit_test(malformed_cargo_toml_keeps_what_parsed),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
