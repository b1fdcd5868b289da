/*
 * manifest_make.c - Makefiles (Makefile, GNUmakefile, makefile, *.mk) and
 * automake's Makefile.am: the programs and libraries they build, their
 * files and what they link.
 *
 * Design. One pass reads the file as make does: logical lines (backslash
 * continuations joined), comments dropped outside recipes, variable
 * assignments (`=` kept to be expanded where used, `:=` expanded at once,
 * `?=`, `+=`), rules with their recipes. Conditionals are not decided:
 * every branch is read, as the file shows them all. Rule lines are expanded
 * when read, recipes at the end, as make does. `include` reads the
 * project's included files for their variables (an included file may not
 * replace a variable the includer set: it would bring every platform's
 * settings), `$(wildcard)` is answered from the walk's file list and
 * `vpath` says where prerequisites are looked for.
 *
 * A Makefile says what it builds only through its recipes, so this reader
 * claims no more than a recipe shows:
 *   - a compiler or linker command (cc, gcc, clang, c++, $(CC), ...) with
 *     `-o OUT` and without -c/-S/-E builds OUT: a library when OUT is
 *     lib<name>.so/.dylib/.dll (or lib<name>. followed by a suffix this
 *     file does not set), or when the command has -shared; otherwise an
 *     executable;
 *   - `ar` (or $(AR)) writing lib<name>.a builds a static library;
 *   - `go build -o OUT [./pkg | main.go]` builds the Go program OUT from
 *     that package's directory.
 * Variants of one output (zstd-small beside zstd, the same files; OUT-$@
 * cross-compiled per platform) are folded into it.
 * Names are the file name without directory and suffix (`libzstd`, `zstd`;
 * a trailing reference such as $(EXE) is dropped). Technology is the
 * language most of the files are in, else C++ when a C++ driver links it,
 * else C. The files are the
 * sources the command names, objects mapped to the sources they are
 * compiled from (by the file's pattern rules, else by extension), keeping
 * only files of the project. `-lfoo` is a relation to libfoo when this
 * file builds it, else a library of the system; a library file
 * (`../deps/lua/src/liblua.a`) is a relation by name, which graph/
 * resolves across directories.
 *
 * Makefile.am declares instead: `<dir>_PROGRAMS` are executables,
 * `<dir>_LTLIBRARIES` and `<dir>_LIBRARIES` libraries (`libjq.la` is named
 * libjq), except check_ (tests) and EXTRA_; `<canonical>_SOURCES` are
 * their files and `<canonical>_LDADD`/`_LIBADD` what they link.
 */
#include <ctype.h>
#include <fnmatch.h>
#include <string.h>

#include "analyzer/manifest_build.h"
#include "analyzer/manifest_readers.h"
#include "analyzer/manifest_vars.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/path.h"
#include "util/strlist.h"

typedef struct {
    const char *text; /* raw, expanded at the end */
    unsigned line;
} recipe_line;

typedef struct {
    const char *targets, *prereqs; /* expanded when read */
    const char *static_pattern;    /* "targets: %.o: %.c" has "%.o"; else NULL */
    unsigned line;
    bool pattern;
    EC_ARRAY(recipe_line) recipe;
} rule;

typedef struct {
    const char *p;
    size_t n;
} span;

typedef struct {
    const char *name, *value; /* the value as written */
    unsigned line;
} assignment;

/* What a recipe builds. */
typedef struct {
    const char *name;
    bool library;
    bool cxx;         /* linked by a C++ driver (c++, g++, $(CXX)) */
    const char *path; /* the directory built from, root-relative: a Go package; NULL: the
                         Makefile's */
    unsigned line;
    EC_ARRAY(const char *) files;
    EC_ARRAY(const char *) links; /* "-lfoo" or a library's name ("libfoo") */
} output;

typedef struct {
    ec_manifest *m;
    ec_mvars vars;
    ec_arena keep;
    EC_ARRAY(rule) rules;
    EC_ARRAY(size_t) patterns; /* the first EC_MAKE_MAX_PATTERNS pattern rules, by index */
    EC_ARRAY(assignment) assignments;
    EC_ARRAY(output) outputs;
    EC_ARRAY(const char *) shared_targets; /* with a target-specific "-shared" */
    ec_mvars lflags;      /* "-lfoo" words seen: set when outside any conditional */
    unsigned conditional; /* depth of ifeq/ifdef/if blocks */
    bool expansion_reported;
    bool too_many;                /* EC_MAKE_MAX_OUTPUTS reached */
    unsigned includes;            /* files included so far (EC_MAKE_MAX_INCLUDES) */
    bool assignments_only;        /* reading an included file: its variables, not its rules */
    EC_ARRAY(const char *) read;  /* the files read, this one first, so none twice */
    EC_ARRAY(const char *) vpath; /* "pattern\tdir" of vpath directives, as written */
    EC_ARRAY(const char *) included_names; /* variables an included file created */
    EC_ARRAY(const char *) globs;          /* pattern, then its answer: $(wildcard) cache */
} reader;

/* Pattern rules consulted: each object and candidate program is matched
 * against them, so their number bounds the work per word. */
#define EC_MAKE_MAX_PATTERNS 64

/* What one file can build; past it, a file is not a real project's. */
#define EC_MAKE_MAX_OUTPUTS 512

/* Files one Makefile may include, directly or not. */
#define EC_MAKE_MAX_INCLUDES 16

/* vpath directories kept: each is tried for every object without a source. */
#define EC_MAKE_MAX_VPATH 64

/* ---- reading ---------------------------------------------------------------- */

static void expand(reader *r, ec_buf *out, const char *s, unsigned line)
{
    if (!ec_mvars_expand(&r->vars, out, s) && !r->expansion_reported) {
        r->expansion_reported = true;
        ec_manifest_error(r->m, line, "%s%s%s: left as written", r->vars.problem,
                          r->vars.problem_name[0] ? ": " : "", r->vars.problem_name);
    }
}

static char *trim(char *s)
{
    char *end;

    while (*s == ' ' || *s == '\t')
        s++;
    end = s + strlen(s);
    while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
        end--;
    *end = '\0';
    return s;
}

/* Drop a comment outside a recipe ("\#" is a literal '#'). */
static void strip_comment(char *s)
{
    char *p;

    for (p = s; *p; p++) {
        if (*p == '\\' && p[1] == '#')
            p++;
        else if (*p == '#') {
            *p = '\0';
            return;
        }
    }
}

/* The first ':' or '=' outside $(...) and ${...}; NULL when none. */
static char *separator(char *s)
{
    size_t depth = 0;

    for (; *s; s++) {
        if (*s == '$' && (s[1] == '(' || s[1] == '{')) {
            depth++;
            s++;
        } else if ((*s == ')' || *s == '}') && depth) {
            depth--;
        } else if (!depth && (*s == ':' || *s == '=')) {
            return s;
        }
    }
    return NULL;
}

/* Whether an included file may set name: one it created itself. Every
 * branch of its conditionals is read, so the platform settings it holds
 * (config.mak.uname's AR for Windows) must not replace this file's own. */
static bool included_may_set(reader *r, const char *name)
{
    if (ec_str_in_n(name, r->included_names.items, r->included_names.len))
        return true;
    if (ec_mvars_seen(&r->vars, name))
        return false;
    ec_array_push(&r->included_names, ec_arena_strdup(&r->keep, name));
    return true;
}

static void assign(reader *r, char *name, char op, char *value, unsigned line)
{
    ec_buf b = EC_BUF_INIT;
    assignment a;

    name = trim(name);
    value = trim(value);
    if (!*name || strpbrk(name, " \t"))
        return; /* `export A B = x` and the like: not a plain variable */
    if (r->assignments_only && !included_may_set(r, name))
        return;
    a.name = ec_arena_strdup(&r->keep, name);
    a.value = ec_arena_strdup(&r->keep, value);
    a.line = line;
    ec_array_push(&r->assignments, a);
    if (op == '?' && ec_mvars_seen(&r->vars, name))
        return;
    if (op == '!') {
        ec_mvars_forget(&r->vars, name, line);
        return;
    }
    if (op == '+' && ec_mvars_get(&r->vars, name, NULL)) {
        bool recursive = ec_mvars_recursive(&r->vars, name);

        ec_buf_puts(&b, ec_mvars_get(&r->vars, name, NULL));
        ec_buf_putc(&b, ' ');
        if (recursive)
            ec_buf_puts(&b, value);
        else
            expand(r, &b, value, line);
        ec_mvars_set(&r->vars, name, b.ptr, recursive, line);
    } else if (op == ':') {
        expand(r, &b, value, line);
        ec_mvars_set(&r->vars, name, b.ptr, false, line);
    } else if (op != '+' || !ec_mvars_seen(&r->vars, name)) {
        ec_mvars_set(&r->vars, name, value, true, line);
    }
    ec_buf_release(&b);
}

static rule *add_rule(reader *r, char *targets, char *prereqs, unsigned line)
{
    ec_buf t = EC_BUF_INIT, p = EC_BUF_INIT;
    rule ru = {0};
    char *semi = strchr(prereqs, ';');

    if (semi)
        *semi = '\0';
    expand(r, &t, trim(targets), line);
    expand(r, &p, trim(prereqs), line);
    ru.targets = ec_arena_strdup(&r->keep, t.ptr);
    ru.prereqs = ec_arena_strdup(&r->keep, p.ptr);
    ru.line = line;
    ru.pattern = strchr(t.ptr, '%') != NULL;
    if (ru.pattern && !strpbrk(t.ptr, " \t") && r->patterns.len < EC_MAKE_MAX_PATTERNS)
        ec_array_push(&r->patterns, r->rules.len);
    ec_array_push(&r->rules, ru);
    ec_buf_release(&t);
    ec_buf_release(&p);
    if (semi) {
        recipe_line rl = {ec_arena_strdup(&r->keep, semi + 1), line};

        ec_array_push(&r->rules.items[r->rules.len - 1].recipe, rl);
    }
    return &r->rules.items[r->rules.len - 1];
}

/* The -l words of a line: known unconditional, or (inside a conditional
 * only) seen. */
static void note_lflags(reader *r, const char *s)
{
    const char *p = s;

    while ((p = strstr(p, "-l")) != NULL) {
        size_t n = strcspn(p, " \t;)'\"");

        if ((p == s || p[-1] == ' ' || p[-1] == '\t') && n > 2) {
            char *w = ec_arena_strndup(&r->keep, p, n);

            if (!r->conditional)
                ec_mvars_set(&r->lflags, w, "1", false, 0);
            else if (!ec_mvars_get(&r->lflags, w, NULL))
                ec_mvars_forget(&r->lflags, w, 0);
        }
        p += n > 2 ? n : 2;
    }
}

/* Whether s is a conditional directive; the depth of conditionals
 * follows it. */
static bool conditional(reader *r, const char *s)
{
    static const char *const open[] = {"ifeq", "ifneq", "ifdef", "ifndef", "if", ".if", NULL};
    static const char *const other[] = {"else", ".else", "endif", ".endif", NULL};
    size_t i, n = strcspn(s, " \t(");

    for (i = 0; open[i]; i++)
        if (strlen(open[i]) == n && strncmp(s, open[i], n) == 0) {
            r->conditional++;
            return true;
        }
    for (i = 0; other[i]; i++)
        if (strlen(other[i]) == n && strncmp(s, other[i], n) == 0) {
            if (i >= 2 && r->conditional)
                r->conditional--;
            return true;
        }
    return false;
}

static bool directive(const char *s)
{
    static const char *const words[] = {"ifeq",     "ifneq",   "ifdef",    "ifndef",   "else",
                                        "endif",    "include", "-include", "sinclude", "vpath",
                                        "unexport", "if",      ".include", ".if",      ".endif",
                                        ".else",    NULL};
    size_t i, n = strcspn(s, " \t(");

    for (i = 0; words[i]; i++)
        if (strlen(words[i]) == n && strncmp(s, words[i], n) == 0)
            return true;
    return false;
}

/* `targets: VAR += value`: only a "-shared" in it is kept, as it says that
 * what the targets link is a shared library. */
static void target_specific(reader *r, char *targets, const char *value, unsigned line)
{
    ec_buf t = EC_BUF_INIT;
    char *save = NULL, *w;

    if (!strstr(value, "-shared"))
        return;
    expand(r, &t, trim(targets), line);
    for (w = strtok_r(t.ptr, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
        ec_array_push(&r->shared_targets, ec_arena_strdup(&r->keep, w));
    ec_buf_release(&t);
}

/* One logical line outside a recipe; the rule it opens, or NULL. */
static void include(reader *r, char *s, unsigned line);

/* vpath PATTERN DIRS: where prerequisites that match are looked for. */
static void vpath(reader *r, char *s, unsigned line)
{
    ec_buf words = EC_BUF_INIT, entry = EC_BUF_INIT;
    char *save = NULL, *pattern, *dir;

    expand(r, &words, trim(s), line);
    pattern = strtok_r(words.ptr, " \t", &save);
    while (pattern && (dir = strtok_r(NULL, " \t:", &save)) != NULL) {
        if (strchr(dir, '$') || r->vpath.len >= EC_MAKE_MAX_VPATH)
            continue;
        ec_buf_reset(&entry);
        ec_buf_printf(&entry, "%s\t%s", pattern, dir);
        ec_array_push(&r->vpath, ec_arena_strdup(&r->keep, entry.ptr));
    }
    ec_buf_release(&words);
    ec_buf_release(&entry);
}

static rule *statement(reader *r, char *s, unsigned line)
{
    char *sep, *rest;

    strip_comment(s);
    s = trim(s);
    if (strncmp(s, "include ", 8) == 0 || strncmp(s, "-include ", 9) == 0 ||
        strncmp(s, "sinclude ", 9) == 0)
        include(r, s + strcspn(s, " "), line);
    if (strncmp(s, "vpath ", 6) == 0)
        vpath(r, s + 6, line);
    if (!*s || directive(s))
        return NULL;
    note_lflags(r, s);
    if (strncmp(s, "export ", 7) == 0 || strncmp(s, "override ", 9) == 0)
        s = trim(strchr(s, ' '));
    sep = separator(s);
    if (!sep)
        return NULL;
    if (*sep == '=') {
        char op = sep > s && strchr(":?+!", sep[-1]) ? sep[-1] : '=';

        if (op != '=')
            sep[-1] = '\0';
        *sep = '\0';
        assign(r, s, op, sep + 1, line);
        return NULL;
    }
    if (sep[1] == '=' || (sep[1] == ':' && sep[2] == '=')) { /* := and ::= */
        *sep = '\0';
        assign(r, s, ':', sep + (sep[1] == '=' ? 2 : 3), line);
        return NULL;
    }
    if (r->assignments_only)
        return NULL;
    *sep = '\0';
    rest = sep + 1 + (sep[1] == ':');
    sep = separator(rest);
    if (sep && *sep == '=') { /* a target-specific variable */
        target_specific(r, s, sep + 1, line);
        return NULL;
    }
    if (sep) { /* a static pattern rule: targets: target-pattern: prerequisite-patterns */
        ec_buf pat = EC_BUF_INIT;
        rule *ru;

        *sep = '\0';
        expand(r, &pat, trim(rest), line);
        ru = add_rule(r, s, sep + 1, line);
        ru->static_pattern = ec_arena_strdup(&r->keep, pat.ptr);
        ru->pattern = false;
        ec_buf_release(&pat);
        return ru;
    }
    return add_rule(r, s, rest, line);
}

/* define NAME ... endef: a value this reader does not follow. */
static const char *skip_define(reader *r, const char *p, const char *end, char *name,
                               unsigned *line)
{
    char *n = trim(name);

    n[strcspn(n, " \t=")] = '\0';
    ec_mvars_forget(&r->vars, n, *line);
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *q = p;

        if (!eol)
            eol = end;
        (*line)++;
        while (q < eol && (*q == ' ' || *q == '\t'))
            q++;
        p = eol < end ? eol + 1 : end;
        if ((size_t)(eol - q) >= 5 && strncmp(q, "endef", 5) == 0)
            return p;
    }
    ec_manifest_error(r->m, *line, "'define %s' is not closed by 'endef'", n);
    return p;
}

static void parse_text(reader *r, const char *p, size_t len)
{
    const char *end = p + len;
    ec_buf logical = EC_BUF_INIT;
    rule *current = NULL;
    unsigned line = 0;
    char *text;

    while (p < end) {
        unsigned start = line + 1;
        bool recipe = *p == '\t' && current;

        ec_buf_reset(&logical);
        for (;;) { /* join continued lines */
            const char *eol = memchr(p, '\n', (size_t)(end - p));

            if (!eol)
                eol = end;
            line++;
            ec_buf_add(&logical, p, (size_t)(eol - p));
            p = eol < end ? eol + 1 : end;
            if (!logical.len || logical.ptr[logical.len - 1] != '\\' || p >= end)
                break;
            logical.ptr[logical.len - 1] = ' ';
        }
        if (recipe) {
            recipe_line rl = {ec_arena_strdup(&r->keep, logical.ptr + 1), start};

            note_lflags(r, logical.ptr);
            ec_array_push(&current->recipe, rl);
            continue;
        }
        text = trim(logical.ptr);
        if (strncmp(text, "define ", 7) == 0) {
            p = skip_define(r, p, end, text + 7, &line);
            current = NULL;
        } else if (conditional(r, text)) {
            ; /* a recipe goes on across ifeq ... endif */
        } else if (*text && *text != '#') {
            current = statement(r, text, start);
        }
    }
    ec_buf_release(&logical);
}

static void parse(reader *r)
{
    parse_text(r, r->m->text, r->m->len);
}

/* include FILES: the variables each file of the project sets, read as if
 * written here (libzstd.mk's source lists); their rules are the included
 * file's own. Files outside the project, not found or already read are
 * skipped, as -include does. */
static void include(reader *r, char *s, unsigned line)
{
    ec_buf words = EC_BUF_INIT, text = EC_BUF_INIT, list = EC_BUF_INIT;
    char *save = NULL, *w;
    bool was = r->assignments_only;
    unsigned depth;

    expand(r, &words, trim(s), line);
    for (w = strtok_r(words.ptr, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
        const char *path = strchr(w, '$') ? NULL : ec_manifest_join(r->m, r->m->dir, w);

        if (!path || r->includes >= EC_MAKE_MAX_INCLUDES ||
            ec_str_in_n(path, r->read.items, r->read.len) ||
            ec_manifest_read_file(r->m, path, &text) != 0) {
            ec_buf_release(&text);
            continue;
        }
        r->includes++;
        ec_array_push(&r->read, ec_arena_strdup(&r->keep, path));
        ec_buf_reset(&list);
        ec_buf_printf(&list, "%s %s", ec_mvars_get(&r->vars, "MAKEFILE_LIST", NULL) ?: "", w);
        ec_mvars_set(&r->vars, "MAKEFILE_LIST", list.ptr, false, line);
        r->assignments_only = true;
        depth = r->conditional; /* an unbalanced included file must not unbalance this one */
        parse_text(r, text.ptr, text.len);
        r->conditional = depth;
        r->assignments_only = was;
        ec_buf_release(&text);
    }
    ec_buf_release(&words);
    ec_buf_release(&list);
}

/* $(wildcard PATTERN): the project's files that match, as the pattern
 * writes them (relative to this file's directory). Only the last element
 * of a pattern may hold * ? [. Answers are kept: a pattern met again costs
 * nothing, one met first costs a look at every file. */
static bool glob_files(void *ctx, const char *pattern, ec_buf *out, size_t *work)
{
    reader *r = ctx;
    const char *slash = strrchr(pattern, '/'), *base = slash ? slash + 1 : pattern, *dir;
    size_t prefix = (size_t)(base - pattern), n, i, start = out->len;
    char *head;

    if (strchr(pattern, '$') || strcspn(pattern, "*?[") < prefix)
        return false;
    for (i = 0; i + 1 < r->globs.len; i += 2)
        if (strcmp(r->globs.items[i], pattern) == 0) {
            ec_buf_puts(out, r->globs.items[i + 1]);
            return true;
        }
    *work = 16 * r->m->facts->files.len;
    head = ec_arena_strndup(&r->keep, pattern, prefix ? prefix - 1 : 0);
    dir = prefix ? ec_manifest_join(r->m, r->m->dir, head) : r->m->dir;
    n = !dir || strcmp(dir, ".") == 0 ? 0 : strlen(dir);
    for (i = 0; dir && i < r->m->facts->files.len; i++) {
        const char *f = r->m->facts->files.items[i].path, *name = f + n + (n > 0);

        if ((n && (strncmp(f, dir, n) != 0 || f[n] != '/')) || strchr(name, '/') ||
            fnmatch(base, name, FNM_PERIOD) != 0)
            continue;
        if (out->len > start)
            ec_buf_putc(out, ' ');
        ec_buf_add(out, pattern, prefix);
        ec_buf_puts(out, name);
    }
    ec_array_push(&r->globs, ec_arena_strdup(&r->keep, pattern));
    ec_array_push(&r->globs, ec_arena_strdup(&r->keep, out->ptr ? out->ptr + start : ""));
    return true;
}

/* ---- recipes ---------------------------------------------------------------- */

/* Replace make's automatic variables of a rule: $@, $^, $+, $<, $(@F). */
static void automatic(ec_buf *out, const char *s, const char *target, const char *prereqs)
{
    size_t first = strcspn(prereqs, " \t");

    for (; *s; s++) {
        if (*s != '$') {
            ec_buf_putc(out, *s);
        } else if (s[1] == '$') {
            ec_buf_add(out, "$$", 2);
            s++;
        } else if (s[1] == '@') {
            ec_buf_puts(out, target);
            s++;
        } else if (s[1] == '^' || s[1] == '+') {
            ec_buf_puts(out, prereqs);
            s++;
        } else if (s[1] == '<') {
            ec_buf_add(out, prereqs, first);
            s++;
        } else if (strncmp(s, "$(@F)", 5) == 0) {
            ec_buf_puts(out, ec_path_basename(target));
            s += 4;
        } else {
            ec_buf_putc(out, '$');
        }
    }
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);

    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* A C or C++ compiler driver or linker, by its name: cc, gcc-12,
 * x86_64-linux-gnu-gcc, clang++, $(CC), ... */
/* w past references this file does not know at its start: in
 * "$(QUIET_LINK)$(CC)" the command is $(CC). */
static const char *past_unknown_refs(const char *w)
{
    while (w[0] == '$' && (w[1] == '(' || w[1] == '{') && w[2]) {
        const char *close = strchr(w, w[1] == '(' ? ')' : '}');

        if (!close || !close[1])
            break;
        w = close + 1;
    }
    return w;
}

static bool compiler(const char *w)
{
    static const char *const vars[] = {"$(CC)", "${CC}",   "$(CXX)",   "${CXX}", "$(LD)",
                                       "${LD}", "$(CCLD)", "$(CXXLD)", NULL};
    static const char *const names[] = {"cc",  "gcc", "clang", "c++", "g++",      "clang++", "tcc",
                                        "icc", "icx", "ld",    "lld", "musl-gcc", NULL};
    char base[64];
    const char *b = ec_path_basename(w);
    size_t n = strlen(b), dash;

    if (ec_str_in(w, vars))
        return true;
    if (n == 0 || n >= sizeof(base))
        return false;
    memcpy(base, b, n + 1);
    dash = strcspn(base, "-"); /* gcc-12 */
    if (base[dash] && isdigit((unsigned char)base[dash + 1]))
        base[dash] = '\0';
    return ec_str_in(base, names) || ends_with(base, "-gcc") || ends_with(base, "-g++") ||
           ends_with(base, "-clang") || ends_with(base, "-cc");
}

/* A C++ driver, by its name: c++, g++-12, clang++, $(CXX), $(CXXLD). */
static bool cxx_driver(const char *w)
{
    return strstr(w, "++") || strstr(w, "CXX");
}

static bool archiver(const char *w)
{
    const char *b = ec_path_basename(w);

    return strcmp(w, "$(AR)") == 0 || strcmp(w, "${AR}") == 0 || strcmp(b, "ar") == 0 ||
           ends_with(b, "-ar");
}

/* A word without trailing references ("jq$(EXEEXT)" -> "jq"). */
static void without_suffix_refs(ec_buf *out, const char *word)
{
    ec_buf_puts(out, word);
    for (;;) {
        char *open = strrchr(out->ptr, '$');
        char last = out->len ? out->ptr[out->len - 1] : '\0';

        if (open && (last == ')' || last == '}'))
            ec_buf_truncate(out, (size_t)(open - out->ptr));
        else if (open && open == out->ptr + out->len - 2 && isalnum((unsigned char)last))
            ec_buf_truncate(out, out->len - 2); /* $X */
        else
            break;
    }
}

/* OUT without a trailing reference ("zstd$(EXT)" -> "zstd"); a name is
 * then its file name up to the first dot. NULL when not literal. */
static const char *output_name(reader *r, const char *out, bool *lib_suffix)
{
    ec_buf b = EC_BUF_INIT;
    const char *base, *dot, *name = NULL;

    without_suffix_refs(&b, out);
    base = ec_path_basename(b.ptr);
    dot = strchr(base, '.');
    *lib_suffix = false;
    if (*base && !strchr(base, '$') && base[0] != '.') {
        const char *suffix = dot ? dot + 1 : "";

        *lib_suffix = strncmp(base, "lib", 3) == 0 && dot &&
                      (strncmp(suffix, "so", 2) == 0 || strcmp(suffix, "a") == 0 ||
                       strncmp(suffix, "dylib", 5) == 0 || strcmp(suffix, "dll") == 0 ||
                       strcmp(suffix, "la") == 0 || !*suffix);
        if (!dot || *lib_suffix || strcmp(suffix, "exe") == 0 || strcmp(suffix, "out") == 0)
            name = ec_arena_strndup(&r->keep, base, dot ? (size_t)(dot - base) : strlen(base));
    }
    ec_buf_release(&b);
    return name;
}

static output *output_for(reader *r, const char *name, bool library, unsigned line)
{
    output o = {0};
    size_t i;

    for (i = 0; i < r->outputs.len; i++)
        if (strcmp(r->outputs.items[i].name, name) == 0) {
            r->outputs.items[i].library = r->outputs.items[i].library || library;
            return &r->outputs.items[i];
        }
    if (r->outputs.len == EC_MAKE_MAX_OUTPUTS) {
        if (!r->too_many)
            ec_manifest_error(r->m, line, "more than %d programs and libraries: the rest not read",
                              EC_MAKE_MAX_OUTPUTS);
        r->too_many = true;
        return NULL;
    }
    o.name = name;
    o.library = library;
    o.line = line;
    ec_array_push(&r->outputs, o);
    return &r->outputs.items[r->outputs.len - 1];
}

/* A prerequisite's file: src under this file's directory, else under a
 * vpath directory whose pattern it matches; NULL when neither has it. */
static const char *find_prerequisite(reader *r, const char *src)
{
    const char *path = strchr(src, '$') ? NULL : ec_manifest_join(r->m, r->m->dir, src);
    ec_buf pattern = EC_BUF_INIT, dir = EC_BUF_INIT;
    size_t i;

    if (!r->m->facts->files.len || (path && ec_build_has_file(r->m->facts, path)))
        return path;
    for (i = 0, path = NULL; !path && i < r->vpath.len && !strchr(src, '$'); i++) {
        const char *e = r->vpath.items[i], *tab = strchr(e, '\t');
        char *pct;

        ec_buf_reset(&pattern);
        ec_buf_add(&pattern, e, (size_t)(tab - e));
        if ((pct = strchr(pattern.ptr, '%')) != NULL)
            *pct = '*';
        if (fnmatch(pattern.ptr, ec_path_basename(src), 0) != 0)
            continue;
        ec_buf_reset(&dir);
        ec_path_join(&dir, tab + 1, src);
        path = ec_manifest_join(r->m, r->m->dir, dir.ptr);
        if (path && !ec_build_has_file(r->m->facts, path))
            path = NULL;
    }
    ec_buf_release(&pattern);
    ec_buf_release(&dir);
    return path;
}

/* make's built-in rules (%.o: %.c, %.cc, %.cpp, %.S) through vpath: the
 * source of obj found in a vpath directory, or NULL. */
static const char *builtin_source(reader *r, const char *obj)
{
    static const char *const exts[] = {"c", "cc", "cpp", "cxx", "S"};
    const char *dot = strrchr(obj, '.'), *path = NULL;
    ec_buf src = EC_BUF_INIT;
    size_t i;

    if (!r->vpath.len || !dot || strcmp(dot, ".o") != 0 || strchr(obj, '$'))
        return NULL;
    for (i = 0; !path && i < sizeof(exts) / sizeof(exts[0]); i++) {
        ec_buf_reset(&src);
        ec_buf_printf(&src, "%.*s.%s", (int)(dot - obj), obj, exts[i]);
        path = find_prerequisite(r, src.ptr);
    }
    ec_buf_release(&src);
    return path;
}

/* The source an object word stands for: by a pattern rule of the file
 * ("obj/%.o: src/%.c", the source found here or through vpath), else by
 * its extension, here or through vpath. */
static const char *object_source(reader *r, const char *obj)
{
    const char *path;
    size_t i;

    for (i = 0; i < r->patterns.len; i++) {
        const rule *ru = &r->rules.items[r->patterns.items[i]];
        const char *pct = strchr(ru->targets, '%'), *src_pct;
        size_t pre, post, n = strlen(obj);
        ec_buf src = EC_BUF_INIT;

        if (!ru->pattern)
            continue; /* made a static pattern rule after it was listed */
        pre = (size_t)(pct - ru->targets);
        post = strlen(pct + 1);
        src_pct = strchr(ru->prereqs, '%');
        if (!src_pct || n < pre + post || strncmp(obj, ru->targets, pre) != 0 ||
            strcmp(obj + n - post, pct + 1) != 0)
            continue;
        ec_buf_add(&src, ru->prereqs, (size_t)(src_pct - ru->prereqs));
        ec_buf_add(&src, obj + pre, n - pre - post);
        ec_buf_add(&src, src_pct + 1, strcspn(src_pct + 1, " \t|"));
        path = find_prerequisite(r, src.ptr);
        ec_buf_release(&src);
        if (path)
            return path;
    }
    path = strchr(obj, '$') ? NULL : ec_manifest_join(r->m, r->m->dir, obj);
    path = path ? ec_build_object_source(r->m, path) : NULL;
    return path ? path : builtin_source(r, obj);
}

/* Files are deduplicated when recorded: a link command can name thousands. */
static void add_file(reader *r, output *o, const char *path)
{
    if (path && ec_build_has_file(r->m->facts, path))
        ec_array_push(&o->files, path);
}

static void add_link(reader *r, output *o, const char *link)
{
    if (o->links.len < 256 && strcmp(link, o->name) != 0 &&
        !ec_str_in_n(link, o->links.items, o->links.len))
        ec_array_push(&o->links, ec_arena_strdup(&r->keep, link));
}

/* What one word of a link or archive command adds to o. */
static void operand(reader *r, output *o, const char *w)
{
    const char *ext = ec_path_extension(w), *base = ec_path_basename(w), *dot;

    if (strncmp(w, "-l", 2) == 0 && w[2] && !strchr(w, '$')) {
        add_link(r, o, w);
    } else if (w[0] == '-' || !*ext) {
        return;
    } else if (strcmp(ext, "o") == 0 || strcmp(ext, "lo") == 0) {
        add_file(r, o, object_source(r, w));
    } else if (strncmp(base, "lib", 3) == 0 && (dot = strchr(base, '.')) != NULL &&
               !strchr(base, '$') &&
               (strcmp(ext, "a") == 0 || strcmp(ext, "la") == 0 || strstr(dot, ".so"))) {
        add_link(r, o, ec_arena_strndup(&r->keep, base, (size_t)(dot - base)));
    } else if (!strchr(w, '$') &&
               (ec_build_is_c(w) || ec_build_is_cxx(w) || strcmp(ext, "S") == 0)) {
        add_file(r, o, ec_manifest_join(r->m, r->m->dir, w));
    }
}

/* go build's flags that take the next word as their value. */
static const char *const go_valued_flags[] = {
    "-o", "-ldflags", "-gcflags",  "-asmflags", "-tags", "-buildmode",     "-mod", "-modfile",
    "-p", "-pkgdir",  "-toolexec", "-overlay",  "-pgo",  "-installsuffix", NULL,
};

/* `go build [flags] -o OUT [package]`: an executable OUT built from the
 * package's directory (the Makefile's when none is named). True when the
 * words are a go build command, whatever it builds. */
static bool go_build(reader *r, char **words, size_t n, unsigned line)
{
    const char *out = NULL, *package = ".", *name;
    bool lib_suffix;
    output *o;
    size_t i;

    if (n < 2 || strcmp(ec_path_basename(past_unknown_refs(words[0])), "go") != 0 ||
        strcmp(words[1], "build") != 0)
        return false;
    for (i = 2; i < n; i++) {
        if (ec_str_in(words[i], go_valued_flags) && i + 1 < n) {
            if (strcmp(words[i], "-o") == 0)
                out = words[i + 1];
            i++;
        } else if (words[i][0] == '.' || ends_with(words[i], ".go")) {
            package = words[i]; /* ./cmd/x or main.go: an import path is left alone */
        }
    }
    name = out ? output_name(r, out, &lib_suffix) : NULL;
    if (!name || (o = output_for(r, name, false, line)) == NULL)
        return true;
    if (ec_path_extension(package)[0]) /* main.go: its directory */
        package =
            strrchr(package, '/')
                ? ec_arena_strndup(&r->keep, package, (size_t)(strrchr(package, '/') - package))
                : ".";
    o->path = ec_manifest_join(r->m, r->m->dir, package);
    return true;
}

/* One shell command of a recipe, split into words (modified in place). */
static void command(reader *r, char *cmd, unsigned line, bool shared_target)
{
    EC_ARRAY(char *) list = EC_ARRAY_INIT;
    char **words, *save = NULL, *w;
    size_t n, i, out = 0, first;
    bool compile = false, shared = shared_target, link = false, cxx = false, archive = false,
         lib_suffix;
    const char *name;
    output *o;

    for (w = strtok_r(cmd, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
        ec_array_push(&list, w);
    words = list.items;
    n = list.len;
    for (first = 0; first < n && (strchr(words[first], '=') || words[first][0] == '@'); first++)
        if (words[first][0] == '@' && words[first][1]) { /* "@$(CC)" */
            words[first]++;
            break;
        }
    if (go_build(r, words + first, n - first, line)) {
        ec_array_release(&list);
        return;
    }
    for (i = first; i < n && !link && !archive; i++) {
        link = compiler(past_unknown_refs(words[i]));
        archive = archiver(past_unknown_refs(words[i]));
        cxx = link && cxx_driver(past_unknown_refs(words[i]));
    }
    for (i = first; i < n; i++) {
        compile = compile || !strcmp(words[i], "-c") || !strcmp(words[i], "-S") ||
                  !strcmp(words[i], "-E") || !strcmp(words[i], "-M") || !strcmp(words[i], "-MM");
        shared = shared || !strcmp(words[i], "-shared") || !strcmp(words[i], "-dynamiclib");
        if (link && !strcmp(words[i], "-o") && i + 1 < n)
            out = i + 1;
        if (archive && !out && i > first && ends_with(words[i], ".a"))
            out = i;
    }
    name = out && !(link && compile) ? output_name(r, words[out], &lib_suffix) : NULL;
    o = name && (!archive || lib_suffix)
            ? output_for(r, name, archive || shared || lib_suffix, line)
            : NULL;
    if (o)
        o->cxx = o->cxx || cxx;
    for (i = first; o && i < n; i++)
        if (i != out && (i == 0 || strcmp(words[i - 1], "-o") != 0))
            operand(r, o, words[i]);
    ec_array_release(&list);
}

/* A recipe line for target with its prerequisites: automatic variables
 * replaced (before expansion, for $(filter %.o,$^), and after, for those
 * that variables hold), then each shell command in it ("a; b && c | d"). */
static void recipe(reader *r, const char *target, const char *prereqs, const recipe_line *rl)
{
    bool shared = ec_str_in_n(target, r->shared_targets.items, r->shared_targets.len);
    ec_buf raw = EC_BUF_INIT, expanded = EC_BUF_INIT, text = EC_BUF_INIT;
    char *p, *start;
    unsigned depth = 0;

    automatic(&raw, rl->text, target, prereqs);
    expand(r, &expanded, raw.ptr, rl->line);
    automatic(&text, expanded.ptr, target, prereqs);
    for (p = start = text.ptr;; p++) {
        /* inside a reference left as written, ; & | are not the shell's */
        if (*p == '$' && (p[1] == '(' || p[1] == '{'))
            depth++;
        else if (depth && (*p == ')' || *p == '}'))
            depth--;
        if (!*p || (!depth && (*p == ';' || *p == '&' || *p == '|' || *p == '`'))) {
            char end = *p;

            *p = '\0';
            command(r, start, rl->line, shared);
            if (!end)
                break;
            start = p + 1;
        }
    }
    ec_buf_release(&raw);
    ec_buf_release(&expanded);
    ec_buf_release(&text);
}

/* Where word matches pattern (one '%'): the stem, else false. */
static bool stem_of(const char *word, size_t n, const char *pattern, span *stem)
{
    const char *pct = strchr(pattern, '%');
    size_t pre, post;

    if (!pct)
        return false;
    pre = (size_t)(pct - pattern);
    post = strlen(pct + 1);
    if (n < pre + post || strncmp(word, pattern, pre) != 0 ||
        strncmp(word + n - post, pct + 1, post) != 0)
        return false;
    stem->p = word + pre;
    stem->n = n - pre - post;
    return true;
}

/* Each word of patterns with its '%' replaced by the stem. */
static void instantiate(ec_buf *out, const char *patterns, span stem)
{
    const char *p = patterns;

    while (*p) {
        size_t n = strcspn(p, " \t");
        const char *pct = memchr(p, '%', n);

        if (out->len)
            ec_buf_putc(out, ' ');
        if (pct) {
            ec_buf_add(out, p, (size_t)(pct - p));
            ec_buf_add(out, stem.p, stem.n);
            ec_buf_add(out, pct + 1, n - (size_t)(pct + 1 - p));
        } else {
            ec_buf_add(out, p, n);
        }
        p += n;
        while (*p == ' ' || *p == '\t')
            p++;
    }
}

static void run_rule(reader *r, const rule *ru, const char *target, const char *prereqs)
{
    size_t j;

    for (j = 0; j < ru->recipe.len; j++)
        recipe(r, target, prereqs, &ru->recipe.items[j]);
}

/* The explicit targets of every rule with a recipe, run; done records
 * them, and the names .PHONY declares (commands, never files). */
/* Whether s holds a call left as written ($(shell echo x), $(if a,b)): its
 * words are no names of targets. */
static bool has_unknown_call(const char *s)
{
    for (; (s = strchr(s, '$')) != NULL; s++) {
        char close = s[1] == '(' ? ')' : s[1] == '{' ? '}' : '\0';
        size_t n = close ? strcspn(s + 2, close == ')' ? ")" : "}") : 0;

        if (close && (memchr(s + 2, ' ', n) || memchr(s + 2, '\t', n)))
            return true;
    }
    return false;
}

static void explicit_rules(reader *r, ec_mvars *done)
{
    ec_buf target = EC_BUF_INIT, prereqs = EC_BUF_INIT;
    size_t i;

    for (i = 0; i < r->rules.len; i++) {
        const rule *ru = &r->rules.items[i];
        bool phony = strcmp(ru->targets, ".PHONY") == 0;
        const char *t = phony ? ru->prereqs : ru->targets;
        span stem;

        if (ru->pattern || (!phony && !ru->recipe.len) || has_unknown_call(ru->targets))
            continue;
        while (*t) {
            size_t n = strcspn(t, " \t");

            ec_buf_reset(&target);
            ec_buf_add(&target, t, n);
            ec_mvars_set(done, target.ptr, "", false, 0);
            if (!phony && n && target.ptr[0] != '.') {
                ec_buf_reset(&prereqs);
                if (ru->static_pattern && stem_of(t, n, ru->static_pattern, &stem))
                    instantiate(&prereqs, ru->prereqs, stem);
                else
                    ec_buf_puts(&prereqs, ru->prereqs);
                run_rule(r, ru, target.ptr, prereqs.ptr);
            }
            t += n;
            while (*t == ' ' || *t == '\t')
                t++;
        }
    }
    ec_buf_release(&target);
    ec_buf_release(&prereqs);
}

/* Whether a pattern rule's first prerequisite, made for a stem, is a file
 * of the project or an object compiled from one: what keeps `%: %.c` from
 * building `clean`. */
static bool buildable(reader *r, const char *prereqs)
{
    ec_buf first = EC_BUF_INIT;
    const char *path;
    bool ok = false;

    ec_buf_add(&first, prereqs, strcspn(prereqs, " \t"));
    if (first.len && !strchr(first.ptr, '$')) {
        path = ec_manifest_join(r->m, r->m->dir, first.ptr);
        ok = path && r->m->facts->files.len &&
             (ec_build_has_file(r->m->facts, path) ||
              (strcmp(ec_path_extension(path), "o") == 0 && object_source(r, first.ptr)));
    }
    ec_buf_release(&first);
    return ok;
}

/* A word some rule needs that no rule builds explicitly, and that looks
 * like a program or library: built by the first pattern rule with a
 * recipe it matches ("git-%$X: %.o" for git-daemon). */
static void pattern_target(reader *r, ec_mvars *done, const char *word, size_t n)
{
    ec_buf name = EC_BUF_INIT, prereqs = EC_BUF_INIT;
    size_t i;
    bool lib_suffix;
    span stem;

    ec_buf_add(&name, word, n);
    if (ec_mvars_seen(done, name.ptr) || strchr(name.ptr, '%') ||
        !output_name(r, name.ptr, &lib_suffix))
        goto cleanup;
    ec_mvars_set(done, name.ptr, "", false, 0);
    for (i = 0; i < r->patterns.len; i++) {
        const rule *ru = &r->rules.items[r->patterns.items[i]];

        if (!ru->pattern || !ru->recipe.len)
            continue;
        if (!stem_of(name.ptr, name.len, ru->targets, &stem))
            continue;
        ec_buf_reset(&prereqs);
        instantiate(&prereqs, ru->prereqs, stem);
        if (buildable(r, prereqs.ptr)) {
            run_rule(r, ru, name.ptr, prereqs.ptr);
            break;
        }
    }
cleanup:
    ec_buf_release(&name);
    ec_buf_release(&prereqs);
}

static void recipes(reader *r)
{
    ec_mvars done; /* used as a set of target names */
    size_t i;

    ec_mvars_init(&done, EC_MVARS_MAKE);
    explicit_rules(r, &done);
    for (i = 0; i < r->rules.len; i++) {
        const char *p = r->rules.items[i].prereqs;

        while (*p) {
            size_t n = strcspn(p, " \t|");

            if (n)
                pattern_target(r, &done, p, n);
            p += n;
            while (*p == ' ' || *p == '\t' || *p == '|')
                p++;
        }
    }
    ec_mvars_release(&done);
}

/* ---- recording ---------------------------------------------------------------- */

static const output *built(const reader *r, const char *name)
{
    size_t i;

    for (i = 0; i < r->outputs.len; i++)
        if (strcmp(r->outputs.items[i].name, name) == 0)
            return &r->outputs.items[i];
    return NULL;
}

static void record_links(reader *r, const output *o)
{
    ec_buf lib = EC_BUF_INIT;
    size_t i, j;

    for (i = 0; i < o->links.len; i++) {
        const char *l = o->links.items[i];
        const ec_dependency_fact *d;
        bool seen = false;

        if (strncmp(l, "-l", 2) != 0) {
            ec_manifest_relation(r->m, o->name, l, "uses", "linking",
                                 ec_manifest_line(r->m, o->line));
            continue;
        }
        ec_buf_reset(&lib);
        ec_buf_printf(&lib, "lib%s", l + 2);
        if (built(r, lib.ptr)) {
            if (strcmp(lib.ptr, o->name) != 0)
                ec_manifest_relation(r->m, o->name, lib.ptr, "uses", "linking",
                                     ec_manifest_line(r->m, o->line));
            continue;
        }
        for (j = 0; j < r->m->facts->dependencies.len && !seen; j++) {
            d = &r->m->facts->dependencies.items[j];
            seen = strcmp(d->name, l + 2) == 0 && strcmp(d->ecosystem, "system") == 0 &&
                   strncmp(d->evidence, r->m->path, strlen(r->m->path)) == 0 &&
                   d->evidence[strlen(r->m->path)] == ':';
        }
        if (!seen) /* optional when the file names it only inside conditionals */
            ec_manifest_dependency(
                r->m, l + 2, "", "system",
                ec_mvars_seen(&r->lflags, l) && !ec_mvars_get(&r->lflags, l, NULL) ? "optional"
                                                                                   : "runtime",
                ec_manifest_line(r->m, o->line));
    }
    ec_buf_release(&lib);
}

/* Whether two outputs build from the same sources as far as the file can
 * tell: they share one, or both are the same Go package. */
static bool same_sources(const output *a, const output *b)
{
    size_t i;

    if (a->path && b->path)
        return strcmp(a->path, b->path) == 0;
    for (i = 0; i < a->files.len; i++)
        if (ec_str_in_n(a->files.items[i], b->files.items, b->files.len))
            return true;
    return false;
}

/* What o is a variant of (zstd-small, libzstd-nomt and
 * miniflux-linux-amd64 of zstd, libzstd and miniflux): another output of
 * the same kind, directory and sources whose name is o's followed by '-',
 * '_' or '.'. NULL when there is none; else the longest such name.
 * libhiredis_ssl, built from other files, is no variant of libhiredis. */
static output *variant_of(reader *r, const output *o)
{
    output *best = NULL;
    size_t i;

    for (i = 0; i < r->outputs.len; i++) {
        output *b = &r->outputs.items[i];
        size_t n = b->name ? strlen(b->name) : 0;
        const char *rest = n && strlen(o->name) > n ? o->name + n : "";

        if (!n || b == o || b->library != o->library || strncmp(o->name, b->name, n) != 0 ||
            !(rest[0] == '-' || rest[0] == '_' || rest[0] == '.') ||
            (b->path == NULL) != (o->path == NULL) || (b->path && strcmp(b->path, o->path) != 0) ||
            !same_sources(o, b))
            continue;
        if (!best || n > strlen(best->name))
            best = b;
    }
    return best;
}

/* Variants of a program (the same sources built with other options, for
 * another platform) are one program: their files join the base's. */
static void fold_variants(reader *r)
{
    size_t i, j, kept = 0;

    for (i = 0; i < r->outputs.len; i++) {
        output *o = &r->outputs.items[i], *base = variant_of(r, o);

        if (base) {
            for (j = 0; j < o->files.len; j++)
                add_file(r, base, o->files.items[j]);
            for (j = 0; j < o->links.len; j++)
                add_link(r, base, o->links.items[j]);
            base->cxx = base->cxx || o->cxx;
            ec_array_release(&o->files);
            ec_array_release(&o->links);
            o->name = NULL;
        }
    }
    for (i = 0; i < r->outputs.len; i++)
        if (r->outputs.items[i].name)
            r->outputs.items[kept++] = r->outputs.items[i];
    r->outputs.len = kept;
}

static void record(reader *r)
{
    size_t i, j;

    fold_variants(r);
    for (i = 0; i < r->outputs.len; i++) {
        output *o = &r->outputs.items[i];
        ec_container_fact *c = ec_manifest_container(
            r->m, o->name, o->library ? "library" : "executable",
            o->path ? "Go"
                    : ec_build_technology(o->files.items, o->files.len, o->cxx ? "C++" : "C"),
            o->path ? o->path : r->m->dir, ec_manifest_line(r->m, o->line));

        ec_array_sort(&o->files, ec_str_compare);
        for (j = 0; j < o->files.len; j++)
            if (j == 0 || strcmp(o->files.items[j], o->files.items[j - 1]) != 0)
                ec_manifest_container_file(r->m, c, o->files.items[j]);
    }
    for (i = 0; i < r->outputs.len; i++)
        record_links(r, &r->outputs.items[i]);
}

static void reader_init(reader *r, ec_manifest *m)
{
    memset(r, 0, sizeof(*r));
    r->m = m;
    ec_mvars_init(&r->vars, EC_MVARS_MAKE);
    ec_mvars_init(&r->lflags, EC_MVARS_MAKE);
    ec_arena_init(&r->keep);
    ec_mvars_set(&r->vars, "srcdir", ".", false, 0);
    ec_mvars_set(&r->vars, "MAKEFILE_LIST", ec_path_basename(m->path), false, 0);
    ec_array_push(&r->read, m->path);
    if (m->root[0]) { /* with the walk's file list, $(wildcard) has answers */
        r->vars.glob = glob_files;
        r->vars.glob_ctx = r;
    }
}

static void reader_release(reader *r)
{
    size_t i;

    for (i = 0; i < r->rules.len; i++)
        ec_array_release(&r->rules.items[i].recipe);
    for (i = 0; i < r->outputs.len; i++) {
        ec_array_release(&r->outputs.items[i].files);
        ec_array_release(&r->outputs.items[i].links);
    }
    ec_array_release(&r->rules);
    ec_array_release(&r->patterns);
    ec_array_release(&r->assignments);
    ec_array_release(&r->outputs);
    ec_array_release(&r->shared_targets);
    ec_array_release(&r->read);
    ec_array_release(&r->vpath);
    ec_array_release(&r->included_names);
    ec_array_release(&r->globs);
    ec_mvars_release(&r->vars);
    ec_mvars_release(&r->lflags);
    ec_arena_release(&r->keep);
}

void ec_read_makefile(ec_manifest *m)
{
    reader r;

    reader_init(&r, m);
    parse(&r);
    recipes(&r);
    record(&r);
    reader_release(&r);
}

/* ---- Makefile.am -------------------------------------------------------------- */

/* automake's canonical name: every character other than a letter, digit,
 * '_' or '@' becomes '_' ("libjq.la" -> "libjq_la"). */
static void canonical(ec_buf *out, const char *name)
{
    for (; *name; name++)
        ec_buf_putc(out,
                    isalnum((unsigned char)*name) || *name == '_' || *name == '@' ? *name : '_');
}

/* The value of <canon><suffix>, expanded; "" when not set. */
static void variable(reader *r, ec_buf *out, const char *canon, const char *suffix)
{
    ec_buf name = EC_BUF_INIT, ref = EC_BUF_INIT;

    ec_buf_printf(&name, "%s%s", canon, suffix);
    if (ec_mvars_seen(&r->vars, name.ptr)) {
        ec_buf_printf(&ref, "$(%s)", name.ptr);
        expand(r, out, ref.ptr, 0);
    }
    ec_buf_release(&name);
    ec_buf_release(&ref);
}

static void each_word(reader *r, output *o, const char *list, bool sources)
{
    ec_buf copy = EC_BUF_INIT;
    char *save = NULL, *w;

    ec_buf_puts(&copy, list);
    for (w = strtok_r(copy.ptr, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
        if (!sources)
            operand(r, o, w); /* a library's file name tells even when its directory does not */
        else if (!strchr(w, '$') && !strchr(w, '@')) /* else set by configure or elsewhere */
            add_file(r, o, ec_manifest_join(r->m, r->m->dir, w));
    }
    ec_buf_release(&copy);
}

/* One program or library of a *_PROGRAMS/_LIBRARIES/_LTLIBRARIES line. */
static void am_target(reader *r, const char *word, bool library, unsigned line)
{
    ec_buf plain = EC_BUF_INIT, canon = EC_BUF_INIT, list = EC_BUF_INIT;
    bool lib_suffix;
    const char *name = output_name(r, word, &lib_suffix);
    output *o = name ? output_for(r, name, library, line) : NULL;

    if (!o)
        return;
    without_suffix_refs(&plain, word);
    canonical(&canon, plain.ptr);
    ec_buf_puts(&canon, "_SOURCES");
    if (ec_mvars_seen(&r->vars, canon.ptr))
        variable(r, &list, canon.ptr, "");
    else
        ec_buf_printf(&list, "%s.c", plain.ptr); /* automake's default source */
    ec_buf_truncate(&canon, canon.len - strlen("_SOURCES"));
    each_word(r, o, list.ptr, true);
    ec_buf_reset(&list);
    variable(r, &list, canon.ptr, library ? "_LIBADD" : "_LDADD");
    if (!library && !list.len)
        variable(r, &list, "", "LDADD");
    each_word(r, o, list.ptr, false);
    ec_buf_release(&plain);
    ec_buf_release(&canon);
    ec_buf_release(&list);
}

/* Whether an assignment names what automake builds; *library set. */
static bool primary(const char *name, bool *library)
{
    const char *us = strrchr(name, '_');

    if (!us || us == name || strncmp(name, "check_", 6) == 0 || strncmp(name, "EXTRA_", 6) == 0)
        return false;
    *library = strcmp(us, "_LTLIBRARIES") == 0 || strcmp(us, "_LIBRARIES") == 0;
    return *library || strcmp(us, "_PROGRAMS") == 0;
}

void ec_read_automake(ec_manifest *m)
{
    reader r;
    ec_buf value = EC_BUF_INIT;
    size_t i;

    reader_init(&r, m);
    parse(&r);
    for (i = 0; i < r.assignments.len; i++) {
        const assignment *a = &r.assignments.items[i];
        char *save = NULL, *w;
        bool library;

        if (!primary(a->name, &library))
            continue;
        ec_buf_reset(&value);
        expand(&r, &value, a->value, a->line);
        for (w = strtok_r(value.ptr, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
            am_target(&r, w, library, a->line);
    }
    recipes(&r); /* rules written out by hand build too */
    record(&r);
    ec_buf_release(&value);
    reader_release(&r);
}
