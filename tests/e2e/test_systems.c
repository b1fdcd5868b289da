/*
 * test_systems.c - the binary on whole systems made at test time: what
 * they build and run, how the parts are wired, and how they are operated,
 * exactly as model.json states it.
 */
#include "tests/cmocka_all.h"

#include <stdlib.h>
#include <string.h>

#include "tests/fixture.h"

/* The ids of the objects of an array (or its strings: key NULL), in order,
 * joined by spaces. */
static const char *ids(json_t *array, const char *key, ec_buf *out)
{
    size_t i;
    json_t *item;

    ec_buf_reset(out);
    json_array_foreach(array, i, item)
    {
        if (out->len)
            ec_buf_putc(out, ' ');
        ec_buf_puts(out, key ? fixture_str(item, key) : json_string_value(item));
    }
    return out->ptr;
}

/* "from>to:technology" of every relation, in order, joined by spaces. */
static const char *wiring(json_t *relations, ec_buf *out)
{
    size_t i;
    json_t *r;

    ec_buf_reset(out);
    json_array_foreach(relations, i, r)
    {
        ec_buf_printf(out, "%s%s>%s:%s", out->len ? " " : "", fixture_str(r, "from"),
                      fixture_str(r, "to"), fixture_str(r, "technology"));
    }
    return out->ptr;
}

static void make_services(const char *dir)
{
    fixture_text(dir, "proto/shop.proto",
                 "syntax = \"proto3\";\npackage shop;\n"
                 "service Catalog {\n  rpc ListProducts(Empty) returns (Products);\n}\n"
                 "service Cart {\n  rpc AddItem(Item) returns (Empty);\n}\n"
                 "message Empty {}\nmessage Item {}\nmessage Products {}\n");
    /* catalog: a Go service */
    fixture_text(dir, "catalog/go.mod",
                 "module example.com/shop/catalog\n\ngo 1.22\n\n"
                 "require google.golang.org/grpc v1.64.0\n");
    fixture_text(dir, "catalog/main.go",
                 "package main\n\ntype server struct{ pb.UnimplementedCatalogServer }\n\n"
                 "func main() {\n\ts := grpc.NewServer()\n"
                 "\tpb.RegisterCatalogServer(s, &server{})\n}\n");
    fixture_text(dir, "catalog/main_test.go", /* its own client: no relation */
                 "package main\n\nfunc dial() { _ = pb.NewCatalogClient(conn) }\n");
    fixture_text(dir, "catalog/Dockerfile",
                 "FROM golang:1.22 AS build\nCOPY . .\nRUN go build -o /catalog .\n"
                 "FROM gcr.io/distroless/base\nCOPY --from=build /catalog /catalog\n"
                 "EXPOSE 3550\nENTRYPOINT [\"/catalog\"]\n");
    /* cart: a Python service with a Redis store */
    fixture_text(dir, "cart/requirements.txt", "grpcio==1.64.0\nredis>=5.0\n");
    fixture_text(dir, "cart/requirements-dev.txt", "pytest\n");
    fixture_text(dir, "cart/server.py",
                 "import redis\n\n\nclass CartService(shop_pb2_grpc.CartServicer):\n"
                 "    def AddItem(self, item, context):\n"
                 "        products = shop_pb2_grpc.CatalogStub(channel).ListProducts(item)\n\n\n"
                 "def serve(server):\n"
                 "    shop_pb2_grpc.add_CartServicer_to_server(CartService(), server)\n");
    fixture_text(dir, "cart/Dockerfile",
                 "FROM python:3.12-slim\nEXPOSE 7070\nCMD [\"python\", "
                 "\"server.py\"]\n");
    /* frontend: a Node service */
    fixture_text(dir, "frontend/package.json",
                 "{\"name\": \"frontend\", \"private\": true, \"scripts\": {\"start\": \"node "
                 "server.js\"}, \"dependencies\": {\"@grpc/grpc-js\": \"^1.10.0\", \"express\": "
                 "\"^4.19.0\"}, \"devDependencies\": {\"jest\": \"^29.0.0\"}}\n");
    fixture_text(
        dir, "frontend/server.js",
        "const express = require('express');\n"
        "// the Catalog and the Cart, named but not dialled: no client\n"
        "const catalog = new shop_proto.Catalog(process.env.CATALOG_SERVICE_ADDR, creds);\n"
        "const cart = new shop_proto.Cart(process.env.CART_SERVICE_ADDR, creds);\n");
    fixture_text(dir, "frontend/Dockerfile",
                 "FROM node:20-alpine\nEXPOSE 8080\n"
                 "CMD [\"node\", \"server.js\"]\n");
    fixture_text(dir, "docker-compose.yml",
                 "services:\n"
                 "  frontend:\n    build: ./frontend\n    ports: [\"8080:8080\"]\n"
                 "    environment:\n      CATALOG_SERVICE_ADDR: catalog:3550\n"
                 "      CART_SERVICE_ADDR: cart:7070\n"
                 "  catalog:\n    build: ./catalog\n"
                 "  cart:\n    build: ./cart\n    environment:\n      REDIS_ADDR: redis:6379\n"
                 "  redis:\n    image: redis:7-alpine\n");
    fixture_text(dir, "k8s/frontend.yaml",
                 "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: frontend\nspec:\n"
                 "  template:\n    metadata:\n      labels: {app: frontend}\n    spec:\n"
                 "      containers:\n      - name: server\n        image: shop/frontend\n"
                 "        env:\n        - name: CATALOG_SERVICE_ADDR\n"
                 "          value: \"catalogservice:3550\"\n"
                 "        - name: CART_SERVICE_ADDR\n          value: \"cart:7070\"\n"
                 "        - name: LOG_LEVEL\n          valueFrom:\n"
                 "            configMapKeyRef: {name: shop-config, key: log-level}\n"
                 "        envFrom:\n        - configMapRef: {name: shop-config}\n"
                 "        readinessProbe:\n          httpGet: {path: /_healthz, port: 8080}\n");
    fixture_text(dir, "k8s/config.yaml",
                 "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-config\ndata:\n"
                 "  log-level: info\n  CATALOG_ADDR: catalogservice.shop.svc:3550\n");
    fixture_text(dir, "k8s/catalog.yaml",
                 "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: catalog\nspec:\n"
                 "  template:\n    metadata:\n      labels: {app: catalog}\n    spec:\n"
                 "      containers:\n      - image: shop/catalog\n---\n"
                 "apiVersion: v1\nkind: Service\nmetadata:\n  name: catalogservice\nspec:\n"
                 "  selector: {app: catalog}\n");
    /* the developer's machine and the tests' surroundings are not the system */
    fixture_text(dir, ".devcontainer/docker-compose.yml",
                 "services:\n  devbox:\n    image: mcr.microsoft.com/devcontainers/go\n");
    fixture_text(dir, "docker-compose.test.yml", "services:\n  fake:\n    image: fake:1\n");
    fixture_text(dir, "cart/tests/fixtures/docker-compose.yml",
                 "services:\n  mock:\n    image: mock:1\n");
    fixture_sh(dir, "git init -q -b main && git add -A && git commit -q -m first");
}

/* The polyglot services of the issue: every service a container, the calls
 * between them and to the store, with the technology where one is known. */
static void polyglot_services(void **state)
{
    char *dir = fixture_dir();
    ec_buf b = EC_BUF_INIT;
    json_t *model, *c, *ops, *r, *api;

    (void)state;
    make_services(dir);
    assert_int_equal(fixture_run(dir, "--doc-type model --output-dir out", NULL), 0);
    model = fixture_json(dir, "out/model.json");
    c = json_object_get(model, "containers");
    assert_string_equal(ids(c, "id", &b),
                        "redis cart catalog frontend"); /* by path; images first */
    assert_string_equal(fixture_str(fixture_find(c, "id", "cart"), "technology"),
                        "Docker (from python:3.12-slim)");
    assert_string_equal(fixture_str(fixture_find(c, "id", "catalog"), "technology"),
                        "Go, Docker (from gcr.io/distroless/base)");
    assert_string_equal(fixture_str(fixture_find(c, "id", "frontend"), "kind"), "service");
    assert_string_equal(fixture_str(fixture_find(c, "id", "redis"), "kind"), "cache");
    /* the address variables and the gRPC clients in the code: one relation each */
    assert_string_equal(wiring(json_object_get(model, "relations"), &b),
                        "cart>catalog:gRPC cart>redis:RESP frontend>cart:gRPC "
                        "frontend>catalog:gRPC");
    assert_int_equal(
        fixture_int(fixture_find(json_object_get(model, "relations"), "to", "cart"), "weight"),
        3); /* compose, Kubernetes and frontend/server.js */
    r = json_array_get(json_object_get(model, "relations"), 3);
    assert_int_equal(fixture_int(r, "weight"), 4); /* two through the Service's selector */
    assert_string_equal(ids(json_object_get(r, "evidence"), NULL, &b),
                        "docker-compose.yml:6 k8s/frontend.yaml:15 k8s/config.yaml:7 "
                        "frontend/server.js:3"); /* the ConfigMap the Deployment reads */
    assert_string_equal(ids(json_object_get(model, "apis"), "title", &b), "shop.Catalog shop.Cart");
    /* each file in the container built from its directory; the shared .proto in none */
    c = json_object_get(model, "files");
    assert_string_equal(fixture_str(fixture_find(c, "path", "catalog/main.go"), "container"),
                        "catalog");
    assert_string_equal(fixture_str(fixture_find(c, "path", "frontend/server.js"), "container"),
                        "frontend");
    assert_string_equal(fixture_str(fixture_find(c, "path", "proto/shop.proto"), "container"), "");
    api = fixture_find(json_object_get(model, "apis"), "title", "shop.Catalog");
    assert_string_equal(ids(json_object_get(api, "implementations"), "evidence", &b),
                        "catalog/main.go:3");
    assert_string_equal(ids(json_object_get(api, "clients"), "evidence", &b),
                        "cart/server.py:6 catalog/main_test.go:3 frontend/server.js:3");
    assert_string_equal(ids(json_object_get(api, "clients"), "container", &b),
                        "cart catalog frontend");
    api = fixture_find(json_object_get(model, "apis"), "title", "shop.Cart");
    assert_string_equal(ids(json_object_get(api, "implementations"), "evidence", &b),
                        "cart/server.py:4");
    assert_string_equal(
        fixture_str(fixture_find(json_object_get(model, "dependencies"), "name", "jest"), "scope"),
        "dev");
    assert_string_equal(
        fixture_str(fixture_find(json_object_get(model, "dependencies"), "name", "pytest"),
                    "scope"),
        "dev");
    ops = json_object_get(model, "operations");
    assert_string_equal(ids(json_object_get(ops, "caches"), "id", &b), "redis");
    assert_string_equal(ids(json_object_get(ops, "deployment"), "name", &b),
                        "docker-compose kubernetes");
    assert_string_equal(ids(json_object_get(ops, "health_endpoints"), "path", &b), "/_healthz");
    assert_string_equal(ids(json_object_get(ops, "environment"), "name", &b),
                        "LOG_LEVEL log-level CATALOG_ADDR"); /* by key, then the whole map */
    assert_string_equal(ids(json_object_get(ops, "environment"), "example", &b),
                        "info info catalogservice.shop.svc:3550");
    assert_int_equal(json_array_size(json_object_get(model, "external_systems")), 0);
    json_decref(model);
    ec_buf_release(&b);
    fixture_remove(dir);
    free(dir);
}

/* A Django-style app: its migrations, the command that applies them, and the
 * PostgreSQL service it talks to through its client library. */
static void django_app_with_migrations_and_postgres(void **state)
{
    char *dir = fixture_dir();
    ec_buf b = EC_BUF_INIT;
    json_t *model, *ops, *r;

    (void)state;
    fixture_text(dir, "manage.py", "#!/usr/bin/env python\nimport os\nimport sys\n");
    fixture_text(dir, "shop/settings.py", "import os\nDATABASES = {}\n");
    fixture_text(dir, "orders/models.py", "from django.db import models\n");
    fixture_text(dir, "orders/migrations/__init__.py", "");
    fixture_text(dir, "orders/migrations/0001_initial.py", "from django.db import migrations\n");
    fixture_text(dir, "requirements.txt", "Django>=5.0,<6\npsycopg2-binary==2.9.9\ngunicorn\n");
    fixture_text(dir, "Dockerfile",
                 "FROM python:3.12\nCOPY . /app\nCMD [\"gunicorn\", "
                 "\"shop.wsgi\"]\n");
    fixture_text(dir, "docker-compose.yml",
                 "services:\n  web:\n    build: .\n    depends_on: [db]\n"
                 "    environment:\n      DATABASE_URL: postgres://shop:shop@db:5432/shop\n"
                 "  db:\n    image: postgres:16\n");
    fixture_text(dir, ".env.example", "DATABASE_URL=postgres://localhost/shop\nDEBUG=1\n");
    fixture_sh(dir, "git init -q -b main && git add -A && git commit -q -m first");
    assert_int_equal(fixture_run(dir, "--doc-type model --output-dir out", NULL), 0);
    model = fixture_json(dir, "out/model.json");
    assert_string_equal(ids(json_object_get(model, "containers"), "id", &b), "db web");
    r = json_object_get(model, "relations");
    assert_string_equal(wiring(r, &b), "web>db:SQL");
    assert_int_equal(fixture_int(json_array_get(r, 0), "weight"),
                     3); /* the URL, depends_on, the psycopg2 client */
    ops = json_object_get(model, "operations");
    assert_string_equal(fixture_str(ops, "migration_tool"), "Django");
    assert_string_equal(
        fixture_str(json_array_get(json_object_get(ops, "migration_commands"), 0), "command"),
        "python manage.py migrate");
    assert_string_equal(
        fixture_str(json_array_get(json_object_get(ops, "migration_commands"), 0), "evidence"),
        "orders/migrations/0001_initial.py:1");
    assert_string_equal(ids(json_object_get(ops, "databases"), "technology", &b),
                        "PostgreSQL (image postgres:16)");
    assert_string_equal(ids(json_object_get(ops, "environment"), "name", &b), "DATABASE_URL DEBUG");
    assert_string_equal(
        fixture_str(fixture_find(json_object_get(model, "dependencies"), "name", "django"),
                    "version"),
        ">=5.0,<6");
    json_decref(model);
    ec_buf_release(&b);
    fixture_remove(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(polyglot_services),
        cmocka_unit_test(django_app_with_migrations_and_postgres),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
