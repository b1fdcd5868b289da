/*
 * architecture_build.c - containers and dependencies in the architecture
 * document (see architecture_build.h).
 */
#include "emit/architecture_build.h"

#include <stdlib.h>
#include <string.h>

#include "emit/markdown.h"

#define CONTAINER_ROWS  40
#define RELATION_ROWS   60
#define DEPENDENCY_ROWS 80

/* The first piece of evidence, as a code span, with "+N" for the rest. */
static void evidence(ec_buf *b, const char *first, size_t count)
{
    ec_md_code(b, first);
    if (count > 1)
        ec_buf_printf(b, " +%zu", count - 1);
}

static const char *name_of(const ec_model *m, const char *id)
{
    size_t i;

    for (i = 0; i < m->build.containers.len; i++)
        if (strcmp(m->build.containers.items[i].id, id) == 0)
            return m->build.containers.items[i].name;
    for (i = 0; i < m->build.externals.len; i++)
        if (strcmp(m->build.externals.items[i].id, id) == 0)
            return m->build.externals.items[i].name;
    return id;
}

static void more(ec_buf *b, size_t shown, size_t total, const char *what)
{
    if (total > shown)
        ec_buf_printf(b, "\n%zu more %s are listed in [model.json](model.json).\n", total - shown,
                      what);
}

static void relations(ec_buf *b, const ec_model *m)
{
    size_t i, n = m->build.relations.len;

    if (!n)
        return;
    ec_buf_puts(b, "\n### How they talk\n\n| From | To | Technology | Declarations | Evidence |\n"
                   "|---|---|---|--:|---|\n");
    for (i = 0; i < n && i < RELATION_ROWS; i++) {
        const ec_relation *r = &m->build.relations.items[i];

        ec_buf_puts(b, "| ");
        ec_md_text(b, name_of(m, r->from));
        ec_buf_puts(b, " | ");
        ec_md_text(b, name_of(m, r->to));
        ec_buf_puts(b, " | ");
        ec_md_text(b, r->technology[0] ? r->technology : "—");
        ec_buf_printf(b, " | %zu | ", r->facts.len);
        evidence(b, r->facts.items[0]->evidence, r->facts.len);
        ec_buf_puts(b, " |\n");
    }
    more(b, i, n, "relations");
}

void ec_arch_containers(ec_buf *b, const ec_model *m)
{
    size_t i, n = m->build.containers.len;

    if (!n) {
        ec_buf_puts(b, "No build or deployment file of the repository declares a program, "
                       "library, service or database.\n");
        return;
    }
    ec_buf_printf(b, "%zu container%s, from the build and deployment files.\n\n", n,
                  n == 1 ? "" : "s");
    ec_buf_puts(b, "| Container | Kind | Technology | Built from | Evidence |\n"
                   "|---|---|---|---|---|\n");
    for (i = 0; i < n && i < CONTAINER_ROWS; i++) {
        const ec_container *c = &m->build.containers.items[i];

        ec_buf_puts(b, "| ");
        ec_md_text(b, c->name);
        ec_buf_puts(b, " | ");
        ec_md_text(b, c->kind);
        ec_buf_puts(b, " | ");
        ec_md_text(b, c->technology[0] ? c->technology : "—");
        ec_buf_puts(b, " | ");
        if (c->path[0])
            ec_md_code(b, c->path);
        else
            ec_buf_puts(b, "an image");
        ec_buf_puts(b, " | ");
        evidence(b, c->facts.items[0]->evidence, c->facts.len);
        ec_buf_puts(b, " |\n");
    }
    more(b, i, n, "containers");
    relations(b, m);
}

static void externals(ec_buf *b, const ec_model *m)
{
    size_t i, n = m->build.externals.len;

    if (!n)
        return;
    ec_buf_puts(b, "\n### External systems\n\nSystems the code talks to that the repository "
                   "does not run, known by their client libraries.\n\n"
                   "| System | Kind | Evidence |\n|---|---|---|\n");
    for (i = 0; i < n; i++) {
        const ec_external *e = &m->build.externals.items[i];

        ec_buf_puts(b, "| ");
        ec_md_text(b, e->name);
        ec_buf_puts(b, " | ");
        ec_md_text(b, e->kind);
        ec_buf_puts(b, " | ");
        evidence(b, e->facts.items[0]->evidence, e->facts.len);
        ec_buf_puts(b, " |\n");
    }
}

/* Runtime dependencies first, then the rest; within a scope the model's
 * order (ecosystem, name). */
static bool is_runtime(const ec_dependency_fact *d)
{
    return strcmp(d->scope, "runtime") == 0;
}

static void dependency_row(ec_buf *b, const ec_dependency_fact *d)
{
    ec_buf_puts(b, "| ");
    ec_md_code(b, d->name);
    ec_buf_puts(b, " | ");
    ec_md_text(b, d->version[0] ? d->version : "—");
    ec_buf_puts(b, " | ");
    ec_md_text(b, d->ecosystem);
    ec_buf_puts(b, " | ");
    ec_md_text(b, d->scope);
    ec_buf_puts(b, " | ");
    ec_md_code(b, d->evidence);
    ec_buf_puts(b, " |\n");
}

void ec_arch_dependencies(ec_buf *b, const ec_model *m)
{
    size_t i, shown = 0, runtime = 0, n = m->facts.dependencies.len;
    int pass;

    if (!n) {
        ec_buf_puts(b, "No package manifest of the repository declares a dependency.\n");
        externals(b, m);
        return;
    }
    for (i = 0; i < n; i++)
        runtime += is_runtime(&m->facts.dependencies.items[i]);
    ec_buf_printf(b, "%zu declared dependenc%s, %zu of them needed at run time.\n\n", n,
                  n == 1 ? "y" : "ies", runtime);
    ec_buf_puts(b, "| Package | Version | Ecosystem | Scope | Declared in |\n"
                   "|---|---|---|---|---|\n");
    for (pass = 0; pass < 2; pass++)
        for (i = 0; i < n && shown < DEPENDENCY_ROWS; i++)
            if (is_runtime(&m->facts.dependencies.items[i]) == (pass == 0)) {
                dependency_row(b, &m->facts.dependencies.items[i]);
                shown++;
            }
    more(b, shown, n, "dependencies");
    externals(b, m);
}
