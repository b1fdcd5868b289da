/*
 * test_manifest.c - the manifest dispatcher and the go.mod and package.json
 * readers.
 */
#include "tests/cmocka_all.h"

#include <string.h>

#include "analyzer/manifest.h"
#include "graph/containers.h"
#include "tests/facts_fixture.h"

static void add_go_file(ec_facts *f, const char *path, const char *package)
{
    ec_file_fact file = {0};

    file.path = path;
    file.package = package;
    file.description = "";
    ec_array_push(&f->files, file);
}

static void go_mod_module_requirements_and_executables(void **state)
{
    ec_facts f;
    const ec_dependency_fact *d;

    (void)state;
    ec_facts_init(&f);
    add_go_file(&f, "cmd/server/main.go", "main");
    add_go_file(&f, "cmd/server/routes.go", "main");
    add_go_file(&f, "cmd/server/sub/x.go", "sub");
    add_go_file(&f, "cmd/tool/tool.go", "main");
    add_go_file(&f, "internal/store/store.go", "store");
    add_go_file(&f, "main.go", "main");
    add_go_file(&f, "tools/gen/go.mod", "");
    add_go_file(&f, "tools/gen/main.go", "main"); /* another module's */
    assert_true(facts_read(&f, "go.mod",
                           "// The shop.\nmodule github.com/acme/shop/v2\n\ngo 1.22\n\n"
                           "require github.com/go-chi/chi/v5 v5.0.12\n"
                           "require (\n\tgithub.com/lib/pq v1.10.9\n"
                           "\tgolang.org/x/sys v0.20.0 // indirect\n)\n"
                           "replace github.com/acme/gen => ./tools/gen\n"));
    assert_int_equal(f.diags.items.len, 0);
    assert_int_equal(f.dependencies.len, 3);
    d = facts_dependency(&f, "github.com/go-chi/chi/v5");
    assert_string_equal(d->version, "v5.0.12");
    assert_string_equal(d->ecosystem, "go");
    assert_string_equal(d->scope, "runtime");
    assert_string_equal(d->evidence, "go.mod:6");
    assert_string_equal(facts_dependency(&f, "github.com/lib/pq")->evidence, "go.mod:8");
    assert_string_equal(facts_dependency(&f, "golang.org/x/sys")->scope, "indirect");

    assert_int_equal(f.containers.len, 3); /* the root, cmd/server, cmd/tool */
    assert_string_equal(f.containers.items[0].path, ".");
    assert_string_equal(f.containers.items[0].name, "shop"); /* not "v2" */
    assert_string_equal(f.containers.items[1].name, "server");
    assert_string_equal(f.containers.items[1].kind, "executable");
    assert_string_equal(f.containers.items[1].evidence, "manifest:go.mod#module");
    assert_int_equal(f.containers.items[1].files.len, 2);
    assert_string_equal(f.containers.items[1].files.items[1], "cmd/server/routes.go");
    assert_string_equal(f.containers.items[2].name, "tool");
    assert_int_equal(f.relations.len, 1);
    assert_string_equal(f.relations.items[0].from, ".");
    assert_string_equal(f.relations.items[0].to, "tools/gen");
    assert_string_equal(f.relations.items[0].evidence, "go.mod:11");
    ec_facts_release(&f);
}

static void go_mod_without_main_is_a_library_and_errors_name_lines(void **state)
{
    ec_facts f;

    (void)state;
    ec_facts_init(&f);
    add_go_file(&f, "lib/x.go", "x");
    assert_true(facts_read(&f, "lib/go.mod", "module example.com/x\nrequire (\n\texample.com/y\n"));
    assert_int_equal(f.containers.len, 1);
    assert_string_equal(f.containers.items[0].kind, "library");
    assert_string_equal(f.containers.items[0].path, "lib");
    assert_int_equal(f.diags.items.len, 2);
    assert_string_equal(f.diags.items.items[0].path, "lib/go.mod");
    assert_int_equal(f.diags.items.items[0].line, 3);
    assert_string_equal(f.diags.items.items[0].message,
                        "a requirement needs a module path and a version");
    assert_string_equal(f.diags.items.items[1].message, "a 'require (' block is not closed");
    ec_facts_release(&f);
}

static void package_json_bins_library_and_scopes(void **state)
{
    ec_facts f;

    (void)state;
    ec_facts_init(&f);
    assert_true(facts_read(&f, "packages/cli/package.json",
                           "\xef\xbb\xbf{\"name\": \"@acme/cli\", \"version\": \"1.2.0\",\n"
                           " \"bin\": {\"acme\": \"bin/acme.js\", \"ac\": \"bin/acme.js\","
                           " \"acme-init\": \"bin/init.js\"},\n"
                           " \"dependencies\": {\"express\": \"^4.19.0\"},\n"
                           " \"devDependencies\": {\"vitest\": \"^1.0.0\"},\n"
                           " \"peerDependencies\": {\"react\": \">=18\"},\n"
                           " \"optionalDependencies\": {\"fsevents\": \"2.3.3\"}}\n"));
    assert_true(facts_read(&f, "packages/core/package.json",
                           "{\"name\": \"@acme/core\", \"exports\": {\".\": \"./index.js\"}}"));
    assert_true(facts_read(&f, "package.json",
                           "{\"name\": \"root\", \"private\": true, \"workspaces\": "
                           "[\"packages/*\"], \"main\": \"x.js\"}"));
    assert_true(facts_read(&f, "apps/api/package.json",
                           "{\"name\": \"api\", \"scripts\": {\"start\": \"node server.js\"}}"));
    assert_int_equal(f.diags.items.len, 0);
    assert_int_equal(f.containers.len, 4); /* acme (with its alias), acme-init, core, api */
    assert_string_equal(f.containers.items[0].name, "acme");
    assert_string_equal(f.containers.items[0].evidence,
                        "manifest:packages/cli/package.json#bin.acme");
    assert_string_equal(f.containers.items[1].name, "acme-init");
    assert_string_equal(f.containers.items[2].name, "@acme/core");
    assert_string_equal(f.containers.items[2].kind, "library");
    assert_string_equal(f.containers.items[2].path, "packages/core");
    assert_string_equal(f.containers.items[3].kind, "service");
    assert_string_equal(facts_dependency(&f, "express")->scope, "runtime");
    assert_string_equal(facts_dependency(&f, "express")->evidence,
                        "manifest:packages/cli/package.json#dependencies.express");
    assert_string_equal(facts_dependency(&f, "vitest")->scope, "dev");
    assert_string_equal(facts_dependency(&f, "react")->scope, "peer");
    assert_string_equal(facts_dependency(&f, "fsevents")->version, "2.3.3");
    assert_string_equal(facts_dependency(&f, "fsevents")->scope, "optional");
    ec_facts_release(&f);
}

static void package_json_errors_keep_the_rest(void **state)
{
    ec_facts f;

    (void)state;
    ec_facts_init(&f);
    assert_true(facts_read(&f, "a/package.json", "{\"name\": \"a\",\n \"main\": \"x\",\n}\n"));
    assert_true(facts_read(&f, "b/package.json", "[1, 2]"));
    assert_true(facts_read(&f, "c/package.json", "{\"main\": \"c.js\", \"dependencies\": [1]}"));
    assert_false(facts_read(&f, "c/package-lock.json", "{}"));
    assert_int_equal(f.diags.items.len, 3);
    assert_string_equal(f.diags.items.items[0].path, "a/package.json");
    assert_int_equal(f.diags.items.items[0].line, 3);
    assert_int_equal(f.diags.items.items[1].line, 1);
    assert_string_equal(f.diags.items.items[1].message, "not a JSON object");
    assert_string_equal(f.diags.items.items[2].message,
                        "'dependencies' is not an object: not read");
    assert_int_equal(f.containers.len, 1); /* c: a library by its main */
    assert_string_equal(f.containers.items[0].name, "c");
    ec_facts_release(&f);
}

static void containers_get_stable_ids_and_relations_resolve(void **state)
{
    ec_facts f;
    ec_container_model cm;

    (void)state;
    ec_facts_init(&f);
    assert_true(facts_read(&f, "b/package.json", "{\"name\": \"Web App\", \"main\": \"x.js\"}"));
    assert_true(facts_read(&f, "a/package.json", "{\"name\": \"web-app\", \"main\": \"x.js\"}"));
    assert_true(facts_read(&f, "go.mod",
                           "module example.com/api\nreplace example.com/lib => ./b\n"
                           "replace example.com/z v1.0.0 => ./missing v1.0.0\n"));
    ec_containers_build(&cm, &f);
    assert_int_equal(cm.containers.len, 3);
    assert_string_equal(cm.containers.items[0].id, "api"); /* sorted by path: ".", "a", "b" */
    assert_string_equal(cm.containers.items[1].id, "web-app");
    assert_string_equal(cm.containers.items[2].id, "web-app-b");
    assert_int_equal(cm.relations.len, 1);
    assert_string_equal(cm.relations.items[0].from, "api");
    assert_string_equal(cm.relations.items[0].to, "web-app-b");
    assert_int_equal(f.diags.items.len, 1); /* ./missing builds no container */
    assert_non_null(strstr(f.diags.items.items[0].message, "names no known container"));
    ec_containers_release(&cm);
    ec_facts_release(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(go_mod_module_requirements_and_executables),
        cmocka_unit_test(go_mod_without_main_is_a_library_and_errors_name_lines),
        cmocka_unit_test(package_json_bins_library_and_scopes),
        cmocka_unit_test(package_json_errors_keep_the_rest),
        cmocka_unit_test(containers_get_stable_ids_and_relations_resolve),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
