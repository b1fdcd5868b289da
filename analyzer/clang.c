/*
 * clang.c - C and C++ facts from libclang (see clang.h).
 *
 * The compile database is read with libclang's own reader. Its entries are
 * taken with clang_CompilationDatabase_getAllCompileCommands rather than
 * looked up per file: the lookup invents a command for a file the build
 * never compiles (borrowed from a neighbour), and such a file must keep its
 * tree-sitter facts and be counted as one without an entry.
 *
 * Each entry's command is adjusted before parsing (adjust_command): paths
 * relative to the entry's directory are made absolute, warnings are off,
 * and the flags that would make the preprocessor write files (-MD, -MF x,
 * ...) are dropped, so reading a project never writes into it.
 *
 * Workers take the next file from an atomic counter and fill that file's
 * own task; the main thread then swaps the results into the facts, links
 * each call to the file that defines its callee (by USR: one name for one
 * function across translation units) and reports the fallbacks once.
 */
#include "analyzer/clang.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "analyzer/cache.h"
#include "analyzer/clang_record.h"
#include "analyzer/libclang.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/path.h"
#include "util/strlist.h"

typedef enum {
    OUT_DONE,     /* read with libclang */
    OUT_NO_ENTRY, /* not in the database */
    OUT_FLAGS,    /* the command has flags libclang rejects */
    OUT_FAILED    /* libclang could not parse it */
} outcome;

typedef EC_ARRAY(const char *) str_array;

/* libclang's functions, loaded by ec_clang_analyze before any other use. */
static const ec_libclang *lc;

/* One C/C++ file: its command in, its facts out. */
typedef struct {
    ec_file_fact *file; /* the tree-sitter facts; read by the worker, replaced by the main thread */
    char **argv;        /* the adjusted command (owned), NULL without an entry */
    int argc;
    bool counted; /* a source file, or a header the database lists */
    outcome out;
    ec_clang_unit u;  /* the results; u.outcome is out once stored */
    char *cache_path; /* the cache's name for the unit (owned), NULL without an entry */
    char key[41];     /* digest of what the unit depends on besides its dependencies */
    bool cached;      /* u came from the cache */
    bool errors;      /* the parse reported errors: not stored (see store_units) */
} task;

typedef struct {
    const char *root;
    size_t root_len;
    ec_cache *cache; /* NULL: parse every file */
    task *tasks;
    size_t count;
    atomic_size_t next;
} job;

/* A file of the translation unit and its root-relative path (NULL outside). */
typedef struct {
    CXFile file;
    const char *rel;
} file_rel;

/* What a worker needs while it walks one translation unit. */
typedef struct {
    const job *job;
    task *t;
    ec_arena *arena;
    CXTranslationUnit tu;
    CXFile main;
    bool header, cxx;
    const char *caller; /* the function whose body is walked */
    EC_ARRAY(file_rel) files;
    EC_ARRAY(CXFile) deps; /* files opened, each once */
} walker;

static bool is_header(const char *path)
{
    const char *ext = ec_path_extension(path);

    return !strcmp(ext, "h") || !strcmp(ext, "hh") || !strcmp(ext, "hpp") || !strcmp(ext, "hxx") ||
           !strcmp(ext, "h++") || !strcmp(ext, "H") || !strcmp(ext, "inl");
}

static bool is_c_family(const ec_file_fact *f)
{
    const char *name = f->lang ? ec_lang_name(f->lang) : "";

    return !strcmp(name, "C") || !strcmp(name, "C++");
}

/* ---- the database ---- */

/* Where the database is: the directory libclang reads it from and how the
 * diagnostic names it. 0 with an empty dir when there is none to read. */
static int find_database(const char *root, const char *given, ec_buf *dir, ec_buf *label)
{
    static const char *const places[] = {"compile_commands.json", "build/compile_commands.json"};
    ec_buf path = EC_BUF_INIT;
    size_t i, n = strlen(root);

    if (given && ec_fs_is_dir(given)) {
        ec_path_join(&path, given, "compile_commands.json");
    } else if (given) {
        if (strcmp(ec_path_basename(given), "compile_commands.json") != 0)
            return ec_error_set(EC_EINPUT,
                                "cannot read compile commands '%s': libclang reads only a "
                                "file named compile_commands.json",
                                given);
        ec_buf_puts(&path, given);
    }
    for (i = 0; !given && i < 2 && !path.len; i++) {
        ec_path_join(&path, root, places[i]);
        if (!ec_fs_exists(path.ptr))
            ec_buf_reset(&path);
    }
    if (given && !ec_fs_exists(path.ptr)) {
        ec_buf_release(&path);
        return ec_error_set(EC_EINPUT, "cannot read compile commands '%s': %s", given,
                            strerror(ENOENT));
    }
    if (path.len) {
        const char *slash = strrchr(path.ptr, '/');

        ec_buf_add(dir, path.ptr, slash ? (size_t)(slash - path.ptr) : 0);
        if (!dir->len)
            ec_buf_puts(dir, slash ? "/" : ".");
        ec_buf_puts(label, !strncmp(path.ptr, root, n) && path.ptr[n] == '/' ? path.ptr + n + 1
                                                                             : path.ptr);
    }
    ec_buf_release(&path);
    return 0;
}

/* The flags that make the preprocessor write a file, with the number of
 * arguments each takes. */
static int dropped_flag(const char *arg)
{
    static const char *const with_value[] = {"-o", "-MF", "-MT", "-MQ", "--serialize-diagnostics"};
    static const char *const alone[] = {"-M", "-MM", "-MD", "-MMD", "-MP", "-MG", "-save-temps"};
    size_t i;

    for (i = 0; i < sizeof(with_value) / sizeof(*with_value); i++)
        if (!strcmp(arg, with_value[i]))
            return 2;
    for (i = 0; i < sizeof(alone) / sizeof(*alone); i++)
        if (!strcmp(arg, alone[i]))
            return 1;
    if (!strncmp(arg, "-MF", 3) || !strncmp(arg, "-MT", 3) || !strncmp(arg, "-MQ", 3) ||
        !strncmp(arg, "-Wp,-M", 6))
        return 1;
    return 0;
}

/* Flags whose value is a path, written apart ("-I inc") or joined ("-Iinc"). */
static const char *const path_flags[] = {
    "-I",           "-isystem",     "-iquote",      "-idirafter",  "-include",
    "-imacros",     "-isysroot",    "--sysroot",    "-iprefix",    "-F",
    "-cxx-isystem", "-include-pch", "-iwithprefix", "-iframework", NULL};

/* Flags whose value, written apart, is not a path. */
static const char *const value_flags[] = {
    "-x",          "-D",       "-U",          "-arch", "-target", "-Xclang", "-Xpreprocessor",
    "-Xassembler", "-Xlinker", "-aux-triple", NULL};

/* The joined path flag arg starts with ("-Iinc" -> "-I"), or NULL. */
static const char *joined_path_flag(const char *arg)
{
    const char *const *f;

    for (f = path_flags; *f; f++)
        if (!strncmp(arg, *f, strlen(*f)) && arg[strlen(*f)])
            return *f;
    return NULL;
}

/* path made absolute against dir (a copy the caller frees). */
static char *absolute(const char *dir, const char *prefix, const char *path)
{
    ec_buf b = EC_BUF_INIT;

    ec_buf_puts(&b, prefix);
    if (path[0] == '/' || !path[0]) {
        ec_buf_puts(&b, path);
    } else {
        ec_buf_puts(&b, dir);
        ec_buf_putc(&b, '/');
        ec_buf_puts(&b, path);
    }
    return ec_buf_detach(&b, NULL);
}

/* One argument of the entry, rewritten: relative paths become absolute
 * against the entry's directory. expect is what the previous flag wants. */
static char *adjust_arg(const char *dir, const char *arg, int *expect)
{
    enum { ANY, PATH, VALUE };
    const char *flag;
    int wanted = *expect;

    *expect = ANY;
    if (wanted == VALUE)
        return ec_xstrdup(arg);
    if (wanted == PATH || arg[0] != '-')
        return absolute(dir, "", arg); /* a flag's path, or an input file */
    if (ec_str_in(arg, path_flags)) {
        *expect = PATH;
        return ec_xstrdup(arg);
    }
    if (ec_str_in(arg, value_flags)) {
        *expect = VALUE;
        return ec_xstrdup(arg);
    }
    flag = joined_path_flag(arg);
    if (flag) {
        const char *value = arg + strlen(flag);
        char prefix[32];

        if (*value == '=') /* --sysroot=dir */
            value++;
        snprintf(prefix, sizeof(prefix), "%.*s", (int)(value - arg), arg);
        return absolute(dir, prefix, value);
    }
    return ec_xstrdup(arg);
}

/*
 * The entry's command as libclang will run it. Relative paths are made
 * absolute here because clang's -working-directory changes the directory
 * of the whole process, which its other threads and the rest of the run
 * share. Warnings are off (-w), errors unlimited; dependency-file flags are
 * dropped.
 */
static void adjust_command(task *t, CXCompileCommand cmd)
{
    unsigned i, n = lc->clang_CompileCommand_getNumArgs(cmd);
    CXString dir = lc->clang_CompileCommand_getDirectory(cmd);
    int skip = 0, expect = 0;

    t->argv = ec_xcalloc(n + 3, sizeof(*t->argv));
    for (i = 0; i < n; i++) {
        CXString s = lc->clang_CompileCommand_getArg(cmd, i);
        const char *arg = lc->clang_getCString(s);

        if (skip > 0) {
            skip--;
        } else if (i > 0 && dropped_flag(arg)) {
            skip = dropped_flag(arg) - 1;
        } else if (i == 0) {
            t->argv[t->argc++] = ec_xstrdup(arg);
            t->argv[t->argc++] = ec_xstrdup("-w");
            /* no "too many errors" stop: it has no location, like a bad flag */
            t->argv[t->argc++] = ec_xstrdup("-ferror-limit=0");
        } else {
            t->argv[t->argc++] = adjust_arg(lc->clang_getCString(dir), arg, &expect);
        }
        lc->clang_disposeString(s);
    }
    lc->clang_disposeString(dir);
}

/* An entry's file, root-relative; NULL when it is outside the root or gone. */
static char *entry_path(const char *root, size_t root_len, CXCompileCommand cmd)
{
    CXString dir = lc->clang_CompileCommand_getDirectory(cmd);
    CXString file = lc->clang_CompileCommand_getFilename(cmd);
    const char *f = lc->clang_getCString(file);
    ec_buf abs = EC_BUF_INIT;
    char real[PATH_MAX], *rel = NULL;

    if (f[0] == '/')
        ec_buf_puts(&abs, f);
    else
        ec_path_join(&abs, lc->clang_getCString(dir), f);
    if (realpath(abs.ptr, real) && !strncmp(real, root, root_len) && real[root_len] == '/')
        rel = ec_xstrdup(real + root_len + 1);
    ec_buf_release(&abs);
    lc->clang_disposeString(dir);
    lc->clang_disposeString(file);
    return rel;
}

typedef struct {
    char *rel;
    unsigned index;
} entry;

static int compare_entries(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    int c = strcmp(x->rel, y->rel);

    return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* The cache's name and key of t's unit: the key digests libclang's version,
 * the file's blob id and the command, so a change to any parses again. */
static void unit_key(task *t)
{
    ec_buf text = EC_BUF_INIT, name = EC_BUF_INIT;
    CXString version = lc->clang_getClangVersion();
    git_oid oid;
    int i;

    ec_buf_printf(&text, "%s%c%s", lc->clang_getCString(version), 0, t->file->blob);
    for (i = 0; i < t->argc; i++)
        ec_buf_printf(&text, "%c%s", 0, t->argv[i]);
    git_odb_hash(&oid, text.ptr, text.len, GIT_OBJECT_BLOB);
    git_oid_tostr(t->key, sizeof(t->key), &oid);
    ec_buf_printf(&name, "libclang:%s", t->file->path);
    t->cache_path = ec_buf_detach(&name, NULL);
    lc->clang_disposeString(version);
    ec_buf_release(&text);
}

static int compare_entry_paths(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->rel, ((const entry *)b)->rel);
}

/* A task for every C/C++ file of facts, with its command when it has one. */
static void make_tasks(job *j, ec_facts *facts, CXCompileCommands all)
{
    unsigned i, n = lc->clang_CompileCommands_getSize(all);
    EC_ARRAY(entry) entries = EC_ARRAY_INIT;
    size_t k;

    for (i = 0; i < n; i++) {
        entry e = {entry_path(j->root, j->root_len, lc->clang_CompileCommands_getCommand(all, i)),
                   i};

        if (e.rel)
            ec_array_push(&entries, e);
    }
    ec_array_sort(&entries, compare_entries); /* the first entry of a file wins */
    j->tasks = ec_xcalloc(facts->files.len ? facts->files.len : 1, sizeof(*j->tasks));
    for (k = 0; k < facts->files.len; k++) {
        ec_file_fact *f = &facts->files.items[k];
        entry key = {(char *)f->path, 0}, *e;
        task *t;

        if (!is_c_family(f))
            continue;
        t = &j->tasks[j->count++];
        t->file = f;
        e = entries.len ? bsearch(&key, entries.items, entries.len, sizeof(*entries.items),
                                  compare_entry_paths)
                        : NULL;
        while (e && e > entries.items && !strcmp(e[-1].rel, f->path))
            e--;
        t->counted = e || !is_header(f->path);
        t->out = e ? OUT_DONE : OUT_NO_ENTRY;
        if (e) {
            adjust_command(t, lc->clang_CompileCommands_getCommand(all, e->index));
            unit_key(t);
        }
    }
    for (k = 0; k < entries.len; k++)
        free(entries.items[k].rel);
    ec_array_release(&entries);
}

/* ---- one translation unit ---- */

/* The root-relative path of a file of the unit, NULL when outside the root.
 * Remembered per file: calls ask for the same few files again and again. */
static const char *rel_path(walker *w, CXFile file)
{
    CXString s;
    const char *name, *rel = NULL;
    ec_buf norm = EC_BUF_INIT;
    size_t i, n = w->job->root_len;

    if (!file)
        return NULL;
    for (i = 0; i < w->files.len; i++)
        if (lc->clang_File_isEqual(w->files.items[i].file, file))
            return w->files.items[i].rel;
    s = lc->clang_File_tryGetRealPathName(file);
    name = lc->clang_getCString(s);
    if (!name || !name[0]) {
        lc->clang_disposeString(s);
        s = lc->clang_getFileName(file);
        name = lc->clang_getCString(s);
    }
    if (name && ec_path_normalize(&norm, name) == 0 && !strncmp(norm.ptr, w->job->root, n) &&
        norm.ptr[n] == '/')
        rel = ec_arena_strdup(w->arena, norm.ptr + n + 1);
    lc->clang_disposeString(s);
    ec_buf_release(&norm);
    file_rel fr = {file, rel};
    ec_array_push(&w->files, fr);
    return rel;
}

/* Where a location is after macro expansion: its file and line. */
static CXFile file_line(CXSourceLocation loc, unsigned *line)
{
    CXFile file = NULL;

    lc->clang_getExpansionLocation(loc, &file, line, NULL, NULL);
    return file;
}

static const char *spelling(walker *w, CXCursor c)
{
    CXString s = lc->clang_getCursorSpelling(c);
    const char *text = lc->clang_getCString(s);
    char *copy = ec_arena_strdup(w->arena, text ? text : "");

    lc->clang_disposeString(s);
    return copy;
}

/* What the #include at offset of the main file says: "x.h" or <x.h>; the
 * file's base name when a macro names the header. */
static void include_spec(walker *w, unsigned offset, const char *opened, ec_import_fact *im)
{
    size_t size = 0, end;
    const char *text = lc->clang_getFileContents(w->tu, w->main, &size);
    char close;

    im->spec = ec_arena_strdup(w->arena, ec_path_basename(opened));
    if (!text || offset >= size || (text[offset] != '"' && text[offset] != '<'))
        return;
    close = text[offset] == '<' ? '>' : '"';
    for (end = offset + 1; end < size && text[end] != close && text[end] != '\n'; end++)
        ;
    if (end >= size || text[end] != close)
        return;
    im->spec = ec_arena_strndup(w->arena, text + offset + 1, end - offset - 1);
    im->system = close == '>';
}

/* A file the parse opened, with the size and time it has now (the cache
 * reuses the unit while they stay the same). */
static void add_dep(walker *w, CXFile file)
{
    ec_clang_dep dep;
    CXString name;
    size_t i;

    for (i = 0; i < w->deps.len; i++)
        if (lc->clang_File_isEqual(w->deps.items[i], file))
            return;
    ec_array_push(&w->deps, file);
    name = lc->clang_getFileName(file);
    dep.path =
        ec_arena_strdup(w->arena, lc->clang_getCString(name) ? lc->clang_getCString(name) : "");
    lc->clang_disposeString(name);
    if (!ec_clang_dep_stat(&dep))
        dep.size = UINT64_MAX; /* never fresh: the next run parses again */
    ec_array_push(&w->t->u.deps, dep);
}

/* clang_getInclusions: every file opened; keep the main file's own
 * #include lines as imports. */
static void on_inclusion(CXFile included, CXSourceLocation *stack, unsigned depth,
                         CXClientData data)
{
    walker *w = data;
    ec_import_fact im;
    unsigned offset = 0;
    CXString name;
    const char *rel;

    if (depth == 0)
        w->main = included;
    else
        add_dep(w, included);
    if (depth != 1)
        return;
    memset(&im, 0, sizeof(im));
    lc->clang_getSpellingLocation(stack[0], NULL, &im.line, NULL, &offset);
    name = lc->clang_getFileName(included);
    include_spec(w, offset, lc->clang_getCString(name), &im);
    lc->clang_disposeString(name);
    rel = rel_path(w, included);
    im.target = rel ? rel : "";
    im.kind = rel ? EC_IMPORT_INTERNAL : EC_IMPORT_UNRESOLVED;
    im.resolved = rel != NULL;
    im.outside = rel == NULL;
    if (im.outside)
        im.system = true; /* a library's header, however the line spells it */
    ec_array_push(&w->t->u.imports, im);
}

/* Written in the main file once macros are expanded: a function whose
 * name a macro spells (flex's yylex) is still the file's own. */
static bool in_main_file(const walker *w, CXSourceLocation loc)
{
    unsigned line;

    return lc->clang_File_isEqual(file_line(loc, &line), w->main);
}

/* Compiler builtins (isnan expands to __builtin_isnan) are nobody's code. */
static bool is_builtin(const char *name)
{
    return !strncmp(name, "__builtin_", 10) || !strncmp(name, "__sync_", 7) ||
           !strncmp(name, "__atomic_", 9) || !strncmp(name, "__c11_atomic_", 13);
}

static bool is_function_kind(enum CXCursorKind k)
{
    return k == CXCursor_FunctionDecl || k == CXCursor_CXXMethod || k == CXCursor_Constructor ||
           k == CXCursor_Destructor || k == CXCursor_ConversionFunction ||
           k == CXCursor_FunctionTemplate;
}

static bool is_record_kind(enum CXCursorKind k)
{
    return k == CXCursor_StructDecl || k == CXCursor_UnionDecl || k == CXCursor_ClassDecl ||
           k == CXCursor_ClassTemplate;
}

static bool is_type_kind(enum CXCursorKind k)
{
    return is_record_kind(k) || k == CXCursor_EnumDecl || k == CXCursor_TypedefDecl ||
           k == CXCursor_TypeAliasDecl || k == CXCursor_TypeAliasTemplateDecl;
}

/* Public, by the design's rule: a member of a C++ class when its access is
 * public; a function with external linkage that a header declares (or
 * that a header defines); a type when a header defines it. */
static bool is_exported(walker *w, CXCursor c, bool function)
{
    CXCursor parent = lc->clang_getCursorSemanticParent(c), first;
    unsigned line;

    if (w->cxx && is_record_kind(lc->clang_getCursorKind(parent)))
        return lc->clang_getCXXAccessSpecifier(c) == CX_CXXPublic;
    if (!function)
        return w->header;
    if (lc->clang_getCursorLinkage(c) != CXLinkage_External)
        return false;
    if (w->header)
        return true;
    first = lc->clang_getCanonicalCursor(c);
    return !lc->clang_File_isEqual(file_line(lc->clang_getCursorLocation(first), &line), w->main);
}

/* Tree-sitter's complexity for the same function: same name and line; else
 * the only function on that line (a macro spells its name); else the only
 * one of that name. 0 when none matches. */
static unsigned complexity_of(const walker *w, const char *name, unsigned line)
{
    const ec_file_fact *f = w->t->file;
    unsigned by_line = 0, by_name = 0, n_line = 0, n_name = 0;
    size_t i;

    for (i = 0; i < f->definitions.len; i++) {
        const ec_definition_fact *d = &f->definitions.items[i];
        bool same_name = strcmp(d->name, name) == 0;

        if (!d->complexity)
            continue;
        if (same_name && d->line == line)
            return d->complexity;
        if (d->line == line) {
            by_line = d->complexity;
            n_line++;
        }
        if (same_name) {
            by_name = d->complexity;
            n_name++;
        }
    }
    return n_line == 1 ? by_line : n_name == 1 ? by_name : 0;
}

static const char *usr_of(walker *w, CXCursor c)
{
    CXString s = lc->clang_getCursorUSR(c);
    const char *text = lc->clang_getCString(s);
    char *copy = ec_arena_strdup(w->arena, text ? text : "");

    lc->clang_disposeString(s);
    return copy;
}

/* Record a definition; false when it has no name (an anonymous type). */
static bool add_definition(walker *w, CXCursor c, bool function)
{
    ec_definition_fact d;
    enum CXCursorKind parent = lc->clang_getCursorKind(lc->clang_getCursorSemanticParent(c));

    memset(&d, 0, sizeof(d));
    d.name = spelling(w, c);
    if (!d.name[0] || lc->clang_Cursor_isAnonymous(c))
        return false;
    file_line(lc->clang_getRangeStart(lc->clang_getCursorExtent(c)), &d.line);
    d.kind = !function ? "type" : is_record_kind(parent) ? "method" : "function";
    d.exported = is_exported(w, c, function);
    if (function)
        d.complexity = complexity_of(w, d.name, d.line);
    ec_array_push(&w->t->u.definitions, d);
    ec_array_push(&w->t->u.def_usrs, function ? usr_of(w, c) : NULL);
    return true;
}

/* A call to a function the project declares (its first declaration is in a
 * project file); calls into libraries are not the project's structure. */
static void add_call(walker *w, CXCursor call)
{
    CXCursor callee = lc->clang_getCursorReferenced(call), tmpl, def;
    ec_call_fact fact;
    unsigned line;

    if (lc->clang_Cursor_isNull(callee) || !is_function_kind(lc->clang_getCursorKind(callee)))
        return;
    tmpl = lc->clang_getSpecializedCursorTemplate(callee);
    if (!lc->clang_Cursor_isNull(tmpl))
        callee = tmpl;
    if (!rel_path(
            w, file_line(lc->clang_getCursorLocation(lc->clang_getCanonicalCursor(callee)), &line)))
        return;
    fact.to = spelling(w, callee);
    if (is_builtin(fact.to))
        return;
    fact.from = w->caller;
    fact.target = "";
    def = lc->clang_getCursorDefinition(callee);
    if (!lc->clang_Cursor_isNull(def)) {
        const char *rel = rel_path(w, file_line(lc->clang_getCursorLocation(def), &line));
        fact.target = rel ? rel : "";
    }
    file_line(lc->clang_getCursorLocation(call), &fact.line);
    ec_array_push(&w->t->u.calls, fact);
    ec_array_push(&w->t->u.call_usrs, usr_of(w, callee));
}

static enum CXChildVisitResult visit_body(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    if (lc->clang_getCursorKind(c) == CXCursor_CallExpr)
        add_call(data, c);
    return CXChildVisit_Recurse;
}

/* Declarations of the main file: definitions, and the calls in function
 * bodies. Namespaces, extern "C" blocks and classes are walked into. */
static enum CXChildVisitResult visit_decl(CXCursor c, CXCursor parent, CXClientData data)
{
    walker *w = data;
    enum CXCursorKind k = lc->clang_getCursorKind(c);

    (void)parent;
    if (!in_main_file(w, lc->clang_getCursorLocation(c)))
        return CXChildVisit_Continue;
    if (is_function_kind(k) && lc->clang_isCursorDefinition(c)) {
        if (add_definition(w, c, true)) {
            w->caller = w->t->u.definitions.items[w->t->u.definitions.len - 1].name;
            lc->clang_visitChildren(c, visit_body, w);
            w->caller = NULL;
        }
        return CXChildVisit_Continue;
    }
    if (is_type_kind(k) && (lc->clang_isCursorDefinition(c) || k == CXCursor_TypedefDecl ||
                            k == CXCursor_TypeAliasDecl || k == CXCursor_TypeAliasTemplateDecl))
        add_definition(w, c, false);
    if (is_record_kind(k) || k == CXCursor_Namespace || k == CXCursor_LinkageSpec ||
        k == CXCursor_UnexposedDecl)
        return CXChildVisit_Recurse;
    return CXChildVisit_Continue;
}

/* The parser's errors: a driver error (no location) means flags it does not
 * accept; errors in the main file mark lines whose #include may have failed. */
static bool check_diagnostics(walker *w)
{
    unsigned i, n = lc->clang_getNumDiagnostics(w->tu);
    bool flags_ok = true;

    for (i = 0; i < n; i++) {
        CXDiagnostic d = lc->clang_getDiagnostic(w->tu, i);
        CXFile file = NULL;
        unsigned line = 0;

        if (lc->clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
            w->t->errors = true;
            lc->clang_getExpansionLocation(lc->clang_getDiagnosticLocation(d), &file, &line, NULL,
                                           NULL);
            if (!file)
                flags_ok = false;
            else if (lc->clang_File_isEqual(file, w->main))
                ec_array_push(&w->t->u.bad_lines, line);
        }
        lc->clang_disposeDiagnostic(d);
    }
    return flags_ok;
}

/* ---- ordering: source order, duplicates dropped (a file that includes
 * itself shows its declarations once per inclusion) ---- */

static int compare_imports(const void *a, const void *b)
{
    const ec_import_fact *x = a, *y = b;

    return x->line != y->line ? (x->line > y->line) - (x->line < y->line)
                              : strcmp(x->spec, y->spec);
}

static void sort_imports(task *t)
{
    size_t i, n = 0;

    ec_array_sort(&t->u.imports, compare_imports);
    for (i = 0; i < t->u.imports.len; i++)
        if (n == 0 || compare_imports(&t->u.imports.items[n - 1], &t->u.imports.items[i]) != 0)
            t->u.imports.items[n++] = t->u.imports.items[i];
    t->u.imports.len = n;
}

typedef struct {
    ec_definition_fact d;
    const char *usr;
} def_usr;

static int compare_defs(const void *a, const void *b)
{
    const ec_definition_fact *x = &((const def_usr *)a)->d, *y = &((const def_usr *)b)->d;
    int c =
        x->line != y->line ? (x->line > y->line) - (x->line < y->line) : strcmp(x->name, y->name);

    return c ? c : strcmp(x->kind, y->kind);
}

static void sort_definitions(task *t)
{
    def_usr *v = ec_xcalloc(t->u.definitions.len + 1, sizeof(*v));
    size_t i, n = 0;

    for (i = 0; i < t->u.definitions.len; i++) {
        v[i].d = t->u.definitions.items[i];
        v[i].usr = t->u.def_usrs.items[i];
    }
    if (t->u.definitions.len > 1)
        qsort(v, t->u.definitions.len, sizeof(*v), compare_defs);
    for (i = 0; i < t->u.definitions.len; i++) {
        if (n && compare_defs(&v[n - 1], &v[i]) == 0)
            continue;
        v[n++] = v[i];
    }
    for (i = 0; i < n; i++) {
        t->u.definitions.items[i] = v[i].d;
        t->u.def_usrs.items[i] = v[i].usr;
    }
    t->u.definitions.len = t->u.def_usrs.len = n;
    free(v);
}

typedef struct {
    ec_call_fact c;
    const char *usr;
} call_usr;

static int compare_calls(const void *a, const void *b)
{
    const ec_call_fact *x = &((const call_usr *)a)->c, *y = &((const call_usr *)b)->c;
    int c =
        x->line != y->line ? (x->line > y->line) - (x->line < y->line) : strcmp(x->from, y->from);

    return c ? c : strcmp(x->to, y->to);
}

static void sort_calls(task *t)
{
    call_usr *v = ec_xcalloc(t->u.calls.len + 1, sizeof(*v));
    size_t i, n = 0;

    for (i = 0; i < t->u.calls.len; i++) {
        v[i].c = t->u.calls.items[i];
        v[i].usr = t->u.call_usrs.items[i];
    }
    if (t->u.calls.len > 1)
        qsort(v, t->u.calls.len, sizeof(*v), compare_calls);
    for (i = 0; i < t->u.calls.len; i++) {
        if (n && compare_calls(&v[n - 1], &v[i]) == 0)
            continue;
        v[n++] = v[i];
    }
    for (i = 0; i < n; i++) {
        t->u.calls.items[i] = v[i].c;
        t->u.call_usrs.items[i] = v[i].usr;
    }
    t->u.calls.len = t->u.call_usrs.len = n;
    free(v);
}

static void clear_results(task *t)
{
    ec_array_release(&t->u.imports);
    ec_array_release(&t->u.definitions);
    ec_array_release(&t->u.calls);
    ec_array_release(&t->u.def_usrs);
    ec_array_release(&t->u.call_usrs);
}

/* Parse one file and read its facts into its task. */
static void read_unit(const job *j, CXIndex index, ec_arena *arena, task *t)
{
    const unsigned flags =
        CXTranslationUnit_KeepGoing | CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles;
    const char *lang = ec_lang_name(t->file->lang);
    walker w;
    enum CXErrorCode err;

    memset(&w, 0, sizeof(w));
    w.job = j;
    w.t = t;
    w.arena = arena;
    w.header = is_header(t->file->path);
    w.cxx = !strcmp(lang, "C++");
    err = lc->clang_parseTranslationUnit2FullArgv(index, NULL, (const char *const *)t->argv,
                                                  t->argc, NULL, 0, flags, &w.tu);
    if (err != CXError_Success || !w.tu) {
        t->out = err == CXError_InvalidArguments ? OUT_FLAGS : OUT_FAILED;
        return;
    }
    lc->clang_getInclusions(w.tu, on_inclusion, &w);
    if (!w.main || !rel_path(&w, w.main) || strcmp(rel_path(&w, w.main), t->file->path) != 0) {
        t->out = OUT_FAILED; /* the command compiles some other file */
    } else if (!check_diagnostics(&w)) {
        t->out = OUT_FLAGS;
    } else {
        w.cxx = w.cxx || lc->clang_getCursorLanguage(lc->clang_getTranslationUnitCursor(w.tu)) ==
                             CXLanguage_CPlusPlus;
        lc->clang_visitChildren(lc->clang_getTranslationUnitCursor(w.tu), visit_decl, &w);
        sort_imports(t);
        sort_definitions(t);
        sort_calls(t);
    }
    if (t->out != OUT_DONE)
        clear_results(t);
    ec_array_release(&w.files);
    ec_array_release(&w.deps);
    lc->clang_disposeTranslationUnit(w.tu);
}

/* The cached unit of t, when its file, command and every file it opened
 * are as they were. */
static bool reuse(const job *j, ec_arena *arena, task *t)
{
    ec_cache_blob found;

    if (!j->cache || !ec_cache_find(j->cache, t->cache_path, t->key, &found) ||
        !ec_clang_record_decode(found.data, found.len, arena, &t->u))
        return false;
    if (t->u.outcome > OUT_FAILED || !ec_clang_unit_fresh(&t->u)) {
        ec_clang_unit_release(&t->u);
        return false;
    }
    t->out = (outcome)t->u.outcome;
    t->cached = true;
    return true;
}

/* Queue the units parsed in this run (before calls are linked: a target
 * found through another file is found again on the next run). A unit
 * whose parse had errors is not kept: a header it did not find may exist
 * by the next run, and a missing file is no dependency to watch. A
 * command libclang rejects is kept: the key covers it. */
static void store_units(const job *j)
{
    ec_buf record = EC_BUF_INIT;
    size_t i;

    for (i = 0; j->cache && i < j->count; i++) {
        task *t = &j->tasks[i];

        if (!t->cache_path || t->cached || (t->errors && t->out != OUT_FLAGS) ||
            t->out == OUT_FAILED)
            continue;
        t->u.outcome = t->out;
        ec_buf_reset(&record);
        ec_clang_record_encode(&record, &t->u);
        ec_cache_put(j->cache, t->cache_path, t->key, record.ptr, record.len);
    }
    ec_buf_release(&record);
}

typedef struct {
    job *job;
    ec_arena *arena;
} worker_state;

static void *worker(void *arg)
{
    worker_state *ws = arg;
    job *j = ws->job;
    CXIndex index = lc->clang_createIndex(0, 0);

    for (;;) {
        size_t i = atomic_fetch_add(&j->next, 1);

        if (i >= j->count)
            break;
        if (j->tasks[i].out == OUT_DONE && !reuse(j, ws->arena, &j->tasks[i]))
            read_unit(j, index, ws->arena, &j->tasks[i]);
    }
    lc->clang_disposeIndex(index);
    return NULL;
}

static unsigned thread_count(unsigned jobs, size_t units)
{
    long n = jobs ? (long)jobs : sysconf(_SC_NPROCESSORS_ONLN);

    if (n < 1)
        n = 1;
    if (n > 64)
        n = 64;
    if ((size_t)n > units)
        n = units ? (long)units : 1;
    return (unsigned)n;
}

/* Parse on n threads; clang's recursion wants more stack than the default. */
static void run_workers(job *j, ec_facts *facts, unsigned jobs)
{
    size_t units = 0, i;
    unsigned n, t, started = 0;
    pthread_t *threads;
    worker_state *states;
    pthread_attr_t attr;

    for (i = 0; i < j->count; i++)
        units += j->tasks[i].out == OUT_DONE;
    if (units == 0)
        return; /* no file has an entry: no index to make */
    n = thread_count(jobs, units);
    threads = ec_xcalloc(n, sizeof(*threads));
    states = ec_xcalloc(n, sizeof(*states));
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 16 * 1024 * 1024);
    for (t = 0; t < n; t++) {
        states[t].job = j;
        states[t].arena = ec_xmalloc(sizeof(ec_arena));
        ec_arena_init(states[t].arena);
        ec_facts_adopt_arena(facts, states[t].arena);
    }
    for (t = 0; t < n; t++)
        if (pthread_create(&threads[started], &attr, worker, &states[started]) == 0)
            started++;
    if (started == 0)
        worker(&states[0]); /* no threads to be had: do the work here */
    for (t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    pthread_attr_destroy(&attr);
    free(threads);
    free(states);
}

/* ---- linking calls to the files that define their callees ---- */

typedef struct {
    const char *key; /* a USR, or a function's name */
    const char *path;
} definer;

typedef EC_ARRAY(definer) definers;

static int compare_definers(const void *a, const void *b)
{
    const definer *x = a, *y = b;
    int c = strcmp(x->key, y->key);

    return c ? c : strcmp(x->path, y->path);
}

static size_t common_prefix(const char *a, const char *b)
{
    size_t n = 0;

    while (a[n] && a[n] == b[n])
        n++;
    return n;
}

/* The file defining key, nearest to near when several do (two programs of
 * one repository may each define a function of the same name). */
static const char *find_definer(const definers *all, const char *key, const char *near)
{
    definer probe = {key, ""}, *d;
    const char *best = NULL;
    size_t lo = 0, hi = all->len, best_common = 0;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (compare_definers(&all->items[mid], &probe) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (d = all->items + lo; d < all->items + all->len && !strcmp(d->key, key); d++) {
        size_t common = common_prefix(d->path, near);

        if (!best || common > best_common) {
            best = d->path;
            best_common = common;
        }
    }
    return best;
}

/* Definers by USR from the files libclang read, and by name from the public
 * functions of the C/C++ files it did not (their tree-sitter facts). */
static void collect_definers(const job *j, definers *by_usr, definers *by_name)
{
    size_t i, k;

    for (i = 0; i < j->count; i++) {
        const task *t = &j->tasks[i];

        for (k = 0; t->out == OUT_DONE && k < t->u.definitions.len; k++) {
            definer d = {t->u.def_usrs.items[k], t->file->path};
            if (d.key && d.key[0])
                ec_array_push(by_usr, d);
        }
        for (k = 0; t->out != OUT_DONE && k < t->file->definitions.len; k++) {
            const ec_definition_fact *f = &t->file->definitions.items[k];
            definer d = {f->name, t->file->path};
            if (!strcmp(f->kind, "function") && f->exported)
                ec_array_push(by_name, d);
        }
    }
    ec_array_sort(by_usr, compare_definers);
    ec_array_sort(by_name, compare_definers);
}

static void link_calls(job *j)
{
    definers by_usr = EC_ARRAY_INIT, by_name = EC_ARRAY_INIT;
    size_t i, k;

    collect_definers(j, &by_usr, &by_name);
    for (i = 0; i < j->count; i++) {
        task *t = &j->tasks[i];

        for (k = 0; t->out == OUT_DONE && k < t->u.calls.len; k++) {
            ec_call_fact *c = &t->u.calls.items[k];
            const char *found;

            if (c->target[0])
                continue;
            found = find_definer(&by_usr, t->u.call_usrs.items[k], t->file->path);
            if (!found && !strncmp(t->u.call_usrs.items[k], "c:@F@", 5))
                found = find_definer(&by_name, c->to, t->file->path); /* a C function */
            if (found)
                c->target = found;
        }
    }
    ec_array_release(&by_usr);
    ec_array_release(&by_name);
}

/* ---- into the facts ---- */

static bool has_import_at(const task *t, unsigned line)
{
    size_t i;

    for (i = 0; i < t->u.imports.len; i++)
        if (t->u.imports.items[i].line == line)
            return true;
    return false;
}

static bool is_bad_line(const task *t, unsigned line)
{
    size_t i;

    for (i = 0; i < t->u.bad_lines.len; i++)
        if (t->u.bad_lines.items[i] == line)
            return true;
    return false;
}

/* Replace the file's tree-sitter facts with libclang's; an #include line
 * with an error (a header not found) keeps tree-sitter's fact. */
static void apply(task *t)
{
    ec_file_fact *f = t->file;
    size_t i;

    for (i = 0; i < f->imports.len; i++) {
        const ec_import_fact *im = &f->imports.items[i];
        if (is_bad_line(t, im->line) && !has_import_at(t, im->line))
            ec_array_push(&t->u.imports, *im);
    }
    sort_imports(t);
    ec_array_release(&f->imports);
    ec_array_release(&f->definitions);
    ec_array_release(&f->calls);
    f->imports.items = t->u.imports.items;
    f->imports.len = t->u.imports.len;
    f->imports.alloc = t->u.imports.alloc;
    f->definitions.items = t->u.definitions.items;
    f->definitions.len = t->u.definitions.len;
    f->definitions.alloc = t->u.definitions.alloc;
    f->calls.items = t->u.calls.items;
    f->calls.len = t->u.calls.len;
    f->calls.alloc = t->u.calls.alloc;
    memset(&t->u.imports, 0, sizeof(t->u.imports));
    memset(&t->u.definitions, 0, sizeof(t->u.definitions));
    memset(&t->u.calls, 0, sizeof(t->u.calls));
}

/* One line for the whole run: how many files libclang did not read, and why. */
static void report(ec_facts *facts, const job *j, const char *label)
{
    size_t counts[4] = {0, 0, 0, 0}, total = 0, i;

    for (i = 0; i < j->count; i++) {
        if (!j->tasks[i].counted)
            continue;
        total++;
        counts[j->tasks[i].out]++;
    }
    if (total == counts[OUT_DONE])
        return;
    ec_diag_add(&facts->diags, label, 0,
                "%zu of %zu C/C++ files could not be parsed with libclang and were read with "
                "tree-sitter instead (%zu without an entry, %zu with flags libclang rejects, "
                "%zu failed to parse)",
                total - counts[OUT_DONE], total, counts[OUT_NO_ENTRY], counts[OUT_FLAGS],
                counts[OUT_FAILED]);
}

static void release_job(job *j)
{
    size_t i;
    int a;

    for (i = 0; i < j->count; i++) {
        task *t = &j->tasks[i];

        for (a = 0; a < t->argc; a++)
            free(t->argv[a]);
        free(t->argv);
        ec_clang_unit_release(&t->u);
        free(t->cache_path);
    }
    free(j->tasks);
}

int ec_clang_analyze(ec_facts *facts, const char *root, const ec_clang_options *opts)
{
    ec_buf dir = EC_BUF_INIT, label = EC_BUF_INIT;
    CXCompilationDatabase_Error dberr = CXCompilationDatabase_NoError;
    CXCompilationDatabase db;
    CXCompileCommands all;
    job j;
    size_t i;
    int err;

    err = find_database(root, opts->database, &dir, &label);
    if (err || !dir.len)
        goto cleanup;
    lc = ec_libclang_load();
    if (!lc) {
        ec_diag_add(&facts->diags, label.ptr, 0, "C and C++ files were read with tree-sitter (%s)",
                    ec_error_last());
        goto cleanup;
    }
    db = lc->clang_CompilationDatabase_fromDirectory(dir.ptr, &dberr);
    if (dberr != CXCompilationDatabase_NoError || !db) {
        ec_diag_add(&facts->diags, label.ptr, 0,
                    "libclang cannot read this compile database: C and C++ files were read "
                    "with tree-sitter");
        goto cleanup;
    }
    memset(&j, 0, sizeof(j));
    j.root = root;
    j.root_len = strlen(root);
    j.cache = opts->cache;
    atomic_init(&j.next, 0);
    all = lc->clang_CompilationDatabase_getAllCompileCommands(db);
    make_tasks(&j, facts, all);
    lc->clang_CompileCommands_dispose(all);
    lc->clang_CompilationDatabase_dispose(db);
    run_workers(&j, facts, opts->jobs);
    store_units(&j);
    link_calls(&j);
    for (i = 0; i < j.count; i++)
        if (j.tasks[i].out == OUT_DONE)
            apply(&j.tasks[i]);
    report(facts, &j, label.ptr);
    release_job(&j);

cleanup:
    ec_buf_release(&dir);
    ec_buf_release(&label);
    return err;
}
