/*
 * resolve_c.c - C and C++ includes, and which functions a C file exports
 * (see resolve.h).
 *
 * An include is looked for as a compiler would: beside the includer
 * (quoted includes), then in the include directories the project's build
 * files name (-I in Makefiles and CFLAGS/CPPFLAGS lines, CMake
 * include_directories and target_include_directories, meson
 * include_directories), nearest the includer first; then any project file
 * whose path ends with what is written, nearest the includer, which stands
 * in for directories a build computes. A header on the list of standard
 * and system headers (or under a directory of them: sys/, linux/) is
 * stdlib; another <...> header is external, named by the table of
 * libraries (stdlib/c_libraries.txt: <openssl/ssl.h> is OpenSSL) or else
 * by its first path element. Imports libclang already decided are left as
 * they are, and a header it opened outside the root is never matched to a
 * project file.
 *
 * After every file is resolved, a function defined in a .c file counts as
 * exported only when a header of the project declares one of that name
 * (source analysis already made static ones private): what a header does
 * not declare is not part of any interface.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/resolve_index.h"
#include "util/alloc.h"
#include "util/path.h"

typedef struct {
    ec_str_array std;       /* sorted */
    ec_str_array libraries; /* "prefix\tName" lines, sorted */
    ec_str_array includes;  /* include directories, root-relative, sorted */
} c_state;

/* ---- include directories from build files ---- */

static bool is_build_file(const char *path)
{
    const char *base = ec_path_basename(path), *ext = ec_path_extension(path);

    return !strcmp(base, "Makefile") || !strcmp(base, "makefile") || !strcmp(base, "GNUmakefile") ||
           !strcmp(base, "Makefile.am") || !strcmp(base, "Makefile.in") ||
           !strcmp(base, "CMakeLists.txt") || !strcmp(base, "meson.build") || !strcmp(ext, "mk") ||
           !strcmp(ext, "cmake");
}

/* Add dir (as a build file in from_dir writes it) when it is a project
 * directory. A leading variable ($(srcdir)/, ${CMAKE_CURRENT_SOURCE_DIR}/)
 * is read as the build file's own directory, one naming the top
 * (top_srcdir, CMAKE_SOURCE_DIR, PROJECT_SOURCE_DIR) as the root. */
static void add_include(ec_resolver *r, c_state *s, const char *from_dir, const char *dir,
                        size_t len)
{
    char *d = ec_arena_strndup(&r->facts->arena, dir, len);
    const char *base = from_dir;

    if (d[0] == '$' && (d[1] == '(' || d[1] == '{')) {
        size_t v = strcspn(d, ")}");
        if (!d[v])
            return;
        if (strstr(d, "top") || strstr(d, "CMAKE_SOURCE_DIR") || strstr(d, "PROJECT_SOURCE_DIR"))
            base = "";
        if (strstr(d, "BINARY_DIR") || strstr(d, "builddir"))
            return;
        d += v + 1;
        d += *d == '/';
    }
    if (strchr(d, '$') || d[0] == '/')
        return; /* computed, or outside the project */
    if (ec_resolver_join(r, base, d[0] ? d : ".") &&
        (!r->scratch.len || ec_resolver_is_dir(r, r->scratch.ptr)))
        ec_array_push(&s->includes, ec_arena_strdup(&r->facts->arena, r->scratch.ptr));
}

/* -Idir and -I dir anywhere in a Makefile's text. */
static void scan_make(ec_resolver *r, c_state *s, const char *dir, const char *text)
{
    const char *p;
    size_t var;

    for (p = strstr(text, "-I"); p; p = strstr(p + 2, "-I")) {
        const char *d = p + 2;
        if (p > text && !isspace((unsigned char)p[-1]) && p[-1] != '"' && p[-1] != '\'' &&
            p[-1] != '=')
            continue;
        while (*d == ' ' || *d == '\t')
            d++;
        /* a leading $(var) holds a ')' that does not end the word */
        var = d[0] == '$' && (d[1] == '(' || d[1] == '{') ? strcspn(d, ")}") + 1 : 0;
        if (var > strlen(d))
            continue;
        add_include(r, s, dir, d, var + strcspn(d + var, " \t\r\n\"');\\"));
    }
}

/* The arguments of every call of fn( ... ) in a CMake or meson file. */
static void scan_calls(ec_resolver *r, c_state *s, const char *dir, const char *text,
                       const char *fn)
{
    static const char *const skip[] = {"PUBLIC", "PRIVATE", "INTERFACE", "SYSTEM",
                                       "BEFORE", "AFTER",   NULL};
    const char *p;
    size_t n = strlen(fn);

    for (p = strstr(text, fn); p; p = strstr(p + n, fn)) {
        const char *a = p + n, *end;
        bool target = !strncmp(fn, "target_", 7), first = true;

        if (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
            continue;
        while (*a == ' ')
            a++;
        if (*a != '(')
            continue;
        end = strchr(++a, ')');
        while (end && a < end) {
            size_t len, i;
            const char *w;

            a += strspn(a, " \t\r\n,\"'");
            len = strcspn(a, " \t\r\n,\"')");
            w = a;
            a += len;
            if (!len || a > end)
                break;
            if (!strncmp(w, "$<BUILD_INTERFACE:", 18)) {
                w += 18;
                len = strcspn(w, ">");
            }
            for (i = 0; skip[i] && (strlen(skip[i]) != len || strncmp(w, skip[i], len)); i++)
                ;
            if (skip[i] || (target && first)) {
                first = false;
                continue;
            }
            first = false;
            add_include(r, s, dir, w, len);
            if (*w == '$')
                end = strchr(a, ')') ? strchr(a, ')') : end; /* ${VAR} held a ')' */
        }
    }
}

static void read_build_files(ec_resolver *r, c_state *s)
{
    ec_buf text;
    size_t i;

    ec_buf_init(&text, 4 * 1024 * 1024);
    for (i = 0; i < r->facts->files.len; i++) {
        const char *p = r->facts->files.items[i].path, *dir;

        if (!is_build_file(p) || ec_resolver_read(r, p, &text) != 0)
            continue;
        dir = ec_resolver_dir_of(r, p);
        scan_make(r, s, dir, text.ptr);
        scan_calls(r, s, dir, text.ptr, "include_directories");
        scan_calls(r, s, dir, text.ptr, "target_include_directories");
    }
    ec_buf_release(&text);
    ec_resolver_sort_unique(&s->includes);
}

static void *c_prepare(ec_resolver *r)
{
    c_state *s = ec_xcalloc(1, sizeof(*s));

    ec_resolver_load_list(r, "stdlib/c.txt", &s->std);
    ec_resolver_load_list(r, "stdlib/c_libraries.txt", &s->libraries);
    read_build_files(r, s);
    return s;
}

static void c_release(void *state)
{
    c_state *s = state;

    ec_array_release(&s->std);
    ec_array_release(&s->libraries);
    ec_array_release(&s->includes);
    free(s);
}

/* ---- includes ---- */

static size_t common_prefix(const char *a, const char *b)
{
    size_t n = 0;

    while (a[n] && a[n] == b[n])
        n++;
    return n;
}

/* spec under one of the include directories, nearest the includer. */
static const char *in_include_dirs(ec_resolver *r, const c_state *s, const char *spec,
                                   const char *near)
{
    const char *best = NULL, *f;
    size_t i, best_common = 0;

    for (i = 0; i < s->includes.len; i++) {
        if (!ec_resolver_join(r, s->includes.items[i], spec))
            continue;
        f = ec_resolver_file(r, r->scratch.ptr);
        if (f && (!best || common_prefix(f, near) > best_common)) {
            best = f;
            best_common = common_prefix(f, near);
        }
    }
    return best;
}

/* The library a system header belongs to: the table's name, else the
 * header's first path element ("foo/bar.h" -> "foo", "foo.h" -> "foo"). */
static const char *library_of(ec_resolver *r, const c_state *s, const char *spec)
{
    size_t i;
    char *lib, *cut;

    for (i = 0; i < s->libraries.len; i++) {
        const char *line = s->libraries.items[i], *tab = strchr(line, '\t');
        size_t n = tab ? (size_t)(tab - line) : 0;

        if (!tab || !n)
            continue;
        if (line[n - 1] == '/' ? !strncmp(spec, line, n)
                               : (strlen(spec) == n && !strncmp(spec, line, n)))
            return tab + 1;
    }
    lib = ec_arena_strdup(&r->facts->arena, spec);
    if ((cut = strchr(lib, '/')) != NULL)
        *cut = '\0';
    else if ((cut = strrchr(lib, '.')) != NULL)
        *cut = '\0';
    return lib;
}

/* On the list: the header itself, or a directory of system headers
 * ("sys/") above it. */
static bool is_standard(const c_state *s, const char *spec)
{
    ec_buf dir = EC_BUF_INIT;
    const char *slash;
    bool yes = ec_resolver_in_sorted(&s->std, spec);

    for (slash = strchr(spec, '/'); slash && !yes; slash = strchr(slash + 1, '/')) {
        ec_buf_reset(&dir);
        ec_buf_add(&dir, spec, (size_t)(slash - spec) + 1);
        yes = ec_resolver_in_sorted(&s->std, dir.ptr);
    }
    ec_buf_release(&dir);
    return yes;
}

/* found, unless <spec> found the includer itself: a project header that
 * wraps the library header of its own name (compat/gcrypt.h including
 * <gcrypt.h>) means the library's. In quotes a file may include itself. */
static const char *not_self(const ec_import_fact *im, const ec_file_fact *file, const char *found)
{
    return found && im->system && !strcmp(found, file->path) ? NULL : found;
}

static void c_resolve(ec_resolver *r, void *state, const ec_file_fact *file, ec_import_fact *im)
{
    c_state *s = state;
    const char *found = NULL;
    bool standard = is_standard(s, im->spec);

    if (im->resolved)
        return; /* libclang knew */
    if (!im->outside) {
        if (!im->system && ec_resolver_join(r, r->file_dir, im->spec))
            found = ec_resolver_file(r, r->scratch.ptr);
        if (!found && (!standard || !im->system)) /* "tar.h" may be the project's */
            found = not_self(im, file, in_include_dirs(r, s, im->spec, file->path));
        /* "linux/compat.h" in quotes may be the project's own */
        if (!found && (!standard || (!im->system && !ec_resolver_in_sorted(&s->std, im->spec))))
            found = not_self(im, file, ec_resolver_find_suffix(r, im->spec, file->path));
    }
    if (found)
        ec_resolver_set(r, im, EC_IMPORT_INTERNAL, found);
    else if (standard)
        ec_resolver_set(r, im, EC_IMPORT_STDLIB, im->spec);
    else if (im->system || im->outside)
        ec_resolver_set(r, im, EC_IMPORT_EXTERNAL, library_of(r, s, im->spec));
}

/* ---- what a C file exports ---- */

static bool is_c(const ec_file_fact *f)
{
    const char *name = f->lang ? ec_lang_name(f->lang) : "";
    return !strcmp(name, "C") || !strcmp(name, "C++");
}

static bool is_header(const char *path)
{
    const char *ext = ec_path_extension(path);
    return !strcmp(ext, "h") || !strcmp(ext, "hh") || !strcmp(ext, "hpp") || !strcmp(ext, "hxx");
}

static void c_finish(ec_resolver *r, void *state)
{
    ec_str_array declared = EC_ARRAY_INIT;
    size_t i, k;

    (void)state;
    for (i = 0; i < r->facts->files.len; i++) {
        const ec_file_fact *f = &r->facts->files.items[i];
        if (is_c(f) && is_header(f->path))
            for (k = 0; k < f->definitions.len; k++)
                ec_array_push(&declared, f->definitions.items[k].name);
    }
    ec_resolver_sort_unique(&declared);
    for (i = 0; i < r->facts->files.len; i++) {
        ec_file_fact *f = &r->facts->files.items[i];
        if (!is_c(f) || is_header(f->path))
            continue;
        for (k = 0; k < f->definitions.len; k++) {
            ec_definition_fact *d = &f->definitions.items[k];
            if (d->exported && !strcmp(d->kind, "function"))
                d->exported = ec_resolver_in_sorted(&declared, d->name);
        }
    }
    ec_array_release(&declared);
}

const ec_resolve_language ec_resolve_c = {c_prepare, c_resolve, c_finish, c_release};
