/*
 * manifest_go.c - go.mod: the module, its requirements, and what it builds.
 *
 * A Go module builds one executable per directory whose files declare
 * `package main` (the source analysis found the package clauses); a module
 * without one is a library. Requirements are dependencies of the "go"
 * ecosystem, `// indirect` ones with scope "indirect". `replace` directives
 * to local directories are relations between modules of the repository.
 */
#include <ctype.h>
#include <string.h>

#include "analyzer/manifest_readers.h"
#include "util/buf.h"
#include "util/path.h"

typedef struct {
    const char *p, *end;
    unsigned line;
} cursor;

/* The next line without its comment, trimmed; false at the end. *comment
 * gets the comment's text ("" when none). */
static bool next_line(cursor *c, ec_buf *out, ec_buf *comment)
{
    const char *start, *eol, *slashes;

    if (c->p >= c->end)
        return false;
    start = c->p;
    eol = memchr(start, '\n', (size_t)(c->end - start));
    if (!eol)
        eol = c->end;
    c->p = eol < c->end ? eol + 1 : eol;
    c->line++;
    slashes = memmem(start, (size_t)(eol - start), "//", 2);
    ec_buf_reset(comment);
    if (slashes)
        ec_buf_add(comment, slashes + 2, (size_t)(eol - slashes - 2));
    else
        slashes = eol;
    while (start < slashes && isspace((unsigned char)*start))
        start++;
    while (slashes > start && isspace((unsigned char)slashes[-1]))
        slashes--;
    ec_buf_reset(out);
    ec_buf_add(out, start, (size_t)(slashes - start));
    return true;
}

/* Split a line into at most n whitespace-separated words, quotes removed. */
static size_t words(char *line, char **w, size_t n)
{
    size_t k = 0;
    char *p = line;

    while (*p && k < n) {
        while (isspace((unsigned char)*p))
            p++;
        if (!*p)
            break;
        if (*p == '"' || *p == '`') {
            char q = *p++;
            w[k++] = p;
            while (*p && *p != q)
                p++;
        } else {
            w[k++] = p;
            while (*p && !isspace((unsigned char)*p))
                p++;
        }
        if (*p)
            *p++ = '\0';
    }
    return k;
}

static void require(ec_manifest *m, char **w, size_t n, const char *comment, unsigned line)
{
    if (n < 2 || !w[0][0]) {
        ec_manifest_error(m, line, "a requirement needs a module path and a version");
        return;
    }
    ec_manifest_dependency(m, w[0], w[1], "go",
                           strstr(comment, "indirect") ? "indirect" : "runtime",
                           ec_manifest_line(m, line));
}

/* replace old [v] => new [v]: a new path starting with ./ or ../ is a
 * module of this repository that the module uses. */
static void replace(ec_manifest *m, char **w, size_t n, const char *module, unsigned line)
{
    size_t arrow;
    const char *dir;

    for (arrow = 0; arrow < n && strcmp(w[arrow], "=>") != 0; arrow++)
        ;
    if (arrow + 1 >= n) {
        ec_manifest_error(m, line, "a replace directive needs '=>' and a target");
        return;
    }
    if (strncmp(w[arrow + 1], "./", 2) != 0 && strncmp(w[arrow + 1], "../", 3) != 0)
        return;
    dir = ec_manifest_join(m, m->dir, w[arrow + 1]);
    if (dir && module[0]) /* containers are known by their directories here */
        ec_manifest_relation(m, m->dir, dir, "uses", "Go module", ec_manifest_line(m, line));
}

/* Whether path (a file) belongs to a module nested below the one at dir:
 * a go.mod in one of the directories between them. */
static bool in_nested_module(const ec_facts *f, const char *dir, const char *path)
{
    ec_buf probe = EC_BUF_INIT;
    const char *p = path;
    bool nested = false;
    size_t skip = strcmp(dir, ".") == 0 ? 0 : strlen(dir) + 1;

    for (p = path + skip; !nested && (p = strchr(p, '/')) != NULL; p++) {
        ec_buf_reset(&probe);
        ec_buf_add(&probe, path, (size_t)(p - path));
        ec_buf_puts(&probe, "/go.mod");
        nested = ec_facts_has_file(f, probe.ptr);
    }
    ec_buf_release(&probe);
    return nested;
}

typedef struct {
    const char *dir, *path;
} main_file;

/* A module's short name: its last path element, skipping a major version
 * suffix ("github.com/acme/shop/v2" -> "shop"). */
static const char *module_name(ec_manifest *m, const char *module)
{
    const char *base = ec_path_basename(module);
    const char *p = base;

    if (!*base)
        return module; /* "example.com/x/": no last element to take */
    if (*p == 'v' && p[1]) {
        for (p++; *p >= '0' && *p <= '9'; p++)
            ;
        if (!*p && base > module + 1) {
            const char *end = base - 1, *start = end;

            while (start > module && start[-1] != '/')
                start--;
            return ec_arena_strndup(&m->facts->arena, start, (size_t)(end - start));
        }
    }
    return base;
}

static int compare_main(const void *a, const void *b)
{
    const main_file *x = a, *y = b;
    int c = strcmp(x->dir, y->dir);

    return c ? c : strcmp(x->path, y->path);
}

/* One executable per directory of the module with files of package main. */
static void executables(ec_manifest *m, const char *module)
{
    EC_ARRAY(main_file) mains = EC_ARRAY_INIT;
    const ec_facts *f = m->facts;
    ec_container_fact *c = NULL;
    size_t i;

    for (i = 0; i < f->files.len; i++) {
        const ec_file_fact *file = &f->files.items[i];
        const char *slash = strrchr(file->path, '/');
        main_file mf;

        if (!file->package || strcmp(file->package, "main") != 0 ||
            (strcmp(m->dir, ".") != 0 && !ec_path_is_under(file->path, m->dir)) ||
            in_nested_module(f, m->dir, file->path))
            continue;
        mf.dir = slash
                     ? ec_arena_strndup(&m->facts->arena, file->path, (size_t)(slash - file->path))
                     : ".";
        mf.path = file->path;
        ec_array_push(&mains, mf);
    }
    ec_array_sort(&mains, compare_main);
    for (i = 0; i < mains.len; i++) {
        if (i == 0 || strcmp(mains.items[i].dir, mains.items[i - 1].dir) != 0) {
            const char *dir = mains.items[i].dir;
            const char *name =
                strcmp(dir, m->dir) == 0 ? module_name(m, module) : ec_path_basename(dir);

            c = ec_manifest_container(m, name, "executable", "Go", dir,
                                      ec_manifest_key(m, "module"));
            /* go build names the binary after the path; a build file that
             * names it (go build -o) says more */
            c->name_from_dir = true;
        }
        ec_manifest_container_file(m, c, mains.items[i].path);
    }
    ec_array_release(&mains);
}

void ec_read_go_mod(ec_manifest *m)
{
    cursor c = {m->text, m->text + m->len, 0};
    ec_buf line = EC_BUF_INIT, comment = EC_BUF_INIT, module = EC_BUF_INIT;
    const char *block = NULL; /* "require" or "replace" inside ( ... ) */
    char *w[8];
    size_t containers = m->facts->containers.len;

    while (next_line(&c, &line, &comment)) {
        size_t n = words(line.ptr, w, 8);

        if (n == 0)
            continue;
        if (block && strcmp(w[0], ")") == 0) {
            block = NULL;
        } else if (block) {
            if (strcmp(block, "require") == 0)
                require(m, w, n, comment.ptr, c.line);
            else if (strcmp(block, "replace") == 0)
                replace(m, w, n, module.ptr, c.line);
        } else if (n >= 2 && strcmp(w[1], "(") == 0) {
            block = strcmp(w[0], "require") == 0   ? "require"
                    : strcmp(w[0], "replace") == 0 ? "replace"
                                                   : "other";
        } else if (strcmp(w[0], "module") == 0 && n >= 2) {
            ec_buf_reset(&module);
            ec_buf_puts(&module, w[1]);
        } else if (strcmp(w[0], "require") == 0) {
            require(m, w + 1, n - 1, comment.ptr, c.line);
        } else if (strcmp(w[0], "replace") == 0) {
            replace(m, w + 1, n - 1, module.ptr, c.line);
        }
    }
    if (block)
        ec_manifest_error(m, c.line, "a '%s (' block is not closed", block);
    if (!module.len) {
        ec_manifest_error(m, 0, "no module directive");
    } else {
        executables(m, module.ptr);
        if (m->facts->containers.len == containers)
            ec_manifest_container(m, module_name(m, module.ptr), "library", "Go", m->dir,
                                  ec_manifest_key(m, "module"));
    }
    ec_buf_release(&line);
    ec_buf_release(&comment);
    ec_buf_release(&module);
}
