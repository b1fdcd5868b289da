/*
 * source.c - tree-sitter front ends (see source.h).
 *
 * A file is parsed once and its front end's query run once; every match is
 * dispatched on the role of its captures (queries/README.md). Complexity is
 * settled after the matches: each decision point counts for the innermost
 * function around it.
 */
#include "analyzer/source.h"

#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "ec_grammars.h"

#include "analyzer/source_text.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/path.h"

/* What is public, by language. */
typedef enum {
    PUBLIC_C,
    PUBLIC_PYTHON,
    PUBLIC_JS,
    PUBLIC_GO,
    PUBLIC_JAVA,
    PUBLIC_RUST
} public_rule;

#define MAX_QUERY_FILES 2

typedef struct {
    const char *lang;                   /* ec_lang name */
    const char *query[MAX_QUERY_FILES]; /* files in the queries directory, compiled as one */
    const TSLanguage *(*grammar)(void);
    public_rule rule;
} frontend;

/* Adding a language: a row here, its queries/<name>.scm, its resolver.
 * TypeScript's grammar extends JavaScript's: both share ecmascript.scm. */
static const frontend frontends[] = {
    {"C", {"c.scm"}, tree_sitter_c, PUBLIC_C},
    {"C++", {"cpp.scm"}, tree_sitter_cpp, PUBLIC_C},
    {"Python", {"python.scm"}, tree_sitter_python, PUBLIC_PYTHON},
    {"JavaScript", {"ecmascript.scm", "javascript.scm"}, tree_sitter_javascript, PUBLIC_JS},
    {"TypeScript", {"ecmascript.scm", "typescript.scm"}, tree_sitter_typescript, PUBLIC_JS},
    {"TSX", {"ecmascript.scm", "typescript.scm"}, tree_sitter_tsx, PUBLIC_JS},
    {"Go", {"go.scm"}, tree_sitter_go, PUBLIC_GO},
    {"Java", {"java.scm"}, tree_sitter_java, PUBLIC_JAVA},
    {"Rust", {"rust.scm"}, tree_sitter_rust, PUBLIC_RUST},
};

#define N_FRONTENDS (sizeof(frontends) / sizeof(frontends[0]))

typedef enum {
    ROLE_NONE,
    ROLE_PREDICATE, /* "_..." */
    ROLE_NAME,
    ROLE_IMPORT,
    ROLE_IMPORT_SYSTEM,
    ROLE_IMPORT_DYNAMIC,
    ROLE_IMPORT_RELATIVE,
    ROLE_IMPORT_JAVA,
    ROLE_IMPORT_RUST,
    ROLE_IMPORT_MOD,
    ROLE_DEF_FUNCTION,
    ROLE_DEF_METHOD,
    ROLE_DEF_TYPE,
    ROLE_DECL_FUNCTION,
    ROLE_DECISION,
    ROLE_ENV,
    ROLE_ENV_DEFAULT,
    ROLE_EXPORT_NAME,
    ROLE_DOC,
    ROLE_PACKAGE
} role;

static const struct {
    const char *name;
    role role;
} role_names[] = {
    {"name", ROLE_NAME},
    {"import", ROLE_IMPORT},
    {"import.system", ROLE_IMPORT_SYSTEM},
    {"import.dynamic", ROLE_IMPORT_DYNAMIC},
    {"import.relative", ROLE_IMPORT_RELATIVE},
    {"import.java", ROLE_IMPORT_JAVA},
    {"import.rust", ROLE_IMPORT_RUST},
    {"import.mod", ROLE_IMPORT_MOD},
    {"definition.function", ROLE_DEF_FUNCTION},
    {"definition.method", ROLE_DEF_METHOD},
    {"definition.type", ROLE_DEF_TYPE},
    {"declaration.function", ROLE_DECL_FUNCTION},
    {"decision", ROLE_DECISION},
    {"env", ROLE_ENV},
    {"env.default", ROLE_ENV_DEFAULT},
    {"export.name", ROLE_EXPORT_NAME},
    {"doc", ROLE_DOC},
    {"package", ROLE_PACKAGE},
};

/* One #match? regex, compiled at load time. */
typedef struct {
    uint32_t pattern, step; /* where in the query it appears */
    regex_t re;
} compiled_regex;

typedef struct {
    const frontend *fe;
    const ec_lang *lang;
    pthread_mutex_t lock; /* compiling happens on first use, by one thread */
    bool tried;
    atomic_bool settled; /* tried and finished: read without the lock */
    int err;
    TSQuery *query;
    role *roles; /* by capture id */
    EC_ARRAY(compiled_regex) regexes;
} loaded;

struct ec_source {
    char *dir;
    loaded fronts[N_FRONTENDS];
};

struct ec_source_parser {
    const ec_source *source;
    TSParser *parser;
    TSQueryCursor *cursor;
};

/* ---- loading -------------------------------------------------------------- */

static role role_of(const char *name)
{
    size_t i;

    if (name[0] == '_')
        return ROLE_PREDICATE;
    for (i = 0; i < sizeof(role_names) / sizeof(role_names[0]); i++)
        if (strcmp(role_names[i].name, name) == 0)
            return role_names[i].role;
    return ROLE_NONE;
}

static void line_col(const char *text, uint32_t offset, unsigned *line, unsigned *col)
{
    uint32_t i;

    *line = 1;
    *col = 1;
    for (i = 0; i < offset && text[i]; i++) {
        if (text[i] == '\n') {
            (*line)++;
            *col = 1;
        } else {
            (*col)++;
        }
    }
}

static const char *query_error_name(TSQueryError e)
{
    switch (e) {
    case TSQueryErrorSyntax:
        return "syntax error";
    case TSQueryErrorNodeType:
        return "unknown node type";
    case TSQueryErrorField:
        return "unknown field";
    case TSQueryErrorCapture:
        return "unknown capture";
    case TSQueryErrorStructure:
        return "impossible pattern";
    default:
        return "invalid query";
    }
}

/* Compile the regexes of #match? predicates once. */
static int compile_regexes(loaded *l, const char *path)
{
    uint32_t p, n = ts_query_pattern_count(l->query);

    for (p = 0; p < n; p++) {
        uint32_t steps, s, len;
        const TSQueryPredicateStep *st = ts_query_predicates_for_pattern(l->query, p, &steps);

        for (s = 0; s + 2 < steps; s++) {
            const char *fn;
            compiled_regex cr;

            if (st[s].type != TSQueryPredicateStepTypeString ||
                (s > 0 && st[s - 1].type != TSQueryPredicateStepTypeDone))
                continue;
            fn = ts_query_string_value_for_id(l->query, st[s].value_id, &len);
            if (strcmp(fn, "match?") != 0 && strcmp(fn, "not-match?") != 0)
                continue;
            if (st[s + 2].type != TSQueryPredicateStepTypeString)
                return ec_error_set(EC_EINPUT, "%s: #%s needs a capture and a regex", path, fn);
            cr.pattern = p;
            cr.step = s + 2;
            if (regcomp(&cr.re, ts_query_string_value_for_id(l->query, st[s + 2].value_id, &len),
                        REG_EXTENDED | REG_NOSUB) != 0)
                return ec_error_set(EC_EINPUT, "%s: invalid regex in pattern %u", path, p + 1);
            ec_array_push(&l->regexes, cr);
        }
    }
    return 0;
}

/* Read a front end's query files one after the other into text; starts[k]
 * is where file k begins, so an error offset can name its file. */
static int read_queries(const frontend *fe, const char *dir, ec_buf *text, uint32_t *starts,
                        ec_buf *paths)
{
    ec_buf path = EC_BUF_INIT;
    size_t k;
    int err = 0;

    for (k = 0; k < MAX_QUERY_FILES && fe->query[k] && !err; k++) {
        starts[k] = (uint32_t)text->len;
        ec_path_join(&path, dir, fe->query[k]);
        ec_buf_add(paths, path.ptr, path.len + 1); /* with its NUL: a list of strings */
        err = ec_fs_read_file(text, path.ptr);
        if (err)
            err = ec_error_set(EC_EINPUT, "cannot read query file '%s': %s", path.ptr,
                               ec_error_last());
        else
            ec_buf_putc(text, '\n'); /* a file without a final newline ends its last pattern */
    }
    ec_buf_release(&path);
    return err;
}

/* "file:line:column: what" for an error at offset of the concatenated text. */
static int query_error(const frontend *fe, const ec_buf *text, const uint32_t *starts,
                       const ec_buf *paths, uint32_t offset, TSQueryError qerr)
{
    const char *path = paths->ptr;
    unsigned line, col;
    size_t k = 0;

    while (k + 1 < MAX_QUERY_FILES && fe->query[k + 1] && offset >= starts[k + 1]) {
        path += strlen(path) + 1;
        k++;
    }
    line_col(text->ptr + starts[k], offset - starts[k], &line, &col);
    return ec_error_set(EC_EINPUT, "%s:%u:%u: %s", path, line, col, query_error_name(qerr));
}

static int load_one(loaded *l, const frontend *fe, const char *dir)
{
    ec_buf text, paths = EC_BUF_INIT;
    uint32_t starts[MAX_QUERY_FILES] = {0}, offset, i, n;
    TSQueryError qerr;
    int err;

    ec_buf_init(&text, 4 * 1024 * 1024);
    err = read_queries(fe, dir, &text, starts, &paths);
    if (err)
        goto cleanup;
    l->query = ts_query_new(fe->grammar(), text.ptr, (uint32_t)text.len, &offset, &qerr);
    if (!l->query) {
        err = query_error(fe, &text, starts, &paths, offset, qerr);
        goto cleanup;
    }
    n = ts_query_capture_count(l->query);
    l->roles = ec_xcalloc(n ? n : 1, sizeof(*l->roles));
    for (i = 0; i < n; i++) {
        uint32_t len;
        l->roles[i] = role_of(ts_query_capture_name_for_id(l->query, i, &len));
    }
    err = compile_regexes(l, fe->query[0]);

cleanup:
    ec_buf_release(&paths);
    ec_buf_release(&text);
    return err;
}

int ec_source_load(ec_source **out, const char *queries_dir)
{
    ec_source *s = ec_xcalloc(1, sizeof(*s));
    ec_buf path = EC_BUF_INIT;
    size_t i, k;
    int err = 0;

    /* Compiling a query takes tens of milliseconds: only the languages a
     * repository has are compiled, when their first file comes. Here only
     * check that every query file is there. */
    s->dir = ec_xstrdup(queries_dir);
    for (i = 0; i < N_FRONTENDS; i++) {
        s->fronts[i].fe = &frontends[i];
        s->fronts[i].lang = ec_lang_find(frontends[i].lang);
        pthread_mutex_init(&s->fronts[i].lock, NULL);
        atomic_init(&s->fronts[i].settled, false);
        for (k = 0; k < MAX_QUERY_FILES && frontends[i].query[k]; k++) {
            ec_path_join(&path, queries_dir, frontends[i].query[k]);
            if (!err && !ec_fs_exists(path.ptr))
                err = ec_error_set(EC_EINPUT, "query file '%s' is missing", path.ptr);
        }
    }
    ec_buf_release(&path);
    if (err) {
        ec_source_free(s);
        return err;
    }
    *out = s;
    return 0;
}

/* The front end's compiled query, compiled now if this is its first use;
 * NULL (with a diagnostic the first time) when it does not compile. */
static const loaded *ready(const ec_source *source, const loaded *l, ec_diag_sink *diags)
{
    loaded *m = (loaded *)l; /* the lazily filled part is guarded by its lock */

    if (!atomic_load(&m->settled)) {
        pthread_mutex_lock(&m->lock);
        if (!m->tried) {
            m->tried = true;
            m->err = load_one(m, m->fe, source->dir);
            if (m->err)
                ec_diag_add(diags, "", 0, "%s: its files are not analysed", ec_error_last());
            atomic_store(&m->settled, true);
        }
        pthread_mutex_unlock(&m->lock);
    }
    return m->err ? NULL : m;
}

void ec_source_free(ec_source *source)
{
    size_t i, r;

    if (!source)
        return;
    for (i = 0; i < N_FRONTENDS; i++) {
        loaded *l = &source->fronts[i];

        for (r = 0; r < l->regexes.len; r++)
            regfree(&l->regexes.items[r].re);
        ec_array_release(&l->regexes);
        if (l->query)
            ts_query_delete(l->query);
        free(l->roles);
        pthread_mutex_destroy(&l->lock);
    }
    free(source->dir);
    free(source);
}

static const loaded *front_for(const ec_source *source, const ec_lang *lang)
{
    size_t i;

    for (i = 0; lang && i < N_FRONTENDS; i++)
        if (source->fronts[i].lang == lang)
            return &source->fronts[i];
    return NULL;
}

bool ec_source_handles(const ec_source *source, const ec_lang *lang)
{
    return front_for(source, lang) != NULL;
}

bool ec_source_busy(const ec_source *source, const ec_lang *lang)
{
    const loaded *l = front_for(source, lang);
    loaded *m = (loaded *)l;

    if (!m || atomic_load(&m->settled))
        return false;
    if (pthread_mutex_trylock(&m->lock) != 0)
        return true; /* another thread is compiling it */
    pthread_mutex_unlock(&m->lock);
    return false;
}

ec_source_parser *ec_source_parser_new(const ec_source *source)
{
    ec_source_parser *p = ec_xcalloc(1, sizeof(*p));

    p->source = source;
    p->parser = ts_parser_new();
    p->cursor = ts_query_cursor_new();
    ts_query_cursor_set_match_limit(p->cursor, 4096);
    return p;
}

void ec_source_parser_free(ec_source_parser *parser)
{
    if (!parser)
        return;
    ts_query_cursor_delete(parser->cursor);
    ts_parser_delete(parser->parser);
    free(parser);
}

/* ---- one file ------------------------------------------------------------- */

typedef struct {
    uint32_t start, end;
    size_t def; /* index in file->definitions */
} span;

typedef struct {
    const loaded *l;
    const char *path, *text;
    ec_arena *arena;
    ec_file_fact *file;
    EC_ARRAY(span) functions;
    EC_ARRAY(uint32_t) decisions;
    EC_ARRAY(const char *) all; /* Python __all__, when given */
    bool has_all;
    EC_ARRAY(TSNode) def_nodes; /* parallel to file->definitions */
} file_job;

static char *node_text(file_job *j, TSNode n)
{
    uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
    return ec_arena_strndup(j->arena, j->text + a, b - a);
}

static char *node_unquoted(file_job *j, TSNode n)
{
    uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
    return ec_text_unquote(j->arena, j->text + a, b - a);
}

static unsigned node_line(TSNode n)
{
    return ts_node_start_point(n).row + 1;
}

/* ---- predicates: the C runtime leaves them to us ---- */

static bool capture_text(const TSQueryMatch *m, uint32_t id, file_job *j, const char **s, size_t *n)
{
    uint16_t i;

    for (i = 0; i < m->capture_count; i++) {
        if (m->captures[i].index == id) {
            uint32_t a = ts_node_start_byte(m->captures[i].node);
            *s = j->text + a;
            *n = ts_node_end_byte(m->captures[i].node) - a;
            return true;
        }
    }
    return false;
}

static bool equals(const char *s, size_t n, const char *lit)
{
    return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

static const regex_t *regex_at(const loaded *l, uint32_t pattern, uint32_t step)
{
    size_t i;

    for (i = 0; i < l->regexes.len; i++)
        if (l->regexes.items[i].pattern == pattern && l->regexes.items[i].step == step)
            return &l->regexes.items[i].re;
    return NULL;
}

static bool regex_matches(const regex_t *re, const char *s, size_t n)
{
    char buf[256];

    if (!re || n >= sizeof(buf))
        return false;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return regexec(re, buf, 0, NULL, 0) == 0;
}

/* One predicate: steps[0] is its name, then arguments, up to a Done step. */
static bool predicate_holds(file_job *j, const TSQueryMatch *m, const TSQueryPredicateStep *st,
                            uint32_t count, uint32_t at)
{
    const TSQuery *q = j->l->query;
    uint32_t len, k;
    const char *fn = ts_query_string_value_for_id(q, st[0].value_id, &len), *s;
    bool negate = strncmp(fn, "not-", 4) == 0, result = false;
    size_t n;

    if (count < 3 || st[1].type != TSQueryPredicateStepTypeCapture)
        return true; /* not one of ours: ignore it */
    if (!capture_text(m, st[1].value_id, j, &s, &n))
        return true; /* an optional capture that did not match */
    if (strcmp(fn + (negate ? 4 : 0), "eq?") == 0) {
        if (st[2].type == TSQueryPredicateStepTypeString) {
            result = equals(s, n, ts_query_string_value_for_id(q, st[2].value_id, &len));
        } else {
            const char *t;
            size_t tn;
            result = capture_text(m, st[2].value_id, j, &t, &tn) && tn == n && !memcmp(s, t, n);
        }
    } else if (strcmp(fn, "any-of?") == 0) {
        for (k = 2; k < count && !result; k++)
            result = equals(s, n, ts_query_string_value_for_id(q, st[k].value_id, &len));
    } else if (strcmp(fn + (negate ? 4 : 0), "match?") == 0) {
        result = regex_matches(regex_at(j->l, m->pattern_index, at + 2), s, n);
    } else {
        return true;
    }
    return negate ? !result : result;
}

static bool predicates_hold(file_job *j, const TSQueryMatch *m)
{
    uint32_t steps, s = 0, start;
    const TSQueryPredicateStep *st =
        ts_query_predicates_for_pattern(j->l->query, m->pattern_index, &steps);

    while (s < steps) {
        start = s;
        while (s < steps && st[s].type != TSQueryPredicateStepTypeDone)
            s++;
        if (!predicate_holds(j, m, st + start, s - start, start))
            return false;
        s++; /* past Done */
    }
    return true;
}

/* ---- what each match adds ---- */

static void add_import(file_job *j, TSNode n, const char *spec, unsigned level, bool system,
                       bool dynamic)
{
    ec_import_fact im;

    memset(&im, 0, sizeof(im));
    im.spec = spec;
    im.line = node_line(n);
    im.level = level;
    im.system = system;
    im.dynamic = dynamic;
    im.target = "";
    ec_array_push(&j->file->imports, im);
}

/* "import static a.b.C;" -> "a.b.C"; "import a.b.*;" -> "a.b.*" */
static void add_java_import(file_job *j, TSNode n)
{
    char *t = node_text(j, n), *p = t + strlen("import"), *out = t;

    while (*p == ' ' || *p == '\t' || *p == '\n')
        p++;
    if (strncmp(p, "static ", 7) == 0)
        p += 7;
    for (; *p && *p != ';'; p++)
        if (!isspace((unsigned char)*p))
            *out++ = *p;
    *out = '\0';
    add_import(j, n, t, 0, false, false);
}

/* "crate::a::{b, c}", "std::io::Read as R", "super::x::*" -> the path up to the
 * list, glob or alias: "crate::a", "std::io::Read", "super::x". */
static void add_rust_use(file_job *j, TSNode n)
{
    char *t = node_text(j, n), *cut;

    if ((cut = strstr(t, "::{")) != NULL || (cut = strstr(t, "::*")) != NULL ||
        (cut = strstr(t, " as ")) != NULL)
        *cut = '\0';
    if (t[0] == '{')
        return; /* use {a, b}; 2018 edition list of crates: rare, left out */
    add_import(j, n, t, 0, false, false);
}

static void on_import(file_job *j, const TSQueryMatch *m)
{
    const char *spec = NULL;
    TSNode at = m->captures[0].node;
    unsigned level = 0;
    bool system = false, dynamic = false, relative = false;
    uint16_t i;

    for (i = 0; i < m->capture_count; i++) {
        TSNode n = m->captures[i].node;

        switch (j->l->roles[m->captures[i].index]) {
        case ROLE_IMPORT:
        case ROLE_IMPORT_MOD:
            spec = node_unquoted(j, n);
            at = n;
            break;
        case ROLE_IMPORT_SYSTEM:
            spec = node_unquoted(j, n);
            system = true;
            at = n;
            break;
        case ROLE_IMPORT_DYNAMIC:
            spec = node_unquoted(j, n);
            dynamic = true;
            at = n;
            break;
        case ROLE_IMPORT_RELATIVE:
            level = ts_node_end_byte(n) - ts_node_start_byte(n);
            relative = true;
            at = n;
            break;
        case ROLE_IMPORT_JAVA:
            add_java_import(j, n);
            return;
        case ROLE_IMPORT_RUST:
            add_rust_use(j, n);
            return;
        default:
            break;
        }
    }
    if (spec && j->l->roles[m->captures[0].index] == ROLE_IMPORT_MOD)
        level = 0; /* Rust "mod x;": resolved against the file's own directory */
    if (spec || relative)
        add_import(j, at, spec ? spec : "", level, system, dynamic);
}

static const char *def_kind(role r)
{
    return r == ROLE_DEF_METHOD ? "method" : r == ROLE_DEF_TYPE ? "type" : "function";
}

static bool is_header(const char *path)
{
    const char *ext = ec_path_extension(path);
    return !strcmp(ext, "h") || !strcmp(ext, "hh") || !strcmp(ext, "hpp") || !strcmp(ext, "hxx");
}

static void on_definition(file_job *j, const TSQueryMatch *m, role kind, TSNode def)
{
    ec_definition_fact d;
    uint16_t i;

    if (kind == ROLE_DECL_FUNCTION && !is_header(j->path))
        return; /* a prototype in a .c file declares nothing public */
    memset(&d, 0, sizeof(d));
    for (i = 0; i < m->capture_count; i++)
        if (j->l->roles[m->captures[i].index] == ROLE_NAME)
            d.name = node_text(j, m->captures[i].node);
    if (!d.name || !d.name[0])
        return; /* a name the parser had to invent while recovering from an error */
    d.kind = kind == ROLE_DECL_FUNCTION ? "prototype" : def_kind(kind);
    d.line = node_line(def);
    if (kind == ROLE_DEF_FUNCTION || kind == ROLE_DEF_METHOD) {
        span s = {ts_node_start_byte(def), ts_node_end_byte(def), j->file->definitions.len};
        ec_array_push(&j->functions, s);
        d.complexity = 1;
    }
    ec_array_push(&j->file->definitions, d);
    ec_array_push(&j->def_nodes, def);
}

static void on_env(file_job *j, const TSQueryMatch *m)
{
    ec_env_fact e = {NULL, 0, ""};
    uint16_t i;
    size_t k;

    for (i = 0; i < m->capture_count; i++) {
        TSNode n = m->captures[i].node;
        role r = j->l->roles[m->captures[i].index];

        if (r == ROLE_ENV) {
            e.name = node_unquoted(j, n);
            e.line = node_line(n);
        } else if (r == ROLE_ENV_DEFAULT) {
            e.fallback = node_unquoted(j, n);
        }
    }
    if (!e.name)
        return;
    /* Two patterns may see one read (with and without its default). */
    for (k = 0; k < j->file->env.len; k++) {
        ec_env_fact *o = &j->file->env.items[k];
        if (o->line == e.line && strcmp(o->name, e.name) == 0) {
            if (!o->fallback[0])
                o->fallback = e.fallback;
            return;
        }
    }
    ec_array_push(&j->file->env, e);
}

/* No statement before this one, comments aside: a docstring's place. */
static bool is_first_statement(TSNode statement)
{
    TSNode p = ts_node_prev_named_sibling(statement);

    while (!ts_node_is_null(p) && strstr(ts_node_type(p), "comment"))
        p = ts_node_prev_named_sibling(p);
    return ts_node_is_null(p);
}

static void on_match(file_job *j, const TSQueryMatch *m)
{
    uint16_t i;

    for (i = 0; i < m->capture_count; i++) {
        TSNode n = m->captures[i].node;
        role r = j->l->roles[m->captures[i].index];

        switch (r) {
        case ROLE_IMPORT:
        case ROLE_IMPORT_SYSTEM:
        case ROLE_IMPORT_DYNAMIC:
        case ROLE_IMPORT_RELATIVE:
        case ROLE_IMPORT_JAVA:
        case ROLE_IMPORT_RUST:
        case ROLE_IMPORT_MOD:
            on_import(j, m);
            return;
        case ROLE_DEF_FUNCTION:
        case ROLE_DEF_METHOD:
        case ROLE_DEF_TYPE:
        case ROLE_DECL_FUNCTION:
            on_definition(j, m, r, n);
            return;
        case ROLE_DECISION:
            ec_array_push(&j->decisions, ts_node_start_byte(n));
            return;
        case ROLE_ENV:
            on_env(j, m);
            return;
        case ROLE_EXPORT_NAME:
            ec_array_push(&j->all, node_unquoted(j, n));
            j->has_all = true;
            return;
        case ROLE_PACKAGE:
            if (!j->file->package[0]) /* the first clause; a file has one */
                j->file->package = node_text(j, n);
            return;
        case ROLE_DOC:
            if (is_first_statement(ts_node_parent(n)))
                j->file->description =
                    ec_text_first_sentence(j->arena, j->text + ts_node_start_byte(n),
                                           ts_node_end_byte(n) - ts_node_start_byte(n));
            return;
        default:
            break;
        }
    }
}

/* ---- after the matches ---- */

static int compare_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static int compare_span(const void *a, const void *b)
{
    const span *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end > y->end ? -1 : x->end < y->end; /* outer first */
}

/* Each decision counts for the innermost function that contains it: one
 * sweep over both lists in source order with a stack of open functions. */
static void settle_complexity(file_job *j)
{
    size_t f = 0, d, depth = 0, *stack;
    ec_file_fact *file = j->file;

    ec_array_sort(&j->functions, compare_span);
    ec_array_sort(&j->decisions, compare_u32);
    stack = ec_xcalloc(j->functions.len + 1, sizeof(*stack));
    for (d = 0; d < j->decisions.len; d++) {
        uint32_t pos = j->decisions.items[d];

        while (f < j->functions.len && j->functions.items[f].start <= pos) {
            while (depth && j->functions.items[stack[depth - 1]].end <= j->functions.items[f].start)
                depth--;
            stack[depth++] = f++;
        }
        while (depth && j->functions.items[stack[depth - 1]].end <= pos)
            depth--;
        if (depth)
            file->definitions.items[j->functions.items[stack[depth - 1]].def].complexity++;
    }
    free(stack);
    for (d = 0; d < file->definitions.len; d++) {
        unsigned c = file->definitions.items[d].complexity;
        file->complexity_total += c;
        if (c > file->complexity_max)
            file->complexity_max = c;
    }
}

/* A child of type (whose text contains text, when given): "static" among
 * the storage classes, "public" among the modifiers. Reads the source in
 * place: called for every definition. */
static bool has_child_type(TSNode n, const char *type, const char *text, file_job *j)
{
    uint32_t i, count = ts_node_child_count(n);

    for (i = 0; i < count; i++) {
        TSNode c = ts_node_child(n, i);
        uint32_t a = ts_node_start_byte(c);

        if (strcmp(ts_node_type(c), type) != 0)
            continue;
        if (!text || memmem(j->text + a, ts_node_end_byte(c) - a, text, strlen(text)))
            return true;
    }
    return false;
}

static bool has_export_ancestor(TSNode n)
{
    int up;

    for (up = 0; up < 3 && !ts_node_is_null(n); up++, n = ts_node_parent(n))
        if (strcmp(ts_node_type(n), "export_statement") == 0)
            return true;
    return false;
}

/* A Python definition at module level (possibly decorated). */
static bool at_module_level(TSNode n)
{
    TSNode p = ts_node_parent(n);

    if (!ts_node_is_null(p) && strcmp(ts_node_type(p), "decorated_definition") == 0)
        p = ts_node_parent(p);
    return !ts_node_is_null(p) && strcmp(ts_node_type(p), "module") == 0;
}

static bool in_all(file_job *j, const char *name)
{
    size_t i;

    for (i = 0; i < j->all.len; i++)
        if (strcmp(j->all.items[i], name) == 0)
            return true;
    return false;
}

static bool is_public(file_job *j, ec_definition_fact *d, TSNode n)
{
    switch (j->l->fe->rule) {
    case PUBLIC_C:
        /* a header declares the interface; in a .c file, static is private
         * (resolve.c narrows the rest to what some header declares) */
        return is_header(j->path) || !has_child_type(n, "storage_class_specifier", "static", j);
    case PUBLIC_PYTHON:
        if (d->name[0] == '_')
            return false;
        if (!at_module_level(n))
            return strcmp(d->kind, "function") != 0; /* methods of classes; not nested functions */
        return !j->has_all || in_all(j, d->name);
    case PUBLIC_JS:
        return has_export_ancestor(n);
    case PUBLIC_GO:
        return isupper((unsigned char)d->name[0]);
    case PUBLIC_JAVA:
        return has_child_type(n, "modifiers", "public", j);
    case PUBLIC_RUST:
        return has_child_type(n, "visibility_modifier", NULL, j);
    }
    return false;
}

/* Python methods are function_definitions inside a class body. */
static void mark_methods(file_job *j)
{
    size_t i;

    for (i = 0; i < j->file->definitions.len; i++) {
        ec_definition_fact *d = &j->file->definitions.items[i];
        TSNode p = ts_node_parent(j->def_nodes.items[i]);

        if (strcmp(d->kind, "function") != 0 || ts_node_is_null(p))
            continue;
        if (strcmp(ts_node_type(p), "decorated_definition") == 0)
            p = ts_node_parent(p);
        if (!ts_node_is_null(p) && strcmp(ts_node_type(p), "block") == 0) {
            TSNode owner = ts_node_parent(p);
            if (!ts_node_is_null(owner) && strcmp(ts_node_type(owner), "class_definition") == 0)
                d->kind = "method";
        }
    }
}

/* A "//" or "#" comment: one node per line, so a paragraph is several. */
static bool is_line_comment(file_job *j, TSNode n)
{
    const char *t = j->text + ts_node_start_byte(n);

    return strstr(ts_node_type(n), "comment") &&
           ts_node_start_point(n).row == ts_node_end_point(n).row && strncmp(t, "/*", 2) != 0;
}

/* The first sentence of the comment at child *i of root, with the line
 * comments that directly follow it when it is one; *i moves past them. A
 * shebang line is no comment; a licence or a tool directive no description. */
static const char *comment_block(file_job *j, TSNode root, uint32_t *i)
{
    uint32_t count = ts_node_child_count(root), a, b;
    TSNode c = ts_node_child(root, *i), last = c;
    const char *p, *sentence;

    for ((*i)++; *i < count && is_line_comment(j, last); (*i)++) {
        TSNode n = ts_node_child(root, *i);
        if (!is_line_comment(j, n) || ts_node_start_point(n).row > ts_node_end_point(last).row + 1)
            break;
        last = n;
    }
    a = ts_node_start_byte(c);
    b = ts_node_end_byte(last);
    if (b - a >= 2 && j->text[a] == '#' && j->text[a + 1] == '!') {
        p = memchr(j->text + a, '\n', b - a);
        a = p ? (uint32_t)(p - j->text) + 1 : b;
    }
    if (ec_text_is_license(j->text + a, b - a))
        return "";
    sentence = ec_text_first_sentence(j->arena, j->text + a, b - a);
    return ec_text_is_directive(sentence) ? "" : sentence;
}

/* The leading comment that is not a licence, when no docstring said it. */
static void describe_from_comments(file_job *j, TSNode root)
{
    uint32_t i = 0, count = ts_node_child_count(root);

    while (i < count && !j->file->description[0] &&
           strstr(ts_node_type(ts_node_child(root, i)), "comment"))
        j->file->description = comment_block(j, root, &i);
}

static unsigned count_errors(TSNode n, unsigned depth)
{
    uint32_t i, count;
    unsigned errors = 0;

    if (!ts_node_has_error(n) || depth > 200)
        return 0;
    if (ts_node_is_error(n) || ts_node_is_missing(n))
        return 1;
    count = ts_node_child_count(n);
    for (i = 0; i < count; i++)
        errors += count_errors(ts_node_child(n, i), depth + 1);
    return errors ? errors : 1;
}

void ec_source_analyze(ec_source_parser *parser, const char *path, const char *text, size_t len,
                       ec_arena *arena, ec_diag_sink *diags, ec_file_fact *file)
{
    const loaded *l = front_for(parser->source, file->lang);
    file_job j;
    TSTree *tree;
    TSNode root;
    TSQueryMatch m;
    size_t i;

    file->description = "";
    file->package = "";
    if (l)
        l = ready(parser->source, l, diags);
    if (!l || len > UINT32_MAX)
        return;
    if (!ts_parser_set_language(parser->parser, l->fe->grammar()))
        return;
    tree = ts_parser_parse_string(parser->parser, NULL, text, (uint32_t)len);
    if (!tree)
        return;
    memset(&j, 0, sizeof(j));
    j.l = l;
    j.path = path;
    j.text = text;
    j.arena = arena;
    j.file = file;
    root = ts_tree_root_node(tree);
    file->parsed = true;
    file->parse_errors = count_errors(root, 0);
    ts_query_cursor_exec(parser->cursor, l->query, root);
    while (ts_query_cursor_next_match(parser->cursor, &m))
        if (m.capture_count && predicates_hold(&j, &m))
            on_match(&j, &m);
    if (l->fe->rule == PUBLIC_PYTHON)
        mark_methods(&j);
    for (i = 0; i < file->definitions.len; i++)
        file->definitions.items[i].exported =
            is_public(&j, &file->definitions.items[i], j.def_nodes.items[i]);
    settle_complexity(&j);
    if (!file->description[0])
        describe_from_comments(&j, root);
    ec_array_release(&j.functions);
    ec_array_release(&j.decisions);
    ec_array_release(&j.all);
    ec_array_release(&j.def_nodes);
    ts_tree_delete(tree);
}
