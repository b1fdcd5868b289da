/*
 * identity.c - name and version from the root's manifests (see identity.h).
 *
 * Each manifest has a small reader returning the literal name and version it
 * declares; the table at the bottom fixes their order. The readers are
 * deliberately shallow (one section, one key): they answer "what does this
 * project call itself", nothing more.
 */
#include "analyzer/identity.h"

#include <ctype.h>
#include <string.h>

#include <jansson.h>

#include "util/buf.h"
#include "util/fs.h"
#include "util/path.h"

#define MANIFEST_CAP (256 * 1024)

typedef struct {
    ec_buf name;
    ec_buf version;
    const char *name_key;
    const char *version_key;
} identity;

typedef void (*reader_fn)(const char *text, identity *out);

/* A version names a release: without a digit it is a macro or a variable
 * ("jq_version" in AC_INIT), not a literal. */
static bool looks_like_version(const char *s)
{
    return strpbrk(s, "0123456789") != NULL;
}

/* Copy a trimmed value; refuse what is not a plain literal. */
static void take(ec_buf *out, const char *value, size_t len)
{
    size_t i;

    while (len > 0 && isspace((unsigned char)value[len - 1]))
        len--;
    while (len > 0 && isspace((unsigned char)*value)) {
        value++;
        len--;
    }
    if (len == 0 || len > 200)
        return;
    for (i = 0; i < len; i++)
        if (value[i] == '$' || value[i] == '{' || value[i] == '(' || value[i] == '\n')
            return; /* computed, not declared */
    ec_buf_reset(out);
    ec_buf_add(out, value, len);
}

static void read_package_json(const char *text, identity *out)
{
    json_t *root = json_loads(text, 0, NULL);
    json_t *v;

    if (!json_is_object(root))
        goto cleanup;
    v = json_object_get(root, "name");
    if (json_is_string(v))
        take(&out->name, json_string_value(v), json_string_length(v));
    v = json_object_get(root, "version");
    if (json_is_string(v))
        take(&out->version, json_string_value(v), json_string_length(v));
    out->name_key = "name";
    out->version_key = "version";

cleanup:
    json_decref(root);
}

/* Value of `key = "value"` inside [section] of a TOML or INI text. */
static void ini_value(ec_buf *out, const char *text, const char *section, const char *key)
{
    const char *p = text;
    bool in_section = false;
    size_t klen = strlen(key), slen = strlen(section);

    while (*p) {
        const char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        const char *q = p;

        while (q < p + n && (*q == ' ' || *q == '\t'))
            q++;
        if (*q == '[') {
            in_section = strncmp(q + 1, section, slen) == 0 && q[1 + slen] == ']';
        } else if (in_section && strncmp(q, key, klen) == 0) {
            const char *v = q + klen, *end = p + n;

            while (v < end && (*v == ' ' || *v == '\t'))
                v++;
            if (v < end && (*v == '=' || *v == ':')) {
                v++;
                while (v < end && (*v == ' ' || *v == '\t'))
                    v++;
                if (v < end && (*v == '"' || *v == '\'')) {
                    const char *close = memchr(v + 1, *v, (size_t)(end - v - 1));
                    if (close)
                        take(out, v + 1, (size_t)(close - v - 1));
                } else {
                    take(out, v, (size_t)(end - v));
                }
                return;
            }
        }
        if (!eol)
            break;
        p = eol + 1;
    }
}

static void read_cargo_toml(const char *text, identity *out)
{
    ini_value(&out->name, text, "package", "name");
    ini_value(&out->version, text, "package", "version");
    out->name_key = "package.name";
    out->version_key = "package.version";
    if (!out->version.len) {
        ini_value(&out->version, text, "workspace.package", "version");
        out->version_key = "workspace.package.version";
    }
}

static void read_pyproject(const char *text, identity *out)
{
    ini_value(&out->name, text, "project", "name");
    ini_value(&out->version, text, "project", "version");
    out->name_key = "project.name";
    out->version_key = "project.version";
    if (!out->name.len) {
        ini_value(&out->name, text, "tool.poetry", "name");
        out->name_key = "tool.poetry.name";
    }
    if (!out->version.len) {
        ini_value(&out->version, text, "tool.poetry", "version");
        out->version_key = "tool.poetry.version";
    }
}

static void read_setup_cfg(const char *text, identity *out)
{
    ini_value(&out->name, text, "metadata", "name");
    ini_value(&out->version, text, "metadata", "version");
    out->name_key = "metadata.name";
    out->version_key = "metadata.version";
}

/* project(<name> [VERSION <v>] ...) — the first project() call. */
static void read_cmake(const char *text, identity *out)
{
    const char *p = text;

    while ((p = strstr(p, "project")) != NULL) {
        const char *q = p + 7, *start, *v;
        bool at_line_start = p == text || p[-1] == '\n' || p[-1] == ' ' || p[-1] == '\t';

        p = q;
        while (*q == ' ' || *q == '\t')
            q++;
        if (!at_line_start || *q != '(')
            continue;
        q++;
        while (isspace((unsigned char)*q))
            q++;
        start = q;
        while (*q && !isspace((unsigned char)*q) && *q != ')')
            q++;
        take(&out->name, start, (size_t)(q - start));
        v = strstr(q, "VERSION");
        if (v && (!strchr(q, ')') || v < strchr(q, ')'))) {
            v += 7;
            while (isspace((unsigned char)*v))
                v++;
            start = v;
            while (*v && (isalnum((unsigned char)*v) || *v == '.'))
                v++;
            take(&out->version, start, (size_t)(v - start));
        }
        break;
    }
    out->name_key = "project";
    out->version_key = "project.VERSION";
}

/* One "[literal]" m4 argument at *p; advances past it and a following ','. */
static bool m4_argument(const char **p, const char **arg, size_t *len)
{
    const char *q = *p, *end;

    while (isspace((unsigned char)*q))
        q++;
    if (*q != '[')
        return false;
    end = strchr(q + 1, ']');
    if (!end)
        return false;
    *arg = q + 1;
    *len = (size_t)(end - q - 1);
    q = end + 1;
    while (isspace((unsigned char)*q))
        q++;
    if (*q == ',')
        q++;
    *p = q;
    return true;
}

/* AC_INIT([name], [version], ...) with literal arguments only. */
static void read_configure_ac(const char *text, identity *out)
{
    const char *p = strstr(text, "AC_INIT(");
    const char *arg;
    size_t len;

    if (!p)
        return;
    p += 8;
    out->name_key = "AC_INIT";
    out->version_key = "AC_INIT";
    if (!m4_argument(&p, &arg, &len))
        return;
    take(&out->name, arg, len);
    if (m4_argument(&p, &arg, &len))
        take(&out->version, arg, len);
}

/* module example.com/org/name[/vN] -> name */
static void read_go_mod(const char *text, identity *out)
{
    const char *p = strstr(text, "module ");
    const char *end, *last, *prev;

    if (!p || (p != text && p[-1] != '\n'))
        return;
    p += 7;
    while (*p == ' ')
        p++;
    end = p;
    while (*end && !isspace((unsigned char)*end))
        end++;
    last = end;
    while (last > p && last[-1] != '/')
        last--;
    if (last > p && last[0] == 'v' && isdigit((unsigned char)last[1])) {
        prev = last - 1; /* a major-version suffix: the name is before it */
        end = prev;
        last = prev;
        while (last > p && last[-1] != '/')
            last--;
    }
    take(&out->name, last, (size_t)(end - last));
    out->name_key = "module";
}

static const struct {
    const char *file;
    reader_fn read;
} manifests[] = {
    {"package.json", read_package_json},
    {"Cargo.toml", read_cargo_toml},
    {"pyproject.toml", read_pyproject},
    {"setup.cfg", read_setup_cfg},
    {"CMakeLists.txt", read_cmake},
    {"configure.ac", read_configure_ac},
    {"go.mod", read_go_mod},
};

static const char *evidence(ec_facts *facts, const char *file, const char *key)
{
    ec_buf b = EC_BUF_INIT;
    const char *s;

    ec_buf_printf(&b, "manifest:%s#%s", file, key);
    s = ec_arena_strdup(&facts->arena, b.ptr);
    ec_buf_release(&b);
    return s;
}

void ec_identity_read(ec_facts *facts, const ec_repo *repo)
{
    ec_buf path = EC_BUF_INIT, text;
    size_t i;

    ec_buf_init(&text, MANIFEST_CAP);
    for (i = 0; i < sizeof(manifests) / sizeof(manifests[0]); i++) {
        identity id = {EC_BUF_INIT, EC_BUF_INIT, "", ""};

        ec_path_join(&path, repo->root, manifests[i].file);
        ec_buf_reset(&text);
        if (ec_fs_read_file(&text, path.ptr) < 0)
            continue;
        manifests[i].read(text.ptr, &id);
        if (!facts->name.name[0] && id.name.len) {
            facts->name.name = ec_arena_strdup(&facts->arena, id.name.ptr);
            facts->name.evidence = evidence(facts, manifests[i].file, id.name_key);
        }
        if (!facts->version.name[0] && id.version.len && looks_like_version(id.version.ptr)) {
            facts->version.name = ec_arena_strdup(&facts->arena, id.version.ptr);
            facts->version.evidence = evidence(facts, manifests[i].file, id.version_key);
        }
        ec_buf_release(&id.name);
        ec_buf_release(&id.version);
    }
    if (!facts->name.name[0])
        facts->name.name = ec_arena_strdup(&facts->arena, ec_path_basename(repo->root));
    /* describe names a version only when a tag exists; a bare abbreviated
     * commit id is a revision, not a version. */
    if (!facts->version.name[0] && facts->describe[0] &&
        strncmp(facts->describe, facts->revision, strlen(facts->describe)) != 0) {
        ec_buf b = EC_BUF_INIT;
        ec_buf_printf(&b, "commit:%s", facts->revision);
        facts->version.name = facts->describe;
        facts->version.evidence = ec_arena_strdup(&facts->arena, b.ptr);
        ec_buf_release(&b);
    }
    ec_buf_release(&path);
    ec_buf_release(&text);
}
