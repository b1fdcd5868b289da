/*
 * manifest_cargo.c - Cargo.toml: the crate, the programs and library it
 * builds, its dependencies, and the crates of the workspace it uses.
 *
 * Targets follow Cargo's rules: [lib] or src/lib.rs is the library (named
 * after the package); each [[bin]] is an executable, and unless autobins is
 * off, so are src/main.rs (named after the package) and every
 * src/bin/<name>.rs and src/bin/<name>/main.rs among the listed files. A
 * workspace root without [package] (a virtual manifest) builds nothing: its
 * members have their own Cargo.toml. Nor does a cargo-fuzz package
 * (package.metadata.cargo-fuzz): its programs are fuzz targets.
 *
 * Dependencies are of the "cargo" ecosystem under their crate name (the
 * `package` key of a renamed dependency): [dependencies] runtime (optional
 * ones "optional"), [dev-dependencies] dev, [build-dependencies] build, the
 * same under [target.<cfg>]. `workspace = true` takes the version from the
 * workspace root's [workspace.dependencies] (the root found upwards among
 * the listed files). A dependency by path on a crate of the repository is
 * not a dependency but a relation "uses" from the depending crate (its
 * library, else each of its programs) to the crate's library; a package's
 * programs use its own library too.
 */
#include <fnmatch.h>
#include <string.h>

#include "analyzer/manifest_readers.h"
#include "analyzer/toml.h"
#include "util/buf.h"
#include "util/path.h"

#define ECOSYSTEM  "cargo"
#define TECHNOLOGY "Rust"
#define RELATION   "Rust crate"

typedef struct {
    ec_manifest *m;
    const char *package; /* the package's name, NULL for a virtual manifest */
    const char *lib;     /* the library container's name, NULL when none */
    EC_ARRAY(const char *) bins;
    EC_ARRAY(const char *) bin_files; /* each bin's source, "" when unknown */
    ec_toml_doc root_doc;             /* the workspace root's manifest, when found */
    const char *root_dir;             /* its directory, NULL when none */
} crate;

/* dir/rel as a root-relative path in the arena ("." for the root). */
static const char *in_dir(ec_manifest *m, const char *dir, const char *rel)
{
    const char *p = ec_manifest_join(m, dir, rel);

    return p ? p : "";
}

static bool truthy(const ec_toml_value *v)
{
    return ec_toml_is(v, EC_TOML_BOOLEAN) && strcmp(v->text, "true") == 0;
}

/* ---- targets ------------------------------------------------------------------- */

static void add_bin(crate *c, const char *name, const char *file, const char *evidence)
{
    ec_container_fact *k;
    size_t i;

    for (i = 0; i < c->bins.len; i++)
        if (strcmp(c->bins.items[i], name) == 0 ||
            (file && strcmp(c->bin_files.items[i], file) == 0))
            return; /* declared, and found again by the file rules */
    k = ec_manifest_container(c->m, name, "executable", TECHNOLOGY, c->m->dir, evidence);
    if (file && file[0])
        ec_manifest_container_file(c->m, k, file);
    ec_array_push(&c->bins, k->name);
    ec_array_push(&c->bin_files, file && file[0] ? k->files.items[k->files.len - 1] : "");
}

/* A [[bin]]'s source: its path, else Cargo's default (src/main.rs for the
 * package's own name, else src/bin/<name>.rs) when listed; NULL when unknown. */
static const char *bin_file(crate *c, const char *name, const char *path)
{
    ec_buf rel = EC_BUF_INIT;
    const char *file;

    if (path)
        return in_dir(c->m, c->m->dir, path);
    if (c->package && strcmp(name, c->package) == 0)
        ec_buf_puts(&rel, "src/main.rs");
    else
        ec_buf_printf(&rel, "src/bin/%s.rs", name);
    file = in_dir(c->m, c->m->dir, rel.ptr);
    ec_buf_release(&rel);
    return ec_facts_has_file(c->m->facts, file) ? file : NULL;
}

static void declared_bins(crate *c, const ec_toml_value *root)
{
    const ec_toml_value *bins = ec_toml_get(root, "bin");
    const ec_toml_entry *e;
    ec_buf where = EC_BUF_INIT;
    size_t i = 0;

    for (e = ec_toml_is(bins, EC_TOML_ARRAY) ? bins->first : NULL; e; e = e->next, i++) {
        const char *name = ec_toml_string(ec_toml_get(e->value, "name"));
        const char *path = ec_toml_string(ec_toml_get(e->value, "path"));

        ec_buf_reset(&where);
        ec_buf_printf(&where, "bin[%zu]", i);
        if (!name)
            name = c->package;
        if (!name)
            continue;
        add_bin(c, name, bin_file(c, name, path), ec_manifest_key(c->m, where.ptr));
    }
    ec_buf_release(&where);
}

/* src/main.rs, src/bin/<name>.rs, src/bin/<name>/main.rs of this package. */
static void discovered_bins(crate *c)
{
    const ec_facts *f = c->m->facts;
    const char *main_rs = in_dir(c->m, c->m->dir, "src/main.rs");
    const char *bin_dir = in_dir(c->m, c->m->dir, "src/bin");
    size_t i, n = strlen(bin_dir);
    ec_buf name = EC_BUF_INIT;

    if (ec_facts_has_file(f, main_rs))
        add_bin(c, c->package, main_rs, ec_manifest_line(c->m, 1));
    for (i = 0; i < f->files.len; i++) {
        const char *path = f->files.items[i].path, *rest, *slash;

        if (strncmp(path, bin_dir, n) != 0 || path[n] != '/')
            continue;
        rest = path + n + 1;
        slash = strchr(rest, '/');
        ec_buf_reset(&name);
        if (!slash && fnmatch("*.rs", rest, 0) == 0)
            ec_buf_add(&name, rest, strlen(rest) - 3);
        else if (slash && strcmp(slash, "/main.rs") == 0)
            ec_buf_add(&name, rest, (size_t)(slash - rest));
        if (name.len)
            add_bin(c, name.ptr, path, ec_manifest_key(c->m, "package.autobins"));
    }
    ec_buf_release(&name);
}

static void targets(crate *c, const ec_toml_value *root)
{
    const ec_toml_value *package = ec_toml_get(root, "package");
    const ec_toml_value *lib = ec_toml_get(root, "lib");
    const char *lib_rs = in_dir(c->m, c->m->dir, "src/lib.rs");
    const ec_toml_value *autobins = ec_toml_get(package, "autobins");

    if (lib || ec_facts_has_file(c->m->facts, lib_rs)) {
        const char *path = ec_toml_string(ec_toml_get(lib, "path"));
        ec_container_fact *k =
            ec_manifest_container(c->m, c->package, "library", TECHNOLOGY, c->m->dir,
                                  ec_manifest_key(c->m, lib ? "lib" : "package.name"));

        ec_manifest_container_file(c->m, k, path ? in_dir(c->m, c->m->dir, path) : lib_rs);
        c->lib = c->package;
    }
    declared_bins(c, root);
    if (!(ec_toml_is(autobins, EC_TOML_BOOLEAN) && !truthy(autobins)))
        discovered_bins(c);
    if (!c->lib && !c->bins.len) { /* files unknown: Cargo's default target */
        ec_manifest_container(c->m, c->package, "library", TECHNOLOGY, c->m->dir,
                              ec_manifest_key(c->m, "package.name"));
        c->lib = c->package;
    }
}

/* ---- the workspace ------------------------------------------------------------- */

/* Whether dir/Cargo.toml is a listed manifest with [workspace]; then it is
 * kept in c->root_doc. */
static bool try_root(crate *c, const char *dir)
{
    ec_buf path = EC_BUF_INIT, text = EC_BUF_INIT;
    bool found = false;

    if (strcmp(dir, ".") == 0)
        ec_buf_puts(&path, "Cargo.toml");
    else
        ec_path_join(&path, dir, "Cargo.toml");
    if (ec_facts_has_file(c->m->facts, path.ptr) &&
        ec_manifest_read_file(c->m, path.ptr, &text) == 0) {
        ec_toml_release(&c->root_doc);
        ec_toml_parse(&c->root_doc, text.ptr, text.len);
        found = ec_toml_get(c->root_doc.root, "workspace") != NULL;
        if (found)
            c->root_dir = ec_arena_strdup(&c->m->facts->arena, dir);
    }
    ec_buf_release(&path);
    ec_buf_release(&text);
    return found;
}

/* The workspace root of this package: the one package.workspace names, else
 * the nearest ancestor directory whose Cargo.toml has [workspace]. */
static void find_workspace_root(crate *c, const ec_toml_value *package)
{
    const char *named = ec_toml_string(ec_toml_get(package, "workspace"));
    ec_buf dir = EC_BUF_INIT;

    if (named) {
        try_root(c, in_dir(c->m, c->m->dir, named));
        return;
    }
    ec_buf_puts(&dir, c->m->dir);
    while (strcmp(dir.ptr, ".") != 0) {
        const char *slash = strrchr(dir.ptr, '/');

        if (slash) {
            ec_buf_truncate(&dir, (size_t)(slash - dir.ptr));
        } else {
            ec_buf_reset(&dir);
            ec_buf_puts(&dir, ".");
        }
        if (try_root(c, dir.ptr))
            break;
    }
    ec_buf_release(&dir);
}

/* Each [workspace] members pattern should match a directory with a listed
 * Cargo.toml; one that matches none is said. */
static void workspace_members(ec_manifest *m, const ec_toml_value *root)
{
    const ec_toml_value *members = ec_toml_find(root, "workspace.members");
    const ec_toml_entry *e;
    const ec_facts *f = m->facts;
    ec_buf pattern = EC_BUF_INIT, dir = EC_BUF_INIT;
    size_t i;

    for (e = ec_toml_is(members, EC_TOML_ARRAY) ? members->first : NULL; e; e = e->next) {
        bool found = false;

        if (!ec_toml_string(e->value))
            continue;
        ec_buf_reset(&pattern);
        ec_buf_puts(&pattern, in_dir(m, m->dir, e->value->text));
        for (i = 0; i < f->files.len && !found; i++) {
            const char *p = f->files.items[i].path;
            size_t n = strlen(p);

            if (n < 11 || strcmp(p + n - 10, "Cargo.toml") != 0 || p[n - 11] != '/')
                continue;
            ec_buf_reset(&dir);
            ec_buf_add(&dir, p, n - 11);
            found = fnmatch(pattern.ptr, dir.ptr, FNM_PATHNAME) == 0;
        }
        if (!found && f->files.len)
            ec_manifest_error(m, e->value->line, "workspace member '%s' has no Cargo.toml",
                              e->value->text);
    }
    ec_buf_release(&pattern);
    ec_buf_release(&dir);
}

/* ---- dependencies -------------------------------------------------------------- */

/* A path dependency on a crate of the repository: relations from this crate. */
static void uses(crate *c, const char *to, const char *evidence)
{
    size_t i;

    if (!c->package)
        return;
    if (c->lib) {
        ec_manifest_relation(c->m, c->lib, to, "uses", RELATION, evidence);
        return;
    }
    for (i = 0; i < c->bins.len; i++)
        ec_manifest_relation(c->m, c->bins.items[i], to, "uses", RELATION, evidence);
}

static void dependency(crate *c, const char *key, const ec_toml_value *v, const char *scope)
{
    ec_manifest *m = c->m;
    const char *evidence = ec_manifest_line(m, v->line);
    const char *name = ec_toml_string(ec_toml_get(v, "package"));
    const char *version = ec_toml_string(v);
    const char *path = ec_toml_string(ec_toml_get(v, "path"));
    const char *base = m->dir;

    if (!name)
        name = key;
    if (!version)
        version = ec_toml_string(ec_toml_get(v, "version"));
    if (truthy(ec_toml_get(v, "workspace"))) {
        const ec_toml_value *w =
            ec_toml_get(ec_toml_find(c->root_doc.root, "workspace.dependencies"), key);

        version = ec_toml_string(w) ? ec_toml_string(w) : ec_toml_string(ec_toml_get(w, "version"));
        if (!version)
            version = w ? "" : "workspace";
        if (ec_toml_string(ec_toml_get(w, "package")))
            name = ec_toml_string(ec_toml_get(w, "package"));
        if (ec_toml_string(ec_toml_get(w, "path"))) {
            path = ec_toml_string(ec_toml_get(w, "path"));
            base = c->root_dir;
        }
    }
    if (path && ec_manifest_join(m, base, path)) {
        uses(c, name, evidence);
        return;
    }
    if (strcmp(scope, "runtime") == 0 && truthy(ec_toml_get(v, "optional")))
        scope = "optional";
    ec_manifest_dependency(m, name, version ? version : "", ECOSYSTEM, scope, evidence);
}

/* The three dependency tables of a manifest or of one [target.<cfg>]. */
static void dependency_tables(crate *c, const ec_toml_value *t)
{
    static const char *const tables[][2] = {{"dependencies", "runtime"},
                                            {"dev-dependencies", "dev"},
                                            {"dev_dependencies", "dev"},
                                            {"build-dependencies", "build"},
                                            {"build_dependencies", "build"}};
    size_t i;
    const ec_toml_entry *e;

    for (i = 0; i < sizeof(tables) / sizeof(*tables); i++) {
        const ec_toml_value *deps = ec_toml_get(t, tables[i][0]);

        for (e = ec_toml_is(deps, EC_TOML_TABLE) ? deps->first : NULL; e; e = e->next)
            dependency(c, e->key, e->value, tables[i][1]);
    }
}

void ec_read_cargo_toml(ec_manifest *m)
{
    ec_toml_doc doc;
    crate c;
    const ec_toml_value *package, *target;
    const ec_toml_entry *e;
    size_t i;

    memset(&c, 0, sizeof(c)); /* no name, no targets, no workspace root yet */
    c.m = m;
    if (ec_toml_parse(&doc, m->text, m->len) != 0)
        ec_manifest_error(m, doc.error_line, "%s", doc.error);
    ec_arena_init(&c.root_doc.arena); /* released safely when no root is found */
    package = ec_toml_get(doc.root, "package");
    c.package = ec_toml_string(ec_toml_get(package, "name"));
    if (package && !c.package)
        ec_manifest_error(m, package->line, "[package] has no name");
    if (ec_toml_get(doc.root, "workspace")) {
        c.root_doc.root = doc.root; /* its own [workspace.dependencies] */
        c.root_dir = m->dir;
        workspace_members(m, doc.root);
    } else if (package) {
        find_workspace_root(&c, package);
    }
    if (c.package && truthy(ec_toml_find(package, "metadata.cargo-fuzz")))
        c.package = NULL; /* fuzz targets of another crate: nothing deployed */
    if (c.package) {
        targets(&c, doc.root);
        for (i = 0; c.lib && i < c.bins.len; i++)
            if (strcmp(c.bins.items[i], c.lib) != 0)
                ec_manifest_relation(m, c.bins.items[i], c.lib, "uses", RELATION,
                                     ec_manifest_key(m, "package.name"));
    }
    dependency_tables(&c, doc.root);
    target = ec_toml_get(doc.root, "target");
    for (e = ec_toml_is(target, EC_TOML_TABLE) ? target->first : NULL; e; e = e->next)
        dependency_tables(&c, e->value);
    if (c.root_doc.root != doc.root)
        ec_toml_release(&c.root_doc);
    ec_toml_release(&doc);
    ec_array_release(&c.bins);
    ec_array_release(&c.bin_files);
}
