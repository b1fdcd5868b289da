/*
 * test_model.c - the etacodex binary on a repository made at test time.
 *
 * Runs the real executable (as a user would) and reads what it wrote:
 * model.json through jansson, the architecture document as text, and exit
 * codes and stderr for bad input.
 */
#include "tests/cmocka_all.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/fixture.h"
#include "util/buf.h"
#include "util/fs.h"

static void make_repository(const char *dir)
{
    ec_buf big = EC_BUF_INIT;
    int i;

    for (i = 0; i < 3000; i++)
        ec_buf_puts(&big, "line of a huge generated data file\n");
    fixture_text(dir, ".gitignore", "build/\n*.tmp\n");
    fixture_text(dir, "package.json", "{\"name\": \"shop\", \"version\": \"2.3.1\"}\n");
    fixture_text(dir, "src/server.js",
                 "// The HTTP server.\nconst http = require('http');\n"
                 "const routes = require('./routes');\n/* start */\n"
                 "http.createServer().listen(8080);\n");
    fixture_text(dir, "src/routes/index.js", "module.exports = [];\n");
    fixture_text(dir, "src/lib.c",
                 "/* a library */\nint add(int a, int b)\n{\n"
                 "    return a + b; // sum\n}\n");
    fixture_text(dir, "tools/gen.py", "\"\"\"Generator.\"\"\"\nimport sys\n\nprint(sys.argv)\n");
    fixture_text(dir, "Makefile", "all:\n\tcc -o lib src/lib.c\n");
    fixture_text(dir, "scratch.tmp", "ignored\n");
    fixture_write(dir, "assets/icon.bin", "\0\1\2\3", 4);
    fixture_write(dir, "data/huge.csv", big.ptr, big.len);
    fixture_text(dir, "we|ird <b>/notes.md", "# A [hostile] <b>name</b>\n");
    fixture_text(dir, "odd\nname/x.txt", "a file under a directory whose name has a newline\n");
    fixture_sh(dir, "ln -s a b && ln -s b a");
    fixture_sh(dir, "git init -q -b main && git add -A && git commit -q -m 'first' && "
                    "git tag v2.3.1");
    ec_buf_release(&big);
}

static void model_json_describes_the_repository(void **state)
{
    char *dir = fixture_dir();
    json_t *m, *project, *files, *f, *skipped, *langs;
    ec_buf err = EC_BUF_INIT;

    (void)state;
    make_repository(dir);
    assert_int_equal(fixture_run(dir, "--doc-type model --max-file-size 64K --quiet", &err), 0);
    assert_string_equal(err.ptr, "");
    m = fixture_json(dir, "docs/architecture/model.json");
    assert_string_equal(fixture_str(m, "schema"), "etacodex-model/1");

    project = json_object_get(m, "project");
    assert_string_equal(fixture_str(project, "name"), "shop");
    assert_string_equal(fixture_str(project, "version"), "2.3.1");
    assert_string_equal(fixture_str(project, "describe"), "v2.3.1");
    assert_string_equal(fixture_str(project, "date"), "2024-03-01T12:00:00Z");
    assert_int_equal(strlen(fixture_str(project, "revision")), 40);
    assert_true(json_is_false(json_object_get(project, "dirty")));

    files = json_object_get(m, "files");
    assert_int_equal(json_array_size(files),
                     9); /* .gitignore, package.json, 3 src, py, mk, md, txt */
    assert_non_null(fixture_find(files, "path", "odd\nname/x.txt"));
    f = fixture_find(files, "path", "src/lib.c");
    assert_non_null(f);
    assert_string_equal(fixture_str(f, "language"), "C");
    assert_int_equal(fixture_int(f, "lines"), 5);
    assert_int_equal(fixture_int(f, "comment"), 1);
    assert_int_equal(fixture_int(f, "code"), 4);
    assert_int_equal(strlen(fixture_str(f, "blob")), 40);
    assert_string_equal(fixture_str(json_array_get(files, 0), "path"), ".gitignore"); /* sorted */
    /* imports resolved: a project file, Node's standard library, Python's */
    f = json_object_get(fixture_find(files, "path", "src/server.js"), "imports");
    assert_int_equal(json_array_size(f), 2);
    assert_string_equal(fixture_str(json_array_get(f, 0), "kind"), "stdlib");
    assert_string_equal(fixture_str(json_array_get(f, 0), "target"), "http");
    assert_string_equal(fixture_str(json_array_get(f, 1), "kind"), "internal");
    assert_string_equal(fixture_str(json_array_get(f, 1), "target"), "src/routes/index.js");
    assert_int_equal(fixture_int(json_array_get(f, 1), "line"), 3);
    /* the dependency graph: server.js -> routes/index.js, the one central file */
    assert_int_equal(fixture_int(fixture_find(files, "path", "src/routes/index.js"), "fan_in"), 1);
    assert_int_equal(fixture_int(fixture_find(files, "path", "src/server.js"), "fan_out"), 1);
    f = json_object_get(json_object_get(m, "metrics"), "dependencies");
    assert_int_equal(fixture_int(f, "edges"), 1);
    assert_int_equal(json_array_size(json_object_get(f, "cycles")), 0);
    assert_string_equal(fixture_str(json_array_get(json_object_get(f, "central"), 0), "path"),
                        "src/routes/index.js");
    f = json_object_get(fixture_find(files, "path", "tools/gen.py"), "imports");
    assert_string_equal(fixture_str(json_array_get(f, 0), "kind"), "stdlib");
    assert_string_equal(fixture_str(fixture_find(files, "path", "tools/gen.py"), "description"),
                        "Generator.");
    assert_null(fixture_find(files, "path", "scratch.tmp"));

    skipped = json_object_get(m, "skipped");
    assert_string_equal(fixture_str(fixture_find(skipped, "path", "assets/icon.bin"), "reason"),
                        "binary");
    assert_string_equal(fixture_str(fixture_find(skipped, "path", "data/huge.csv"), "reason"),
                        "too-large");
    assert_string_equal(fixture_str(fixture_find(skipped, "path", "a"), "reason"), "symlink");
    assert_string_equal(fixture_str(fixture_find(skipped, "path", "a"), "detail"), "symlink loop");

    langs = json_object_get(m, "languages");
    assert_int_equal(fixture_int(fixture_find(langs, "name", "JavaScript"), "files"), 2);
    assert_int_equal(fixture_int(fixture_find(langs, "name", "JavaScript"), "comment"), 2);
    assert_true(json_is_array(json_object_get(m, "containers")));
    assert_true(json_is_object(json_object_get(m, "operations")));
    json_decref(m);
    ec_buf_release(&err);
    fixture_remove(dir);
    free(dir);
}

static void same_commit_same_bytes_and_check(void **state)
{
    char *dir = fixture_dir();
    ec_buf first = EC_BUF_INIT, second = EC_BUF_INIT, doc = EC_BUF_INIT, path = EC_BUF_INIT;

    (void)state;
    make_repository(dir);
    assert_int_equal(fixture_run(dir, "--doc-type architecture --jobs 1", NULL), 0);
    ec_buf_printf(&path, "%s/docs/architecture/model.json", dir);
    assert_int_equal(ec_fs_read_file(&first, path.ptr), 0);
    /* The second run sees the first run's output in the tree: it must leave it out. */
    assert_int_equal(fixture_run(dir, "--doc-type architecture --jobs 2", NULL), 0);
    assert_int_equal(ec_fs_read_file(&second, path.ptr), 0);
    assert_int_equal(first.len, second.len);
    assert_memory_equal(first.ptr, second.ptr, first.len);
    assert_int_equal(fixture_run(dir, "--doc-type architecture --check", NULL), 0);

    ec_buf_reset(&path);
    ec_buf_printf(&path, "%s/docs/architecture/architecture.md", dir);
    assert_int_equal(ec_fs_read_file(&doc, path.ptr), 0);
    assert_non_null(strstr(doc.ptr, "# shop — Architecture"));
    /* the summary line and the overview table count the same files */
    assert_non_null(strstr(doc.ptr, "2.3.1: 10 files analysed, 10 of them in 9 languages; "));
    assert_non_null(strstr(doc.ptr, "| Files analysed | 10 |"));
    assert_non_null(strstr(doc.ptr, "1 container, from the build and deployment files."));
    assert_non_null(strstr(doc.ptr, "| JavaScript | programming | 2 |"));
    assert_non_null(strstr(doc.ptr, "| `we\\|ird <b>` | 1 |")); /* a code span, pipe escaped */
    assert_non_null(strstr(doc.ptr, "| `odd name` | 1 |"));     /* a newline never splits a row */
    assert_null(strstr(doc.ptr, "{{"));

    fixture_text(dir, "src/more.c", "int more;\n");
    assert_int_equal(fixture_run(dir, "--doc-type architecture --check", NULL), 1);
    ec_buf_release(&first);
    ec_buf_release(&second);
    ec_buf_release(&doc);
    ec_buf_release(&path);
    fixture_remove(dir);
    free(dir);
}

/* The cache changes how long a run takes, never what it writes; a damaged
 * one is rebuilt, and --check creates none. */
static void cache_changes_speed_not_output(void **state)
{
    char *dir = fixture_dir();
    ec_buf err = EC_BUF_INIT, cold = EC_BUF_INIT, warm = EC_BUF_INIT, path = EC_BUF_INIT;

    (void)state;
    make_repository(dir);
    ec_buf_printf(&path, "%s/out/model.json", dir);
    assert_int_equal(fixture_run(dir, "--doc-type model --output-dir out --no-cache", NULL), 0);
    assert_int_equal(ec_fs_read_file(&cold, path.ptr), 0);
    assert_false(fixture_exists(dir, ".etacodex"));
    assert_int_equal(fixture_run(dir, "--doc-type model --output-dir out --check --timings", &err),
                     0);
    assert_false(fixture_exists(dir, ".etacodex"));

    assert_int_equal(fixture_run(dir, "--doc-type model --output-dir out --timings", &err), 0);
    assert_non_null(strstr(err.ptr, "cache: 0 files reused"));
    assert_true(fixture_exists(dir, ".etacodex/cache.db"));
    assert_int_equal(fixture_run(dir, "--doc-type model --output-dir out --timings", &err), 0);
    assert_non_null(strstr(err.ptr, " analysed\n"));
    assert_non_null(strstr(err.ptr, "reused, 0 analysed"));
    assert_int_equal(ec_fs_read_file(&warm, path.ptr), 0);
    assert_int_equal(cold.len, warm.len);
    assert_memory_equal(cold.ptr, warm.ptr, cold.len);

    fixture_text(dir, ".etacodex/cache.db", "garbage, not a database: the run must go on\n");
    assert_int_equal(fixture_run(dir, "--doc-type model --output-dir out --timings", &err), 0);
    assert_non_null(strstr(err.ptr, "/.etacodex/cache.db' is damaged (file is not a database): "
                                    "rebuilt\n"));
    assert_non_null(strstr(err.ptr, "cache: 0 files reused"));
    ec_buf_reset(&warm);
    assert_int_equal(ec_fs_read_file(&warm, path.ptr), 0);
    assert_memory_equal(cold.ptr, warm.ptr, cold.len);
    fixture_sh(dir, "git status --porcelain | grep -v '^?? out/' | (! grep .)");
    ec_buf_release(&err);
    ec_buf_release(&cold);
    ec_buf_release(&warm);
    ec_buf_release(&path);
    fixture_remove(dir);
    free(dir);
}

/* A small polyglot system: its containers, their wiring and the operations
 * facts reach model.json with their evidence. */
static void deployment_facts_reach_the_model(void **state)
{
    char *dir = fixture_dir();
    json_t *model, *c, *r, *ops;
    ec_buf doc = EC_BUF_INIT, path = EC_BUF_INIT;

    (void)state;
    fixture_text(dir, "docker-compose.yml",
                 "services:\n  web:\n    build: ./web\n    depends_on: [api]\n"
                 "  api:\n    build: ./api\n    environment:\n"
                 "      DATABASE_URL: postgres://shop@db/shop\n"
                 "    healthcheck:\n      test: curl -f http://localhost:8080/healthz\n"
                 "  db:\n    image: postgres:16\n");
    fixture_text(dir, "api/go.mod",
                 "module example.com/shop/api\n\ngo 1.22\n\n"
                 "require github.com/jackc/pgx/v5 v5.5.0\n");
    fixture_text(dir, "api/main.go", "package main\n\nfunc main() {}\n");
    fixture_text(dir, "web/package.json",
                 "{\"name\": \"web\", \"scripts\": {\"start\": \"node server.js\"},"
                 " \"dependencies\": {\"stripe\": \"^14.0.0\"}}\n");
    fixture_text(dir, "web/server.js", "require('stripe');\n");
    fixture_text(dir, "proto/shop.proto",
                 "syntax = \"proto3\";\npackage shop;\nservice Orders {\n"
                 "  rpc Place(Order) returns (Order);\n}\nmessage Order {}\n");
    fixture_text(dir, ".env.example", "DATABASE_URL=postgres://localhost/shop\n");
    fixture_text(dir, "CODEOWNERS", "/api/ @backend\n");
    fixture_sh(dir, "git init -q -b main && git add -A && git commit -q -m first");
    assert_int_equal(fixture_run(dir, "--doc-type model --output-dir out", NULL), 0);
    model = fixture_json(dir, "out/model.json");

    c = json_object_get(model, "containers");
    assert_int_equal(json_array_size(c), 3);
    assert_string_equal(fixture_str(fixture_find(c, "id", "api"), "kind"), "service");
    assert_string_equal(fixture_str(fixture_find(c, "id", "api"), "path"), "api");
    assert_string_equal(fixture_str(fixture_find(c, "id", "db"), "kind"), "database");
    assert_string_equal(fixture_str(fixture_find(c, "id", "web"), "technology"), "Docker, Node.js");
    r = json_object_get(model, "relations");
    assert_int_equal(json_array_size(r), 3); /* web->api, api->db, web->ext-stripe */
    assert_string_equal(fixture_str(fixture_find(r, "to", "db"), "technology"), "SQL");
    assert_int_equal(fixture_int(fixture_find(r, "to", "db"), "weight"),
                     2); /* the URL and the client */
    assert_string_equal(fixture_str(fixture_find(r, "to", "ext-stripe"), "from"), "web");
    assert_string_equal(
        fixture_str(json_array_get(json_object_get(model, "external_systems"), 0), "name"),
        "Stripe");
    assert_string_equal(fixture_str(fixture_find(json_object_get(model, "dependencies"), "name",
                                                 "github.com/jackc/pgx/v5"),
                                    "manifest"),
                        "api/go.mod");
    assert_string_equal(fixture_str(json_array_get(json_object_get(model, "apis"), 0), "title"),
                        "shop.Orders");
    ops = json_object_get(model, "operations");
    assert_string_equal(
        fixture_str(json_array_get(json_object_get(ops, "databases"), 0), "technology"),
        "PostgreSQL (image postgres:16)");
    assert_string_equal(
        fixture_str(json_array_get(json_object_get(ops, "health_endpoints"), 0), "path"),
        "/healthz");
    assert_string_equal(fixture_str(json_array_get(json_object_get(ops, "environment"), 0), "name"),
                        "DATABASE_URL");
    assert_string_equal(fixture_str(json_array_get(json_object_get(ops, "deployment"), 0), "name"),
                        "docker-compose");
    assert_string_equal(fixture_str(json_array_get(json_object_get(model, "owners"), 0), "pattern"),
                        "/api/");
    json_decref(model);

    assert_int_equal(fixture_run(dir, "--doc-type architecture --output-dir out", NULL), 0);
    ec_buf_printf(&path, "%s/out/architecture.md", dir);
    assert_int_equal(ec_fs_read_file(&doc, path.ptr), 0);
    assert_non_null(strstr(doc.ptr, "3 containers, from the build and deployment files."));
    assert_non_null(strstr(doc.ptr, "| db | database | PostgreSQL (image postgres:16) | an image | "
                                    "`docker-compose.yml:11` |"));
    assert_non_null(strstr(doc.ptr, "| api | db | SQL | 2 | `docker-compose.yml:8` +1 |"));
    assert_non_null(strstr(doc.ptr, "| `stripe` | ^14.0.0 | npm | runtime | "
                                    "`manifest:web/package.json#dependencies.stripe` |"));
    assert_non_null(strstr(doc.ptr, "| Stripe | payment | "));
    ec_buf_release(&doc);
    ec_buf_release(&path);
    fixture_remove(dir);
    free(dir);
}

static void never_clobbers_a_file_it_did_not_write(void **state)
{
    char *dir = fixture_dir();
    ec_buf err = EC_BUF_INIT, content = EC_BUF_INIT, path = EC_BUF_INIT;

    (void)state;
    make_repository(dir);
    fixture_text(dir, "out/ARCH.md", "hand-written notes\n");
    assert_int_equal(fixture_run(dir, "--doc-type architecture --output-file out/ARCH.md", &err),
                     3);
    assert_non_null(strstr(err.ptr, "refusing to replace 'out/ARCH.md'"));
    ec_buf_printf(&path, "%s/out/ARCH.md", dir);
    assert_int_equal(ec_fs_read_file(&content, path.ptr), 0);
    assert_string_equal(content.ptr, "hand-written notes\n");
    assert_int_equal(
        fixture_run(dir, "--doc-type architecture --output-file out/ARCH.md --force", NULL), 0);
    ec_buf_release(&err);
    ec_buf_release(&content);
    ec_buf_release(&path);
    fixture_remove(dir);
    free(dir);
}

/* A team's notes in the document's keep slot outlive regeneration; broken
 * markers stop the run before anything is written. */
static void notes_between_keep_markers_survive(void **state)
{
    char *dir = fixture_dir();
    ec_buf err = EC_BUF_INIT, doc = EC_BUF_INIT, path = EC_BUF_INIT;

    (void)state;
    make_repository(dir);
    assert_int_equal(fixture_run(dir, "--doc-type architecture", NULL), 0);
    fixture_sh(dir, "sed -i 's/^\\*\\*To be written by the team:\\*\\*.*/Payments must settle "
                    "by 18:00./' docs/architecture/architecture.md");
    fixture_text(dir, "src/more.c", "int more;\n");
    assert_int_equal(fixture_run(dir, "--doc-type architecture", NULL), 0);
    ec_buf_printf(&path, "%s/docs/architecture/architecture.md", dir);
    assert_int_equal(ec_fs_read_file(&doc, path.ptr), 0);
    assert_non_null(strstr(doc.ptr, "<!-- etacodex:keep -->\nPayments must settle by 18:00.\n"));
    assert_null(strstr(doc.ptr, "To be written by the team"));
    assert_int_equal(fixture_run(dir, "--doc-type architecture --check", NULL), 0);

    fixture_sh(dir, "sed -i '/etacodex:end/d' docs/architecture/architecture.md");
    assert_int_equal(fixture_run(dir, "--doc-type architecture", &err), 3);
    assert_non_null(strstr(err.ptr, "architecture.md:"));
    assert_non_null(strstr(err.ptr, "etacodex:keep without etacodex:end"));
    ec_buf_reset(&doc);
    assert_int_equal(ec_fs_read_file(&doc, path.ptr), 0);
    assert_non_null(strstr(doc.ptr, "Payments must settle by 18:00.\n")); /* untouched */
    ec_buf_release(&err);
    ec_buf_release(&doc);
    ec_buf_release(&path);
    fixture_remove(dir);
    free(dir);
}

static void bad_input_exit_codes(void **state)
{
    char *dir = fixture_dir();
    ec_buf err = EC_BUF_INIT;

    (void)state;
    assert_int_equal(fixture_run(dir, "--project-root /nonexistent --doc-type model", &err), 3);
    assert_non_null(strstr(err.ptr, "etacodex: cannot open project root '/nonexistent'"));
    assert_int_equal(fixture_run(dir, "--doc-type adr", &err), 2);
    assert_non_null(strstr(err.ptr, "etacodex: --decision is required with --doc-type adr\n"
                                    "usage: etacodex"));
    assert_int_equal(fixture_run(dir, "--doc-type runbook --scenario 'Disk full'", &err), 2);
    assert_non_null(strstr(err.ptr, "not available yet"));
    assert_int_equal(fixture_run(dir, "--bogus", &err), 2);
    /* an empty directory and a repository without commits give small valid models */
    assert_int_equal(fixture_run(dir, "--doc-type model --quiet", NULL), 0);
    fixture_remove(dir);
    free(dir);
    dir = fixture_dir();
    fixture_sh(dir, "git init -q && echo 'x = 1' > a.py");
    assert_int_equal(fixture_run(dir, "--doc-type architecture --quiet", NULL), 0);
    ec_buf_release(&err);
    fixture_remove(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(model_json_describes_the_repository),
        cmocka_unit_test(same_commit_same_bytes_and_check),
        cmocka_unit_test(cache_changes_speed_not_output),
        cmocka_unit_test(deployment_facts_reach_the_model),
        cmocka_unit_test(never_clobbers_a_file_it_did_not_write),
        cmocka_unit_test(notes_between_keep_markers_survive),
        cmocka_unit_test(bad_input_exit_codes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
