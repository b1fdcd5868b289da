/*
 * manifest_python.c - Python packaging files: pyproject.toml, setup.cfg,
 * setup.py and requirements files.
 *
 * What a distribution builds: one executable per console or GUI script it
 * declares (PEP 621 [project.scripts], Poetry's scripts, setup.cfg and
 * setup.py console_scripts entry points), otherwise a library under its
 * name. Dependencies are of the "pypi" ecosystem, named as pip compares
 * them (PEP 503: lower case, runs of '-', '_', '.' as one '-'), the version
 * being the PEP 508 specifier as written, extras and markers dropped. A
 * requirement naming the distribution itself ("requests[socks]" in
 * requests' own test group) is not a dependency.
 *
 * Scopes: runtime ([project] dependencies, install_requires), optional
 * (optional-dependencies, extras_require, Poetry's optional = true), build
 * ([build-system] requires, setup_requires), and the group's own name for
 * PEP 735 dependency groups and Poetry groups (dev-dependencies: "dev").
 * A Poetry path dependency is a relation to the package in that directory.
 *
 * setup.py is never run. Its setup(...) call is read as text: keyword
 * arguments whose values are literals (or names bound once to a literal at
 * the top of the file) are taken; anything computed is left out and said
 * so in one diagnostic.
 *
 * A requirements file's scope comes from its name (dev, test, doc). Its
 * "-r other.txt" includes are followed, relative to the including file, at
 * most MAX_INCLUDE_DEPTH deep and never twice; an included file that is a
 * requirements file itself is read on its own instead, with its own scope.
 */
#include <ctype.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/manifest_readers.h"
#include "analyzer/toml.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/path.h"
#include "util/strlist.h"

#define ECOSYSTEM         "pypi"
#define TECHNOLOGY        "Python"
#define MAX_INCLUDE_DEPTH 8

/* ---- requirements (PEP 508) ------------------------------------------------ */

/* PEP 503 normalisation into out. */
static void normalize(ec_buf *out, const char *name, size_t len)
{
    size_t i;

    ec_buf_reset(out);
    for (i = 0; i < len; i++) {
        char c = name[i];

        if (c == '-' || c == '_' || c == '.') {
            if (!out->len || out->ptr[out->len - 1] != '-')
                ec_buf_putc(out, '-');
        } else {
            ec_buf_putc(out, (char)tolower((unsigned char)c));
        }
    }
}

static bool is_name_char(char c)
{
    return isalnum((unsigned char)c) || c == '-' || c == '_' || c == '.';
}

/* Split a PEP 508 requirement into its normalised name and its version
 * specifier (or "@ url"), extras and markers dropped. False when it does not
 * start with a name. */
static bool parse_requirement(const char *s, ec_buf *name, ec_buf *version)
{
    const char *p = s, *start, *end;

    while (isspace((unsigned char)*p))
        p++;
    start = p;
    while (is_name_char(*p))
        p++;
    if (p == start)
        return false;
    normalize(name, start, (size_t)(p - start));
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '[') {
        const char *close = strchr(p, ']');

        p = close ? close + 1 : p + strlen(p);
    }
    while (isspace((unsigned char)*p))
        p++;
    end = strchr(p, ';');
    if (*p != '@' && !end)
        end = p + strlen(p);
    if (*p == '@' && !end) /* a URL may hold ';' only before " ;" markers */
        end = p + strlen(p);
    while (end > p && isspace((unsigned char)end[-1]))
        end--;
    if (*p == '(' && end > p && end[-1] == ')') {
        p++;
        end--;
    }
    ec_buf_reset(version);
    ec_buf_add(version, p, (size_t)(end - p));
    return true;
}

typedef struct {
    ec_manifest *m;
    ec_buf self; /* the distribution's normalised name, "" when unknown */
    ec_buf name, version;
} reader;

static void reader_init(reader *r, ec_manifest *m)
{
    r->m = m;
    ec_buf_init(&r->self, 0);
    ec_buf_init(&r->name, 0);
    ec_buf_init(&r->version, 0);
}

static void reader_release(reader *r)
{
    ec_buf_release(&r->self);
    ec_buf_release(&r->name);
    ec_buf_release(&r->version);
}

static void set_self(reader *r, const char *name)
{
    if (name)
        normalize(&r->self, name, strlen(name));
}

/* One requirement string as a dependency; evidence given. */
static void requirement(reader *r, const char *spec, const char *scope, const char *evidence)
{
    if (!parse_requirement(spec, &r->name, &r->version)) {
        const char *colon = strrchr(evidence, ':'); /* evidence is "<path>:<line>" */
        ec_buf path = EC_BUF_INIT;

        ec_buf_add(&path, evidence, colon ? (size_t)(colon - evidence) : strlen(evidence));
        ec_diag_add(&r->m->facts->diags, path.ptr, colon ? (unsigned)atoi(colon + 1) : 0,
                    "not a requirement: '%s'", spec);
        ec_buf_release(&path);
        return;
    }
    if (r->self.len && strcmp(r->name.ptr, r->self.ptr) == 0)
        return; /* the distribution itself, with extras */
    ec_manifest_dependency(r->m, r->name.ptr, r->version.ptr, ECOSYSTEM, scope, evidence);
}

/* ---- pyproject.toml ---------------------------------------------------------- */

static void requirement_array(reader *r, const ec_toml_value *array, const char *scope)
{
    const ec_toml_entry *e;

    if (!ec_toml_is(array, EC_TOML_ARRAY))
        return;
    for (e = array->first; e; e = e->next)
        if (ec_toml_string(e->value)) /* PEP 735 {include-group = ...}: read as its own group */
            requirement(r, e->value->text, scope, ec_manifest_line(r->m, e->value->line));
}

/* Groups of requirement arrays: optional-dependencies (scope given) or
 * dependency-groups (scope NULL: each group's name). */
static void requirement_groups(reader *r, const ec_toml_value *groups, const char *scope)
{
    const ec_toml_entry *e;
    ec_buf group = EC_BUF_INIT;

    if (!ec_toml_is(groups, EC_TOML_TABLE))
        return;
    for (e = groups->first; e; e = e->next) {
        normalize(&group, e->key, strlen(e->key));
        requirement_array(r, e->value, scope ? scope : group.ptr);
    }
    ec_buf_release(&group);
}

/* A Poetry dependency table: name = "version" or name = {version, optional,
 * path, ...}; a path to a directory of the project is a relation. */
static void poetry_dependencies(reader *r, const ec_toml_value *deps, const char *scope,
                                const char *from)
{
    const ec_toml_entry *e;

    if (!ec_toml_is(deps, EC_TOML_TABLE))
        return;
    for (e = deps->first; e; e = e->next) {
        const ec_toml_value *v = e->value;
        const char *version = ec_toml_string(v);
        const char *path = ec_toml_string(ec_toml_get(v, "path"));
        const ec_toml_value *optional = ec_toml_get(v, "optional");
        const char *evidence = ec_manifest_line(r->m, v->line);

        if (strcmp(e->key, "python") == 0)
            continue;
        if (path) {
            const char *dir = ec_manifest_join(r->m, r->m->dir, path);

            if (dir && from)
                ec_manifest_relation(r->m, from, dir, "uses", "Python package", evidence);
            continue;
        }
        if (!version)
            version = ec_toml_string(ec_toml_get(v, "version"));
        normalize(&r->name, e->key, strlen(e->key));
        if (r->self.len && strcmp(r->name.ptr, r->self.ptr) == 0)
            continue;
        ec_manifest_dependency(r->m, r->name.ptr, version ? version : "", ECOSYSTEM,
                               ec_toml_is(optional, EC_TOML_BOOLEAN) &&
                                       strcmp(optional->text, "true") == 0
                                   ? "optional"
                                   : scope,
                               evidence);
    }
}

/* One executable per script of a table; the number made. */
static size_t scripts(reader *r, const ec_toml_value *table, const char *key)
{
    const ec_toml_entry *e;
    ec_buf where = EC_BUF_INIT;
    size_t n = 0;

    if (!ec_toml_is(table, EC_TOML_TABLE))
        return 0;
    for (e = table->first; e; e = e->next) {
        ec_buf_reset(&where);
        ec_buf_printf(&where, "%s.%s", key, e->key);
        ec_manifest_container(r->m, e->key, "executable", TECHNOLOGY, r->m->dir,
                              ec_manifest_key(r->m, where.ptr));
        n++;
    }
    ec_buf_release(&where);
    return n;
}

static void pyproject_containers(reader *r, const ec_toml_value *root, const char *name)
{
    const ec_toml_value *project = ec_toml_get(root, "project");
    const ec_toml_value *poetry = ec_toml_find(root, "tool.poetry");
    size_t n = 0;

    n += scripts(r, ec_toml_get(project, "scripts"), "project.scripts");
    n += scripts(r, ec_toml_get(project, "gui-scripts"), "project.gui-scripts");
    if (!ec_toml_get(project, "scripts"))
        n += scripts(r, ec_toml_get(poetry, "scripts"), "tool.poetry.scripts");
    if (n == 0 && name)
        ec_manifest_container(r->m, name, "library", TECHNOLOGY, r->m->dir,
                              ec_manifest_key(r->m, ec_toml_string(ec_toml_get(project, "name"))
                                                        ? "project.name"
                                                        : "tool.poetry.name"));
}

void ec_read_pyproject(ec_manifest *m)
{
    ec_toml_doc doc;
    reader r;
    const ec_toml_value *root, *project, *poetry, *groups;
    const char *name;
    const ec_toml_entry *e;

    reader_init(&r, m);
    if (ec_toml_parse(&doc, m->text, m->len) != 0)
        ec_manifest_error(m, doc.error_line, "%s", doc.error);
    root = doc.root;
    project = ec_toml_get(root, "project");
    poetry = ec_toml_find(root, "tool.poetry");
    name = ec_toml_string(ec_toml_get(project, "name"));
    if (!name)
        name = ec_toml_string(ec_toml_get(poetry, "name"));
    set_self(&r, name);
    pyproject_containers(&r, root, name);

    requirement_array(&r, ec_toml_find(root, "build-system.requires"), "build");
    requirement_array(&r, ec_toml_get(project, "dependencies"), "runtime");
    requirement_groups(&r, ec_toml_get(project, "optional-dependencies"), "optional");
    requirement_groups(&r, ec_toml_get(root, "dependency-groups"), NULL);
    poetry_dependencies(&r, ec_toml_get(poetry, "dependencies"), "runtime", name);
    poetry_dependencies(&r, ec_toml_get(poetry, "dev-dependencies"), "dev", name);
    groups = ec_toml_get(poetry, "group");
    for (e = ec_toml_is(groups, EC_TOML_TABLE) ? groups->first : NULL; e; e = e->next)
        poetry_dependencies(&r, ec_toml_get(e->value, "dependencies"), e->key, name);
    ec_toml_release(&doc);
    reader_release(&r);
}

/* ---- setup.cfg --------------------------------------------------------------- */

typedef struct {
    const char *section, *key; /* lower case */
    ec_buf value;              /* the item: the key line's value or one continuation line */
    unsigned line;
} cfg_item;

/* The file's lines as (section, key, item) in order; each line of a
 * multi-line value is an item of its own. Comments and blank items dropped. */
static void cfg_items(ec_manifest *m, void (*take)(reader *, const cfg_item *), reader *r)
{
    const char *p = m->text, *end = m->text + m->len;
    ec_buf section = EC_BUF_INIT, key = EC_BUF_INIT;
    cfg_item item = {"", "", EC_BUF_INIT, 0};
    unsigned line = 0;

    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p)), *s = p, *e, *eq;

        eol = eol ? eol : end;
        line++;
        p = eol < end ? eol + 1 : end;
        e = eol;
        while (e > s && isspace((unsigned char)e[-1]))
            e--;
        if (s == e || *s == '#' || *s == ';')
            continue;
        if (isspace((unsigned char)*s)) { /* a continuation of key's value */
            while (s < e && isspace((unsigned char)*s))
                s++;
            if (*s == '#' || !key.len)
                continue;
        } else if (*s == '[') {
            const char *close = memchr(s, ']', (size_t)(e - s));

            normalize(&section, s + 1, close ? (size_t)(close - s - 1) : (size_t)(e - s - 1));
            ec_buf_reset(&key);
            continue;
        } else if ((eq = memchr(s, '=', (size_t)(e - s))) != NULL ||
                   (eq = memchr(s, ':', (size_t)(e - s))) != NULL) {
            const char *k = eq;

            while (k > s && isspace((unsigned char)k[-1]))
                k--;
            ec_buf_reset(&key);
            ec_buf_add(&key, s, (size_t)(k - s));
            for (s = eq + 1; s < e && isspace((unsigned char)*s);)
                s++;
            if (s == e)
                continue;
        } else {
            continue;
        }
        item.section = section.ptr;
        item.key = key.ptr;
        ec_buf_reset(&item.value);
        ec_buf_add(&item.value, s, (size_t)(e - s));
        item.line = line;
        take(r, &item);
    }
    ec_buf_release(&section);
    ec_buf_release(&key);
    ec_buf_release(&item.value);
}

static void setup_cfg_take(reader *r, const cfg_item *it)
{
    ec_manifest *m = r->m;
    const char *v = it->value.ptr;
    const char *evidence = ec_manifest_line(m, it->line);

    if (strncmp(v, "file:", 5) == 0 || strncmp(v, "attr:", 5) == 0)
        return; /* computed from another file: not a literal */
    if (strcmp(it->section, "metadata") == 0 && strcmp(it->key, "name") == 0) {
        set_self(r, v);
        ec_manifest_container(m, v, "library", TECHNOLOGY, m->dir,
                              ec_manifest_key(m, "metadata.name"));
    } else if (strcmp(it->section, "options") == 0) {
        if (strcmp(it->key, "install_requires") == 0)
            requirement(r, v, "runtime", evidence);
        else if (strcmp(it->key, "setup_requires") == 0)
            requirement(r, v, "build", evidence);
        else if (strcmp(it->key, "tests_require") == 0)
            requirement(r, v, "test", evidence);
    } else if (strcmp(it->section, "options-extras-require") == 0) {
        requirement(r, v, "optional", evidence);
    } else if (strcmp(it->section, "options-entry-points") == 0 &&
               (strcmp(it->key, "console_scripts") == 0 || strcmp(it->key, "gui_scripts") == 0)) {
        const char *eq = strchr(v, '=');
        const char *end = eq ? eq : v + strlen(v);
        ec_buf where = EC_BUF_INIT, cmd = EC_BUF_INIT;

        while (end > v && isspace((unsigned char)end[-1]))
            end--;
        ec_buf_add(&cmd, v, (size_t)(end - v));
        ec_buf_printf(&where, "options.entry_points.%s.%s", it->key, cmd.ptr);
        ec_manifest_container(m, cmd.ptr, "executable", TECHNOLOGY, m->dir,
                              ec_manifest_key(m, where.ptr));
        ec_buf_release(&where);
        ec_buf_release(&cmd);
    }
}

/* The library a [metadata] name made is dropped again when entry points
 * declare executables: the distribution is those programs. */
static void drop_library_if_programs(ec_manifest *m, size_t first)
{
    ec_facts *f = m->facts;
    size_t i, lib = f->containers.len;
    bool programs = false;

    for (i = first; i < f->containers.len; i++) {
        if (strcmp(f->containers.items[i].kind, "library") == 0)
            lib = i;
        else
            programs = true;
    }
    if (!programs || lib == f->containers.len)
        return;
    ec_array_release(&f->containers.items[lib].files);
    memmove(&f->containers.items[lib], &f->containers.items[lib + 1],
            (f->containers.len - lib - 1) * sizeof(*f->containers.items));
    f->containers.len--;
}

void ec_read_setup_cfg(ec_manifest *m)
{
    reader r;
    size_t first = m->facts->containers.len;

    reader_init(&r, m);
    cfg_items(m, setup_cfg_take, &r);
    drop_library_if_programs(m, first);
    reader_release(&r);
}

/* ---- setup.py, read as text ---------------------------------------------------- */

typedef struct {
    const char *p, *end, *start;
} lexer;

static unsigned line_at(const lexer *lx, const char *at)
{
    unsigned line = 1;
    const char *p;

    for (p = lx->start; p < at; p++)
        line += *p == '\n';
    return line;
}

/* Skip blanks, newlines and comments. */
static void skip(lexer *lx)
{
    while (lx->p < lx->end) {
        if (isspace((unsigned char)*lx->p) || *lx->p == '\\') {
            lx->p++;
        } else if (*lx->p == '#') {
            while (lx->p < lx->end && *lx->p != '\n')
                lx->p++;
        } else {
            break;
        }
    }
}

/* A string literal (with r/u/b prefixes, adjacent literals joined) into out;
 * false, and nothing consumed, at anything else (an f-string is computed). */
static bool string_literal(lexer *lx, ec_buf *out)
{
    bool any = false;

    ec_buf_reset(out);
    for (;;) {
        const char *p = lx->p;
        bool raw_str = false;
        char q;
        size_t qn;

        while (p < lx->end && strchr("rRuUbB", *p) && p - lx->p < 2) {
            raw_str = raw_str || *p == 'r' || *p == 'R';
            p++;
        }
        if (p >= lx->end || (*p != '"' && *p != '\''))
            return any;
        q = *p;
        qn = lx->end - p >= 3 && p[1] == q && p[2] == q ? 3 : 1;
        for (p += qn; p < lx->end; p++) {
            if (*p == '\\' && !raw_str && p + 1 < lx->end) {
                ec_buf_putc(out, *++p);
            } else if (*p == q && (qn == 1 || (lx->end - p >= 3 && p[1] == q && p[2] == q))) {
                break;
            } else if (*p == '\n' && qn == 1) {
                return false;
            } else {
                ec_buf_putc(out, *p);
            }
        }
        if (p >= lx->end)
            return false;
        lx->p = p + qn;
        any = true;
        skip(lx);
    }
}

/* The end of the expression starting at lx->p: the next ',' or closing
 * bracket outside brackets and strings. */
static const char *expression_end(const lexer *lx)
{
    lexer probe = *lx;
    ec_buf ignored = EC_BUF_INIT;
    int depth = 0;

    while (probe.p < probe.end) {
        char c = *probe.p;

        if (c == '"' || c == '\'') {
            if (!string_literal(&probe, &ignored))
                probe.p++;
            continue;
        }
        if (c == '#') {
            skip(&probe);
            continue;
        }
        if (strchr("([{", c))
            depth++;
        else if (strchr(")]}", c) && depth-- == 0)
            break;
        else if (c == ',' && depth == 0)
            break;
        probe.p++;
    }
    ec_buf_release(&ignored);
    return probe.p;
}

typedef void (*item_fn)(reader *r, const char *key, const char *value, unsigned line, void *ctx);

/* A literal list or tuple of strings: each through fn. False when any item is
 * not a string literal (the whole value is then computed). */
static bool string_list(reader *r, lexer *lx, const char *key, item_fn fn, void *ctx)
{
    char close;
    ec_buf s = EC_BUF_INIT;
    bool ok = true;

    if (lx->p >= lx->end || (*lx->p != '[' && *lx->p != '('))
        return false;
    close = *lx->p == '[' ? ']' : ')';
    lx->p++;
    for (skip(lx); ok && lx->p < lx->end && *lx->p != close; skip(lx)) {
        unsigned line = line_at(lx, lx->p);

        ok = string_literal(lx, &s);
        if (ok && fn)
            fn(r, key, s.ptr, line, ctx);
        if (ok && lx->p < lx->end && *lx->p == ',')
            lx->p++;
    }
    if (ok && lx->p < lx->end)
        lx->p++;
    ec_buf_release(&s);
    return ok && lx->p <= lx->end;
}

/* A literal dict of string keys to string lists: fn(key, item). */
static bool dict_of_lists(reader *r, lexer *lx, item_fn fn, void *ctx)
{
    ec_buf key = EC_BUF_INIT;
    bool ok = true;

    if (lx->p >= lx->end || *lx->p != '{')
        return false;
    lx->p++;
    for (skip(lx); ok && lx->p < lx->end && *lx->p != '}'; skip(lx)) {
        ok = string_literal(lx, &key) && lx->p < lx->end && *lx->p == ':';
        if (ok) {
            lx->p++;
            skip(lx);
            ok = string_list(r, lx, key.ptr, fn, ctx);
        }
        skip(lx);
        if (ok && lx->p < lx->end && *lx->p == ',')
            lx->p++;
    }
    if (ok && lx->p < lx->end)
        lx->p++;
    ec_buf_release(&key);
    return ok;
}

/* Where NAME = <value> binds a top-level name once; NULL when it is not
 * bound at the start of a line exactly once. */
static const char *binding(const lexer *lx, const char *name, size_t len)
{
    const char *p, *found = NULL;
    size_t n = 0;

    for (p = lx->start; p < lx->end; p++) {
        const char *q;

        if ((p != lx->start && p[-1] != '\n') || (size_t)(lx->end - p) <= len ||
            memcmp(p, name, len) != 0 || is_name_char(p[len]))
            continue;
        for (q = p + len; q < lx->end && (*q == ' ' || *q == '\t'); q++)
            ;
        if (q < lx->end && *q == '=' && (q + 1 >= lx->end || q[1] != '=')) {
            found = q + 1;
            n++;
        } else if (q < lx->end && (strchr("+-*|[.", *q) != NULL)) {
            n += 2; /* changed after it was bound: computed */
        }
    }
    return n == 1 ? found : NULL;
}

typedef struct {
    const char *name;
    unsigned name_line;
    size_t executables;
    ec_buf computed; /* keyword names left out */
} setup_py;

static void on_requirement(reader *r, const char *key, const char *value, unsigned line, void *ctx)
{
    const char *scope = ctx;

    (void)key;
    requirement(r, value, scope, ec_manifest_line(r->m, line));
}

static void on_extra(reader *r, const char *key, const char *value, unsigned line, void *ctx)
{
    (void)key;
    (void)ctx;
    requirement(r, value, "optional", ec_manifest_line(r->m, line));
}

static void on_entry_point(reader *r, const char *key, const char *value, unsigned line, void *ctx)
{
    setup_py *st = ctx;
    const char *eq = strchr(value, '=');
    const char *end = eq ? eq : value + strlen(value);
    ec_buf cmd = EC_BUF_INIT;

    if (strcmp(key, "console_scripts") != 0 && strcmp(key, "gui_scripts") != 0)
        return;
    while (end > value && isspace((unsigned char)end[-1]))
        end--;
    ec_buf_add(&cmd, value, (size_t)(end - value));
    ec_manifest_container(r->m, cmd.ptr, "executable", TECHNOLOGY, r->m->dir,
                          ec_manifest_line(r->m, line));
    st->executables++;
    ec_buf_release(&cmd);
}

/* One keyword argument's value at lx->p; false when it is not a literal. */
static bool setup_keyword(reader *r, lexer *lx, const char *kw, setup_py *st)
{
    ec_buf s = EC_BUF_INIT;
    bool ok = true;

    if (strcmp(kw, "name") == 0) {
        st->name_line = line_at(lx, lx->p);
        ok = string_literal(lx, &s);
        if (ok)
            st->name = ec_arena_strdup(&r->m->facts->arena, s.ptr);
    } else if (strcmp(kw, "install_requires") == 0) {
        ok = string_list(r, lx, kw, on_requirement, "runtime");
    } else if (strcmp(kw, "setup_requires") == 0) {
        ok = string_list(r, lx, kw, on_requirement, "build");
    } else if (strcmp(kw, "tests_require") == 0) {
        ok = string_list(r, lx, kw, on_requirement, "test");
    } else if (strcmp(kw, "extras_require") == 0) {
        ok = dict_of_lists(r, lx, on_extra, NULL);
    } else if (strcmp(kw, "entry_points") == 0) {
        ok = dict_of_lists(r, lx, on_entry_point, st);
    }
    ec_buf_release(&s);
    return ok;
}

static bool wanted_keyword(const char *kw)
{
    static const char *const kws[] = {"name",
                                      "install_requires",
                                      "setup_requires",
                                      "tests_require",
                                      "extras_require",
                                      "entry_points",
                                      NULL};
    return ec_str_in(kw, kws);
}

static void note_computed(setup_py *st, const char *kw)
{
    if (st->computed.len)
        ec_buf_puts(&st->computed, ", ");
    ec_buf_puts(&st->computed, kw);
}

/* The keyword arguments of the setup( call at lx->p (past the paren). A
 * value that is a bare name is looked up as a top-level binding. */
static void setup_arguments(reader *r, lexer *lx, setup_py *st)
{
    ec_buf kw = EC_BUF_INIT;

    for (skip(lx); lx->p < lx->end && *lx->p != ')'; skip(lx)) {
        const char *start = lx->p, *end;

        while (lx->p < lx->end && is_name_char(*lx->p))
            lx->p++;
        ec_buf_reset(&kw);
        ec_buf_add(&kw, start, (size_t)(lx->p - start));
        skip(lx);
        if (kw.len && lx->p < lx->end && *lx->p == '=') {
            lx->p++;
            skip(lx);
            end = expression_end(lx);
            if (wanted_keyword(kw.ptr)) {
                lexer value = {lx->p, end, lx->start};
                const char *id = value.p;

                while (id < end && is_name_char(*id))
                    id++;
                if (id > value.p && !isdigit((unsigned char)*value.p) &&
                    (id == end || isspace((unsigned char)*id))) {
                    const char *bound = binding(lx, value.p, (size_t)(id - value.p));

                    value.p = bound ? bound : end;
                    value.end = lx->end;
                    skip(&value);
                }
                if (value.p >= value.end || !setup_keyword(r, &value, kw.ptr, st))
                    note_computed(st, kw.ptr);
            }
            lx->p = end;
        } else if (lx->p < lx->end && *lx->p == '*') {
            note_computed(st, "**kwargs");
            lx->p = expression_end(lx);
        } else {
            lx->p = expression_end(lx);
        }
        if (lx->p < lx->end && *lx->p == ',')
            lx->p++;
        else if (lx->p < lx->end && *lx->p != ')')
            lx->p++; /* not Python we can read: move on */
    }
    ec_buf_release(&kw);
}

/* The last "setup(" in the text not preceded by a name character or "def ". */
static const char *setup_call(const char *text, size_t len)
{
    const char *p = text, *hit = NULL, *end = text + len;

    while ((p = memmem(p, (size_t)(end - p), "setup(", 6)) != NULL) {
        if ((p == text || (!is_name_char(p[-1]) || p[-1] == '.')) &&
            !(p - text >= 4 && memcmp(p - 4, "def ", 4) == 0))
            hit = p + 6;
        p += 6;
    }
    return hit;
}

void ec_read_setup_py(ec_manifest *m)
{
    reader r;
    setup_py st = {NULL, 0, 0, EC_BUF_INIT};
    lexer lx = {NULL, m->text + m->len, m->text};
    const char *call = setup_call(m->text, m->len);

    reader_init(&r, m);
    lx.p = call;
    if (!call) {
        ec_manifest_error(m, 0, "no setup() call: nothing read (setup.py is never run)");
        goto cleanup;
    }
    /* The name first: it tells requirements of the distribution itself apart. */
    setup_arguments(&r, &lx, &st);
    if (st.name && st.executables == 0)
        ec_manifest_container(m, st.name, "library", TECHNOLOGY, m->dir,
                              ec_manifest_line(m, st.name_line));
    if (st.computed.len)
        ec_manifest_error(m, line_at(&lx, call), "setup.py is not run: computed %s left out",
                          st.computed.ptr);
cleanup:
    ec_buf_release(&st.computed);
    reader_release(&r);
}

/* ---- requirements files ------------------------------------------------------ */

/* Whether the table of manifest.c hands path to ec_read_requirements: then
 * it is read on its own and an include does not read it again. */
static bool is_requirements_file(const char *path)
{
    const char *base = ec_path_basename(path);

    return fnmatch("*requirements*.txt", base, 0) == 0 ||
           (fnmatch("*.txt", base, 0) == 0 && (fnmatch("requirements/*", path, FNM_PATHNAME) == 0 ||
                                               fnmatch("*/requirements/*", path, 0) == 0));
}

/* dev, test or docs when the file's name, or its directory's, says so
 * (requirements-dev.txt, requirements/test.txt, docs/requirements.txt);
 * else runtime. */
static const char *scope_of(const char *path)
{
    static const char *const words[][2] = {
        {"test", "test"}, {"dev", "dev"}, {"doc", "docs"}, {NULL, NULL}};
    ec_buf lower = EC_BUF_INIT;
    const char *slash = strrchr(path, '/'), *parent = path;
    const char *scope = "runtime";
    size_t i;

    if (slash) {
        for (parent = slash; parent > path && parent[-1] != '/'; parent--)
            ;
    }
    normalize(&lower, parent, strlen(parent));
    for (i = 0; words[i][0]; i++)
        if (strstr(lower.ptr, words[i][0])) {
            scope = words[i][1];
            break;
        }
    ec_buf_release(&lower);
    return scope;
}

typedef struct {
    reader *r;
    const char *scope;
    EC_ARRAY(const char *) seen; /* files on the include path, against cycles */
} requirements;

static void requirements_text(requirements *q, const char *path, const char *text, size_t len);

static void include(requirements *q, const char *from, unsigned line, const char *rel)
{
    ec_manifest *m = q->r->m;
    const char *slash = strrchr(from, '/');
    const char *dir =
        slash ? ec_arena_strndup(&m->facts->arena, from, (size_t)(slash - from)) : ".";
    const char *path = ec_manifest_join(m, dir, rel);
    ec_buf text = EC_BUF_INIT;
    size_t i;

    if (!path) {
        ec_diag_add(&m->facts->diags, from, line, "'%s' leaves the project: not read", rel);
        return;
    }
    if (is_requirements_file(path) && ec_facts_has_file(m->facts, path))
        return; /* read on its own, with its own scope */
    for (i = 0; i < q->seen.len; i++)
        if (strcmp(q->seen.items[i], path) == 0) {
            ec_diag_add(&m->facts->diags, from, line, "'%s' includes itself: not read again", path);
            return;
        }
    if (q->seen.len >= MAX_INCLUDE_DEPTH) {
        ec_diag_add(&m->facts->diags, from, line, "includes deeper than %d: '%s' not read",
                    MAX_INCLUDE_DEPTH, path);
        return;
    }
    if (ec_manifest_read_file(m, path, &text) != 0) {
        ec_diag_add(&m->facts->diags, from, line, "'%s' not read: %s", path, ec_error_last());
        ec_buf_release(&text);
        return;
    }
    requirements_text(q, path, text.ptr, text.len);
    ec_buf_release(&text);
}

/* Whether an editable target ("-e .[socks]") is the directory of the file
 * that names it: the project being developed, not a dependency. */
static bool is_own_directory(ec_manifest *m, const char *from, const char *target)
{
    const char *slash = strrchr(from, '/');
    const char *dir =
        slash ? ec_arena_strndup(&m->facts->arena, from, (size_t)(slash - from)) : ".";
    const char *bracket = strchr(target, '[');
    const char *rel = ec_arena_strndup(&m->facts->arena, target,
                                       bracket ? (size_t)(bracket - target) : strlen(target));
    const char *joined;

    if (rel[0] != '.')
        return false;
    joined = ec_manifest_join(m, dir, rel);
    return joined && strcmp(joined, dir) == 0;
}

/* One logical line (continuations joined, comment removed). */
static void requirements_line(requirements *q, const char *path, unsigned line, char *s)
{
    ec_manifest *m = q->r->m;
    char *hash, *end;
    const char *evidence;
    ec_buf where = EC_BUF_INIT;

    for (hash = s; (hash = strchr(hash, '#')) != NULL; hash++)
        if (hash == s || isspace((unsigned char)hash[-1])) {
            *hash = '\0';
            break;
        }
    while (isspace((unsigned char)*s))
        s++;
    end = s + strlen(s);
    while (end > s && isspace((unsigned char)end[-1]))
        *--end = '\0';
    if (!*s)
        return;
    ec_buf_printf(&where, "%s:%u", path, line);
    evidence = ec_arena_strdup(&m->facts->arena, where.ptr);
    ec_buf_release(&where);
    if (strncmp(s, "-r", 2) == 0 || strncmp(s, "--requirement", 13) == 0) {
        s += strncmp(s, "-r", 2) == 0 ? 2 : 13;
        while (isspace((unsigned char)*s) || *s == '=')
            s++;
        include(q, path, line, s);
    } else if (strncmp(s, "-e", 2) == 0 || strncmp(s, "--editable", 10) == 0) {
        s += strncmp(s, "-e", 2) == 0 ? 2 : 10;
        while (isspace((unsigned char)*s) || *s == '=')
            s++;
        if (!is_own_directory(m, path, s))
            ec_manifest_dependency(m, s, "", ECOSYSTEM, q->scope, evidence);
    } else if (*s == '-') {
        return; /* pip options: indexes, constraints, hashes */
    } else if (strstr(s, "://") && !strchr(s, '@')) {
        ec_manifest_dependency(m, s, "", ECOSYSTEM, q->scope, evidence);
    } else {
        requirement(q->r, s, q->scope, evidence);
    }
}

static void requirements_text(requirements *q, const char *path, const char *text, size_t len)
{
    const char *p = text, *end = text + len;
    ec_buf logical = EC_BUF_INIT;
    unsigned line = 0, first = 0;

    ec_array_push(&q->seen, path);
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        size_t n;

        eol = eol ? eol : end;
        line++;
        if (!logical.len)
            first = line;
        n = (size_t)(eol - p);
        if (n && p[n - 1] == '\r')
            n--;
        ec_buf_add(&logical, p, n);
        p = eol < end ? eol + 1 : end;
        if (logical.len && logical.ptr[logical.len - 1] == '\\') {
            ec_buf_truncate(&logical, logical.len - 1);
            continue;
        }
        requirements_line(q, path, first, logical.ptr);
        ec_buf_reset(&logical);
    }
    if (logical.len)
        requirements_line(q, path, first, logical.ptr);
    ec_buf_release(&logical);
    q->seen.len--;
}

void ec_read_requirements(ec_manifest *m)
{
    reader r;
    requirements q = {&r, scope_of(m->path), EC_ARRAY_INIT};

    reader_init(&r, m);
    requirements_text(&q, m->path, m->text, m->len);
    ec_array_release(&q.seen);
    reader_release(&r);
}
