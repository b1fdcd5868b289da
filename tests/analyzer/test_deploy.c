/*
 * test_deploy.c - deployment manifests: compose files, Dockerfiles, the
 * external-systems catalog, and how their facts merge into containers.
 */
#include "tests/cmocka_all.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/manifest.h"
#include "analyzer/systems.h"
#include "graph/containers.h"
#include "tests/facts_fixture.h"
#include "tests/fixture.h"
#include "util/buf.h"

static void read_text(ec_facts *f, const char *path, const char *text)
{
    assert_true(ec_manifest_read_text(f, path, text, strlen(text)));
}

static const ec_container *container(const ec_container_model *cm, const char *id)
{
    size_t i;

    for (i = 0; i < cm->containers.len; i++)
        if (strcmp(cm->containers.items[i].id, id) == 0)
            return &cm->containers.items[i];
    fail_msg("no container '%s'", id);
    return NULL;
}

static const ec_relation *relation(const ec_container_model *cm, const char *from, const char *to)
{
    size_t i;

    for (i = 0; i < cm->relations.len; i++)
        if (!strcmp(cm->relations.items[i].from, from) && !strcmp(cm->relations.items[i].to, to))
            return &cm->relations.items[i];
    fail_msg("no relation %s -> %s", from, to);
    return NULL;
}

static const char compose[] = "services:\n"
                              "  web:\n"
                              "    build: ./web\n"
                              "    ports: [\"8080:80\"]\n"
                              "    depends_on: [api]\n"
                              "  api:\n"
                              "    build:\n"
                              "      context: services/api\n"
                              "    environment:\n"
                              "      DATABASE_URL: postgres://app:secret@db:5432/shop\n"
                              "      CACHE_HOST: cache\n"
                              "      PAYMENTS_URL: https://api.payments.example\n"
                              "    depends_on:\n"
                              "      db:\n"
                              "        condition: service_healthy\n"
                              "  worker:\n"
                              "    build: ./worker\n"
                              "    environment:\n"
                              "      - QUEUE=amqp://guest@broker:5672\n"
                              "  db:\n"
                              "    image: docker.io/library/postgres:16@sha256:abc\n"
                              "  cache:\n"
                              "    image: redis:7-alpine\n"
                              "  broker:\n"
                              "    image: rabbitmq:3-management\n"
                              "  proxy:\n"
                              "    image: registry.example:5000/team/proxy:1.2\n";

/* The polyglot shop: compose, Dockerfiles and language manifests of the
 * same services, and client libraries of systems deployed or not. */
static void build_shop(ec_facts *f, ec_container_model *cm)
{
    ec_facts_init(f);
    read_text(f, "docker-compose.yml", compose);
    read_text(f, "docker-compose.prod.yml",
              "services:\n  api:\n    image: acme/api:1.0\n    depends_on: [db]\n");
    read_text(f, "services/api/Dockerfile",
              "# syntax=docker/dockerfile:1\nFROM golang:1.22 AS build\nRUN go build \\\n"
              "    -o /api .\n\nFROM build AS test\nFROM gcr.io/distroless/base\n"
              "EXPOSE 8000\nENTRYPOINT [\"/api\"]\n");
    read_text(f, "web/package.json",
              "{\"name\": \"web\", \"scripts\": {\"start\": \"vite\"}, \"dependencies\": "
              "{\"stripe\": \"^14.0.0\", \"redis\": \"^4.0.0\"}, \"devDependencies\": "
              "{\"pg\": \"^8\"}}");
    read_text(f, "worker/Dockerfile", "FROM python:3.12-slim\nCMD [\"python\", \"worker.py\"]\n");
    ec_systems_infer(f, EC_SOURCE_DIR);
    ec_containers_build(cm, f);
}

static void compose_services_dockerfiles_and_the_catalog(void **state)
{
    ec_container_model cm;
    ec_facts f;
    const ec_container *c;
    const ec_relation *r;

    (void)state;
    build_shop(&f, &cm);
    assert_int_equal(cm.containers.len, 7);
    c = container(&cm, "api");
    assert_string_equal(c->path, "services/api");
    assert_string_equal(c->kind, "service");
    assert_string_equal(c->technology, "Docker (from gcr.io/distroless/base)");
    assert_string_equal(c->image, "acme/api:1.0"); /* the production file runs the built image */
    assert_int_equal(c->facts.len, 3);
    c = container(&cm, "db");
    assert_string_equal(c->kind, "database");
    assert_string_equal(c->technology,
                        "PostgreSQL (image docker.io/library/postgres:16@sha256:abc)");
    assert_string_equal(container(&cm, "cache")->kind, "cache");
    assert_string_equal(container(&cm, "broker")->technology,
                        "RabbitMQ (image rabbitmq:3-management)");
    assert_string_equal(container(&cm, "proxy")->kind, "service"); /* not in the catalog */
    c = container(&cm, "web");
    assert_string_equal(c->technology, "Docker, Node.js");
    assert_int_equal(c->facts.len, 2);
    c = container(&cm, "worker"); /* the compose name, the Dockerfile's technology */
    assert_string_equal(c->technology, "Docker (from python:3.12-slim)");

    r = relation(&cm, "api", "db");
    assert_string_equal(r->facts.items[0]->technology, "SQL");
    assert_int_equal(r->facts.len, 3); /* the URL, and depends_on in both files */
    r = relation(&cm, "api", "cache");
    assert_string_equal(r->facts.items[0]->technology, "RESP");
    assert_string_equal(r->facts.items[0]->evidence, "docker-compose.yml:11");
    assert_string_equal(relation(&cm, "worker", "broker")->facts.items[0]->technology, "AMQP");
    assert_string_equal(relation(&cm, "web", "api")->facts.items[0]->evidence,
                        "docker-compose.yml:5");
    /* a client of a system the repository runs talks to that container */
    assert_string_equal(relation(&cm, "web", "cache")->facts.items[0]->evidence,
                        "manifest:web/package.json#dependencies.redis");
    /* a client of one it does not run talks to an external system; dev
     * dependencies (pg) are not the running system's */
    assert_int_equal(cm.externals.len, 1);
    assert_string_equal(cm.externals.items[0].id, "ext-stripe");
    assert_string_equal(cm.externals.items[0].kind, "payment");
    assert_string_equal(relation(&cm, "web", "ext-stripe")->facts.items[0]->technology, "HTTPS");
    assert_int_equal(cm.relations.len, 6);
    assert_int_equal(f.diags.items.len, 0);
    ec_containers_release(&cm);
    ec_facts_release(&f);
}

static const char k8s[] = "apiVersion: apps/v1\n"
                          "kind: Deployment\n"
                          "metadata:\n"
                          "  name: frontend\n"
                          "spec:\n"
                          "  template:\n"
                          "    metadata:\n"
                          "      labels: {app: frontend, tier: web}\n"
                          "    spec:\n"
                          "      containers:\n"
                          "      - name: server\n"
                          "        image: acme/frontend:2.0\n"
                          "        env:\n"
                          "        - name: ORDERS_SERVICE_ADDR\n"
                          "          value: \"orders-svc:7070\"\n"
                          "        - name: INVENTORY_URL\n"
                          "          value: http://inventory.shop.svc.cluster.local/api\n"
                          "        - name: LOG_LEVEL\n"
                          "          value: debug\n"
                          "---\n"
                          "apiVersion: v1\n"
                          "kind: Service\n"
                          "metadata:\n"
                          "  name: orders-svc\n"
                          "spec:\n"
                          "  selector:\n"
                          "    app: orders\n"
                          "---\n"
                          "apiVersion: apps/v1\n"
                          "kind: StatefulSet\n"
                          "metadata: {name: orders-v2}\n"
                          "spec:\n"
                          "  template:\n"
                          "    metadata: {labels: {app: orders, version: v2}}\n"
                          "    spec:\n"
                          "      containers: [{name: orders, image: acme/orders}]\n"
                          "---\n"
                          "apiVersion: batch/v1\n"
                          "kind: CronJob\n"
                          "metadata: {name: nightly-report}\n"
                          "spec:\n"
                          "  jobTemplate:\n"
                          "    spec:\n"
                          "      template:\n"
                          "        spec:\n"
                          "          containers: [{name: r, image: acme/report}]\n";

/* Kubernetes workloads wired by service addresses in their environment. */
static void kubernetes_workloads_services_and_addresses(void **state)
{
    ec_container_model cm;
    ec_facts f;
    const ec_relation *r;

    (void)state;
    ec_facts_init(&f);
    read_text(&f, "deploy/k8s/shop.yaml", k8s);
    read_text(&f, "deploy/k8s/inventory.yml",
              "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: inventory\nspec:\n"
              "  template:\n    metadata:\n      labels:\n        app: inventory\n"
              "    spec:\n      containers:\n      - image: redis:7\n");
    read_text(&f, "charts/shop/templates/deployment.yaml",
              "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n");
    read_text(&f, ".github/dependabot.yml", "version: 2\nupdates: []\n"); /* not Kubernetes */
    ec_systems_infer(&f, EC_SOURCE_DIR);
    ec_containers_build(&cm, &f);
    assert_int_equal(cm.containers.len, 4);
    assert_string_equal(container(&cm, "frontend")->image, "acme/frontend:2.0");
    assert_string_equal(container(&cm, "nightly-report")->kind, "job");
    assert_string_equal(container(&cm, "inventory")->kind, "cache"); /* by its image */
    r = relation(&cm, "frontend", "orders-v2"); /* through the Service's selector */
    assert_string_equal(r->facts.items[0]->evidence, "deploy/k8s/shop.yaml:15");
    r = relation(&cm, "frontend", "inventory"); /* the cluster DNS name */
    assert_string_equal(r->facts.items[0]->technology, "HTTP");
    assert_int_equal(cm.relations.len, 2);
    assert_int_equal(f.diags.items.len, 1);
    assert_string_equal(f.diags.items.items[0].path, "charts/shop/templates/deployment.yaml");
    assert_string_equal(f.diags.items.items[0].message,
                        "a template, not YAML until it is rendered: skipped");
    ec_containers_release(&cm);
    ec_facts_release(&f);
}

static void bad_yaml_is_bounded_and_named(void **state)
{
    ec_buf deep = EC_BUF_INIT;
    ec_facts f;
    int i;

    (void)state;
    ec_facts_init(&f);
    read_text(&f, "a/compose.yaml", "services:\n  web:\n    build: .\n  bad: [unclosed\n");
    assert_int_equal(f.diags.items.len, 1);
    assert_string_equal(f.diags.items.items[0].path, "a/compose.yaml");
    assert_true(f.diags.items.items[0].line >= 4);

    ec_buf_puts(&deep, "services: ");
    for (i = 0; i < 1000; i++)
        ec_buf_putc(&deep, '[');
    read_text(&f, "b/compose.yaml", deep.ptr);
    assert_int_equal(f.diags.items.len, 2);
    assert_string_equal(f.diags.items.items[1].message, "nested deeper than 64 levels: not read");

    ec_buf_reset(&deep); /* a billion laughs: aliases are never expanded */
    ec_buf_puts(&deep, "x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (i = 'b'; i <= 'j'; i++)
        ec_buf_printf(&deep, "x-%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n", i, i,
                      i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
    ec_buf_puts(&deep, "services:\n  web:\n    image: nginx\n    environment: *j\n");
    read_text(&f, "c/compose.yaml", deep.ptr);
    assert_int_equal(f.diags.items.len, 2);
    assert_int_equal(f.containers.len, 1); /* c's web; a broken document yields nothing */
    assert_string_equal(f.containers.items[0].evidence, "c/compose.yaml:12");

    read_text(&f, "d/Dockerfile", "# nothing\nRUN echo\n");
    assert_int_equal(f.diags.items.len, 3);
    assert_string_equal(f.diags.items.items[2].message, "no FROM instruction: not a Dockerfile");

    read_text(&f, "e/compose.yaml", "services:\n% s\xa7\xa7`:r\n"); /* hangs the YAML parser */
    assert_int_equal(f.diags.items.len, 4);
    assert_int_equal(f.diags.items.items[3].line, 2);
    assert_string_equal(f.diags.items.items[3].message, "not UTF-8 text: not read");
    ec_buf_release(&deep);
    ec_facts_release(&f);
}

/* A Dockerfile in a directory named for the layout (src, docker, ...) is
 * named for the directory above: the one its deployment names. */
static void layout_directories_give_no_names(void **state)
{
    ec_container_model cm;
    ec_facts f;
    const ec_container *c;

    (void)state;
    ec_facts_init(&f);
    read_text(&f, "services/cart/src/Dockerfile",
              "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nEXPOSE 7070\n");
    read_text(&f, "k8s/cart.yaml",
              "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: cart\nspec:\n"
              "  template:\n    spec:\n      containers:\n      - image: shop/cart\n");
    read_text(&f, "docker/Dockerfile", "FROM alpine\n");
    ec_containers_build(&cm, &f);
    assert_int_equal(cm.containers.len, 2);
    c = container(&cm, "app"); /* the root's name; none without a project root */
    assert_string_equal(c->path, "docker");
    c = container(&cm, "cart");
    assert_string_equal(c->path, "services/cart/src");
    assert_int_equal(c->facts.len, 2); /* the Deployment runs it */
    ec_containers_release(&cm);
    ec_facts_release(&f);
}

/* One Go program, built by its Makefile (for two platforms), run by a
 * Procfile and a systemd unit and packaged by a Dockerfile that lives alone
 * in packaging/ and copies the whole context: one container. A directory
 * with code and a Dockerfile builds its own, and so does one whose
 * Dockerfile copies only the files beside it. */
static void a_program_packaged_many_ways_is_one_container(void **state)
{
    char *dir = fixture_dir();
    ec_container_model cm;
    ec_facts f;
    const ec_container *c;
    size_t i;

    (void)state;
    ec_facts_init(&f);
    facts_write(&f, dir, "Makefile",
                "APP := readerd\nbuild:\n\tgo build -ldflags=\"-s -w -X 'v=$(V)'\" -o $(APP) "
                "main.go\nlinux-amd64:\n\tGOOS=linux go build -o $(APP)-$@\n");
    facts_write(&f, dir, "Procfile", "web: readerd\n");
    facts_write(&f, dir, "go.mod", "module example.com/reader/v2\n\ngo 1.22\n");
    facts_write(&f, dir, "main.go", "package main\n\nfunc main() {}\n");
    facts_write(&f, dir, "packaging/docker/alpine/Dockerfile",
                "FROM golang:1.22 AS build\nADD . /src\nRUN make\nFROM alpine:3\nEXPOSE 8080\n"
                "COPY --from=build /src/readerd /usr/bin/readerd\n");
    facts_write(&f, dir, "packaging/docker/alpine/entrypoint.sh", "#!/bin/sh\nexec readerd\n");
    facts_write(&f, dir, "packaging/systemd/reader.service",
                "[Service]\nExecStart=/usr/bin/readerd -config /etc/reader.conf\n");
    facts_write(&f, dir, "deploy/nginx/Dockerfile",
                "FROM nginx:1.25\nCOPY nginx.conf /etc/nginx/nginx.conf\nEXPOSE 80\n");
    facts_write(&f, dir, "deploy/nginx/nginx.conf", "events {}\n");
    facts_write(&f, dir, "packaging/systemd/stack.service", /* runs docker, not built here */
                "[Service]\nExecStart=/usr/bin/docker compose up\n");
    facts_write(&f, dir, "tools/Dockerfile", "FROM python:3\nCMD [\"python\", \"gen.py\"]\n");
    facts_write(&f, dir, "tools/gen.py", "print('x')\n");
    for (i = 0; i < f.files.len; i++)
        if (strcmp(f.files.items[i].path, "main.go") == 0)
            f.files.items[i].package = "main";
    ec_manifests_read(&f, dir);
    ec_containers_build(&cm, &f);

    assert_int_equal(cm.containers.len, 4);
    assert_string_equal(container(&cm, "stack")->technology, "systemd"); /* the unit's name */
    c = container(&cm, "readerd"); /* the name go build -o gives, not the module's */
    assert_string_equal(c->path, ".");
    assert_string_equal(c->kind, "service");
    assert_string_equal(c->technology, "Docker (from alpine:3), Go, systemd");
    assert_int_equal(c->facts.len, 5); /* Makefile (both builds), go.mod, Procfile, Dockerfile,
                                          unit */
    assert_string_equal(container(&cm, "tools")->path, "tools");
    /* a Dockerfile that copies only the files beside it is an image of its own */
    assert_string_equal(container(&cm, "nginx")->path, "deploy/nginx");
    assert_int_equal(f.diags.items.len, 0);
    ec_containers_release(&cm);
    ec_facts_release(&f);
    fixture_remove(dir);
    free(dir);
}

/* A compose service that runs the image a module of the repository builds
 * (named after it) is that module. */
static void a_service_runs_the_image_named_after_a_module(void **state)
{
    ec_container_model cm;
    ec_facts f;
    const ec_container *c;

    (void)state;
    ec_facts_init(&f);
    read_text(&f, "vets/package.json", "{\"name\": \"shop-vets\", \"main\": \"index.js\"}");
    read_text(&f, "docker-compose.yml",
              "services:\n  vets:\n    image: acme/shop-vets:1.0@sha256:abc\n"
              "    depends_on: [db]\n  db:\n    image: postgres:16\n"
              "  other:\n    image: acme/shop-vets-admin\n");
    ec_containers_build(&cm, &f);
    assert_int_equal(cm.containers.len, 3); /* shop-vets, db, other */
    c = container(&cm, "shop-vets");
    assert_string_equal(c->path, "vets");
    assert_int_equal(c->facts.len, 2);
    assert_non_null(relation(&cm, "shop-vets", "db")); /* compose's name still leads to it */
    ec_containers_release(&cm);
    ec_facts_release(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(compose_services_dockerfiles_and_the_catalog),
        cmocka_unit_test(kubernetes_workloads_services_and_addresses),
        cmocka_unit_test(bad_yaml_is_bounded_and_named),
        cmocka_unit_test(layout_directories_give_no_names),
        cmocka_unit_test(a_program_packaged_many_ways_is_one_container),
        cmocka_unit_test(a_service_runs_the_image_named_after_a_module),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
