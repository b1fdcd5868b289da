/*
 * manifest_java.c - Maven and Gradle builds: pom.xml, build.gradle(.kts),
 * settings.gradle(.kts).
 *
 * pom.xml is parsed with libxml2, without the network, without entity
 * substitution and without a DTD at all: a pom has no use for one, and a DTD
 * is how entity bombs are built, so a document declaring one is refused.
 * libxml2's own depth limit (256) bounds nesting. What a module builds
 * follows its packaging: jar a library, war a service, pom an aggregator
 * that builds nothing itself (its <modules> have their own pom.xml). A jar
 * built by spring-boot-maven-plugin is a program: a service when it depends
 * on a Spring web starter, else an executable. Dependencies of the "maven"
 * ecosystem are named groupId:artifactId, versions with ${properties}
 * resolved from the pom's own <properties> and project.version; Maven's
 * scopes map to ours: compile and runtime to runtime, test to test, provided
 * and system to build, <optional> to optional. A dependency on an artifact
 * another pom.xml of the repository builds is a relation, not a dependency.
 *
 * Gradle scripts are programs, so they are read conservatively as text:
 * plugins (application, java-library, war, Spring Boot, Android) say what
 * the project builds; dependencies { conf("g:a:v") } with string
 * coordinates are dependencies (the configuration's name gives the scope),
 * conf(project(":core")) a relation; anything else is left alone. Projects
 * are named after their directory (the root: rootProject.name in the
 * settings, when given). settings.gradle's include(...) lists the modules:
 * one with sources but no build script of its own (configured from the
 * root) is a library.
 */
#include <ctype.h>
#include <fnmatch.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "analyzer/manifest_readers.h"
#include "util/buf.h"
#include "util/path.h"
#include "util/strlist.h"

#define ECOSYSTEM "maven"
#define RELATION  "Maven module"

/* ---- pom.xml ------------------------------------------------------------------- */

static bool named(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static xmlNode *child(const xmlNode *n, const char *name)
{
    xmlNode *c;

    for (c = n ? n->children : NULL; c; c = c->next)
        if (named(c, name))
            return c;
    return NULL;
}

/* An element's text, trimmed, in the arena; NULL when the element is missing. */
static const char *text_of(ec_manifest *m, const xmlNode *n)
{
    xmlChar *s;
    const char *p, *e, *out;

    if (!n)
        return NULL;
    s = xmlNodeGetContent(n);
    if (!s)
        return NULL;
    for (p = (const char *)s; isspace((unsigned char)*p); p++)
        ;
    for (e = p + strlen(p); e > p && isspace((unsigned char)e[-1]); e--)
        ;
    out = ec_arena_strndup(&m->facts->arena, p, (size_t)(e - p));
    xmlFree(s);
    return out;
}

typedef struct {
    ec_manifest *m;
    xmlNode *project;
    const char *artifact, *group, *version;
    EC_ARRAY(const char *) siblings; /* artifactIds other poms of the repository build */
} pom;

/* s with ${name} replaced from <properties>, project.version and
 * project.groupId; unknown ones are kept as written. */
static const char *resolve(pom *p, const char *s)
{
    ec_buf out = EC_BUF_INIT, key = EC_BUF_INIT;
    const char *q = s, *open, *close, *value;

    if (!s || !strstr(s, "${"))
        return s;
    while ((open = strstr(q, "${")) != NULL && (close = strchr(open, '}')) != NULL) {
        ec_buf_add(&out, q, (size_t)(open - q));
        ec_buf_reset(&key);
        ec_buf_add(&key, open + 2, (size_t)(close - open - 2));
        value = strcmp(key.ptr, "project.version") == 0   ? p->version
                : strcmp(key.ptr, "project.groupId") == 0 ? p->group
                                                          : NULL;
        if (!value) {
            value = text_of(p->m, child(child(p->project, "properties"), key.ptr));
            if (value && strstr(value, "${"))
                value = NULL; /* one level only: no expansion loops */
        }
        if (value)
            ec_buf_puts(&out, value);
        else
            ec_buf_add(&out, open, (size_t)(close + 1 - open));
        q = close + 1;
    }
    ec_buf_puts(&out, q);
    s = ec_arena_strdup(&p->m->facts->arena, out.ptr);
    ec_buf_release(&out);
    ec_buf_release(&key);
    return s;
}

/* The artifactId a pom's text declares for itself (the first one outside
 * <parent>), and whether it is an aggregator; cheap, no parse. */
static bool own_artifact(const char *text, ec_buf *out, bool *aggregator)
{
    const char *parent = strstr(text, "<parent>");
    const char *parent_end = parent ? strstr(parent, "</parent>") : NULL;
    const char *p = text, *start, *end;

    *aggregator = strstr(text, "<packaging>pom</packaging>") != NULL;
    while ((start = strstr(p, "<artifactId>")) != NULL) {
        start += 12;
        end = strstr(start, "</artifactId>");
        if (!end)
            return false;
        if (!(parent && parent_end && start > parent && start < parent_end)) {
            ec_buf_reset(out);
            ec_buf_add(out, start, (size_t)(end - start));
            return true;
        }
        p = end;
    }
    return false;
}

/* The artifacts the other pom.xml files of the repository build. */
static void sibling_artifacts(pom *p)
{
    const ec_facts *f = p->m->facts;
    ec_buf text = EC_BUF_INIT, id = EC_BUF_INIT;
    size_t i;

    for (i = 0; i < f->files.len; i++) {
        const char *path = f->files.items[i].path;
        bool aggregator;

        if (strcmp(ec_path_basename(path), "pom.xml") != 0 || strcmp(path, p->m->path) == 0)
            continue;
        if (ec_manifest_read_file(p->m, path, &text) == 0 &&
            own_artifact(text.ptr, &id, &aggregator) && !aggregator)
            ec_array_push(&p->siblings, ec_arena_strdup(&p->m->facts->arena, id.ptr));
        ec_buf_release(&text);
    }
    ec_buf_release(&id);
}

static bool is_sibling(const pom *p, const char *artifact)
{
    size_t i;

    for (i = 0; i < p->siblings.len; i++)
        if (strcmp(p->siblings.items[i], artifact) == 0)
            return true;
    return false;
}

static const char *maven_scope(const char *scope, bool optional)
{
    if (optional)
        return "optional";
    if (!scope || !scope[0] || strcmp(scope, "compile") == 0 || strcmp(scope, "runtime") == 0)
        return "runtime";
    if (strcmp(scope, "provided") == 0 || strcmp(scope, "system") == 0)
        return "build";
    return scope; /* test, import */
}

static void pom_dependencies(pom *p, const char *from)
{
    ec_manifest *m = p->m;
    xmlNode *d;
    ec_buf name = EC_BUF_INIT;

    for (d = child(child(p->project, "dependencies"), "dependency"); d; d = d->next) {
        const char *group, *artifact, *version, *scope, *optional, *evidence;

        if (!named(d, "dependency"))
            continue;
        group = resolve(p, text_of(m, child(d, "groupId")));
        artifact = resolve(p, text_of(m, child(d, "artifactId")));
        version = resolve(p, text_of(m, child(d, "version")));
        scope = text_of(m, child(d, "scope"));
        optional = text_of(m, child(d, "optional"));
        evidence = ec_manifest_line(m, (unsigned)xmlGetLineNo(d));
        if (!artifact) {
            ec_manifest_error(m, (unsigned)xmlGetLineNo(d), "a dependency without artifactId");
            continue;
        }
        if (from && is_sibling(p, artifact)) {
            ec_manifest_relation(m, from, artifact, "uses", RELATION, evidence);
            continue;
        }
        ec_buf_reset(&name);
        ec_buf_printf(&name, "%s:%s", group ? group : "", artifact);
        ec_manifest_dependency(m, name.ptr, version ? version : "", ECOSYSTEM,
                               maven_scope(scope, optional && strcmp(optional, "true") == 0),
                               evidence);
    }
    ec_buf_release(&name);
}

/* Whether the build has the plugin of that artifactId. */
static bool has_plugin(const pom *p, const char *artifact)
{
    xmlNode *plugin;

    for (plugin = child(child(child(p->project, "build"), "plugins"), "plugin"); plugin;
         plugin = plugin->next) {
        xmlChar *s;
        bool hit;

        if (!named(plugin, "plugin") || !child(plugin, "artifactId"))
            continue;
        s = xmlNodeGetContent(child(plugin, "artifactId"));
        hit = s && strcmp((const char *)s, artifact) == 0;
        xmlFree(s);
        if (hit)
            return true;
    }
    return false;
}

static bool depends_on_web_starter(pom *p)
{
    xmlNode *d;

    for (d = child(child(p->project, "dependencies"), "dependency"); d; d = d->next) {
        const char *a = named(d, "dependency") ? text_of(p->m, child(d, "artifactId")) : NULL;

        if (a && (strncmp(a, "spring-boot-starter-web", 23) == 0 ||
                  strcmp(a, "spring-boot-starter-webmvc") == 0))
            return true;
    }
    return false;
}

/* The container the packaging makes; NULL for an aggregator. */
static const char *pom_container(pom *p)
{
    ec_manifest *m = p->m;
    const char *packaging = text_of(m, child(p->project, "packaging"));
    const char *kind = "library", *key = "packaging";

    if (!packaging)
        key = "artifactId";
    if (packaging && strcmp(packaging, "pom") == 0)
        return NULL;
    if (packaging && (strcmp(packaging, "war") == 0 || strcmp(packaging, "ear") == 0)) {
        kind = "service";
    } else if (has_plugin(p, "spring-boot-maven-plugin")) {
        kind = depends_on_web_starter(p) ? "service" : "executable";
        key = "build.plugins.spring-boot-maven-plugin";
    }
    ec_manifest_container(m, p->artifact, kind, "Java", m->dir, ec_manifest_key(m, key));
    return p->artifact;
}

/* Each <module> should be a directory with a listed pom.xml. */
static void pom_modules(pom *p)
{
    ec_manifest *m = p->m;
    xmlNode *mod;
    ec_buf path = EC_BUF_INIT;

    for (mod = child(child(p->project, "modules"), "module"); mod; mod = mod->next) {
        const char *name = named(mod, "module") ? text_of(m, mod) : NULL;
        const char *dir = name ? ec_manifest_join(m, m->dir, name) : NULL;

        if (!name)
            continue;
        ec_buf_reset(&path);
        if (dir && fnmatch("*.xml", dir, 0) == 0) /* a module may name its pom file */
            ec_buf_puts(&path, dir);
        else if (dir && strcmp(dir, ".") == 0)
            ec_buf_puts(&path, "pom.xml");
        else if (dir)
            ec_buf_printf(&path, "%s/pom.xml", dir);
        if (m->facts->files.len && (!dir || !ec_facts_has_file(m->facts, path.ptr)))
            ec_manifest_error(m, (unsigned)xmlGetLineNo(mod), "module '%s' has no pom.xml", name);
    }
    ec_buf_release(&path);
}

/* The first error libxml2 reports, kept with its line. */
typedef struct {
    int line;
    ec_buf message;
} first_error;

static void on_xml_error(void *ctx, xmlErrorPtr error)
{
    first_error *first = ctx;
    size_t n;

    if (first->message.len || !error || !error->message)
        return;
    first->line = error->line;
    ec_buf_puts(&first->message, error->message);
    n = first->message.len;
    while (n && isspace((unsigned char)first->message.ptr[n - 1]))
        n--;
    ec_buf_truncate(&first->message, n);
}

void ec_read_pom(ec_manifest *m)
{
    first_error first = {0, EC_BUF_INIT};
    xmlDoc *doc;
    pom p;
    const char *from;

    if (memmem(m->text, m->len, "<!DOCTYPE", 9) || memmem(m->text, m->len, "<!ENTITY", 8)) {
        ec_manifest_error(m, 0, "a DTD or entity declaration is not accepted: not read");
        return;
    }
    xmlInitParser();
    xmlSetStructuredErrorFunc(&first, on_xml_error);
    doc = xmlReadMemory(m->text, (int)m->len, m->path, NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                            XML_PARSE_NOCDATA | XML_PARSE_RECOVER);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (first.message.len)
        ec_manifest_error(m, first.line > 0 ? (unsigned)first.line : 0, "%s", first.message.ptr);
    memset(&p, 0, sizeof(p));
    p.m = m;
    p.project = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!named(p.project, "project")) {
        if (doc && !first.message.len)
            ec_manifest_error(m, 1, "the root element is not <project>");
        goto cleanup;
    }
    p.artifact = text_of(m, child(p.project, "artifactId"));
    p.group = text_of(m, child(p.project, "groupId"));
    if (!p.group)
        p.group = text_of(m, child(child(p.project, "parent"), "groupId"));
    p.version = text_of(m, child(p.project, "version"));
    if (!p.version)
        p.version = text_of(m, child(child(p.project, "parent"), "version"));
    if (!p.artifact) {
        ec_manifest_error(m, (unsigned)xmlGetLineNo(p.project), "no artifactId");
        goto cleanup;
    }
    sibling_artifacts(&p);
    from = pom_container(&p);
    pom_modules(&p);
    pom_dependencies(&p, from);
cleanup:
    ec_array_release(&p.siblings);
    ec_buf_release(&first.message);
    xmlFreeDoc(doc);
}

/* ---- Gradle -------------------------------------------------------------------- */

/* Line of the byte at pos. */
static unsigned line_of(const char *text, const char *pos)
{
    unsigned line = 1;

    for (; text < pos; text++)
        line += *text == '\n';
    return line;
}

/* The body of the first top-level `name {` block, or NULL; *end set. */
static const char *block(const char *text, size_t len, const char *name, const char **end)
{
    const char *p = text, *stop = text + len;
    size_t n = strlen(name);

    while ((p = memmem(p, (size_t)(stop - p), name, n)) != NULL) {
        const char *q = p + n;
        int depth = 0;

        if (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == '.')) {
            p = q;
            continue;
        }
        while (q < stop && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'))
            q++;
        if (q >= stop || *q != '{') {
            p = q;
            continue;
        }
        for (*end = q; *end < stop; (*end)++) {
            if (**end == '{')
                depth++;
            else if (**end == '}' && --depth == 0)
                return q + 1;
        }
        return q + 1; /* not closed: the rest of the file */
    }
    return NULL;
}

/* The next quoted string at or after p (before end) into out. */
static const char *quoted(const char *p, const char *end, ec_buf *out)
{
    const char *q;

    while (p < end && *p != '"' && *p != '\'')
        p++;
    if (p >= end)
        return NULL;
    q = memchr(p + 1, *p, (size_t)(end - p - 1));
    if (!q)
        return NULL;
    ec_buf_reset(out);
    ec_buf_add(out, p + 1, (size_t)(q - p - 1));
    return q + 1;
}

/* Whether the quoted plugin id occurs on a line that does not say
 * `apply false` (declared for subprojects, not applied here). */
static bool applied_at(const char *text, size_t len, const char *quoted_id)
{
    const char *p = text, *end = text + len;
    size_t n = strlen(quoted_id);

    while ((p = memmem(p, (size_t)(end - p), quoted_id, n)) != NULL) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));

        eol = eol ? eol : end;
        if (!memmem(p, (size_t)(eol - p), "apply false", 11) &&
            !memmem(p, (size_t)(eol - p), "apply(false)", 12))
            return true;
        p = eol;
    }
    return false;
}

static bool plugin_applied(const char *text, size_t len, const char *id)
{
    const char *end, *body = block(text, len, "plugins", &end);
    ec_buf quoted_id = EC_BUF_INIT;
    bool hit = false;

    ec_buf_printf(&quoted_id, "'%s'", id);
    hit = applied_at(text, len, quoted_id.ptr);
    ec_buf_reset(&quoted_id);
    ec_buf_printf(&quoted_id, "\"%s\"", id);
    hit = hit || applied_at(text, len, quoted_id.ptr);
    if (!hit && body && !strchr(id, '.')) { /* Kotlin DSL: a bare `application` line */
        const char *p = body;

        while (!hit && (p = memmem(p, (size_t)(end - p), id, strlen(id))) != NULL) {
            const char *after = p + strlen(id);

            hit = (p == body || isspace((unsigned char)p[-1]) || p[-1] == '`') &&
                  (after >= end || isspace((unsigned char)*after) || *after == '`');
            p = after;
        }
    }
    ec_buf_release(&quoted_id);
    return hit;
}

/* The name of the Gradle project in m->dir: its directory's, or for the
 * root rootProject.name from the settings beside it, else the root's
 * directory name. */
static const char *gradle_project_name(ec_manifest *m, bool *from_dir)
{
    static const char *const settings[] = {"settings.gradle", "settings.gradle.kts"};
    ec_buf text = EC_BUF_INIT, name = EC_BUF_INIT;
    const char *out = NULL;
    size_t i;

    *from_dir = true;
    if (strcmp(m->dir, ".") != 0)
        return ec_path_basename(m->dir);
    for (i = 0; i < 2 && !out; i++) {
        const char *at;

        if (ec_manifest_read_file(m, settings[i], &text) == 0 &&
            (at = strstr(text.ptr, "rootProject.name")) != NULL &&
            quoted(at, text.ptr + text.len, &name) && name.len) {
            out = ec_arena_strdup(&m->facts->arena, name.ptr);
            *from_dir = false;
        }
        ec_buf_release(&text);
    }
    ec_buf_release(&name);
    if (!out)
        out = m->root[0] ? ec_path_basename(m->root) : "root";
    return out;
}

/* Configuration names to scopes. */
static const char *gradle_scope(const char *conf)
{
    if (strstr(conf, "test") || strstr(conf, "Test"))
        return "test";
    if (strstr(conf, "compileOnly") || strstr(conf, "CompileOnly") ||
        strstr(conf, "annotationProcessor") || strcmp(conf, "kapt") == 0 ||
        strcmp(conf, "ksp") == 0)
        return "build";
    if (strcmp(conf, "developmentOnly") == 0)
        return "dev";
    return "runtime";
}

static bool is_configuration(const char *w)
{
    static const char *const confs[] = {"implementation",
                                        "api",
                                        "compileOnly",
                                        "runtimeOnly",
                                        "compile",
                                        "runtime",
                                        "testImplementation",
                                        "testRuntimeOnly",
                                        "testCompileOnly",
                                        "testCompile",
                                        "annotationProcessor",
                                        "kapt",
                                        "ksp",
                                        "developmentOnly",
                                        "testFixturesApi",
                                        "testFixturesImplementation",
                                        NULL};
    return ec_str_in(w, confs);
}

/* A project path ":a:b" as the directory a/b under the build's root. */
static const char *project_dir(ec_manifest *m, const char *root, const char *path)
{
    ec_buf dir = EC_BUF_INIT;
    const char *p, *out;

    for (p = path; *p == ':'; p++)
        ;
    for (; *p; p++)
        ec_buf_putc(&dir, *p == ':' ? '/' : *p);
    out = ec_manifest_join(m, root, dir.len ? dir.ptr : ".");
    ec_buf_release(&dir);
    return out ? out : "";
}

/* Whether dir has a settings script that includes projects. */
static bool includes_projects(ec_manifest *m, const char *dir)
{
    static const char *const names[] = {"settings.gradle", "settings.gradle.kts"};
    ec_buf path = EC_BUF_INIT, text = EC_BUF_INIT;
    bool found = false;
    size_t i;

    for (i = 0; i < 2 && !found; i++) {
        ec_buf_reset(&path);
        if (strcmp(dir, ".") == 0)
            ec_buf_puts(&path, names[i]);
        else
            ec_buf_printf(&path, "%s/%s", dir, names[i]);
        if (ec_manifest_read_file(m, path.ptr, &text) == 0)
            found = strstr(text.ptr, "include") != NULL;
        ec_buf_release(&text);
    }
    ec_buf_release(&path);
    return found;
}

/* The root of the multi-project build m->dir belongs to: the nearest
 * directory at or above it whose settings include projects (a module may
 * carry its own settings for building alone); else m->dir. */
static const char *gradle_root(ec_manifest *m)
{
    ec_buf dir = EC_BUF_INIT;
    const char *out = m->dir;

    ec_buf_puts(&dir, m->dir);
    for (;;) {
        const char *slash = strrchr(dir.ptr, '/');

        if (includes_projects(m, dir.ptr)) {
            out = ec_arena_strdup(&m->facts->arena, dir.ptr);
            break;
        }
        if (strcmp(dir.ptr, ".") == 0)
            break;
        if (slash) {
            ec_buf_truncate(&dir, (size_t)(slash - dir.ptr));
        } else {
            ec_buf_reset(&dir);
            ec_buf_puts(&dir, ".");
        }
    }
    ec_buf_release(&dir);
    return out;
}

/* The string a script binds to name at the start of a line: `ext.name =
 * "..."`, `val name = "..."`, `def name = '...'` or `name = "..."`; NULL
 * when there is none. */
static const char *bound_string(ec_manifest *m, const char *name, size_t len)
{
    static const char *const prefixes[] = {"ext.", "val ", "def ", "var ", "", NULL};
    const char *p = m->text, *end = m->text + m->len, *eol;
    ec_buf value = EC_BUF_INIT;
    const char *out = NULL;
    size_t i;

    for (; p < end && !out; p = eol + 1) {
        eol = memchr(p, '\n', (size_t)(end - p));
        eol = eol ? eol : end;
        while (p < eol && (*p == ' ' || *p == '\t'))
            p++;
        for (i = 0; prefixes[i] && !out; i++) {
            size_t n = strlen(prefixes[i]);
            const char *q = p + n + len;

            if ((size_t)(eol - p) <= n + len || memcmp(p, prefixes[i], n) != 0 ||
                memcmp(p + n, name, len) != 0)
                continue;
            while (q < eol && (*q == ' ' || *q == '\t'))
                q++;
            if (q < eol && *q == '=' && quoted(q, eol, &value))
                out = ec_arena_strdup(&m->facts->arena, value.ptr);
        }
    }
    ec_buf_release(&value);
    return out;
}

/* ${name} and $name in s replaced by what the script binds them to; left as
 * written when it binds them to anything else. */
static void interpolate(ec_manifest *m, ec_buf *s)
{
    ec_buf out = EC_BUF_INIT;
    const char *p = s->ptr;

    if (!strchr(p, '$'))
        return;
    while (*p) {
        const char *start = p + 1, *stop, *value;
        bool braces = *start == '{';

        if (*p != '$') {
            ec_buf_putc(&out, *p++);
            continue;
        }
        start += braces;
        for (stop = start; isalnum((unsigned char)*stop) || *stop == '_' || *stop == '.';)
            stop++;
        value = stop > start && (!braces || *stop == '}')
                    ? bound_string(m, start, (size_t)(stop - start))
                    : NULL;
        if (value) {
            ec_buf_puts(&out, value);
            p = stop + braces;
        } else {
            ec_buf_putc(&out, *p++);
        }
    }
    ec_buf_reset(s);
    ec_buf_puts(s, out.ptr);
    ec_buf_release(&out);
}

/* One statement `conf(...)` or `conf '...'` of a dependencies block. */
static void gradle_statement(ec_manifest *m, const char *conf, const char *p, const char *eol,
                             const char *from, unsigned line)
{
    ec_buf s = EC_BUF_INIT;
    const char *proj = memmem(p, (size_t)(eol - p), "project(", 8), *first;

    if (proj && quoted(proj, eol, &s)) {
        if (from)
            ec_manifest_relation(m, from, project_dir(m, gradle_root(m), s.ptr), "uses",
                                 "Gradle project", ec_manifest_line(m, line));
    } else if (quoted(p, eol, &s) && strchr(s.ptr, ':')) {
        const char *last;

        interpolate(m, &s);
        last = strrchr(s.ptr, ':');
        first = strchr(s.ptr, ':');
        if (first != last) { /* group:artifact:version */
            ec_buf name = EC_BUF_INIT;

            ec_buf_add(&name, s.ptr, (size_t)(last - s.ptr));
            ec_manifest_dependency(m, name.ptr, last + 1, ECOSYSTEM, gradle_scope(conf),
                                   ec_manifest_line(m, line));
            ec_buf_release(&name);
        } else {
            ec_manifest_dependency(m, s.ptr, "", ECOSYSTEM, gradle_scope(conf),
                                   ec_manifest_line(m, line));
        }
    }
    ec_buf_release(&s);
}

static void gradle_dependencies(ec_manifest *m, const char *from)
{
    const char *end, *body = block(m->text, m->len, "dependencies", &end);
    const char *p = body;
    ec_buf word = EC_BUF_INIT;

    while (p && p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p)), *w;

        eol = eol ? eol : end;
        while (p < eol && isspace((unsigned char)*p))
            p++;
        for (w = p; w < eol && (isalnum((unsigned char)*w) || *w == '_');)
            w++;
        ec_buf_reset(&word);
        ec_buf_add(&word, p, (size_t)(w - p));
        if (word.len && is_configuration(word.ptr))
            gradle_statement(m, word.ptr, w, eol, from, line_of(m->text, p));
        p = eol + 1;
    }
    ec_buf_release(&word);
}

/* What a project builds, by the first plugin of this table it applies. */
static const struct {
    const char *plugin, *kind;
} gradle_plugins[] = {
    {"application", "executable"},
    {"org.springframework.boot", "executable"}, /* a service with a web starter */
    {"war", "service"},
    {"com.android.application", "executable"},
    {"java-library", "library"},
    {"com.android.library", "library"},
    {"java", "library"},
};

void ec_read_gradle(ec_manifest *m)
{
    const char *kind = NULL, *name;
    bool from_dir;
    ec_buf key = EC_BUF_INIT;
    ec_container_fact *c;
    size_t i;

    for (i = 0; i < sizeof(gradle_plugins) / sizeof(*gradle_plugins) && !kind; i++) {
        if (!plugin_applied(m->text, m->len, gradle_plugins[i].plugin))
            continue;
        kind = gradle_plugins[i].kind;
        ec_buf_printf(&key, "plugins.%s", gradle_plugins[i].plugin);
        if (strcmp(gradle_plugins[i].plugin, "org.springframework.boot") == 0 &&
            memmem(m->text, m->len, "spring-boot-starter-web", 23))
            kind = "service";
    }
    name = gradle_project_name(m, &from_dir);
    if (kind) {
        c = ec_manifest_container(m, name, kind, "Java", m->dir, ec_manifest_key(m, key.ptr));
        c->name_from_dir = from_dir;
    }
    gradle_dependencies(m, kind ? m->dir : NULL);
    ec_buf_release(&key);
}

/* include(":a", ":b:c") or include 'a', 'b': each module's directory. */
void ec_read_gradle_settings(ec_manifest *m)
{
    const char *p = m->text, *end = m->text + m->len;
    ec_buf s = EC_BUF_INIT, probe = EC_BUF_INIT;

    while ((p = memmem(p, (size_t)(end - p), "include", 7)) != NULL) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *q = p + 7;

        eol = eol ? eol : end;
        if ((p > m->text && (isalnum((unsigned char)p[-1]) || p[-1] == '.')) ||
            (q < eol && (isalnum((unsigned char)*q) || *q == '_'))) {
            p = q; /* includeBuild, includeFlat, ... */
            continue;
        }
        while ((q = quoted(q, eol, &s)) != NULL) {
            const char *dir = project_dir(m, m->dir, s.ptr);
            bool scripted;

            if (!dir[0])
                continue;
            ec_buf_reset(&probe);
            ec_buf_printf(&probe, "%s/build.gradle", dir);
            scripted = ec_facts_has_file(m->facts, probe.ptr);
            ec_buf_puts(&probe, ".kts");
            scripted = scripted || ec_facts_has_file(m->facts, probe.ptr);
            ec_buf_reset(&probe);
            ec_buf_printf(&probe, "%s/src/main/*", dir);
            if (!scripted) {
                size_t i;

                for (i = 0; i < m->facts->files.len; i++)
                    if (fnmatch(probe.ptr, m->facts->files.items[i].path, 0) == 0)
                        break;
                if (i < m->facts->files.len) {
                    ec_container_fact *c =
                        ec_manifest_container(m, ec_path_basename(dir), "library", "Java", dir,
                                              ec_manifest_line(m, line_of(m->text, p)));
                    c->name_from_dir = true;
                }
            }
        }
        p = eol;
    }
    ec_buf_release(&s);
    ec_buf_release(&probe);
}
