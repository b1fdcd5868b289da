/*
 * manifest_autoconf.c - configure.ac (and the older configure.in): the
 * libraries a configure script looks for.
 *
 * Design. configure.ac is m4 over shell. This reader does not run m4; it
 * finds macro calls (NAME( args ) with [quoted] arguments, `dnl` and `#`
 * comments skipped) and reads the few that name libraries:
 *   - PKG_CHECK_MODULES(PREFIX, [mod >= 1.2 other]) and
 *     PKG_CHECK_MODULES_STATIC: each pkg-config module;
 *   - AC_CHECK_LIB([lib], [function]): the library;
 *   - AC_SEARCH_LIBS([function], [lib1 lib2]): each library.
 * A check is "optional" when it is behind a --with or --enable switch:
 * inside the arguments of AC_ARG_WITH/AC_ARG_ENABLE, inside an AS_IF or
 * AS_CASE whose condition tests $with_... or $enable_..., or inside a shell
 * `if`/`case` that does; else it is "runtime". All are of the "system"
 * ecosystem. Project name and version (AC_INIT) are read by identity.c.
 *
 * Macro arguments are read recursively (checks sit inside AS_IF inside
 * AC_ARG_WITH); the nesting is bounded, and input that does not close (an
 * open parenthesis or quote) is reported with the line it opened at.
 */
#include <ctype.h>
#include <string.h>

#include "analyzer/manifest_readers.h"
#include "util/buf.h"

#define EC_AUTOCONF_MAX_DEPTH 64

typedef struct {
    const char *name;
    const char *version;
    unsigned line;
    bool optional;
} check;

typedef struct {
    ec_manifest *m;
    EC_ARRAY(check) checks;
    EC_ARRAY(size_t) newlines; /* offsets of every '\n', for line numbers */
    bool failed;               /* a problem was reported: stop */
} reader;

/* Whether text tests a --with or --enable switch. */
static bool tests_switch(const char *s, size_t n)
{
    static const char *const vars[] = {"$with_", "${with_", "$enable_", "${enable_", NULL};
    size_t i;

    for (i = 0; vars[i]; i++)
        if (memmem(s, n, vars[i], strlen(vars[i])))
            return true;
    return false;
}

/* The line of p: one more than the newlines before it (binary search). */
static unsigned line_at(const reader *r, const char *p)
{
    size_t off = (size_t)(p - r->m->text), lo = 0, hi = r->newlines.len;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (r->newlines.items[mid] < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (unsigned)lo + 1;
}

static void add_check(reader *r, const char *name, size_t n, const char *version, unsigned line,
                      bool optional)
{
    check c;
    size_t i;

    if (!n || memchr(name, '\0', n) || memchr(name, '\n', n))
        return; /* not a library's name */
    for (i = 0; i < r->checks.len; i++) {
        check *e = &r->checks.items[i];

        if (strlen(e->name) == n && strncmp(e->name, name, n) == 0) {
            e->optional = e->optional && optional; /* required anywhere: required */
            return;
        }
    }
    c.name = ec_arena_strndup(&r->m->facts->arena, name, n);
    c.version = ec_arena_strdup(&r->m->facts->arena, version);
    c.line = line;
    c.optional = optional;
    ec_array_push(&r->checks, c);
}

/* ---- m4 ---------------------------------------------------------------------- */

typedef struct {
    const char *p, *n; /* an argument, quotes and blanks around it removed */
} arg;

/* Skip a `dnl` or `#` comment at p: the position after it. */
static const char *comment_end(const char *p, const char *end)
{
    while (p < end && *p != '\n')
        p++;
    return p;
}

/* The arguments of a call whose '(' is at open: up to 8, each trimmed and
 * with one level of [quotes] removed. The position after ')', or NULL
 * when it does not close. */
static const char *arguments(const char *open, const char *end, arg *args, size_t *count)
{
    const char *p = open + 1, *start = p;
    size_t depth = 0, quote = 0, k = 0;

    for (; p < end; p++) {
        if (*p == '[')
            quote++;
        else if (*p == ']' && quote)
            quote--;
        else if (quote)
            continue;
        else if (*p == '#')
            p = comment_end(p, end);
        else if (*p == '(')
            depth++;
        else if ((*p == ',' && depth == 0) || (*p == ')' && depth-- == 0)) {
            const char *a = start, *b = p;

            while (a < b && isspace((unsigned char)*a))
                a++;
            while (b > a && isspace((unsigned char)b[-1]))
                b--;
            if (b - a >= 2 && *a == '[' && b[-1] == ']') {
                a++;
                b--;
            }
            if (k < 8) {
                args[k].p = a;
                args[k].n = b;
                k++;
            }
            start = p + 1;
            if (*p == ')') {
                *count = k;
                return p + 1;
            }
        }
    }
    return NULL;
}

static void scan(reader *r, const char *p, const char *end, bool optional, unsigned depth);

static bool is(const char *name, size_t n, const char *word)
{
    return strlen(word) == n && strncmp(name, word, n) == 0;
}

/* "mod >= 1.2 other" : each module with the constraint after it. */
static void pkg_modules(reader *r, const arg *a, unsigned line, bool optional)
{
    const char *p = a->p;

    while (p < a->n) {
        const char *name, *op;
        size_t n;
        ec_buf version = EC_BUF_INIT;

        while (p < a->n && (isspace((unsigned char)*p) || *p == ','))
            p++;
        name = p;
        while (p < a->n && !isspace((unsigned char)*p) && !strchr("<>=,", *p))
            p++;
        n = (size_t)(p - name);
        op = p;
        while (op < a->n && isspace((unsigned char)*op))
            op++;
        if (op < a->n && strchr("<>=", *op)) { /* a constraint: operator and version */
            const char *v = op;

            while (v < a->n && strchr("<>=", *v))
                v++;
            while (v < a->n && isspace((unsigned char)*v))
                v++;
            while (v < a->n && !isspace((unsigned char)*v) && *v != ',')
                v++;
            for (; op < v; op++)
                if (!isspace((unsigned char)*op))
                    ec_buf_putc(&version, *op);
            p = v;
        }
        if (n && !memchr(name, '$', n))
            add_check(r, name, n, version.ptr, line, optional);
        ec_buf_release(&version);
    }
}

/* A check's action-if-not-found stops configure: the library is needed. */
static bool fatal(const arg *a)
{
    return memmem(a->p, (size_t)(a->n - a->p), "AC_MSG_ERROR", 12) != NULL;
}

static void call(reader *r, const char *name, size_t n, const arg *args, size_t count,
                 unsigned line, bool optional, unsigned depth)
{
    size_t i;
    bool inner = optional;

    if (is(name, n, "AC_ARG_WITH") || is(name, n, "AC_ARG_ENABLE"))
        inner = true;
    else if ((is(name, n, "AS_IF") || is(name, n, "AS_CASE")) && count &&
             tests_switch(args[0].p, (size_t)(args[0].n - args[0].p)))
        inner = true;
    if ((is(name, n, "PKG_CHECK_MODULES") || is(name, n, "PKG_CHECK_MODULES_STATIC")) && count >= 2)
        pkg_modules(r, &args[1], line, optional && !(count >= 4 && fatal(&args[3])));
    else if (is(name, n, "AC_CHECK_LIB") && count >= 1 && args[0].n > args[0].p)
        add_check(r, args[0].p, (size_t)(args[0].n - args[0].p), "", line,
                  optional && !(count >= 4 && fatal(&args[3])));
    else if (is(name, n, "AC_SEARCH_LIBS") && count >= 2)
        pkg_modules(r, &args[1], line, optional && !(count >= 4 && fatal(&args[3])));
    for (i = 0; i < count; i++)
        scan(r, args[i].p, args[i].n, inner, depth + 1);
}

/* At the start of a shell line: whether it opens (1) or closes (-1) an
 * `if` or `case` block, and whether the block tests a switch. */
static int shell_block(const char *p, const char *end, bool *switch_test)
{
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    size_t n = (size_t)((eol ? eol : end) - p);

    while (n && isspace((unsigned char)*p)) {
        p++;
        n--;
    }
    *switch_test = tests_switch(p, n);
    if ((n >= 3 && strncmp(p, "if ", 3) == 0) || (n >= 5 && strncmp(p, "case ", 5) == 0))
        return 1;
    if ((n >= 2 && strncmp(p, "fi", 2) == 0 && (n == 2 || !isalnum((unsigned char)p[2]))) ||
        (n >= 4 && strncmp(p, "esac", 4) == 0))
        return -1;
    return 0;
}

static void scan(reader *r, const char *p, const char *end, bool optional, unsigned depth)
{
    bool blocks[EC_AUTOCONF_MAX_DEPTH]; /* open shell blocks: whether each tests a switch */
    size_t open = 0, i;
    bool bol = true;

    if (depth >= EC_AUTOCONF_MAX_DEPTH) {
        if (!r->failed)
            ec_manifest_error(r->m, line_at(r, p), "macros nested too deeply: not read");
        r->failed = true;
        return;
    }
    while (p < end && !r->failed) {
        bool in_switch = optional, test;

        if (bol) {
            int b = shell_block(p, end, &test);

            if (b > 0 && open < EC_AUTOCONF_MAX_DEPTH)
                blocks[open++] = test;
            else if (b < 0 && open)
                open--;
        }
        bol = *p == '\n';
        if (*p == '#' ||
            (strncmp(p, "dnl", 3) == 0 && (p + 3 >= end || !isalnum((unsigned char)p[3])) &&
             (p == r->m->text || !isalnum((unsigned char)p[-1])))) {
            p = comment_end(p, end);
        } else if ((isalpha((unsigned char)*p) || *p == '_') &&
                   (p == r->m->text || !(isalnum((unsigned char)p[-1]) || p[-1] == '_'))) {
            const char *name = p, *after;
            arg args[8];
            size_t count = 0;

            while (p < end && (isalnum((unsigned char)*p) || *p == '_'))
                p++;
            if (p >= end || *p != '(' || !isupper((unsigned char)*name))
                continue;
            for (i = 0; i < open; i++)
                in_switch = in_switch || blocks[i];
            after = arguments(p, end, args, &count);
            if (!after) {
                ec_manifest_error(r->m, line_at(r, name), "'%.*s(' is not closed",
                                  (int)(p - name > 40 ? 40 : p - name), name);
                r->failed = true;
                return;
            }
            call(r, name, (size_t)(p - name), args, count, line_at(r, name), in_switch, depth);
            p = after;
        } else {
            p++;
        }
    }
}

void ec_read_configure_ac(ec_manifest *m)
{
    reader r = {m, EC_ARRAY_INIT, EC_ARRAY_INIT, false};
    size_t i;

    for (i = 0; i < m->len; i++)
        if (m->text[i] == '\n')
            ec_array_push(&r.newlines, i);
    scan(&r, m->text, m->text + m->len, false, 0);
    for (i = 0; i < r.checks.len; i++) {
        const check *c = &r.checks.items[i];

        ec_manifest_dependency(m, c->name, c->version, "system",
                               c->optional ? "optional" : "runtime", ec_manifest_line(m, c->line));
    }
    ec_array_release(&r.checks);
    ec_array_release(&r.newlines);
}
