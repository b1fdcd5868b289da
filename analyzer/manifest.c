/*
 * manifest.c - which reader reads which file, and the helpers readers record
 * facts with (see manifest.h).
 */
#include "analyzer/manifest.h"

#include <fnmatch.h>
#include <string.h>
#include <strings.h>

#include "analyzer/manifest_readers.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/path.h"
#include "util/strlist.h"

/* A pattern with a '/' is matched against the whole root-relative path,
 * else against the file name; fnmatch(3) syntax. */
static const struct {
    const char *pattern;
    ec_manifest_reader read;
} readers[] = {
    {"go.mod", ec_read_go_mod},
    {"package.json", ec_read_package_json},
    {"CMakeLists.txt", ec_read_cmake},
    {"Makefile", ec_read_makefile},
    {"GNUmakefile", ec_read_makefile},
    {"makefile", ec_read_makefile},
    {"*.mk", ec_read_makefile},
    {"Makefile.am", ec_read_automake},
    {"configure.ac", ec_read_configure_ac},
    {"configure.in", ec_read_configure_ac},
    {"pyproject.toml", ec_read_pyproject},
    {"setup.cfg", ec_read_setup_cfg},
    {"setup.py", ec_read_setup_py},
    {"*requirements*.txt", ec_read_requirements},
    {"requirements/*.txt", ec_read_requirements},
    {"*/requirements/*.txt", ec_read_requirements},
    {"Cargo.toml", ec_read_cargo_toml},
    {"pom.xml", ec_read_pom},
    {"build.gradle", ec_read_gradle},
    {"build.gradle.kts", ec_read_gradle},
    {"settings.gradle", ec_read_gradle_settings},
    {"settings.gradle.kts", ec_read_gradle_settings},
    {"docker-compose.yml", ec_read_compose},
    {"docker-compose.yaml", ec_read_compose},
    {"docker-compose.*.yml", ec_read_compose},
    {"docker-compose.*.yaml", ec_read_compose},
    {"compose.yml", ec_read_compose},
    {"compose.yaml", ec_read_compose},
    {"compose.*.yml", ec_read_compose},
    {"compose.*.yaml", ec_read_compose},
    {"Dockerfile", ec_read_dockerfile},
    {"Dockerfile.*", ec_read_dockerfile},
    {"*.Dockerfile", ec_read_dockerfile},
    {"*.dockerfile", ec_read_dockerfile},
    {"Containerfile", ec_read_dockerfile},
    {"Procfile", ec_read_procfile},
    {"*.service", ec_read_systemd_unit},
    {".env.example", ec_read_env_example},
    {".env.sample", ec_read_env_example},
    {".env.template", ec_read_env_example},
    {".env.dist", ec_read_env_example},
    {"example.env", ec_read_env_example},
    {"CODEOWNERS", ec_read_codeowners},
    {"Chart.yaml", ec_read_helm_chart},
    {"*.proto", ec_read_proto},
    {".github/workflows/*.yml", ec_read_github_workflow},
    {".github/workflows/*.yaml", ec_read_github_workflow},
    {".gitlab-ci.yml", ec_read_gitlab_ci},
    /* Last: YAML files no reader above claimed may be Kubernetes objects. */
    {"*.yaml", ec_read_kubernetes},
    {"*.yml", ec_read_kubernetes},
};

/* Manifests of test fixtures describe inputs of the tests, and those of a
 * development container (.devcontainer/) the developer's machine, not parts
 * of the system: a directory of one of these names holds no containers. */
static const char *const test_dirs[] = {"test",         "tests",         "__tests__",
                                        "__fixtures__", "fixtures",      "testdata",
                                        "__mocks__",    ".devcontainer", NULL};

/* A manifest named for tests ("docker-compose.test.yml", "Dockerfile.e2e")
 * sets up the tests' surroundings, not the system. */
static bool named_for_tests(const char *path)
{
    const char *base = ec_path_basename(path), *p = base;
    static const char *const words[] = {"test", "tests", "e2e", NULL};
    size_t i;

    while (*p) {
        size_t n = strcspn(p, ".-_");

        for (i = 0; words[i]; i++)
            if (p != base && strlen(words[i]) == n && strncasecmp(p, words[i], n) == 0)
                return true;
        p += n;
        p += strspn(p, ".-_");
    }
    return false;
}

static bool in_test_dir(const char *path)
{
    const char *p = path, *slash;
    size_t i;

    for (; (slash = strchr(p, '/')) != NULL; p = slash + 1)
        for (i = 0; test_dirs[i]; i++)
            if (strlen(test_dirs[i]) == (size_t)(slash - p) &&
                memcmp(p, test_dirs[i], (size_t)(slash - p)) == 0)
                return true;
    return false;
}

static ec_manifest_reader reader_for(const char *path)
{
    const char *base = ec_path_basename(path);
    size_t i;

    for (i = 0; i < sizeof(readers) / sizeof(*readers); i++) {
        const char *p = readers[i].pattern;

        if (fnmatch(p, strchr(p, '/') ? path : base, FNM_PATHNAME) == 0)
            return readers[i].read;
    }
    return NULL;
}

static const char *dir_of(ec_facts *facts, const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? ec_arena_strndup(&facts->arena, path, (size_t)(slash - path)) : ".";
}

static void run_reader(ec_facts *facts, const char *root, const char *path, ec_manifest_reader read,
                       const char *text, size_t len)
{
    ec_manifest m = {facts, root, path, dir_of(facts, path), text, len};

    if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) { /* a UTF-8 byte order mark */
        m.text += 3;
        m.len -= 3;
    }
    read(&m);
}

bool ec_manifest_read_text(ec_facts *facts, const char *path, const char *text, size_t len)
{
    ec_manifest_reader read = reader_for(path);

    if (!read)
        return false;
    /* Readers may rely on the NUL after the text; callers' bytes need not
     * have one. */
    run_reader(facts, "", ec_arena_strdup(&facts->arena, path), read,
               ec_arena_strndup(&facts->arena, text, len), len);
    return true;
}

void ec_manifests_read(ec_facts *facts, const char *root)
{
    ec_buf text, full = EC_BUF_INIT;
    size_t i, n = facts->files.len;

    ec_buf_init(&text, EC_MANIFEST_MAX_SIZE);
    for (i = 0; i < n; i++) {
        const char *path = facts->files.items[i].path;
        ec_manifest_reader read = reader_for(path);

        if (!read || in_test_dir(path) || named_for_tests(path))
            continue;
        ec_buf_reset(&text);
        ec_buf_reset(&full);
        ec_path_join(&full, root, path);
        if (ec_fs_read_file(&text, full.ptr) != 0) {
            ec_diag_add(&facts->diags, path, 0, "not read as a manifest: %s", ec_error_last());
            continue;
        }
        run_reader(facts, root, path, read, text.ptr, text.len);
    }
    ec_k8s_resolve_config(facts);
    ec_systemd_resolve(facts);
    ec_buf_release(&text);
    ec_buf_release(&full);
}

const char *ec_manifest_key(ec_manifest *m, const char *key)
{
    return ec_arena_printf(&m->facts->arena, "manifest:%s#%s", m->path, key);
}

const char *ec_manifest_line(ec_manifest *m, unsigned line)
{
    return ec_arena_printf(&m->facts->arena, "%s:%u", m->path, line);
}

static const char *copy(ec_manifest *m, const char *s)
{
    return ec_arena_strdup(&m->facts->arena, s ? s : "");
}

ec_container_fact *ec_manifest_container(ec_manifest *m, const char *name, const char *kind,
                                         const char *technology, const char *path,
                                         const char *evidence)
{
    ec_container_fact c = {0};

    c.name = copy(m, name);
    c.kind = copy(m, kind);
    c.technology = copy(m, technology);
    c.path = copy(m, path);
    c.evidence = copy(m, evidence);
    c.image = "";
    c.labels = "";
    ec_array_push(&m->facts->containers, c);
    return &m->facts->containers.items[m->facts->containers.len - 1];
}

void ec_manifest_container_file(ec_manifest *m, ec_container_fact *c, const char *path)
{
    ec_array_push(&c->files, copy(m, path));
}

void ec_manifest_dependency(ec_manifest *m, const char *name, const char *version,
                            const char *ecosystem, const char *scope, const char *evidence)
{
    ec_dependency_fact d = {copy(m, name), copy(m, version), copy(m, ecosystem), copy(m, scope),
                            copy(m, evidence)};

    ec_array_push(&m->facts->dependencies, d);
}

void ec_manifest_relation(ec_manifest *m, const char *from, const char *to, const char *kind,
                          const char *technology, const char *evidence)
{
    ec_relation_fact r = {copy(m, from), copy(m, to), copy(m, kind), copy(m, technology),
                          copy(m, evidence)};

    ec_array_push(&m->facts->relations, r);
}

void ec_manifest_operation(ec_manifest *m, const char *kind, const char *name, const char *detail,
                           const char *evidence)
{
    ec_operation_fact o = {copy(m, kind), copy(m, name), copy(m, detail), copy(m, evidence)};

    ec_array_push(&m->facts->operations, o);
}

void ec_manifest_owner(ec_manifest *m, const char *pattern, const char *owners,
                       const char *evidence)
{
    ec_owner_fact o = {copy(m, pattern), copy(m, owners), copy(m, evidence)};

    ec_array_push(&m->facts->owners, o);
}

const char *ec_manifest_url_path(ec_manifest *m, const char *text)
{
    const char *p = strstr(text, "http://"), *s = strstr(text, "https://"), *slash;
    size_t n;

    if (!p || (s && s < p))
        p = s;
    if (!p)
        return NULL;
    p = strstr(p, "://") + 3;
    n = strcspn(p, " \t\"'|;&");
    slash = memchr(p, '/', n);
    if (!slash)
        return "/";
    return ec_arena_strndup(&m->facts->arena, slash, n - (size_t)(slash - p));
}

void ec_manifest_error(ec_manifest *m, unsigned line, const char *fmt, ...)
{
    ec_buf msg = EC_BUF_INIT;
    va_list ap;

    va_start(ap, fmt);
    ec_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    ec_diag_add(&m->facts->diags, m->path, line, "%s", msg.ptr);
    ec_buf_release(&msg);
}

int ec_manifest_read_file(ec_manifest *m, const char *path, ec_buf *out)
{
    ec_buf full = EC_BUF_INIT;
    int rc;

    if (!m->root[0] || !ec_facts_has_file(m->facts, path))
        return ec_error_set(EC_ENOTFOUND, "'%s' is not a file of the project", path);
    ec_buf_init(out, EC_MANIFEST_MAX_SIZE);
    ec_path_join(&full, m->root, path);
    rc = ec_fs_read_file(out, full.ptr);
    ec_buf_release(&full);
    return rc;
}

const char *ec_manifest_dir_name(ec_manifest *m, const char *dir)
{
    static const char *const layout[] = {"src",     "source", "app",          "server",
                                         "service", "code",   "main",         "docker",
                                         ".docker", "deploy", "docker-image", NULL};
    ec_buf path = EC_BUF_INIT;
    const char *name = NULL;

    ec_buf_puts(&path, dir);
    while (!name && strcmp(path.ptr, ".") != 0 && path.len) {
        const char *base = ec_path_basename(path.ptr);

        if (!ec_str_in(base, layout))
            name = ec_arena_strdup(&m->facts->arena, base);
        else if (base == path.ptr)
            ec_buf_reset(&path);
        else
            ec_buf_truncate(&path, (size_t)(base - path.ptr) - 1);
    }
    ec_buf_release(&path);
    if (name)
        return name;
    return m->root[0] ? ec_arena_strdup(&m->facts->arena, ec_path_basename(m->root)) : "app";
}

const char *ec_manifest_join(ec_manifest *m, const char *dir, const char *rel)
{
    ec_buf joined = EC_BUF_INIT, norm = EC_BUF_INIT;
    const char *out = NULL;

    if (rel[0] == '/')
        return NULL;
    if (strcmp(dir, ".") == 0)
        ec_buf_puts(&joined, rel);
    else
        ec_path_join(&joined, dir, rel);
    if (ec_path_normalize(&norm, joined.ptr) == 0 && strncmp(norm.ptr, "..", 2) != 0)
        out = ec_arena_strdup(&m->facts->arena, norm.len ? norm.ptr : ".");
    ec_buf_release(&joined);
    ec_buf_release(&norm);
    return out;
}
