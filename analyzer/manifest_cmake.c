/*
 * manifest_cmake.c - CMakeLists.txt: the executables and libraries a CMake
 * project builds, the files each is built from, what they link, and the
 * packages it finds.
 *
 * Design. A small lexer for the CMake language (command invocations with
 * unquoted, quoted and bracket arguments, `#` and `#[[ ]]` comments, line
 * continuations inside quotes) turns the file into commands; a table maps
 * the commands this reader cares about to handlers. Nothing is evaluated
 * beyond that: `if()` is not decided (every branch is read, as the file
 * shows them all), function and macro bodies are skipped (their arguments
 * are not known), and a `${VAR}` is expanded only when this file set VAR
 * with a literal `set()` or `list(APPEND)`. Anything else (a glob, a
 * variable from a parent directory, a generator expression) is left out
 * and counted, and the count is reported once per file.
 *
 * Each CMakeLists.txt is read on its own, so a target linked here may be
 * defined in another directory: links to names this file does not know are
 * recorded as relations by name ("uses", "linking"), which graph/ resolves
 * across files, or turns into a library of the system when no container
 * has that name. Links to what find_package()/pkg_check_modules() found
 * mark that package as linked, which decides its scope:
 *   - found inside an if(): "optional" (an option of the build turns it on);
 *   - REQUIRED: "runtime" when a target links it, else "build" (a tool or
 *     headers the build needs);
 *   - neither: "runtime" when a target always links it, else "optional"
 *     (the build goes on without it).
 *
 * Targets: add_executable is an executable; add_library STATIC, SHARED,
 * MODULE (or none) a library; an INTERFACE library is a library only when
 * it lists files (a header-only library), else it only carries settings;
 * an OBJECT library is not built on its own: its files go to the targets
 * that link it or use $<TARGET_OBJECTS:name>. IMPORTED targets are not the
 * project's (linking one is a dependency), an ALIAS is another name for a
 * target. Technology is the language most of a target's sources are in,
 * else the project's LANGUAGES.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "analyzer/manifest_build.h"
#include "analyzer/manifest_readers.h"
#include "analyzer/manifest_vars.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/path.h"

/* ---- lexer ------------------------------------------------------------------ */

typedef enum { ARG_UNQUOTED, ARG_QUOTED, ARG_BRACKET } arg_kind;

typedef struct {
    char *text; /* escapes resolved, except "\;" which unquoted splitting needs */
    arg_kind kind;
} raw_arg;

typedef struct {
    char name[48]; /* lower-cased; "" when longer (no command we read is) */
    unsigned line;
    EC_ARRAY(raw_arg) args;
} command;

typedef struct {
    ec_manifest *m;
    const char *p, *end;
    unsigned line;
    ec_arena *scratch;
} lexer;

/* At "[" followed by '='* and "[": the number of '=' (the bracket's level),
 * else -1. */
static long bracket_level(const char *p, const char *end)
{
    const char *q = p + 1;

    if (p >= end || *p != '[')
        return -1;
    while (q < end && *q == '=')
        q++;
    return q < end && *q == '[' ? (long)(q - p - 1) : -1;
}

/* Skip a bracket construct opened at lx->p; its content (without the
 * brackets) in *text when text is not NULL. false when it does not close. */
static bool bracket(lexer *lx, long level, char **text)
{
    const char *start = lx->p + level + 2, *q;
    unsigned line = lx->line;

    for (q = start; q < lx->end; q++) {
        if (*q == '\n')
            line++;
        if (*q == ']' && q + level + 1 < lx->end && q[level + 1] == ']') {
            long i;

            for (i = 1; i <= level && q[i] == '='; i++)
                ;
            if (i > level) {
                if (text) /* a newline right after the opening bracket is not content */
                    *text = ec_arena_strndup(lx->scratch, start + (*start == '\n'),
                                             (size_t)(q - start) - (*start == '\n'));
                lx->line = line;
                lx->p = q + level + 2;
                return true;
            }
        }
    }
    return false;
}

/* Skip blanks, newlines and comments. false on a bracket comment that does
 * not close (reported). */
static bool skip_blank(lexer *lx)
{
    while (lx->p < lx->end) {
        char c = *lx->p;

        if (c == '\n') {
            lx->line++;
            lx->p++;
        } else if (c == ' ' || c == '\t' || c == '\r') {
            lx->p++;
        } else if (c == '#') {
            long level = bracket_level(lx->p + 1, lx->end);
            unsigned line = lx->line;

            lx->p++;
            if (level >= 0) {
                if (!bracket(lx, level, NULL)) {
                    ec_manifest_error(lx->m, line, "a bracket comment is not closed");
                    return false;
                }
            } else {
                while (lx->p < lx->end && *lx->p != '\n')
                    lx->p++;
            }
        } else {
            return true;
        }
    }
    return true;
}

static char escaped(char c)
{
    return c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
}

/* A quoted argument at lx->p. false when it does not close. */
static bool quoted(lexer *lx, ec_buf *out)
{
    const char *q = lx->p + 1;

    for (; q < lx->end && *q != '"'; q++) {
        if (*q == '\\' && q + 1 < lx->end) {
            q++;
            if (*q == '\n') { /* a line continuation */
                lx->line++;
                continue;
            }
            if (*q == ';' || *q == '$')
                ec_buf_putc(out, '\\');
            ec_buf_putc(out, escaped(*q));
            continue;
        }
        if (*q == '\n')
            lx->line++;
        ec_buf_putc(out, *q);
    }
    if (q >= lx->end)
        return false;
    lx->p = q + 1;
    return true;
}

static void unquoted(lexer *lx, ec_buf *out)
{
    const char *q = lx->p;

    for (; q < lx->end; q++) {
        char c = *q;

        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '(' || c == ')' || c == '#')
            break;
        if (c == '\\' && q + 1 < lx->end && q[1] != '\n') {
            q++;
            if (*q == ';')
                ec_buf_putc(out, '\\');
            ec_buf_putc(out, escaped(*q));
            continue;
        }
        ec_buf_putc(out, c);
    }
    lx->p = q;
}

static void push_arg(lexer *lx, command *cmd, const char *text, size_t len, arg_kind kind)
{
    raw_arg a = {ec_arena_strndup(lx->scratch, text, len), kind};

    ec_array_push(&cmd->args, a);
}

/* The arguments after "(" up to the matching ")". false when the input
 * ends first (reported). */
static bool arguments(lexer *lx, command *cmd)
{
    ec_buf text = EC_BUF_INIT;
    size_t depth = 1;
    bool ok = false;

    while (skip_blank(lx)) {
        long level;

        if (lx->p >= lx->end) {
            ec_manifest_error(lx->m, cmd->line, "'%s(' is not closed", cmd->name);
            break;
        }
        ec_buf_reset(&text);
        level = bracket_level(lx->p, lx->end);
        if (*lx->p == ')' || *lx->p == '(') {
            depth += *lx->p == '(' ? 1 : -1;
            if (depth == 0) {
                lx->p++;
                ok = true;
                break;
            }
            push_arg(lx, cmd, lx->p++, 1, ARG_UNQUOTED);
        } else if (*lx->p == '"') {
            unsigned line = lx->line;

            if (!quoted(lx, &text)) {
                ec_manifest_error(lx->m, line, "a quoted argument is not closed");
                break;
            }
            push_arg(lx, cmd, text.ptr, text.len, ARG_QUOTED);
        } else if (level >= 0) {
            raw_arg a = {NULL, ARG_BRACKET};
            unsigned line = lx->line;

            if (!bracket(lx, level, &a.text)) {
                ec_manifest_error(lx->m, line, "a bracket argument is not closed");
                break;
            }
            ec_array_push(&cmd->args, a);
        } else {
            unquoted(lx, &text);
            push_arg(lx, cmd, text.ptr, text.len, ARG_UNQUOTED);
        }
    }
    ec_buf_release(&text);
    return ok;
}

/* The next command into cmd. 1: read; 0: end of input; -1: the file
 * cannot be read further (reported). */
static int next_command(lexer *lx, command *cmd)
{
    const char *start;
    size_t n, i;

    cmd->args.len = 0;
    if (!skip_blank(lx))
        return -1;
    if (lx->p >= lx->end)
        return 0;
    start = lx->p;
    while (lx->p < lx->end && (isalnum((unsigned char)*lx->p) || *lx->p == '_'))
        lx->p++;
    n = (size_t)(lx->p - start);
    cmd->line = lx->line;
    if (n == 0 || isdigit((unsigned char)*start)) {
        ec_manifest_error(lx->m, lx->line, "expected a command, found '%c'", *start);
        return -1;
    }
    for (i = 0; i < n && i + 1 < sizeof(cmd->name); i++)
        cmd->name[i] = (char)tolower((unsigned char)start[i]);
    cmd->name[n < sizeof(cmd->name) ? n : 0] = '\0';
    while (lx->p < lx->end && (*lx->p == ' ' || *lx->p == '\t'))
        lx->p++;
    if (lx->p >= lx->end || *lx->p != '(') {
        ec_manifest_error(lx->m, cmd->line, "'%.*s' is not followed by '('", (int)(n > 40 ? 40 : n),
                          start);
        return -1;
    }
    lx->p++;
    return arguments(lx, cmd) ? 1 : -1;
}

/* ---- what the file declares ------------------------------------------------ */

typedef enum { T_EXECUTABLE, T_LIBRARY, T_OBJECT, T_INTERFACE } target_type;

typedef struct {
    const char *name;
    target_type type;
    unsigned line;
    EC_ARRAY(const char *) files;
    EC_ARRAY(const char *) objects; /* OBJECT libraries whose files it takes */
} target;

typedef struct {
    const char *name, *version;
    const char *prefix; /* pkg-config's variable prefix, else the name */
    unsigned line;
    bool required, conditional; /* REQUIRED; found inside an if() */
    bool linked_any, linked_always;
} package;

typedef struct {
    const char *from, *item;
    unsigned line;
    bool conditional;
} link_item;

typedef struct {
    ec_manifest *m;
    ec_mvars vars;
    ec_arena keep; /* strings that live until the end of the file */
    ec_arena scratch;
    EC_ARRAY(target) targets;
    EC_ARRAY(const char *) aliases; /* pairs: alias, target */
    EC_ARRAY(const char *) imported;
    EC_ARRAY(package) packages;
    EC_ARRAY(link_item) links;
    EC_ARRAY(const char *) args; /* the current command's, expanded */
    const char *languages;       /* project(... LANGUAGES ...) upper-cased, space-separated */
    unsigned conditional;        /* if() depth */
    unsigned skipping;           /* function()/macro() depth */
    size_t left_out;             /* sources not listed */
    unsigned left_out_line;
    bool expansion_reported;
    bool too_many; /* EC_CMAKE_MAX_ITEMS reached */
} reader;

/* Targets, aliases, packages and links one file may declare: names are
 * looked up among them one by one, so their number bounds the work. */
#define EC_CMAKE_MAX_ITEMS 4096

static size_t items(const reader *r)
{
    return r->targets.len + r->aliases.len / 2 + r->imported.len + r->packages.len + r->links.len;
}

/* Whether one more item fits; said once when it does not. */
static bool room(reader *r, unsigned line)
{
    if (items(r) < EC_CMAKE_MAX_ITEMS)
        return true;
    if (!r->too_many)
        ec_manifest_error(r->m, line, "more than %d targets, links and packages: the rest not read",
                          EC_CMAKE_MAX_ITEMS);
    r->too_many = true;
    return false;
}

static void left_out(reader *r, unsigned line)
{
    if (!r->left_out++)
        r->left_out_line = line;
}

static bool unresolved(const char *s)
{
    return strstr(s, "${") || strstr(s, "$<") || strstr(s, "$ENV{") || strstr(s, "$CACHE{");
}

/* Split an unquoted argument's expansion at ';' ("\;" is a literal ';'). */
static void split_list(reader *r, const char *s)
{
    ec_buf item = EC_BUF_INIT;
    const char *p;
    size_t bracket = 0; /* a ';' inside $<...> or [...] does not split */

    for (p = s;; p++) {
        if (*p == '\\' && p[1] == ';') {
            ec_buf_putc(&item, ';');
            p++;
            continue;
        }
        if (*p == '<' && p > s && p[-1] == '$')
            bracket++;
        else if (*p == '>' && bracket)
            bracket--;
        if (!*p || (*p == ';' && !bracket)) {
            if (item.len)
                ec_array_push(&r->args, ec_arena_strdup(&r->scratch, item.ptr));
            ec_buf_reset(&item);
            if (!*p)
                break;
            continue;
        }
        ec_buf_putc(&item, *p);
    }
    ec_buf_release(&item);
}

static void expand_args(reader *r, const command *cmd)
{
    ec_buf out = EC_BUF_INIT;
    size_t i;

    r->args.len = 0;
    for (i = 0; i < cmd->args.len; i++) {
        const raw_arg *a = &cmd->args.items[i];

        if (a->kind == ARG_BRACKET) {
            ec_array_push(&r->args, a->text);
            continue;
        }
        ec_buf_reset(&out);
        if (!ec_mvars_expand(&r->vars, &out, a->text) && !r->expansion_reported) {
            r->expansion_reported = true;
            ec_manifest_error(r->m, cmd->line, "%s%s%s: left as written", r->vars.problem,
                              r->vars.problem_name[0] ? ": " : "", r->vars.problem_name);
        }
        if (a->kind == ARG_QUOTED)
            ec_array_push(&r->args, ec_arena_strndup(&r->scratch, out.ptr, out.len));
        else
            split_list(r, out.ptr);
    }
    ec_buf_release(&out);
}

static bool is(const char *s, const char *word)
{
    return strcmp(s, word) == 0;
}

static target *find_target(reader *r, const char *name)
{
    size_t i;

    for (i = 0; i < r->aliases.len; i += 2)
        if (is(r->aliases.items[i], name))
            name = r->aliases.items[i + 1];
    for (i = 0; i < r->targets.len; i++)
        if (is(r->targets.items[i].name, name))
            return &r->targets.items[i];
    return NULL;
}

/* A source of t as written in the file: a file of the project, an OBJECT
 * library's objects, or something left out. */
static void add_source(reader *r, target *t, const char *src, unsigned line)
{
    const char *path;

    if (strncmp(src, "$<TARGET_OBJECTS:", 17) == 0 && src[strlen(src) - 1] == '>') {
        ec_array_push(&t->objects, ec_arena_strndup(&r->keep, src + 17, strlen(src) - 18));
        return;
    }
    if (unresolved(src) || strpbrk(src, "*?[")) {
        left_out(r, line);
        return;
    }
    path = ec_manifest_join(r->m, r->m->dir, src);
    if (!path) {
        left_out(r, line);
        return;
    }
    if (!ec_build_has_file(r->m->facts, path))
        return; /* generated at build time */
    ec_array_push(&t->files, ec_arena_strdup(&r->keep, path));
}

/* ---- commands ------------------------------------------------------------ */

static void cmd_set(reader *r, unsigned line)
{
    ec_buf value = EC_BUF_INIT;
    size_t i, n = r->args.len;
    bool known = true;

    if (n == 0 || unresolved(r->args.items[0]) || is(r->args.items[n - 1], "PARENT_SCOPE"))
        return; /* PARENT_SCOPE sets the variable of the parent directory only */
    for (i = 1; i < n; i++)
        if (is(r->args.items[i], "CACHE"))
            n = i;
    for (i = 1; i < n; i++) {
        known = known && !unresolved(r->args.items[i]);
        if (i > 1)
            ec_buf_putc(&value, ';');
        ec_buf_puts(&value, r->args.items[i]);
    }
    if (known)
        ec_mvars_set(&r->vars, r->args.items[0], value.ptr, false, line);
    else
        ec_mvars_forget(&r->vars, r->args.items[0], line);
    ec_buf_release(&value);
}

/* list(APPEND|PREPEND VAR items...): a literal list grows; others forget it. */
static void cmd_list(reader *r, unsigned line)
{
    const char *name, *old;
    ec_buf value = EC_BUF_INIT;
    size_t i;
    bool append;

    if (r->args.len < 2)
        return;
    name = r->args.items[1];
    old = ec_mvars_get(&r->vars, name, NULL);
    append = is(r->args.items[0], "APPEND");
    if (!append && !is(r->args.items[0], "PREPEND")) {
        if (strstr("REMOVE_ITEM REMOVE_AT REMOVE_DUPLICATES FILTER TRANSFORM INSERT POP_BACK "
                   "POP_FRONT SORT REVERSE",
                   r->args.items[0]))
            ec_mvars_forget(&r->vars, name, line);
        return;
    }
    if (!old && ec_mvars_seen(&r->vars, name))
        return; /* stays unknown */
    if (append && old)
        ec_buf_puts(&value, old);
    for (i = 2; i < r->args.len; i++) {
        if (unresolved(r->args.items[i])) {
            ec_mvars_forget(&r->vars, name, line);
            goto cleanup;
        }
        if (value.len)
            ec_buf_putc(&value, ';');
        ec_buf_puts(&value, r->args.items[i]);
    }
    if (!append && old && old[0]) {
        if (value.len)
            ec_buf_putc(&value, ';');
        ec_buf_puts(&value, old);
    }
    ec_mvars_set(&r->vars, name, value.ptr, false, line);
cleanup:
    ec_buf_release(&value);
}

/* file(GLOB var ...), file(READ f var), ...: the variable is not known here. */
static void cmd_file(reader *r, unsigned line)
{
    size_t var = r->args.len && is(r->args.items[0], "READ") ? 2 : 1;

    if (r->args.len > var && (strncmp(r->args.items[0], "GLOB", 4) == 0 ||
                              is(r->args.items[0], "STRINGS") || is(r->args.items[0], "READ")))
        ec_mvars_forget(&r->vars, r->args.items[var], line);
}

static void cmd_project(reader *r, unsigned line)
{
    ec_buf langs = EC_BUF_INIT;
    size_t i;
    bool in_langs = false;

    if (r->args.len == 0)
        return;
    ec_mvars_set(&r->vars, "PROJECT_NAME", r->args.items[0], false, line);
    ec_mvars_set(&r->vars, "PROJECT_SOURCE_DIR", ".", false, line);
    for (i = 1; i < r->args.len; i++) {
        const char *a = r->args.items[i];

        if (is(a, "VERSION") && i + 1 < r->args.len && !unresolved(r->args.items[i + 1]))
            ec_mvars_set(&r->vars, "PROJECT_VERSION", r->args.items[i + 1], false, line);
        if (is(a, "LANGUAGES")) {
            in_langs = true;
        } else if (is(a, "VERSION") || is(a, "DESCRIPTION") || is(a, "HOMEPAGE_URL")) {
            in_langs = false;
            i++;
        } else if (in_langs || i == 1 || is(a, "C") || is(a, "CXX")) {
            ec_buf_printf(&langs, " %s ", a);
        }
    }
    r->languages = ec_arena_strdup(&r->keep, langs.ptr);
    ec_buf_release(&langs);
}

static target *new_target(reader *r, const char *name, target_type type, unsigned line)
{
    target t = {0};

    t.name = ec_arena_strdup(&r->keep, name);
    t.type = type;
    t.line = line;
    ec_array_push(&r->targets, t);
    return &r->targets.items[r->targets.len - 1];
}

/* add_executable and add_library. */
static void add_target(reader *r, unsigned line, bool library)
{
    static const char *const flags[] = {"WIN32", "MACOSX_BUNDLE", "EXCLUDE_FROM_ALL", "GLOBAL",
                                        NULL};
    target_type type = library ? T_LIBRARY : T_EXECUTABLE;
    target *t;
    size_t i, k;

    if (r->args.len == 0)
        return;
    if (!r->args.items[0][0])
        return; /* add_executable("") names nothing */
    if (unresolved(r->args.items[0])) {
        left_out(r, line);
        return;
    }
    if (!room(r, line))
        return;
    for (i = 1; i < r->args.len; i++) {
        const char *a = r->args.items[i];

        if (is(a, "IMPORTED")) {
            ec_array_push(&r->imported, ec_arena_strdup(&r->keep, r->args.items[0]));
            return;
        }
        if (is(a, "ALIAS") && i + 1 < r->args.len) {
            ec_array_push(&r->aliases, ec_arena_strdup(&r->keep, r->args.items[0]));
            ec_array_push(&r->aliases, ec_arena_strdup(&r->keep, r->args.items[i + 1]));
            return;
        }
    }
    t = new_target(r, r->args.items[0], type, line);
    for (i = 1; i < r->args.len; i++) {
        const char *a = r->args.items[i];

        for (k = 0; flags[k] && !is(a, flags[k]); k++)
            ;
        if (flags[k] || is(a, "STATIC") || is(a, "SHARED") || is(a, "MODULE"))
            continue;
        if (library && is(a, "OBJECT"))
            t->type = T_OBJECT;
        else if (library && is(a, "INTERFACE"))
            t->type = T_INTERFACE;
        else
            add_source(r, t, a, line);
    }
}

static void cmd_add_executable(reader *r, unsigned line)
{
    add_target(r, line, false);
}

static void cmd_add_library(reader *r, unsigned line)
{
    add_target(r, line, true);
}

static void cmd_target_sources(reader *r, unsigned line)
{
    target *t = r->args.len ? find_target(r, r->args.items[0]) : NULL;
    size_t i;
    bool dirs = false;

    if (!t) {
        if (r->args.len > 1)
            left_out(r, line);
        return;
    }
    for (i = 1; i < r->args.len; i++) {
        const char *a = r->args.items[i];

        if (is(a, "INTERFACE") || is(a, "PUBLIC") || is(a, "PRIVATE"))
            continue;
        if (is(a, "FILE_SET") || is(a, "TYPE")) {
            i++;
            continue;
        }
        if (is(a, "BASE_DIRS") || is(a, "FILES")) {
            dirs = is(a, "BASE_DIRS");
            continue;
        }
        if (!dirs)
            add_source(r, t, a, line);
    }
}

static void cmd_target_link_libraries(reader *r, unsigned line)
{
    static const char *const keywords[] = {"PUBLIC",       "PRIVATE",
                                           "INTERFACE",    "LINK_PUBLIC",
                                           "LINK_PRIVATE", "LINK_INTERFACE_LIBRARIES",
                                           "debug",        "optimized",
                                           "general",      NULL};
    size_t i, k;

    if (r->args.len == 0 || !r->args.items[0][0] || unresolved(r->args.items[0]))
        return;
    for (i = 1; i < r->args.len; i++) {
        link_item l = {0};

        for (k = 0; keywords[k] && !is(r->args.items[i], keywords[k]); k++)
            ;
        if (keywords[k] || !r->args.items[i][0])
            continue;
        if (!room(r, line))
            return;
        l.from = ec_arena_strdup(&r->keep, r->args.items[0]);
        l.item = ec_arena_strdup(&r->keep, r->args.items[i]);
        l.line = line;
        l.conditional = r->conditional > 0;
        ec_array_push(&r->links, l);
    }
}

static package *add_package(reader *r, const char *name, const char *version, const char *prefix,
                            unsigned line, bool required)
{
    package p = {0};

    p.name = ec_arena_strdup(&r->keep, name);
    p.version = ec_arena_strdup(&r->keep, version);
    p.prefix = ec_arena_strdup(&r->keep, prefix);
    p.line = line;
    p.required = required;
    p.conditional = r->conditional > 0;
    ec_array_push(&r->packages, p);
    return &r->packages.items[r->packages.len - 1];
}

static bool has_arg(const reader *r, const char *word)
{
    size_t i;

    for (i = 0; i < r->args.len; i++)
        if (is(r->args.items[i], word))
            return true;
    return false;
}

/* find_package(Name [version] [REQUIRED] ...). */
static void cmd_find_package(reader *r, unsigned line)
{
    const char *version = "";

    if (r->args.len == 0 || !r->args.items[0][0] || unresolved(r->args.items[0]) || !room(r, line))
        return;
    if (r->args.len > 1 && isdigit((unsigned char)r->args.items[1][0]))
        version = r->args.items[1];
    add_package(r, r->args.items[0], version, r->args.items[0], line, has_arg(r, "REQUIRED"));
}

/* pkg_check_modules(PREFIX [options] module[>=version]...) and
 * pkg_search_module: each module spec is a package. */
static void cmd_pkg_modules(reader *r, unsigned line)
{
    static const char *const options[] = {
        "REQUIRED", "QUIET", "NO_CMAKE_PATH", "NO_CMAKE_ENVIRONMENT_PATH", "IMPORTED_TARGET",
        "GLOBAL",   NULL};
    size_t i, k;

    for (i = 1; i < r->args.len; i++) {
        const char *spec = r->args.items[i];
        size_t n = strcspn(spec, "<>=");

        for (k = 0; options[k] && !is(spec, options[k]); k++)
            ;
        if (options[k] || unresolved(spec))
            continue;
        if (!room(r, line))
            return;
        if (n == 0) { /* "foo >= 1.2" written apart: the operator joins the last one */
            if (r->packages.len && r->packages.items[r->packages.len - 1].line == line &&
                i + 1 < r->args.len) {
                ec_buf v = EC_BUF_INIT;

                ec_buf_printf(&v, "%s%s", spec, r->args.items[++i]);
                r->packages.items[r->packages.len - 1].version = ec_arena_strdup(&r->keep, v.ptr);
                ec_buf_release(&v);
            }
            continue;
        }
        add_package(r, ec_arena_strndup(&r->scratch, spec, n), spec + n, r->args.items[0], line,
                    has_arg(r, "REQUIRED"));
    }
}

static void cmd_if(reader *r, unsigned line)
{
    (void)line;
    r->conditional++;
}

static void cmd_endif(reader *r, unsigned line)
{
    (void)line;
    if (r->conditional)
        r->conditional--;
}

static const struct {
    const char *name;
    void (*run)(reader *r, unsigned line);
} commands[] = {
    {"set", cmd_set},
    {"list", cmd_list},
    {"file", cmd_file},
    {"project", cmd_project},
    {"add_executable", cmd_add_executable},
    {"add_library", cmd_add_library},
    {"target_sources", cmd_target_sources},
    {"target_link_libraries", cmd_target_link_libraries},
    {"find_package", cmd_find_package},
    {"pkg_check_modules", cmd_pkg_modules},
    {"pkg_search_module", cmd_pkg_modules},
    {"if", cmd_if},
    {"endif", cmd_endif},
};

/* ---- what is recorded -------------------------------------------------------- */

static const char *technology(const reader *r, const target *t)
{
    const char *fallback = "C";

    if (r->languages && strstr(r->languages, " CXX ") && !strstr(r->languages, " C "))
        fallback = "C++";
    return ec_build_technology(t->files.items, t->files.len, fallback);
}

/* The package a link item names: Pkg::Target, PkgConfig::PREFIX or a
 * ${Pkg_LIBRARIES}-like variable. */
static package *package_of(reader *r, const char *item)
{
    const char *colons = strstr(item, "::");
    size_t i;

    for (i = 0; i < r->packages.len; i++) {
        package *p = &r->packages.items[i];
        size_t n = strlen(p->prefix);

        if (colons && strncmp(item, "PkgConfig::", 11) == 0) {
            if (strcmp(item + 11, p->prefix) == 0)
                return p;
        } else if (colons) {
            if ((size_t)(colons - item) == n && strncasecmp(item, p->prefix, n) == 0)
                return p;
        } else if (strncmp(item, "${", 2) == 0 && strncasecmp(item + 2, p->prefix, n) == 0 &&
                   item[2 + n] == '_') {
            return p;
        }
    }
    return NULL;
}

static bool is_imported(const reader *r, const char *name)
{
    size_t i;

    for (i = 0; i < r->imported.len; i++)
        if (is(r->imported.items[i], name))
            return true;
    return false;
}

/* A linker flag or a library file: the library's name ("-lz" -> "z",
 * "/usr/lib/libssl.so" -> "libssl"), "" for a path that names none, else
 * NULL. */
static const char *library_file(reader *r, const char *item)
{
    const char *base = ec_path_basename(item), *dot;

    if (strncmp(item, "-l", 2) == 0 && item[2])
        return item + 2;
    if (item[0] == '-')
        return NULL;
    dot = strchr(base, '.');
    if (!strchr(item, '/') &&
        !(dot && (strncmp(dot, ".a", 3) == 0 || strncmp(dot, ".so", 3) == 0 ||
                  strncmp(dot, ".lib", 5) == 0 || strncmp(dot, ".dylib", 7) == 0)))
        return NULL;
    if (dot == base || !*base)
        return ""; /* a path, but to no library ("dir/.hidden") */
    return dot ? ec_arena_strndup(&r->scratch, base, (size_t)(dot - base)) : base;
}

static void dependency_once(reader *r, const char *name, const char *version, const char *scope,
                            unsigned line, size_t first)
{
    size_t i;

    for (i = first; i < r->m->facts->dependencies.len; i++)
        if (is(r->m->facts->dependencies.items[i].name, name))
            return;
    ec_manifest_dependency(r->m, name, version, "system", scope, ec_manifest_line(r->m, line));
}

static void relation_once(reader *r, const char *from, const char *to, unsigned line, size_t first)
{
    size_t i;

    for (i = first; i < r->m->facts->relations.len; i++)
        if (is(r->m->facts->relations.items[i].from, from) &&
            is(r->m->facts->relations.items[i].to, to))
            return;
    ec_manifest_relation(r->m, from, to, "uses", "linking", ec_manifest_line(r->m, line));
}

static bool settings_only(const target *t)
{
    return t->type == T_INTERFACE && !t->files.len;
}

/* One target_link_libraries item of from, classified. Linking an
 * INTERFACE library that only carries settings links what it links
 * (followed `depth` levels: such libraries may name each other). */
static void link(reader *r, target *from, const link_item *l, unsigned depth, size_t first_dep,
                 size_t first_rel)
{
    target *to = find_target(r, l->item);
    package *p = package_of(r, l->item);
    const char *lib;
    size_t i;

    if (to && to->type == T_OBJECT) {
        ec_array_push(&from->objects, to->name);
    } else if (to && settings_only(to)) {
        for (i = 0; depth < 4 && i < r->links.len; i++)
            if (is(r->links.items[i].from, to->name))
                link(r, from, &r->links.items[i], depth + 1, first_dep, first_rel);
    } else if (to) {
        if (to != from)
            relation_once(r, from->name, to->name, l->line, first_rel);
    } else if (p) {
        p->linked_any = true;
        p->linked_always = p->linked_always || !l->conditional;
    } else if (unresolved(l->item)) {
        left_out(r, l->line);
    } else if ((lib = library_file(r, l->item)) != NULL || is_imported(r, l->item)) {
        if (!lib || lib[0])
            dependency_once(r, lib ? lib : l->item, "", "runtime", l->line, first_dep);
    } else if (l->item[0] != '-') {
        /* a target of another directory, or a library of the system:
         * graph/ decides by the containers it knows */
        relation_once(r, from->name, l->item, l->line, first_rel);
    }
}

static void emit_target(reader *r, target *t)
{
    ec_container_fact *c;
    size_t i, j;

    for (i = 0; i < t->objects.len; i++) {
        target *o = find_target(r, t->objects.items[i]);

        for (j = 0; o && o != t && j < o->files.len; j++)
            ec_array_push(&t->files, o->files.items[j]);
    }
    if (t->type == T_OBJECT || settings_only(t))
        return;
    c = ec_manifest_container(r->m, t->name, t->type == T_EXECUTABLE ? "executable" : "library",
                              technology(r, t), r->m->dir, ec_manifest_line(r->m, t->line));
    for (i = 0; i < t->files.len; i++)
        ec_manifest_container_file(r->m, c, t->files.items[i]);
}

/* The scope rule of the header: a find inside if() is optional; a
 * REQUIRED one is runtime when anything links it, else build; another is
 * runtime only when always linked. */
static void emit_package(reader *r, const package *p, size_t first)
{
    const char *scope = p->conditional ? "optional"
                        : p->required  ? (p->linked_any ? "runtime" : "build")
                                       : (p->linked_always ? "runtime" : "optional");

    dependency_once(r, p->name, p->version, scope, p->line, first);
}

static void finish(reader *r)
{
    size_t i, first_dep = r->m->facts->dependencies.len, first_rel = r->m->facts->relations.len;

    for (i = 0; i < r->links.len; i++) {
        target *from = find_target(r, r->links.items[i].from);

        if (from && from->type != T_OBJECT && !settings_only(from))
            link(r, from, &r->links.items[i], 0, first_dep, first_rel);
    }
    for (i = 0; i < r->targets.len; i++)
        emit_target(r, &r->targets.items[i]);
    for (i = 0; i < r->packages.len; i++)
        emit_package(r, &r->packages.items[i], first_dep);
    if (r->left_out)
        ec_manifest_error(r->m, r->left_out_line,
                          "%zu source%s or link item%s not listed: globs, generator expressions "
                          "or variables set elsewhere",
                          r->left_out, r->left_out == 1 ? "" : "s", r->left_out == 1 ? "" : "s");
}

static void run(reader *r, const command *cmd)
{
    size_t i;

    if (is(cmd->name, "function") || is(cmd->name, "macro")) {
        r->skipping++;
        return;
    }
    if (is(cmd->name, "endfunction") || is(cmd->name, "endmacro")) {
        if (r->skipping)
            r->skipping--;
        return;
    }
    if (r->skipping)
        return;
    for (i = 0; i < sizeof(commands) / sizeof(*commands); i++) {
        if (is(cmd->name, commands[i].name)) {
            expand_args(r, cmd);
            commands[i].run(r, cmd->line);
            return;
        }
    }
}

static void reader_release(reader *r)
{
    size_t i;

    for (i = 0; i < r->targets.len; i++) {
        ec_array_release(&r->targets.items[i].files);
        ec_array_release(&r->targets.items[i].objects);
    }
    ec_array_release(&r->targets);
    ec_array_release(&r->aliases);
    ec_array_release(&r->imported);
    ec_array_release(&r->packages);
    ec_array_release(&r->links);
    ec_array_release(&r->args);
    ec_mvars_release(&r->vars);
    ec_arena_release(&r->keep);
    ec_arena_release(&r->scratch);
}

/* With a CMakeLists.txt at the root of the repository, that is the top of
 * the CMake project: CMAKE_SOURCE_DIR, and PROJECT_SOURCE_DIR until a
 * project() here says otherwise, are the root, seen from this directory. */
static void top_directory(reader *r)
{
    ec_buf up = EC_BUF_INIT;
    const char *p;

    if (!r->m->facts->files.len || !ec_build_has_file(r->m->facts, "CMakeLists.txt"))
        return;
    ec_buf_putc(&up, '.');
    if (strcmp(r->m->dir, ".") != 0) {
        ec_buf_puts(&up, ".");
        for (p = r->m->dir; *p; p++)
            if (*p == '/')
                ec_buf_puts(&up, "/..");
    }
    ec_mvars_set(&r->vars, "CMAKE_SOURCE_DIR", up.ptr, false, 0);
    ec_mvars_set(&r->vars, "PROJECT_SOURCE_DIR", up.ptr, false, 0);
    ec_buf_release(&up);
}

void ec_read_cmake(ec_manifest *m)
{
    reader r;
    lexer lx = {m, m->text, m->text + m->len, 1, NULL};
    command cmd = {0};
    int got;

    memset(&r, 0, sizeof(r));
    r.m = m;
    ec_mvars_init(&r.vars, EC_MVARS_CMAKE);
    ec_arena_init(&r.keep);
    ec_arena_init(&r.scratch);
    ec_mvars_set(&r.vars, "CMAKE_CURRENT_SOURCE_DIR", ".", false, 0);
    ec_mvars_set(&r.vars, "CMAKE_CURRENT_LIST_DIR", ".", false, 0);
    top_directory(&r);
    lx.scratch = &r.scratch;
    for (got = next_command(&lx, &cmd); got > 0; got = next_command(&lx, &cmd)) {
        run(&r, &cmd);
        ec_arena_release(&r.scratch);
    }
    finish(&r);
    ec_array_release(&cmd.args);
    reader_release(&r);
}
