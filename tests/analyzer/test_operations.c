/*
 * test_operations.c - what the repository says about running and owning the
 * system: Procfiles, systemd units, environment examples, CODEOWNERS, CI
 * jobs, health checks, deployment systems and migration tools.
 */
#include "tests/cmocka_all.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/manifest.h"
#include "analyzer/migrations.h"
#include "analyzer/own_migrations.h"
#include "tests/facts_fixture.h"
#include "tests/fixture.h"
#include "util/buf.h"

static void read_text(ec_facts *f, const char *path, const char *text)
{
    assert_true(ec_manifest_read_text(f, path, text, strlen(text)));
}

/* The n-th operation of a kind. */
static const ec_operation_fact *op(const ec_facts *f, const char *kind, size_t n)
{
    size_t i;

    for (i = 0; i < f->operations.len; i++)
        if (strcmp(f->operations.items[i].kind, kind) == 0 && n-- == 0)
            return &f->operations.items[i];
    fail_msg("no operation %s #%zu", kind, n);
    return NULL;
}

static size_t count(const ec_facts *f, const char *kind)
{
    size_t i, n = 0;

    for (i = 0; i < f->operations.len; i++)
        n += strcmp(f->operations.items[i].kind, kind) == 0;
    return n;
}

static void procfile_systemd_env_and_owners(void **state)
{
    ec_facts f;

    (void)state;
    ec_facts_init(&f);
    read_text(&f, "Procfile",
              "# processes\nweb: gunicorn app:app --bind 0.0.0.0:$PORT\n"
              "worker: celery -A tasks worker\nrelease: python manage.py migrate\nnot a line\n");
    assert_int_equal(f.containers.len, 3);
    assert_string_equal(f.containers.items[0].name, "web");
    assert_string_equal(f.containers.items[0].kind, "service");
    assert_string_equal(f.containers.items[2].kind, "job");
    assert_string_equal(op(&f, "process", 1)->detail, "celery -A tasks worker");
    assert_string_equal(op(&f, "process", 1)->evidence, "Procfile:3");
    assert_string_equal(op(&f, "deployment", 0)->name, "procfile");
    assert_int_equal(f.diags.items.len, 1);
    assert_int_equal(f.diags.items.items[0].line, 5);

    read_text(&f, "deploy/shop-api.service",
              "[Unit]\nDescription=Shop API\n\n[Service]\n; comment\n"
              "ExecStart=-/usr/bin/shop-api --port 8080\nRestart=always\n");
    assert_string_equal(f.containers.items[3].name, "shop-api");
    assert_string_equal(f.containers.items[3].technology, "systemd");
    assert_string_equal(op(&f, "process", 3)->detail, "/usr/bin/shop-api --port 8080");
    assert_string_equal(op(&f, "deployment", 1)->name, "systemd");

    read_text(&f, ".env.example",
              "# copy to .env\nDATABASE_URL=postgres://localhost/shop\nexport PORT = 8080\n"
              "SECRET_KEY=\"change me\"\nDEBUG=false # in production\n");
    assert_int_equal(count(&f, "environment"), 4);
    assert_string_equal(op(&f, "environment", 1)->name, "PORT");
    assert_string_equal(op(&f, "environment", 1)->detail, "8080");
    assert_string_equal(op(&f, "environment", 2)->detail, "change me");
    assert_string_equal(op(&f, "environment", 3)->detail, "false");

    read_text(&f, ".github/CODEOWNERS",
              "# owners\n*       @acme/core\n/docs/  @alice bob@example.com\n");
    assert_int_equal(f.owners.len, 2);
    assert_string_equal(f.owners.items[1].pattern, "/docs/");
    assert_string_equal(f.owners.items[1].owners, "@alice bob@example.com");
    assert_string_equal(f.owners.items[1].evidence, ".github/CODEOWNERS:3");
    assert_int_equal(f.diags.items.len, 1);
    ec_facts_release(&f);
}

static void ci_jobs_and_their_commands(void **state)
{
    ec_facts f;

    (void)state;
    ec_facts_init(&f);
    read_text(&f, ".github/workflows/ci.yml",
              "name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
              "      - uses: actions/checkout@v4\n      - run: make test\n"
              "      - name: lint\n        run: |\n          npm ci\n          npm run lint\n");
    read_text(&f, ".gitlab-ci.yml",
              "stages: [build]\nvariables:\n  X: 1\n.template:\n  script: [echo hidden]\n"
              "build:\n  stage: build\n  before_script: [apt-get update]\n"
              "  script:\n    - ./build.sh test\n");
    assert_int_equal(count(&f, "ci"), 4);
    assert_string_equal(op(&f, "ci", 0)->name, "ci/test");
    assert_string_equal(op(&f, "ci", 0)->detail, "make test");
    assert_string_equal(op(&f, "ci", 0)->evidence, ".github/workflows/ci.yml:8");
    assert_string_equal(op(&f, "ci", 1)->detail, "npm ci\nnpm run lint\n");
    assert_string_equal(op(&f, "ci", 2)->name, "gitlab-ci/build");
    assert_string_equal(op(&f, "ci", 3)->detail, "./build.sh test");
    assert_int_equal(f.diags.items.len, 0);
    ec_facts_release(&f);
}

static void health_endpoints_and_deployment_systems(void **state)
{
    ec_facts f;

    (void)state;
    ec_facts_init(&f);
    read_text(&f, "compose.yaml",
              "services:\n  api:\n    build: api\n    healthcheck:\n"
              "      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost:8000/healthz\"]\n");
    read_text(&f, "k8s/api.yaml",
              "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n"
              "    spec:\n      containers:\n      - image: acme/api\n        readinessProbe:\n"
              "          httpGet: {path: /ready, port: 8000}\n");
    read_text(&f, "api/Dockerfile",
              "FROM python:3.12\nHEALTHCHECK --interval=30s CMD wget -qO- http://localhost/ping || "
              "exit 1\n");
    read_text(&f, "charts/api/Chart.yaml", "apiVersion: v2\nname: shop-api\nversion: 1.0.0\n");
    assert_int_equal(count(&f, "health"), 3);
    assert_string_equal(op(&f, "health", 0)->name, "/healthz");
    assert_string_equal(op(&f, "health", 0)->detail, "api");
    assert_string_equal(op(&f, "health", 1)->name, "/ready");
    assert_string_equal(op(&f, "health", 1)->detail, "api readinessProbe");
    assert_string_equal(op(&f, "health", 2)->name, "/ping");
    assert_string_equal(op(&f, "health", 2)->evidence, "api/Dockerfile:2");
    assert_int_equal(count(&f, "deployment"), 3);
    assert_string_equal(op(&f, "deployment", 0)->name, "docker-compose");
    assert_string_equal(op(&f, "deployment", 1)->name, "kubernetes");
    assert_string_equal(op(&f, "deployment", 2)->name, "helm");
    assert_string_equal(op(&f, "deployment", 2)->detail, "shop-api");
    ec_facts_release(&f);
}

static void ports_commands_and_volumes(void **state)
{
    ec_facts f;

    (void)state;
    ec_facts_init(&f);
    read_text(&f, "compose.yaml",
              "services:\n  db:\n    image: postgres:16\n    ports: [\"5432:5432\"]\n"
              "    volumes:\n      - db-data:/var/lib/postgresql/data\n"
              "  worker:\n    build: worker\n    command: python worker.py\n");
    read_text(&f, "api/Dockerfile",
              "FROM node:20\nEXPOSE 8080 9090\nCMD [\"node\", \"server.js\"]\n");
    read_text(&f, "k8s/api.yaml",
              "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n"
              "  template:\n    spec:\n      containers:\n      - image: acme/api\n"
              "        ports:\n        - containerPort: 8080\n");
    assert_int_equal(count(&f, "port"), 3);
    assert_string_equal(op(&f, "port", 0)->name, "db");
    assert_string_equal(op(&f, "port", 0)->detail, "5432:5432");
    assert_string_equal(op(&f, "port", 1)->name, "api");
    assert_string_equal(op(&f, "port", 1)->detail, "8080 9090");
    assert_string_equal(op(&f, "port", 1)->evidence, "api/Dockerfile:2");
    assert_string_equal(op(&f, "port", 2)->detail, "8080");
    assert_string_equal(op(&f, "volume", 0)->detail, "db-data:/var/lib/postgresql/data");
    assert_int_equal(count(&f, "command"), 2);
    assert_string_equal(op(&f, "command", 0)->detail, "python worker.py");
    assert_string_equal(op(&f, "command", 1)->detail, "[\"node\", \"server.js\"]");
    ec_facts_release(&f);
}

static void add_file(ec_facts *f, const char *path)
{
    ec_file_fact file = {0};

    file.path = path;
    ec_array_push(&f->files, file);
}

static void migration_tools_by_their_files(void **state)
{
    ec_facts f;

    (void)state;
    ec_facts_init(&f);
    add_file(&f, "backend/alembic.ini");
    add_file(&f, "shop/orders/migrations/0001_initial.py"); /* no manage.py: not Django */
    add_file(&f, "services/users/migrations/000001_create.up.sql");
    ec_migrations_detect(&f, EC_SOURCE_DIR);
    read_text(&f, "web/package.json",
              "{\"name\": \"web\", \"main\": \"i.js\", \"scripts\": {\"db:migrate\": "
              "\"knex migrate:latest\", \"migrate:make\": \"knex migrate:make\"}}");
    assert_int_equal(count(&f, "migration"), 3);
    assert_string_equal(op(&f, "migration", 0)->name, "Alembic");
    assert_string_equal(op(&f, "migration", 0)->detail, "cd backend && alembic upgrade head");
    assert_string_equal(op(&f, "migration", 0)->evidence, "backend/alembic.ini:1");
    assert_string_equal(op(&f, "migration", 1)->name, "golang-migrate");
    assert_string_equal(op(&f, "migration", 1)->detail,
                        "cd services/users && migrate -path migrations -database "
                        "\"$DATABASE_URL\" up");
    assert_string_equal(op(&f, "migration", 2)->detail, "cd web && npm run db:migrate");
    assert_int_equal(count(&f, "script"), 2);
    assert_string_equal(op(&f, "script", 0)->name, "db:migrate");
    assert_string_equal(op(&f, "script", 1)->detail, "knex migrate:make");
    assert_string_equal(op(&f, "script", 1)->evidence,
                        "manifest:web/package.json#scripts.migrate:make");
    assert_string_equal(op(&f, "migration", 2)->evidence,
                        "manifest:web/package.json#scripts.db:migrate");
    ec_facts_release(&f);

    ec_facts_init(&f);
    add_file(&f, "manage.py");
    add_file(&f, "shop/orders/migrations/0001_initial.py");
    ec_migrations_detect(&f, EC_SOURCE_DIR);
    assert_int_equal(count(&f, "migration"), 1);
    assert_string_equal(op(&f, "migration", 0)->name, "Django");
    assert_string_equal(op(&f, "migration", 0)->detail, "python manage.py migrate");
    assert_string_equal(op(&f, "migration", 0)->evidence,
                        "shop/orders/migrations/0001_initial.py:1");
    ec_facts_release(&f);
}

static void grpc_services_of_proto_files(void **state)
{
    ec_facts f;
    const ec_api_fact *a;

    (void)state;
    ec_facts_init(&f);
    read_text(&f, "proto/shop.proto",
              "syntax = \"proto3\";\n// service Commented { rpc No(A) returns (B); }\n"
              "package shop.v1;\noption go_package = \"x/{y}\";\n"
              "message Order { string id = 1; message Item { int32 n = 1; } }\n"
              "service Orders {\n  rpc PlaceOrder(Order) returns (Order);\n"
              "  /* rpc Hidden(A) returns (B); */\n"
              "  rpc Watch (stream Order) returns (stream Order) { option deprecated = true; }\n}\n"
              "service Health { rpc Check(Order) returns (Order); }\n");
    assert_int_equal(f.apis.len, 2);
    a = &f.apis.items[0];
    assert_string_equal(a->title, "shop.v1.Orders");
    assert_string_equal(a->kind, "grpc");
    assert_int_equal(a->operations.len, 2);
    assert_string_equal(a->operations.items[0].path, "/shop.v1.Orders/PlaceOrder");
    assert_int_equal(a->operations.items[0].line, 7);
    assert_string_equal(a->operations.items[1].path, "/shop.v1.Orders/Watch");
    assert_string_equal(f.apis.items[1].operations.items[0].path, "/shop.v1.Health/Check");
    read_text(&f, "bad.proto", "service S {\n rpc A(B) returns (C);\n");
    assert_int_equal(f.diags.items.len, 1);
    assert_string_equal(f.diags.items.items[0].message, "a '{' is not closed");
    ec_facts_release(&f);
}

/* A file written and listed, and scanned as the walk scans it. */
static void scanned(ec_facts *f, const char *dir, const char *path, const char *text)
{
    facts_write(f, dir, path, text);
    ec_own_migrations_scan(&f->files.items[f->files.len - 1], path, text, strlen(text), &f->arena);
}

/* A project's own migration commands: flags and subcommands of its
 * programs, scripts and make targets named for migrations. */
static void own_migration_flags_scripts_and_targets(void **state)
{
    ec_container_fact shopd = {"shopd", "executable", "Go",       "cmd/shopd",  "",
                               false,   "",           "go.mod:1", EC_ARRAY_INIT};
    char *dir = fixture_dir();
    ec_buf b = EC_BUF_INIT;
    ec_facts f;
    size_t i;

    (void)state;
    ec_facts_init(&f);
    f.name.name = "shop";
    ec_array_push(&f.containers, shopd);
    scanned(&f, dir, "Makefile",
            "build:\n\tgo build ./...\ndb-migrate: build\n\t./shopd -migrate\n");
    scanned(&f, dir, "cmd/shopd/cli.go",
            "package main\n\nvar up = &cobra.Command{\n\tUse:   \"db-upgrade\",\n}\n");
    scanned(&f, dir, "cmd/shopd/main.go",
            "package main\n\nfunc main() {\n\tname := \"migrate\"\n"
            "\tflag.BoolVar(&migrate, \"migrate\", false, \"apply the migrations\")\n}\n");
    scanned(&f, dir, "cmd/shopd/main_test.go",
            "package main\nvar x = flag.Bool(\"run-migrations\", false, \"\")\n");
    scanned(&f, dir, "scripts/migrate.sh", "#!/bin/sh\nexec ./shopd -migrate\n");
    scanned(&f, dir, "tools/admin.py",
            "import argparse\np = argparse.ArgumentParser()\n"
            "p.add_argument(\"--upgrade\", help=\"upgrade the database schema\")\n");
    scanned(&f, dir, "tools/deps.py",
            "p.add_argument(\"--upgrade\", help=\"upgrade the packages\")\n");
    scanned(&f, dir, "web/cli.js", "program.command(\"migrate\").action(run);\n");
    ec_own_migrations_detect(&f, dir);

    assert_int_equal(count(&f, "migration"), 6);
    for (i = 0; i < 6; i++) {
        const ec_operation_fact *o = op(&f, "migration", i);
        ec_buf_printf(&b, "%s%s|%s|%s", i ? "\n" : "", o->name, o->detail, o->evidence);
    }
    assert_string_equal(b.ptr, "make|make db-migrate|Makefile:3\n"
                               "shopd|shopd db-upgrade|cmd/shopd/cli.go:4\n"
                               "shopd|shopd -migrate|cmd/shopd/main.go:5\n"
                               "script|./scripts/migrate.sh|scripts/migrate.sh:1\n"
                               "shop|shop --upgrade|tools/admin.py:3\n"
                               "shop|shop migrate|web/cli.js:1");
    ec_buf_release(&b);
    ec_facts_release(&f);
    fixture_remove(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(procfile_systemd_env_and_owners),
        cmocka_unit_test(ci_jobs_and_their_commands),
        cmocka_unit_test(health_endpoints_and_deployment_systems),
        cmocka_unit_test(ports_commands_and_volumes),
        cmocka_unit_test(migration_tools_by_their_files),
        cmocka_unit_test(grpc_services_of_proto_files),
        cmocka_unit_test(own_migration_flags_scripts_and_targets),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
