/*
 * manifest_compose.c - docker-compose files: services, what each is built
 * from or runs, and how services reach each other.
 *
 * Every service is a container: built from a directory (`build`), or run
 * from an image (`image`; the external-systems catalog later tells a
 * database image from any other). Relations come from `depends_on`,
 * `links`, and environment values that name another service as a host
 * (`REDIS_HOST=redis`, `DATABASE_URL=postgres://db:5432/app`); a URL's
 * scheme is kept as the relation's technology for the catalog to name.
 */
#include <stdlib.h>
#include <string.h>

#include "analyzer/manifest_readers.h"
#include "analyzer/manifest_yaml.h"
#include "util/buf.h"

typedef EC_ARRAY(const char *) name_array;

static bool is_service(const name_array *names, const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < names->len; i++)
        if (strlen(names->items[i]) == n && memcmp(names->items[i], s, n) == 0)
            return true;
    return false;
}

/* The host a value points at and the URL scheme ("" without one): "db",
 * "db:5432", "postgres://user:pw@db:5432/app", "http://api/v1". */
static bool host_of(const char *v, const char **host, size_t *host_len, ec_buf *scheme)
{
    const char *p = strstr(v, "://"), *start = v, *at, *end;

    ec_buf_reset(scheme);
    if (p) {
        ec_buf_add(scheme, v, (size_t)(p - v));
        start = p + 3;
    }
    end = start + strcspn(start, "/?#");
    at = memchr(start, '@', (size_t)(end - start));
    if (at)
        start = at + 1;
    *host = start;
    *host_len = strcspn(start, ":/?#");
    if (*host_len > (size_t)(end - start))
        *host_len = (size_t)(end - start);
    return *host_len > 0;
}

static void environment_value(ec_manifest *m, const name_array *names, const char *service,
                              const char *value, unsigned line, ec_buf *scheme)
{
    const char *host;
    size_t n;
    char *to;

    if (!value || !host_of(value, &host, &n, scheme) || !is_service(names, host, n))
        return;
    to = strndup(host, n);
    if (strcmp(to, service) != 0)
        ec_manifest_relation(m, service, to, "uses", scheme->ptr, ec_manifest_line(m, line));
    free(to);
}

static void environment(ec_manifest *m, const name_array *names, const char *service,
                        struct fy_node *env)
{
    ec_buf scheme = EC_BUF_INIT;
    void *it = NULL;

    if (fy_node_get_type(env) == FYNT_MAPPING) {
        struct fy_node_pair *pair;

        while ((pair = fy_node_mapping_iterate(env, &it)) != NULL) {
            struct fy_node *v = fy_node_pair_value(pair);

            environment_value(m, names, service, ec_yaml_scalar(v), ec_yaml_line(v), &scheme);
        }
    } else if (fy_node_get_type(env) == FYNT_SEQUENCE) {
        struct fy_node *item;

        while ((item = fy_node_sequence_iterate(env, &it)) != NULL) {
            const char *kv = ec_yaml_scalar(item);
            const char *eq = kv ? strchr(kv, '=') : NULL;

            if (eq)
                environment_value(m, names, service, eq + 1, ec_yaml_line(item), &scheme);
        }
    }
    ec_buf_release(&scheme);
}

/* depends_on (a list, or a mapping of names to conditions) and links
 * ("db" or "db:alias"). */
static void dependencies(ec_manifest *m, const char *service, struct fy_node *list)
{
    void *it = NULL;
    struct fy_node *item;
    struct fy_node_pair *pair;

    if (fy_node_get_type(list) == FYNT_MAPPING) {
        while ((pair = fy_node_mapping_iterate(list, &it)) != NULL) {
            struct fy_node *key = fy_node_pair_key(pair);
            const char *name = ec_yaml_scalar(key);

            if (name && name[0])
                ec_manifest_relation(m, service, name, "uses", "",
                                     ec_manifest_line(m, ec_yaml_line(key)));
        }
        return;
    }
    while (fy_node_get_type(list) == FYNT_SEQUENCE &&
           (item = fy_node_sequence_iterate(list, &it)) != NULL) {
        const char *name = ec_yaml_scalar(item);
        char *copy;

        if (!name || !name[0] || name[0] == ':')
            continue; /* "db:alias" names db; ":alias" names nothing */
        copy = strndup(name, strcspn(name, ":"));
        ec_manifest_relation(m, service, copy, "uses", "", ec_manifest_line(m, ec_yaml_line(item)));
        free(copy);
    }
}

/* A scalar, or each scalar of a sequence, as an operation of kind about
 * service (ports "8080:80", volumes "db-data:/var/lib/postgresql/data",
 * a command). Long-form entries (mappings) are left out. */
static void scalars(ec_manifest *m, const char *kind, const char *service, struct fy_node *node)
{
    struct fy_node *item;
    void *it = NULL;

    if (ec_yaml_scalar(node)) {
        ec_manifest_operation(m, kind, service, ec_yaml_scalar(node),
                              ec_manifest_line(m, ec_yaml_line(node)));
        return;
    }
    while (node && fy_node_get_type(node) == FYNT_SEQUENCE &&
           (item = fy_node_sequence_iterate(node, &it)) != NULL)
        if (ec_yaml_scalar(item))
            ec_manifest_operation(m, kind, service, ec_yaml_scalar(item),
                                  ec_manifest_line(m, ec_yaml_line(item)));
}

/* healthcheck.test: a command (string or list) that calls a URL. */
static void healthcheck(ec_manifest *m, const char *name, struct fy_node *check)
{
    struct fy_node *test = ec_yaml_get(check, "test"), *item;
    ec_buf cmd = EC_BUF_INIT;
    const char *path;
    void *it = NULL;

    if (ec_yaml_scalar(test))
        ec_buf_puts(&cmd, ec_yaml_scalar(test));
    while (test && fy_node_get_type(test) == FYNT_SEQUENCE &&
           (item = fy_node_sequence_iterate(test, &it)) != NULL)
        if (ec_yaml_scalar(item))
            ec_buf_printf(&cmd, "%s ", ec_yaml_scalar(item));
    path = ec_manifest_url_path(m, cmd.ptr);
    if (path)
        ec_manifest_operation(m, "health", path, name, ec_manifest_line(m, ec_yaml_line(test)));
    ec_buf_release(&cmd);
}

static void service(ec_manifest *m, const char *name, struct fy_node *key, struct fy_node *svc)
{
    struct fy_node *build = ec_yaml_get(svc, "build");
    const char *context =
        ec_yaml_scalar(build) ? ec_yaml_scalar(build) : ec_yaml_text(build, "context");
    const char *image = ec_yaml_text(svc, "image");
    const char *path = context ? ec_manifest_join(m, m->dir, context) : NULL;
    const char *evidence = ec_manifest_line(m, ec_yaml_line(key));
    ec_container_fact *c;

    if (build && !path)
        ec_manifest_error(m, ec_yaml_line(build), "service '%s' builds outside the project", name);
    c = ec_manifest_container(m, name, "service", path ? "Docker" : "", path ? path : "", evidence);
    c->image = ec_arena_strdup(&m->facts->arena, image && !path ? image : "");
    healthcheck(m, name, ec_yaml_get(svc, "healthcheck"));
    scalars(m, "port", name, ec_yaml_get(svc, "ports"));
    scalars(m, "volume", name, ec_yaml_get(svc, "volumes"));
    scalars(m, "command", name, ec_yaml_get(svc, "command"));
}

static void read_services(ec_manifest *m, struct fy_node *root, void *ctx)
{
    struct fy_node *services = ec_yaml_get(root, "services");
    struct fy_node_pair *pair;
    name_array names = EC_ARRAY_INIT;
    void *it = NULL;

    (void)ctx;
    if (!services)
        services = root; /* the version 1 format: services at the top */
    while ((pair = fy_node_mapping_iterate(services, &it)) != NULL) {
        const char *name = ec_yaml_scalar(fy_node_pair_key(pair));
        struct fy_node *svc = fy_node_pair_value(pair);

        if (!name || !name[0] || fy_node_get_type(svc) != FYNT_MAPPING ||
            strcmp(name, "version") == 0)
            continue;
        service(m, name, fy_node_pair_key(pair), svc);
        ec_array_push(&names, name);
    }
    it = NULL;
    while ((pair = fy_node_mapping_iterate(services, &it)) != NULL) {
        const char *name = ec_yaml_scalar(fy_node_pair_key(pair));
        struct fy_node *svc = fy_node_pair_value(pair);

        if (!name || fy_node_get_type(svc) != FYNT_MAPPING)
            continue;
        dependencies(m, name, ec_yaml_get(svc, "depends_on"));
        dependencies(m, name, ec_yaml_get(svc, "links"));
        environment(m, &names, name, ec_yaml_get(svc, "environment"));
    }
    ec_array_release(&names);
}

void ec_read_compose(ec_manifest *m)
{
    size_t before = m->facts->containers.len;

    ec_yaml_each_document(m, read_services, NULL);
    if (m->facts->containers.len > before)
        ec_manifest_operation(m, "deployment", "docker-compose", m->path, ec_manifest_line(m, 1));
}
