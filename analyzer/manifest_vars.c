/*
 * manifest_vars.c - build-file variables and their bounded expansion (see
 * manifest_vars.h).
 *
 * The table is an open-addressing hash (FNV-1a, linear probing) that never
 * deletes: a forgotten variable keeps its slot with no value. Expansion is
 * a recursive descent over the text; recursion is bounded by
 * EC_MVARS_MAX_DEPTH and the whole file's work by the budget, and the names
 * being expanded are kept on a small stack so that a variable that refers
 * to itself is caught at once instead of at the depth limit.
 */
#include "analyzer/manifest_vars.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/array.h"

struct ec_mvar {
    char *name;  /* NULL: an empty slot */
    char *value; /* NULL: forgotten */
    bool recursive;
    unsigned line;
};

void ec_mvars_init(ec_mvars *v, ec_mvars_syntax syntax)
{
    memset(v, 0, sizeof(*v));
    v->syntax = syntax;
    v->budget = EC_MVARS_BUDGET;
    v->problem_name = "";
}

void ec_mvars_release(ec_mvars *v)
{
    size_t i;

    for (i = 0; i < v->size; i++) {
        free(v->slots[i].name);
        free(v->slots[i].value);
    }
    free(v->slots);
    if (v->problem_name[0])
        free((char *)v->problem_name);
    ec_mvars_init(v, v->syntax);
}

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037ULL;
    size_t i;

    for (i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

/* The slot holding name (n bytes), or the empty slot where it would go. */
static ec_mvar *slot(const ec_mvars *v, const char *name, size_t n)
{
    size_t i = (size_t)hash(name, n) & (v->size - 1);

    while (v->slots[i].name &&
           (strlen(v->slots[i].name) != n || memcmp(v->slots[i].name, name, n) != 0))
        i = (i + 1) & (v->size - 1);
    return &v->slots[i];
}

static const ec_mvar *find(const ec_mvars *v, const char *name, size_t n)
{
    const ec_mvar *s;

    if (!v->size)
        return NULL;
    s = slot(v, name, n);
    return s->name ? s : NULL;
}

static void grow(ec_mvars *v)
{
    ec_mvars old = *v;
    size_t i;

    v->size = old.size ? old.size * 2 : 64;
    v->slots = ec_xcalloc(v->size, sizeof(*v->slots));
    for (i = 0; i < old.size; i++)
        if (old.slots[i].name)
            *slot(v, old.slots[i].name, strlen(old.slots[i].name)) = old.slots[i];
    free(old.slots);
}

static ec_mvar *entry(ec_mvars *v, const char *name)
{
    ec_mvar *s;

    if ((v->used + 1) * 2 > v->size)
        grow(v);
    s = slot(v, name, strlen(name));
    if (!s->name) {
        s->name = ec_xstrdup(name);
        v->used++;
    }
    return s;
}

void ec_mvars_set(ec_mvars *v, const char *name, const char *value, bool recursive, unsigned line)
{
    ec_mvar *s = entry(v, name);

    free(s->value);
    s->value = ec_xstrdup(value);
    s->recursive = recursive;
    s->line = line;
}

void ec_mvars_forget(ec_mvars *v, const char *name, unsigned line)
{
    ec_mvar *s = entry(v, name);

    free(s->value);
    s->value = NULL;
    s->line = line;
}

const char *ec_mvars_get(const ec_mvars *v, const char *name, unsigned *line)
{
    const ec_mvar *s = find(v, name, strlen(name));

    if (line)
        *line = s ? s->line : 0;
    return s ? s->value : NULL;
}

bool ec_mvars_seen(const ec_mvars *v, const char *name)
{
    return find(v, name, strlen(name)) != NULL;
}

bool ec_mvars_recursive(const ec_mvars *v, const char *name)
{
    const ec_mvar *s = find(v, name, strlen(name));

    return s && s->recursive;
}

/* ---- expansion ------------------------------------------------------------ */

typedef struct {
    ec_mvars *v;
    const char *active[EC_MVARS_MAX_DEPTH]; /* variables being expanded, outermost first */
    unsigned depth;
    bool ok;
} expander;

static void expand(expander *x, ec_buf *out, const char *s, size_t n);

static void problem(expander *x, const char *what, const char *name, size_t n)
{
    x->ok = false;
    if (x->v->problem)
        return;
    x->v->problem = what;
    if (n) {
        char *copy = ec_xmalloc(n + 1);

        memcpy(copy, name, n);
        copy[n] = '\0';
        x->v->problem_name = copy;
    }
}

/* Spend work; false (and a problem) once the file's budget is gone. */
static bool spend(expander *x, size_t cost)
{
    if (x->v->budget < cost) {
        x->v->budget = 0;
        problem(x, "expansion budget spent", "", 0);
        return false;
    }
    x->v->budget -= cost;
    return true;
}

static bool is_active(const expander *x, const char *name)
{
    unsigned i;

    for (i = 0; i < x->depth; i++)
        if (strcmp(x->active[i], name) == 0)
            return true;
    return false;
}

/* Expand s (n bytes) one level deeper into out; false when too deep. */
static bool nested(expander *x, ec_buf *out, const char *s, size_t n)
{
    if (x->depth + 1 >= EC_MVARS_MAX_DEPTH) {
        problem(x, "references nested too deeply", "", 0);
        return false;
    }
    x->active[x->depth++] = "";
    expand(x, out, s, n);
    x->depth--;
    return true;
}

/* The value of a variable, expanded again when it is recursive. false when
 * it is not known (out unchanged). */
static bool value_of(expander *x, ec_buf *out, const char *name)
{
    const ec_mvar *var = find(x->v, name, strlen(name));

    if (!var || !var->value)
        return false;
    if (!var->recursive) {
        if (!spend(x, strlen(var->value)))
            return false;
        ec_buf_puts(out, var->value);
        return true;
    }
    if (is_active(x, name)) {
        problem(x, "a variable refers to itself", name, strlen(name));
        return false;
    }
    if (x->depth + 1 >= EC_MVARS_MAX_DEPTH) {
        problem(x, "references nested too deeply", "", 0);
        return false;
    }
    x->active[x->depth++] = var->name;
    expand(x, out, var->value, strlen(var->value));
    x->depth--;
    return true;
}

/* Where the reference opened at s[0] (the '(' or '{') closes: the index of
 * the closing character, or n when it does not close. */
static size_t closing(const char *s, size_t n, char open, char close)
{
    size_t i, depth = 0;

    for (i = 0; i < n; i++) {
        if (s[i] == open)
            depth++;
        else if (s[i] == close && --depth == 0)
            return i;
    }
    return n;
}

/* ---- make's text functions -------------------------------------------------- */

typedef struct {
    const char *p;
    size_t n;
} span;

/* The next whitespace-separated word of *s (advanced past it). */
static bool next_word(const char **s, const char *end, span *w)
{
    const char *p = *s;
    unsigned depth = 0;

    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n'))
        p++;
    if (p >= end)
        return false;
    w->p = p;
    /* a reference left as written ($(shell ls *.c | sort)) is one word */
    for (; p < end && (depth || (*p != ' ' && *p != '\t' && *p != '\n')); p++) {
        if (*p == '$' && p + 1 < end && (p[1] == '(' || p[1] == '{')) {
            depth++;
            p++;
        } else if (depth && (*p == ')' || *p == '}')) {
            depth--;
        }
    }
    w->n = (size_t)(p - w->p);
    *s = p;
    return true;
}

static void add_word(ec_buf *out, const char *p, size_t n)
{
    if (out->len && out->ptr[out->len - 1] != ' ')
        ec_buf_putc(out, ' ');
    ec_buf_add(out, p, n);
}

/* make's pattern substitution of one word: pattern and replacement with at
 * most one '%' each (a pattern without one matches the word exactly). */
static void subst_word(ec_buf *out, span w, const char *pat, const char *rep)
{
    const char *pct = strchr(pat, '%'), *rpct = strchr(rep, '%');
    size_t pre, post;

    if (!pct) {
        if (strlen(pat) == w.n && memcmp(pat, w.p, w.n) == 0)
            add_word(out, rep, strlen(rep));
        else
            add_word(out, w.p, w.n);
        return;
    }
    pre = (size_t)(pct - pat);
    post = strlen(pct + 1);
    if (w.n < pre + post || memcmp(w.p, pat, pre) != 0 ||
        memcmp(w.p + w.n - post, pct + 1, post) != 0) {
        add_word(out, w.p, w.n);
        return;
    }
    if (out->len && out->ptr[out->len - 1] != ' ')
        ec_buf_putc(out, ' ');
    if (!rpct) {
        ec_buf_puts(out, rep);
        return;
    }
    ec_buf_add(out, rep, (size_t)(rpct - rep));
    ec_buf_add(out, w.p + pre, w.n - pre - post);
    ec_buf_puts(out, rpct + 1);
}

static void patsubst(ec_buf *out, const char *pat, const char *rep, const char *list)
{
    const char *p = list, *end = list + strlen(list);
    span w;

    while (next_word(&p, end, &w))
        subst_word(out, w, pat, rep);
}

static int compare_spans(const void *a, const void *b)
{
    const span *x = a, *y = b;
    int c = memcmp(x->p, y->p, x->n < y->n ? x->n : y->n);

    return c ? c : (x->n > y->n) - (x->n < y->n);
}

/* make's sort: the words in order, each once; a reference left as written
 * is one word. */
static void sort_words(ec_buf *out, const char *list)
{
    EC_ARRAY(span) words = EC_ARRAY_INIT;
    const char *p = list, *end = list + strlen(list);
    span w;
    size_t i;

    while (next_word(&p, end, &w))
        ec_array_push(&words, w);
    if (words.len)
        qsort(words.items, words.len, sizeof(*words.items), compare_spans);
    for (i = 0; i < words.len; i++)
        if (i == 0 || compare_spans(&words.items[i], &words.items[i - 1]) != 0)
            add_word(out, words.items[i].p, words.items[i].n);
    ec_array_release(&words);
}

/* One function call's text after the name, split at top-level commas and
 * each argument expanded. false when it has not `want` arguments. */
static bool call_args(expander *x, const char *s, size_t n, ec_buf *args, size_t want)
{
    size_t i, start = 0, k = 0, depth = 0;

    for (i = 0; i <= n && k < want; i++) {
        if (i < n && (s[i] == '(' || s[i] == '{'))
            depth++;
        else if (i < n && (s[i] == ')' || s[i] == '}'))
            depth--;
        else if (i == n || (s[i] == ',' && depth == 0 && k + 1 < want)) {
            if (!nested(x, &args[k], s + start, i - start))
                return false;
            k++;
            start = i + 1;
        }
    }
    return k == want;
}

/* make's text functions, each over its expanded arguments. */

static void fn_addprefix(ec_buf *out, ec_buf *a)
{
    const char *p = a[1].ptr, *end = p + a[1].len;
    span w;

    while (next_word(&p, end, &w)) {
        add_word(out, a[0].ptr, a[0].len);
        ec_buf_add(out, w.p, w.n);
    }
}

static void fn_addsuffix(ec_buf *out, ec_buf *a)
{
    const char *p = a[1].ptr, *end = p + a[1].len;
    span w;

    while (next_word(&p, end, &w)) {
        add_word(out, w.p, w.n);
        ec_buf_add(out, a[0].ptr, a[0].len);
    }
}

/* A word that is a reference left as written: path functions pass it on
 * whole, as its slashes are not its own. */
static bool opaque(span w)
{
    return w.n > 1 && w.p[0] == '$' && (w.p[1] == '(' || w.p[1] == '{');
}

static void fn_notdir(ec_buf *out, ec_buf *a)
{
    const char *p = a[0].ptr, *end = p + a[0].len;
    span w;

    while (next_word(&p, end, &w)) {
        const char *slash = opaque(w) ? NULL : memrchr(w.p, '/', w.n);

        if (slash)
            add_word(out, slash + 1, w.n - (size_t)(slash + 1 - w.p));
        else
            add_word(out, w.p, w.n);
    }
}

static void fn_dir(ec_buf *out, ec_buf *a)
{
    const char *p = a[0].ptr, *end = p + a[0].len;
    span w;

    while (next_word(&p, end, &w)) {
        const char *slash = memrchr(w.p, '/', w.n);

        if (opaque(w))
            add_word(out, w.p, w.n);
        else if (slash)
            add_word(out, w.p, (size_t)(slash + 1 - w.p));
        else
            add_word(out, "./", 2);
    }
}

static void fn_lastword(ec_buf *out, ec_buf *a)
{
    const char *p = a[0].ptr, *end = p + a[0].len;
    span w, last = {NULL, 0};

    while (next_word(&p, end, &w))
        last = w;
    if (last.p)
        add_word(out, last.p, last.n);
}

static void fn_firstword(ec_buf *out, ec_buf *a)
{
    const char *p = a[0].ptr, *end = p + a[0].len;
    span w;

    if (next_word(&p, end, &w))
        add_word(out, w.p, w.n);
}

static void fn_strip(ec_buf *out, ec_buf *a)
{
    const char *p = a[0].ptr, *end = p + a[0].len;
    span w;

    while (next_word(&p, end, &w))
        add_word(out, w.p, w.n);
}

static void fn_sort(ec_buf *out, ec_buf *a)
{
    sort_words(out, a[0].ptr);
}

static void fn_patsubst(ec_buf *out, ec_buf *a)
{
    patsubst(out, a[0].ptr, a[1].ptr, a[2].ptr);
}

static void fn_subst(ec_buf *out, ec_buf *a)
{
    const char *p = a[2].ptr, *hit;

    while (a[0].len && (hit = strstr(p, a[0].ptr)) != NULL) {
        ec_buf_add(out, p, (size_t)(hit - p));
        ec_buf_puts(out, a[1].ptr);
        p = hit + a[0].len;
    }
    ec_buf_puts(out, p);
}

/* Whether word w matches one of the patterns (at most one '%' each). */
static bool matches_any(span w, const char *patterns)
{
    const char *p = patterns, *end = p + strlen(p);
    span pat;

    while (next_word(&p, end, &pat)) {
        const char *pct = memchr(pat.p, '%', pat.n);
        size_t pre, post;

        if (!pct) {
            if (pat.n == w.n && memcmp(pat.p, w.p, w.n) == 0)
                return true;
            continue;
        }
        pre = (size_t)(pct - pat.p);
        post = pat.n - pre - 1;
        if (w.n >= pre + post && memcmp(w.p, pat.p, pre) == 0 &&
            memcmp(w.p + w.n - post, pct + 1, post) == 0)
            return true;
    }
    return false;
}

static void filter(ec_buf *out, ec_buf *a, bool keep)
{
    const char *p = a[1].ptr, *end = p + a[1].len;
    span w;

    while (next_word(&p, end, &w))
        if (matches_any(w, a[0].ptr) == keep)
            add_word(out, w.p, w.n);
}

static void fn_filter(ec_buf *out, ec_buf *a)
{
    filter(out, a, true);
}

static void fn_filter_out(ec_buf *out, ec_buf *a)
{
    filter(out, a, false);
}

static const struct {
    const char *name;
    size_t args;
    void (*apply)(ec_buf *out, ec_buf *args);
} functions[] = {
    /* clang-format off */
    {"addprefix", 2, fn_addprefix},
    {"addsuffix", 2, fn_addsuffix},
    {"notdir", 1, fn_notdir},
    {"dir", 1, fn_dir},
    {"lastword", 1, fn_lastword},
    {"firstword", 1, fn_firstword},
    /* paths stay relative to the build file's directory, as every path of
     * the readers is: realpath and abspath only tidy the words */
    {"realpath", 1, fn_strip},
    {"abspath", 1, fn_strip},
    {"strip", 1, fn_strip},
    {"sort", 1, fn_sort},
    {"patsubst", 3, fn_patsubst},
    {"subst", 3, fn_subst},
    {"filter", 2, fn_filter},
    {"filter-out", 2, fn_filter_out},
    /* clang-format on */
};

/* $(wildcard p1 p2 ...) through the table's glob; false when there is
 * none or a pattern has no answer. */
static bool wildcard(expander *x, ec_buf *out, const char *s, size_t n)
{
    ec_buf arg = EC_BUF_INIT, word = EC_BUF_INIT, found = EC_BUF_INIT, all = EC_BUF_INIT;
    const char *p, *end;
    span w;
    bool ok = x->v->glob && call_args(x, s, n, &arg, 1);

    for (p = arg.ptr, end = arg.ptr + arg.len; ok && next_word(&p, end, &w);) {
        ec_buf_reset(&word);
        ec_buf_add(&word, w.p, w.n);
        ec_buf_reset(&found);
        size_t work = 0;

        ok = x->v->glob(x->v->glob_ctx, word.ptr, &found, &work) && spend(x, work + found.len);
        if (ok && found.len)
            add_word(&all, found.ptr, found.len);
    }
    if (ok && all.len)
        add_word(out, all.ptr, all.len);
    ec_buf_release(&all);
    ec_buf_release(&arg);
    ec_buf_release(&word);
    ec_buf_release(&found);
    return ok;
}

/* A text function of make, applied. false when name is not one the table
 * knows (shell, call, ...): the caller keeps the call as written. */
static bool function(expander *x, ec_buf *out, const char *name, size_t name_len, const char *s,
                     size_t n)
{
    ec_buf args[3] = {EC_BUF_INIT, EC_BUF_INIT, EC_BUF_INIT};
    size_t f, i;
    bool done = false;

    if (name_len == 8 && memcmp(name, "wildcard", 8) == 0)
        return wildcard(x, out, s, n);
    for (f = 0; f < sizeof(functions) / sizeof(*functions); f++)
        if (strlen(functions[f].name) == name_len && memcmp(functions[f].name, name, name_len) == 0)
            break;
    if (f < sizeof(functions) / sizeof(*functions) && call_args(x, s, n, args, functions[f].args)) {
        functions[f].apply(out, args);
        done = true;
    }
    for (i = 0; i < 3; i++)
        ec_buf_release(&args[i]);
    return done;
}

/* $(VAR:from=to): each word's suffix `from` replaced (or a % pattern). */
static void substitution_ref(ec_buf *out, const char *value, const char *from, const char *to)
{
    ec_buf pat = EC_BUF_INIT, rep = EC_BUF_INIT;

    if (!strchr(from, '%'))
        ec_buf_putc(&pat, '%');
    ec_buf_puts(&pat, from);
    if (!strchr(from, '%'))
        ec_buf_putc(&rep, '%');
    ec_buf_puts(&rep, to);
    patsubst(out, pat.ptr, rep.ptr, value);
    ec_buf_release(&pat);
    ec_buf_release(&rep);
}

/* A reference whose inner text (between the delimiters) is s[0..n): the
 * value appended to out, or false to have it kept as written. */
static bool reference(expander *x, ec_buf *out, const char *s, size_t n)
{
    ec_buf name = EC_BUF_INIT, value = EC_BUF_INIT;
    const char *colon, *eq;
    size_t fn;
    bool done = false;

    if (!spend(x, EC_MVARS_REFERENCE_COST))
        return false;
    if (x->v->syntax == EC_MVARS_MAKE) {
        for (fn = 0; fn < n && ((s[fn] >= 'a' && s[fn] <= 'z') || s[fn] == '-'); fn++)
            ;
        if (fn > 0 && fn < n && (s[fn] == ' ' || s[fn] == '\t'))
            return function(x, out, s, fn, s + fn + 1, n - fn - 1);
    }
    if (memchr(s, '$', n)) {
        if (!nested(x, &name, s, n))
            goto cleanup;
    } else { /* the common case: a plain name */
        ec_buf_add(&name, s, n);
    }
    colon = x->v->syntax == EC_MVARS_MAKE ? strchr(name.ptr, ':') : NULL;
    eq = colon ? strchr(colon, '=') : NULL;
    if (eq) {
        ec_buf_truncate(&name, (size_t)(colon - name.ptr)); /* ends the name at the colon */
        if (value_of(x, &value, name.ptr)) {
            ec_buf from = EC_BUF_INIT;

            ec_buf_add(&from, colon + 1, (size_t)(eq - colon - 1));
            substitution_ref(out, value.ptr, from.ptr, eq + 1);
            ec_buf_release(&from);
            done = true;
        }
    } else if (!strpbrk(name.ptr, "$ \t")) {
        done = value_of(x, out, name.ptr);
    }
cleanup:
    ec_buf_release(&name);
    ec_buf_release(&value);
    return done;
}

/* Append text that expansion produced; its bytes are work too (a value
 * that doubles at each level is cheap to reference and costly to copy). */
static void produce(expander *x, ec_buf *out, const char *s, size_t n)
{
    if (x->depth == 0 || spend(x, n))
        ec_buf_add(out, s, n);
}

static void expand(expander *x, ec_buf *out, const char *s, size_t n)
{
    size_t i = 0;

    while (i < n) {
        const char *dollar = memchr(s + i, '$', n - i);
        size_t at, end;
        char open;

        if (!dollar) {
            produce(x, out, s + i, n - i);
            return;
        }
        at = (size_t)(dollar - s);
        produce(x, out, s + i, at - i);
        open = at + 1 < n ? s[at + 1] : '\0';
        if (x->v->syntax == EC_MVARS_MAKE && open == '$') {
            ec_buf_add(out, "$$", 2);
            i = at + 2;
            continue;
        }
        if (x->v->syntax == EC_MVARS_MAKE && (isalnum((unsigned char)open) || open == '_')) {
            if (!reference(x, out, s + at + 1, 1)) /* $X: a one-letter name */
                ec_buf_add(out, s + at, 2);
            i = at + 2;
            continue;
        }
        if (!(open == '{' || (open == '(' && x->v->syntax == EC_MVARS_MAKE))) {
            ec_buf_putc(out, '$');
            i = at + 1;
            continue;
        }
        end = at + 1 + closing(s + at + 1, n - at - 1, open, open == '{' ? '}' : ')');
        if (end >= n) { /* not closed: the rest as written */
            ec_buf_add(out, s + at, n - at);
            return;
        }
        if (!reference(x, out, s + at + 2, end - at - 2))
            ec_buf_add(out, s + at, end + 1 - at);
        i = end + 1;
    }
}

bool ec_mvars_expand(ec_mvars *v, ec_buf *out, const char *s)
{
    expander x;

    x.v = v;
    x.depth = 0;
    x.ok = true;
    expand(&x, out, s, strlen(s));
    return x.ok;
}
