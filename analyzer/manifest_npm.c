/*
 * manifest_npm.c - package.json: the package, what it builds, and its
 * dependencies by scope.
 *
 * `bin` entries are executables; a package with `main`, `module` or
 * `exports` and no `bin` is a library; one with neither but a `start`
 * script is a service. A workspace root that is private and declares
 * workspaces builds nothing itself: its packages have their own
 * package.json. Dependencies keep npm's scopes: dependencies (runtime),
 * devDependencies (dev), peerDependencies (peer), optionalDependencies
 * (optional).
 */
#include <jansson.h>
#include <string.h>

#include "analyzer/manifest_readers.h"
#include "util/buf.h"

static const char *string_at(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);

    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void dependencies(ec_manifest *m, json_t *root, const char *key, const char *scope)
{
    json_t *deps = json_object_get(root, key), *v;
    const char *name;
    ec_buf where = EC_BUF_INIT;

    if (deps && !json_is_object(deps)) {
        ec_manifest_error(m, 0, "'%s' is not an object: not read", key);
        return;
    }
    json_object_foreach(deps, name, v)
    {
        if (!name[0])
            continue; /* no package has an empty name */
        ec_buf_reset(&where);
        ec_buf_printf(&where, "%s.%s", key, name);
        ec_manifest_dependency(m, name, json_is_string(v) ? json_string_value(v) : "", "npm", scope,
                               ec_manifest_key(m, where.ptr));
    }
    ec_buf_release(&where);
}

/* The last component of a scoped name: "@vitejs/plugin-react" -> "plugin-react". */
static const char *short_name(const char *name)
{
    const char *slash = strrchr(name, '/');

    return slash ? slash + 1 : name;
}

/* One executable per script that `bin` names: aliases of one script (a
 * long and a short command) are one program, named by the first. */
static size_t executables(ec_manifest *m, json_t *root, const char *name)
{
    json_t *bin = json_object_get(root, "bin"), *v, *w;
    const char *cmd, *other;
    size_t n = 0;
    ec_buf where = EC_BUF_INIT;

    if (json_is_string(bin) && name) {
        ec_manifest_container(m, short_name(name), "executable", "Node.js", m->dir,
                              ec_manifest_key(m, "bin"));
        return 1;
    }
    json_object_foreach(bin, cmd, v)
    {
        bool alias = false;

        json_object_foreach(bin, other, w)
        {
            if (other == cmd)
                break;
            alias = alias || (json_is_string(v) && json_equal(v, w));
        }
        if (alias)
            continue;
        ec_buf_reset(&where);
        ec_buf_printf(&where, "bin.%s", cmd);
        ec_manifest_container(m, cmd, "executable", "Node.js", m->dir,
                              ec_manifest_key(m, where.ptr));
        n++;
    }
    ec_buf_release(&where);
    return n;
}

static void containers(ec_manifest *m, json_t *root)
{
    const char *name = string_at(root, "name");
    const char *label = name ? name : m->dir;
    json_t *scripts = json_object_get(root, "scripts");

    if (executables(m, root, name))
        return;
    if (json_is_true(json_object_get(root, "private")) && json_object_get(root, "workspaces"))
        return; /* a monorepo root: its workspaces are the packages */
    if (json_object_get(root, "main") || json_object_get(root, "module") ||
        json_object_get(root, "exports"))
        ec_manifest_container(m, label, "library", "Node.js", m->dir,
                              ec_manifest_key(m, json_object_get(root, "exports") ? "exports"
                                                 : json_object_get(root, "main")  ? "main"
                                                                                  : "module"));
    else if (json_is_string(json_object_get(scripts, "start")))
        ec_manifest_container(m, label, "service", "Node.js", m->dir,
                              ec_manifest_key(m, "scripts.start"));
}

/* Every script, for the developer guide: how the package builds, tests
 * and starts itself. */
static void scripts(ec_manifest *m, json_t *root)
{
    json_t *all = json_object_get(root, "scripts"), *v;
    const char *name;
    ec_buf key = EC_BUF_INIT;

    json_object_foreach(all, name, v)
    {
        if (!json_is_string(v) || !name[0])
            continue;
        ec_buf_reset(&key);
        ec_buf_printf(&key, "scripts.%s", name);
        ec_manifest_operation(m, "script", name, json_string_value(v), ec_manifest_key(m, key.ptr));
    }
    ec_buf_release(&key);
}

/* Scripts named for migrations ("migrate", "db:migrate") are the
 * project's own way to apply them. */
static void migration_scripts(ec_manifest *m, json_t *root)
{
    json_t *scripts = json_object_get(root, "scripts"), *v;
    const char *name;
    ec_buf cmd = EC_BUF_INIT, key = EC_BUF_INIT;

    json_object_foreach(scripts, name, v)
    {
        if (!json_is_string(v) || !strstr(name, "migrat") || strstr(name, "make") ||
            strstr(name, "create") || strstr(name, "generate") || strstr(name, "rollback"))
            continue;
        ec_buf_reset(&cmd);
        ec_buf_reset(&key);
        if (strcmp(m->dir, ".") != 0)
            ec_buf_printf(&cmd, "cd %s && ", m->dir);
        ec_buf_printf(&cmd, "npm run %s", name);
        ec_buf_printf(&key, "scripts.%s", name);
        ec_manifest_operation(m, "migration", "npm script", cmd.ptr, ec_manifest_key(m, key.ptr));
    }
    ec_buf_release(&cmd);
    ec_buf_release(&key);
}

void ec_read_package_json(ec_manifest *m)
{
    json_error_t error;
    json_t *root = json_loadb(m->text, m->len, 0, &error);

    if (!root) {
        ec_manifest_error(m, error.line > 0 ? (unsigned)error.line : 0, "%s (column %d)",
                          error.text, error.column);
        return;
    }
    if (!json_is_object(root)) {
        ec_manifest_error(m, 1, "not a JSON object");
    } else {
        containers(m, root);
        dependencies(m, root, "dependencies", "runtime");
        dependencies(m, root, "devDependencies", "dev");
        dependencies(m, root, "peerDependencies", "peer");
        dependencies(m, root, "optionalDependencies", "optional");
        scripts(m, root);
        migration_scripts(m, root);
    }
    json_decref(root);
}
