/*
 * model_json.c - model.json through jansson (see model_json.h).
 */
#include "emit/model_json.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit/components_json.h"
#include "emit/metrics_json.h"
#include "util/error.h"
#include "util/utf8.h"
#include "version.h"

/* A JSON string from repository text, repaired when it is not UTF-8. */
static json_t *text(const char *s)
{
    ec_buf fixed = EC_BUF_INIT;
    json_t *j;

    if (ec_utf8_valid(s, strlen(s)))
        return json_string_nocheck(s); /* checked just now */
    ec_utf8_sanitize(&fixed, s, strlen(s));
    j = json_string(fixed.ptr);
    ec_buf_release(&fixed);
    return j;
}

static json_t *project_json(const ec_model *m)
{
    const ec_facts *f = &m->facts;
    json_t *evidence = json_object();

    if (f->name.evidence[0])
        json_object_set_new(evidence, "name", text(f->name.evidence));
    if (f->version.evidence[0])
        json_object_set_new(evidence, "version", text(f->version.evidence));
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:b, s:b, s:o}", "name",
                     text(f->name.name), "root", text(m->root_label), "version",
                     text(f->version.name), "revision", text(f->revision), "date",
                     text(f->commit_date), "describe", text(f->describe), "branch", text(f->branch),
                     "git", f->is_git, "dirty", f->dirty, "shallow", f->shallow, "evidence",
                     evidence);
}

static const char *kind_name(int kind)
{
    switch (kind) {
    case EC_LANG_PROGRAMMING:
        return "programming";
    case EC_LANG_MARKUP:
        return "markup";
    case EC_LANG_DATA:
        return "data";
    case EC_LANG_BUILD:
        return "build";
    case EC_LANG_PROSE:
        return "prose";
    default:
        return "";
    }
}

static json_t *languages_json(const ec_model *m)
{
    json_t *arr = json_array();
    size_t i;

    for (i = 0; i < m->languages.len; i++) {
        const ec_language_total *t = &m->languages.items[i];
        json_array_append_new(
            arr, json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I}", "name", t->name, "kind",
                           kind_name(t->kind), "files", (json_int_t)t->files, "lines",
                           (json_int_t)t->lines, "code", (json_int_t)t->code, "comment",
                           (json_int_t)t->comment, "blank", (json_int_t)t->blank));
    }
    return arr;
}

/* Keys are our own ASCII literals: no need for jansson to check them. */
static void set(json_t *obj, const char *key, json_t *value)
{
    json_object_set_new_nocheck(obj, key, value);
}

static json_t *imports_json(const ec_file_fact *f)
{
    json_t *arr = json_array();
    size_t i;

    for (i = 0; i < f->imports.len; i++) {
        const ec_import_fact *im = &f->imports.items[i];
        json_t *o = json_object();

        set(o, "target", text(im->target[0] ? im->target : im->spec));
        set(o, "kind", json_string_nocheck(ec_import_kind_name(im->kind)));
        set(o, "line", json_integer(im->line));
        set(o, "spec", text(im->spec));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *definitions_json(const ec_file_fact *f)
{
    json_t *arr = json_array();
    size_t i;

    for (i = 0; i < f->definitions.len; i++) {
        const ec_definition_fact *d = &f->definitions.items[i];
        json_t *o = json_object();

        set(o, "name", text(d->name));
        set(o, "kind", json_string_nocheck(d->kind));
        set(o, "line", json_integer(d->line));
        set(o, "exported", json_boolean(d->exported));
        if (d->complexity)
            set(o, "complexity", json_integer(d->complexity));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *env_json(const ec_file_fact *f)
{
    json_t *arr = json_array();
    size_t i;

    for (i = 0; i < f->env.len; i++) {
        const ec_env_fact *e = &f->env.items[i];
        json_t *o = json_object();

        set(o, "name", text(e->name));
        set(o, "line", json_integer(e->line));
        set(o, "default", text(e->fallback));
        json_array_append_new(arr, o);
    }
    return arr;
}

/* "calls" (additive within etacodex-model/1): for a C/C++ file read with
 * libclang, each call from one of its functions ("from") to a function the
 * project declares ("to"), at "line"; "target" is the project file that
 * defines the callee, "" when no project file does. Empty for other files. */
static json_t *calls_json(const ec_file_fact *f)
{
    json_t *arr = json_array();
    size_t i;

    for (i = 0; i < f->calls.len; i++) {
        const ec_call_fact *c = &f->calls.items[i];
        json_t *o = json_object();

        set(o, "from", text(c->from));
        set(o, "to", text(c->to));
        set(o, "target", text(c->target));
        set(o, "line", json_integer(c->line));
        json_array_append_new(arr, o);
    }
    return arr;
}

/* One object per file: the largest part of the model, built without
 * json_pack's format parsing. */
static json_t *file_json(const ec_file_fact *f)
{
    json_t *o = json_object(), *complexity = json_object();

    set(o, "path", text(f->path));
    set(o, "language", json_string_nocheck(f->lang ? ec_lang_name(f->lang) : ""));
    set(o, "lines", json_integer((json_int_t)f->lines.lines));
    set(o, "code", json_integer((json_int_t)f->lines.code));
    set(o, "comment", json_integer((json_int_t)f->lines.comment));
    set(o, "blank", json_integer((json_int_t)f->lines.blank));
    set(o, "size", json_integer((json_int_t)f->size));
    set(o, "blob", json_string_nocheck(f->blob));
    set(complexity, "total", json_integer(f->complexity_total));
    set(complexity, "max", json_integer(f->complexity_max));
    set(o, "complexity", complexity);
    set(o, "imports", imports_json(f));
    set(o, "definitions", definitions_json(f));
    set(o, "env", env_json(f));
    set(o, "calls", calls_json(f));
    set(o, "description", text(f->description ? f->description : ""));
    set(o, "package", text(f->package ? f->package : ""));
    set(o, "parsed", json_boolean(f->parsed));
    set(o, "parse_errors", json_integer(f->parse_errors));
    return o;
}

static json_t *files_json(const ec_model *m)
{
    json_t *arr = json_array();
    size_t i;

    for (i = 0; i < m->facts.files.len; i++) {
        json_t *file = file_json(&m->facts.files.items[i]);

        json_object_set_new(file, "container",
                            json_string(m->container_of[i] ? m->container_of[i] : ""));
        json_object_set_new(
            file, "component",
            json_string(m->components.of_file[i] != SIZE_MAX
                            ? m->components.components.items[m->components.of_file[i]].id
                            : ""));
        ec_metrics_json_file(file, m, i);
        json_array_append_new(arr, file);
    }
    return arr;
}

static json_t *skipped_json(const ec_model *m)
{
    json_t *arr = json_array();
    size_t i;

    for (i = 0; i < m->facts.skipped.len; i++) {
        const ec_skip_fact *s = &m->facts.skipped.items[i];
        json_array_append_new(arr,
                              json_pack("{s:o, s:s, s:o}", "path", text(s->path), "reason",
                                        ec_skip_reason_name(s->reason), "detail", text(s->detail)));
    }
    return arr;
}

static json_t *diagnostics_json(const ec_model *m)
{
    json_t *arr = json_array();
    size_t i;

    for (i = 0; i < m->facts.diags.items.len; i++) {
        const ec_diag *d = &m->facts.diags.items.items[i];
        json_array_append_new(arr, json_pack("{s:o, s:I, s:o}", "path", text(d->path), "line",
                                             (json_int_t)d->line, "message", text(d->message)));
    }
    return arr;
}

/* The manifest a piece of evidence points into: "manifest:go.mod#module" and
 * "go.mod:3" both give "go.mod". */
static json_t *manifest_of(const char *evidence)
{
    const char *start = strncmp(evidence, "manifest:", 9) == 0 ? evidence + 9 : evidence;
    const char *end =
        strncmp(evidence, "manifest:", 9) == 0 ? strchr(start, '#') : strrchr(start, ':');
    json_t *j;
    char *copy;

    if (!end)
        return text(start);
    copy = strndup(start, (size_t)(end - start));
    j = text(copy);
    free(copy);
    return j;
}

static json_t *strings_json(const char *const *items, size_t n)
{
    json_t *arr = json_array();
    size_t i;

    for (i = 0; i < n; i++)
        json_array_append_new(arr, text(items[i]));
    return arr;
}

static json_t *containers_json(const ec_model *m)
{
    json_t *arr = json_array();
    size_t i, j;

    for (i = 0; i < m->build.containers.len; i++) {
        const ec_container *c = &m->build.containers.items[i];
        json_t *evidence = json_array();

        for (j = 0; j < c->facts.len; j++)
            json_array_append_new(evidence, text(c->facts.items[j]->evidence));
        json_array_append_new(
            arr, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id", text(c->id), "name",
                           text(c->name), "kind", text(c->kind), "technology", text(c->technology),
                           "path", text(c->path), "image", text(c->image), "evidence", evidence,
                           "files", strings_json(c->files.items, c->files.len)));
    }
    return arr;
}

static json_t *externals_json(const ec_model *m)
{
    json_t *arr = json_array();
    size_t i, j;

    for (i = 0; i < m->build.externals.len; i++) {
        const ec_external *e = &m->build.externals.items[i];
        json_t *evidence = json_array();

        for (j = 0; j < e->facts.len; j++)
            json_array_append_new(evidence, text(e->facts.items[j]->evidence));
        json_array_append_new(arr, json_pack("{s:o, s:o, s:o, s:o}", "id", text(e->id), "name",
                                             text(e->name), "kind", text(e->kind), "evidence",
                                             evidence));
    }
    return arr;
}

static json_t *dependencies_json(const ec_model *m)
{
    json_t *arr = json_array();
    size_t i;

    for (i = 0; i < m->facts.dependencies.len; i++) {
        const ec_dependency_fact *d = &m->facts.dependencies.items[i];

        json_array_append_new(arr,
                              json_pack("{s:o, s:o, s:o, s:o, s:o, s:[o]}", "name", text(d->name),
                                        "version", text(d->version), "ecosystem",
                                        text(d->ecosystem), "scope", text(d->scope), "manifest",
                                        manifest_of(d->evidence), "evidence", text(d->evidence)));
    }
    return arr;
}

static json_t *relations_json(const ec_model *m)
{
    json_t *arr = json_array();
    size_t i, j;

    for (i = 0; i < m->build.relations.len; i++) {
        const ec_relation *r = &m->build.relations.items[i];
        json_t *evidence = json_array();

        for (j = 0; j < r->facts.len; j++)
            json_array_append_new(evidence, text(r->facts.items[j]->evidence));
        json_array_append_new(
            arr, json_pack("{s:o, s:o, s:o, s:o, s:I, s:o}", "from", text(r->from), "to",
                           text(r->to), "kind", text(r->kind), "technology", text(r->technology),
                           "weight", (json_int_t)r->facts.len, "evidence", evidence));
    }
    return arr;
}

/* Containers and external systems of one kind (database, cache, queue). */
static json_t *stores_json(const ec_model *m, const char *kind)
{
    json_t *arr = json_array();
    size_t i;

    for (i = 0; i < m->build.containers.len; i++) {
        const ec_container *c = &m->build.containers.items[i];

        if (strcmp(c->kind, kind) == 0)
            json_array_append_new(arr, json_pack("{s:o, s:o, s:o}", "id", text(c->id), "name",
                                                 text(c->name), "technology", text(c->technology)));
    }
    for (i = 0; i < m->build.externals.len; i++) {
        const ec_external *e = &m->build.externals.items[i];

        if (strcmp(e->kind, kind) == 0)
            json_array_append_new(arr, json_pack("{s:o, s:o, s:o}", "id", text(e->id), "name",
                                                 text(e->name), "technology", text(e->name)));
    }
    return arr;
}

/* The operation facts of one kind as objects {name_key, detail_key,
 * evidence}; detail_key NULL leaves the detail out. */
static json_t *operations_of(const ec_model *m, const char *kind, const char *name_key,
                             const char *detail_key)
{
    json_t *arr = json_array();
    size_t i;

    for (i = 0; i < m->facts.operations.len; i++) {
        const ec_operation_fact *o = &m->facts.operations.items[i];
        json_t *item;

        if (strcmp(o->kind, kind) != 0)
            continue;
        item = json_pack("{s:o, s:o}", name_key, text(o->name), "evidence", text(o->evidence));
        if (detail_key)
            json_object_set_new(item, detail_key, text(o->detail));
        json_array_append_new(arr, item);
    }
    return arr;
}

/* Deployment systems, each once, with the files that use it. */
static json_t *deployment_json(const ec_model *m)
{
    json_t *arr = json_array();
    size_t i, j;

    for (i = 0; i < m->facts.operations.len; i++) {
        const ec_operation_fact *o = &m->facts.operations.items[i];
        json_t *item = NULL;

        if (strcmp(o->kind, "deployment") != 0)
            continue;
        for (j = 0; !item && j < json_array_size(arr); j++)
            if (strcmp(json_string_value(json_object_get(json_array_get(arr, j), "name")),
                       o->name) == 0)
                item = json_array_get(arr, j);
        if (!item) {
            item = json_object();
            json_object_set_new(item, "name", text(o->name));
            json_object_set_new(item, "files", json_array());
            json_object_set_new(item, "evidence", json_array());
            json_array_append_new(arr, item);
        }
        json_array_append_new(json_object_get(item, "files"), text(o->detail));
        json_array_append_new(json_object_get(item, "evidence"), text(o->evidence));
    }
    return arr;
}

static const char *migration_tool(const ec_model *m)
{
    size_t i;

    for (i = 0; i < m->facts.operations.len; i++)
        if (strcmp(m->facts.operations.items[i].kind, "migration") == 0)
            return m->facts.operations.items[i].name;
    return "";
}

/* "operations" of DESIGN.md's schema; processes, ci, ports, commands,
 * volumes and scripts are additive. */
static json_t *operations_json(const ec_model *m)
{
    json_t *o = json_object();

    json_object_set_new(o, "databases", stores_json(m, "database"));
    json_object_set_new(o, "caches", stores_json(m, "cache"));
    json_object_set_new(o, "queues", stores_json(m, "queue"));
    json_object_set_new(o, "migration_tool", text(migration_tool(m)));
    json_object_set_new(o, "migration_commands", operations_of(m, "migration", "tool", "command"));
    json_object_set_new(o, "deployment", deployment_json(m));
    json_object_set_new(o, "health_endpoints", operations_of(m, "health", "path", "check"));
    json_object_set_new(o, "environment", operations_of(m, "environment", "name", "example"));
    json_object_set_new(o, "processes", operations_of(m, "process", "name", "command"));
    json_object_set_new(o, "ci", operations_of(m, "ci", "job", "command"));
    json_object_set_new(o, "ports", operations_of(m, "port", "container", "port"));
    json_object_set_new(o, "commands", operations_of(m, "command", "container", "command"));
    json_object_set_new(o, "volumes", operations_of(m, "volume", "container", "volume"));
    json_object_set_new(o, "scripts", operations_of(m, "script", "name", "command"));
    return o;
}

/* The code that implements (or calls) an API: the container and the
 * path:line of each file. */
static json_t *api_uses_json(const ec_model *m, const ec_api_fact *a, bool implements)
{
    json_t *arr = json_array();
    ec_buf where = EC_BUF_INIT;
    size_t i;

    for (i = 0; i < a->uses.len; i++) {
        const ec_api_use *u = &a->uses.items[i];
        const char *id;

        if (u->implements != implements)
            continue;
        id = ec_containers_of_file(&m->build, u->file);
        ec_buf_reset(&where);
        ec_buf_printf(&where, "%s:%u", u->file, u->line);
        json_array_append_new(arr, json_pack("{s:o, s:o}", "container", id ? text(id) : json_null(),
                                             "evidence", text(where.ptr)));
    }
    ec_buf_release(&where);
    return arr;
}

/* APIs the repository declares; "kind", each operation's "evidence", and
 * the code that implements and calls each are additive. */
static json_t *apis_json(const ec_model *m)
{
    json_t *arr = json_array();
    char where[32];
    size_t i, j;

    for (i = 0; i < m->facts.apis.len; i++) {
        const ec_api_fact *a = &m->facts.apis.items[i];
        json_t *ops = json_array();

        for (j = 0; j < a->operations.len; j++) {
            const ec_api_operation *o = &a->operations.items[j];
            json_t *ev = json_array();

            snprintf(where, sizeof(where), ":%u", o->line);
            json_array_append_new(ev, json_pack("s++", a->file, where, ""));
            json_array_append_new(ops, json_pack("{s:s, s:o, s:[], s:[], s:o}", "method", o->method,
                                                 "path", text(o->path), "tags", "responses",
                                                 "evidence", ev));
        }
        json_array_append_new(arr, json_pack("{s:o, s:o, s:s, s:s, s:o, s:o, s:o}", "file",
                                             text(a->file), "title", text(a->title), "version", "",
                                             "kind", a->kind, "operations", ops, "implementations",
                                             api_uses_json(m, a, true), "clients",
                                             api_uses_json(m, a, false)));
    }
    return arr;
}

/* Declared owners; "owners" splits the CODEOWNERS line's owners. */
static json_t *owners_json(const ec_model *m)
{
    json_t *arr = json_array();
    size_t i;

    for (i = 0; i < m->facts.owners.len; i++) {
        const ec_owner_fact *o = &m->facts.owners.items[i];
        json_t *names = json_array();
        const char *p = o->owners;

        while (*p) {
            size_t n = strcspn(p, " \t");
            char *name = strndup(p, n);

            json_array_append_new(names, text(name));
            free(name);
            p += n;
            p += strspn(p, " \t");
        }
        json_array_append_new(arr, json_pack("{s:o, s:o, s:s, s:o}", "pattern", text(o->pattern),
                                             "owners", names, "source", "CODEOWNERS", "evidence",
                                             text(o->evidence)));
    }
    return arr;
}

static json_t *model_json(const ec_model *m)
{
    json_t *root = json_object(), *relations;

    json_object_set_new(root, "schema", json_string(EC_MODEL_SCHEMA));
    json_object_set_new(root, "generator",
                        json_pack("{s:s, s:s, s:[s]}", "name", "etacodex", "version", EC_VERSION,
                                  "analyses", "inventory"));
    json_object_set_new(root, "project", project_json(m));
    json_object_set_new(root, "languages", languages_json(m));
    json_object_set_new(root, "files", files_json(m));
    json_object_set_new(root, "skipped", skipped_json(m));
    json_object_set_new(root, "diagnostics", diagnostics_json(m));
    json_object_set_new(root, "containers", containers_json(m));
    json_object_set_new(root, "components", ec_components_json(m));
    json_object_set_new(root, "external_systems", externals_json(m));
    relations = relations_json(m);
    ec_component_relations_json(relations, m);
    json_object_set_new(root, "relations", relations);
    json_object_set_new(root, "dependencies", dependencies_json(m));
    json_object_set_new(root, "adrs", json_array());
    json_object_set_new(root, "releases", json_array());
    json_object_set_new(root, "apis", apis_json(m));
    json_object_set_new(root, "owners", owners_json(m));
    json_object_set_new(root, "operations", operations_json(m));
    json_object_set_new(root, "metrics", ec_metrics_json(m));
    json_object_set_new(root, "history", json_object());
    return root;
}

static int append_to_buf(const char *data, size_t size, void *payload)
{
    return ec_buf_add(payload, data, size) ? -1 : 0;
}

int ec_model_json_write(ec_buf *out, const ec_model *model)
{
    json_t *root = model_json(model);
    int err;

    /* Straight into the buffer: no intermediate string of the whole model. */
    err = json_dump_callback(root, append_to_buf, out,
                             JSON_INDENT(2) | JSON_SORT_KEYS | JSON_REAL_PRECISION(6));
    json_decref(root);
    if (err)
        return ec_error_set(EC_EINTERNAL, "cannot serialise the model");
    return ec_buf_putc(out, '\n');
}
