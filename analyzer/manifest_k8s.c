/*
 * manifest_k8s.c - Kubernetes manifests: workloads, the Services in front
 * of them, and the addresses in their environment that wire one to another.
 *
 * Any YAML file may hold Kubernetes objects, so this reader is tried on
 * YAML files no other reader claims and reads only documents that have both
 * `apiVersion` and `kind`. Helm chart templates are not YAML until they are
 * rendered: documents that do not parse are said to be skipped, never
 * guessed at.
 *
 * A workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, Pod, Job,
 * CronJob) is a container run from the image of its first container. A
 * Service is an address: its selector leads to the workloads whose pod
 * labels match (graph/containers.c follows it). Environment values that
 * name an address as a host (`ORDERS_SERVICE_ADDR=orders:8080`,
 * `INVENTORY_URL=http://inventory.shop.svc.cluster.local/`) are relations,
 * written in the workload or in a ConfigMap it takes variables from: those
 * are joined once every file is read (ec_k8s_resolve_config), as is each
 * such variable's value for the list of the environment.
 */
#include <string.h>

#include "analyzer/manifest_readers.h"
#include "analyzer/manifest_yaml.h"
#include "util/buf.h"
#include "util/strlist.h"

static const char *const workloads[] = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
                                        "Pod",        "Job",         "CronJob",   NULL};

static bool is_workload(const char *kind)
{
    return ec_str_in(kind, workloads);
}

/* The pod template of a workload: its spec and its labels' mapping. */
static struct fy_node *pod_template(struct fy_node *root, const char *kind)
{
    struct fy_node *spec = ec_yaml_get(root, "spec");

    if (strcmp(kind, "Pod") == 0)
        return root;
    if (strcmp(kind, "CronJob") == 0)
        spec = ec_yaml_get(ec_yaml_get(spec, "jobTemplate"), "spec");
    return ec_yaml_get(spec, "template");
}

/* "k=v\n" lines of a mapping of scalars, in the mapping's order. */
static void pairs(struct fy_node *map, ec_buf *out)
{
    struct fy_node_pair *pair;
    void *it = NULL;

    while (map && fy_node_get_type(map) == FYNT_MAPPING &&
           (pair = fy_node_mapping_iterate(map, &it)) != NULL) {
        const char *k = ec_yaml_scalar(fy_node_pair_key(pair));
        const char *v = ec_yaml_scalar(fy_node_pair_value(pair));

        if (k && v)
            ec_buf_printf(out, "%s=%s\n", k, v);
    }
}

/* The host of an address value, without port, path, user or cluster
 * suffix: "http://orders.shop.svc.cluster.local:80/x" -> "orders". */
static bool address_host(const char *v, ec_buf *host, ec_buf *scheme)
{
    const char *p = strstr(v, "://"), *start = v, *at;
    size_t n;

    ec_buf_reset(host);
    ec_buf_reset(scheme);
    if (p) {
        ec_buf_add(scheme, v, (size_t)(p - v));
        start = p + 3;
    }
    n = strcspn(start, "/?#");
    at = memchr(start, '@', n);
    if (at) {
        n -= (size_t)(at + 1 - start);
        start = at + 1;
    }
    n = strcspn(start, ":/?#.") < n ? strcspn(start, ":/?#.") : n;
    if (n == 0 || strcspn(start, " ") < n)
        return false;
    ec_buf_add(host, start, n);
    return true;
}

/* A variable taken from a ConfigMap key: resolved once every file is read. */
static void config_key_use(ec_manifest *m, const char *workload, struct fy_node *var)
{
    struct fy_node *ref = ec_yaml_get(ec_yaml_get(var, "valueFrom"), "configMapKeyRef");
    ec_config_use u;

    if (!ec_yaml_text(ref, "name") || !ec_yaml_text(ref, "key") || !ec_yaml_text(var, "name"))
        return;
    u.workload = workload;
    u.map = ec_arena_strdup(&m->facts->arena, ec_yaml_text(ref, "name"));
    u.key = ec_arena_strdup(&m->facts->arena, ec_yaml_text(ref, "key"));
    u.variable = ec_arena_strdup(&m->facts->arena, ec_yaml_text(var, "name"));
    u.evidence = ec_manifest_line(m, ec_yaml_line(ref));
    ec_array_push(&m->facts->config_uses, u);
}

/* envFrom: every key of a ConfigMap as a variable. */
static void config_map_uses(ec_manifest *m, const char *workload, struct fy_node *container)
{
    struct fy_node *list = ec_yaml_get(container, "envFrom"), *item;
    void *it = NULL;

    while (list && fy_node_get_type(list) == FYNT_SEQUENCE &&
           (item = fy_node_sequence_iterate(list, &it)) != NULL) {
        struct fy_node *ref = ec_yaml_get(item, "configMapRef");
        ec_config_use u = {workload, NULL, "", "", NULL};

        if (!ec_yaml_text(ref, "name"))
            continue;
        u.map = ec_arena_strdup(&m->facts->arena, ec_yaml_text(ref, "name"));
        u.evidence = ec_manifest_line(m, ec_yaml_line(ref));
        ec_array_push(&m->facts->config_uses, u);
    }
}

/* Only values that look like an address (a scheme or a port) name a host. */
static bool names_host(const char *v, ec_buf *host, ec_buf *scheme)
{
    return (strstr(v, "://") || strchr(v, ':')) && address_host(v, host, scheme);
}

static void environment(ec_manifest *m, const char *workload, struct fy_node *containers)
{
    ec_buf host = EC_BUF_INIT, scheme = EC_BUF_INIT;
    struct fy_node *c, *var;
    void *ci = NULL;

    while (containers && fy_node_get_type(containers) == FYNT_SEQUENCE &&
           (c = fy_node_sequence_iterate(containers, &ci)) != NULL) {
        struct fy_node *env = ec_yaml_get(c, "env");
        void *vi = NULL;

        while (env && fy_node_get_type(env) == FYNT_SEQUENCE &&
               (var = fy_node_sequence_iterate(env, &vi)) != NULL) {
            struct fy_node *value = ec_yaml_get(var, "value");
            const char *v = ec_yaml_scalar(value);

            config_key_use(m, workload, var);
            if (!v || !names_host(v, &host, &scheme) || strcmp(host.ptr, workload) == 0)
                continue;
            ec_manifest_relation(m, workload, host.ptr, "uses", scheme.ptr,
                                 ec_manifest_line(m, ec_yaml_line(value)));
        }
        config_map_uses(m, workload, c);
    }
    ec_buf_release(&host);
    ec_buf_release(&scheme);
}

static const char *const probes[] = {"readinessProbe", "livenessProbe", "startupProbe", NULL};

/* The ports the workload's containers declare. */
static void ports(ec_manifest *m, const char *workload, struct fy_node *containers)
{
    struct fy_node *c, *port;
    void *ci = NULL;

    while (containers && fy_node_get_type(containers) == FYNT_SEQUENCE &&
           (c = fy_node_sequence_iterate(containers, &ci)) != NULL) {
        struct fy_node *list = ec_yaml_get(c, "ports");
        void *pi = NULL;

        while (list && fy_node_get_type(list) == FYNT_SEQUENCE &&
               (port = fy_node_sequence_iterate(list, &pi)) != NULL) {
            struct fy_node *number = ec_yaml_get(port, "containerPort");

            if (ec_yaml_scalar(number))
                ec_manifest_operation(m, "port", workload, ec_yaml_scalar(number),
                                      ec_manifest_line(m, ec_yaml_line(number)));
        }
    }
}

/* HTTP probes of the workload's containers: its health endpoints. */
static void health(ec_manifest *m, const char *workload, struct fy_node *containers)
{
    struct fy_node *c;
    void *ci = NULL;
    ec_buf what = EC_BUF_INIT;
    size_t i;

    while (containers && fy_node_get_type(containers) == FYNT_SEQUENCE &&
           (c = fy_node_sequence_iterate(containers, &ci)) != NULL) {
        for (i = 0; probes[i]; i++) {
            struct fy_node *path =
                ec_yaml_get(ec_yaml_get(ec_yaml_get(c, probes[i]), "httpGet"), "path");

            if (!ec_yaml_scalar(path))
                continue;
            ec_buf_reset(&what);
            ec_buf_printf(&what, "%s %s", workload, probes[i]);
            ec_manifest_operation(m, "health", ec_yaml_scalar(path), what.ptr,
                                  ec_manifest_line(m, ec_yaml_line(path)));
        }
    }
    ec_buf_release(&what);
}

static void workload(ec_manifest *m, struct fy_node *root, const char *kind, const char *name,
                     unsigned line)
{
    struct fy_node *tmpl = pod_template(root, kind);
    struct fy_node *containers = ec_yaml_get(ec_yaml_get(tmpl, "spec"), "containers");
    struct fy_node *first = NULL;
    ec_buf labels = EC_BUF_INIT;
    ec_container_fact *c;
    void *it = NULL;

    if (containers && fy_node_get_type(containers) == FYNT_SEQUENCE)
        first = fy_node_sequence_iterate(containers, &it);
    if (!first) {
        ec_manifest_error(m, line, "%s '%s' runs no containers", kind, name);
        return;
    }
    pairs(ec_yaml_get(ec_yaml_get(tmpl, "metadata"), "labels"), &labels);
    c = ec_manifest_container(
        m, name, strcmp(kind, "Job") == 0 || strcmp(kind, "CronJob") == 0 ? "job" : "service", "",
        "", ec_manifest_line(m, line));
    c->image = ec_arena_strdup(&m->facts->arena, ec_yaml_text(first, "image") ?: "");
    c->labels = ec_arena_strdup(&m->facts->arena, labels.ptr);
    environment(m, ec_arena_strdup(&m->facts->arena, name), containers);
    health(m, name, containers);
    ports(m, name, containers);
    ec_buf_release(&labels);
}

static void service(ec_manifest *m, struct fy_node *root, const char *name, unsigned line)
{
    ec_buf selector = EC_BUF_INIT;
    ec_address_fact a;

    pairs(ec_yaml_get(ec_yaml_get(root, "spec"), "selector"), &selector);
    if (!selector.len)
        return; /* a Service without a selector points outside the cluster */
    a.name = ec_arena_strdup(&m->facts->arena, name);
    a.selector = ec_arena_strdup(&m->facts->arena, selector.ptr);
    a.evidence = ec_manifest_line(m, line);
    ec_array_push(&m->facts->addresses, a);
    ec_buf_release(&selector);
}

/* A ConfigMap's data: each value, and the host it names if any. */
static void config_map(ec_manifest *m, struct fy_node *root, const char *name)
{
    struct fy_node *data = ec_yaml_get(root, "data");
    struct fy_node_pair *pair;
    ec_buf host = EC_BUF_INIT, scheme = EC_BUF_INIT;
    void *it = NULL;

    while (data && fy_node_get_type(data) == FYNT_MAPPING &&
           (pair = fy_node_mapping_iterate(data, &it)) != NULL) {
        const char *k = ec_yaml_scalar(fy_node_pair_key(pair));
        struct fy_node *value = fy_node_pair_value(pair);
        ec_config_fact c;

        if (!k || !ec_yaml_scalar(value))
            continue;
        c.map = ec_arena_strdup(&m->facts->arena, name);
        c.key = ec_arena_strdup(&m->facts->arena, k);
        c.value = ec_arena_strdup(&m->facts->arena, ec_yaml_scalar(value));
        c.host = c.scheme = "";
        if (names_host(c.value, &host, &scheme)) {
            c.host = ec_arena_strdup(&m->facts->arena, host.ptr);
            c.scheme = ec_arena_strdup(&m->facts->arena, scheme.ptr);
        }
        c.evidence = ec_manifest_line(m, ec_yaml_line(value));
        ec_array_push(&m->facts->configs, c);
    }
    ec_buf_release(&host);
    ec_buf_release(&scheme);
}

static void object(ec_manifest *m, struct fy_node *root, void *ctx)
{
    const char *kind = ec_yaml_text(root, "kind");
    struct fy_node *name = ec_yaml_get(ec_yaml_get(root, "metadata"), "name");

    (void)ctx;
    if (!kind || !ec_yaml_text(root, "apiVersion") || !ec_yaml_scalar(name) ||
        !ec_yaml_scalar(name)[0])
        return;
    if (is_workload(kind))
        workload(m, root, kind, ec_yaml_scalar(name), ec_yaml_line(name));
    else if (strcmp(kind, "Service") == 0)
        service(m, root, ec_yaml_scalar(name), ec_yaml_line(name));
    else if (strcmp(kind, "ConfigMap") == 0)
        config_map(m, root, ec_yaml_scalar(name));
}

/* Both keys at the start of a line: a Kubernetes object, cheaply told. */
static bool looks_like_k8s(const ec_manifest *m)
{
    const char *text = m->text;

    return (strncmp(text, "apiVersion:", 11) == 0 || strstr(text, "\napiVersion:")) &&
           (strncmp(text, "kind:", 5) == 0 || strstr(text, "\nkind:"));
}

void ec_read_kubernetes(ec_manifest *m)
{
    size_t before = m->facts->containers.len + m->facts->addresses.len + m->facts->configs.len;

    if (!looks_like_k8s(m))
        return;
    if (strstr(m->text, "{{")) {
        ec_manifest_error(m, 0, "a template, not YAML until it is rendered: skipped");
        return;
    }
    ec_yaml_each_document(m, object, NULL);
    if (m->facts->containers.len + m->facts->addresses.len + m->facts->configs.len > before)
        ec_manifest_operation(m, "deployment", "kubernetes", m->path, ec_manifest_line(m, 1));
}

/* The variable a use gives config's value: its own name, or the key's. */
static const char *variable_of(const ec_config_use *u, const ec_config_fact *c)
{
    return u->variable[0] ? u->variable : c->key;
}

void ec_k8s_resolve_config(ec_facts *facts)
{
    size_t i, k;

    for (i = 0; i < facts->config_uses.len; i++) {
        const ec_config_use *u = &facts->config_uses.items[i];

        for (k = 0; k < facts->configs.len; k++) {
            const ec_config_fact *c = &facts->configs.items[k];
            ec_operation_fact o = {"environment", variable_of(u, c), c->value, c->evidence};
            ec_relation_fact r = {u->workload, c->host, "uses", c->scheme, c->evidence};

            if (strcmp(c->map, u->map) != 0 || (u->key[0] && strcmp(c->key, u->key) != 0))
                continue;
            ec_array_push(&facts->operations, o);
            if (c->host[0] && strcmp(c->host, u->workload) != 0)
                ec_array_push(&facts->relations, r);
        }
    }
}

/* Chart.yaml: a Helm chart, deployed with helm. */
static void chart(ec_manifest *m, struct fy_node *root, void *ctx)
{
    struct fy_node *name = ec_yaml_get(root, "name");

    (void)ctx;
    if (ec_yaml_scalar(name))
        ec_manifest_operation(m, "deployment", "helm", ec_yaml_scalar(name),
                              ec_manifest_line(m, ec_yaml_line(name)));
}

void ec_read_helm_chart(ec_manifest *m)
{
    ec_yaml_each_document(m, chart, NULL);
}
