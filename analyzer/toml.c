/*
 * toml.c - TOML documents from the tree-sitter TOML syntax tree (see toml.h).
 *
 * The grammar gives the syntax: pairs with bare, quoted or dotted keys,
 * [table] and [[array]] headers, values. TOML's meaning is built here, in
 * one pass over the tree in document order, as the specification (toml.io,
 * v1.0.0) describes it:
 *   - a dotted key or header path walks through tables, creating the missing
 *     ones; through an array of tables it walks into the last table;
 *   - a key may be defined once; a header may define a table once (a table
 *     only created implicitly by a longer path may be defined later);
 *   - inline tables and array literals are closed: nothing extends them.
 * Keys are looked up through one hash table for the whole document (table
 * pointer and key), so a hostile manifest of many keys stays linear.
 *
 * Syntax errors come from the tree (ERROR and MISSING nodes); pairs and
 * tables the parser recovered around them are read as usual.
 */
#include "analyzer/toml.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <tree_sitter/api.h>

#include "ec_grammars.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"

/* Dotted keys and header paths longer than this are refused. */
#define MAX_KEY_PARTS 64

typedef struct {
    const ec_toml_value *table;
    const char *key;
    ec_toml_entry *entry;
} slot;

typedef struct {
    ec_toml_doc *doc;
    const char *src;
    slot *slots; /* open addressing, a power of two in size */
    size_t nslots, used;
} builder;

static void problem(builder *b, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void problem(builder *b, unsigned line, const char *fmt, ...)
{
    ec_buf msg = EC_BUF_INIT;
    va_list ap;

    b->doc->errors++;
    if (b->doc->errors > 1 && line >= b->doc->error_line)
        return; /* keep the first by line */
    va_start(ap, fmt);
    ec_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    b->doc->error = ec_arena_strdup(&b->doc->arena, msg.ptr);
    b->doc->error_line = line;
    ec_buf_release(&msg);
}

static unsigned line_of(TSNode n)
{
    return ts_node_start_point(n).row + 1;
}

static const char *raw(builder *b, TSNode n, size_t *len)
{
    uint32_t start = ts_node_start_byte(n);

    *len = ts_node_end_byte(n) - start;
    return b->src + start;
}

static bool is(TSNode n, const char *type)
{
    return strcmp(ts_node_type(n), type) == 0;
}

/* ---- keys: one hash table for the document -------------------------------- */

/* FNV-1a over the key, mixed with the table's address. */
static size_t hash(const ec_toml_value *table, const char *key)
{
    uint64_t h = 1469598103934665603ULL ^ (uint64_t)(uintptr_t)table;

    for (; *key; key++)
        h = (h ^ (unsigned char)*key) * 1099511628211ULL;
    return (size_t)(h ^ (h >> 29));
}

static slot *find_slot(const builder *b, const ec_toml_value *table, const char *key)
{
    size_t i = hash(table, key) & (b->nslots - 1);

    while (b->slots[i].table && (b->slots[i].table != table || strcmp(b->slots[i].key, key) != 0))
        i = (i + 1) & (b->nslots - 1);
    return &b->slots[i];
}

static void grow(builder *b)
{
    slot *old = b->slots;
    size_t i, n = b->nslots;

    b->nslots = n ? n * 2 : 64;
    b->slots = ec_xcalloc(b->nslots, sizeof(*b->slots));
    for (i = 0; i < n; i++)
        if (old[i].table)
            *find_slot(b, old[i].table, old[i].key) = old[i];
    free(old);
}

static ec_toml_entry *lookup(const builder *b, const ec_toml_value *table, const char *key)
{
    return b->nslots ? find_slot(b, table, key)->entry : NULL;
}

static ec_toml_value *new_value(builder *b, ec_toml_type type, unsigned line)
{
    ec_toml_value *v = ec_arena_alloc(&b->doc->arena, sizeof(*v));

    v->type = type;
    v->line = line;
    v->text = "";
    return v;
}

/* Append to a table (key) or an array (key ""). */
static void append(builder *b, ec_toml_value *to, const char *key, ec_toml_value *value)
{
    ec_toml_entry *e = ec_arena_alloc(&b->doc->arena, sizeof(*e));
    slot *s;

    e->key = key;
    e->value = value;
    if (to->last)
        to->last->next = e;
    else
        to->first = e;
    to->last = e;
    to->count++;
    if (to->type != EC_TOML_TABLE)
        return;
    if ((b->used + 1) * 2 > b->nslots)
        grow(b);
    s = find_slot(b, to, key);
    s->table = to;
    s->key = key;
    s->entry = e;
    b->used++;
}

/* ---- strings -------------------------------------------------------------- */

static void put_utf8(ec_buf *out, uint32_t cp)
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        ec_buf_putc(out, (char)cp);
    } else if (cp < 0x800) {
        ec_buf_putc(out, (char)(0xC0 | (cp >> 6)));
        ec_buf_putc(out, (char)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        ec_buf_putc(out, (char)(0xE0 | (cp >> 12)));
        ec_buf_putc(out, (char)(0x80 | ((cp >> 6) & 0x3F)));
        ec_buf_putc(out, (char)(0x80 | (cp & 0x3F)));
    } else {
        ec_buf_putc(out, (char)(0xF0 | (cp >> 18)));
        ec_buf_putc(out, (char)(0x80 | ((cp >> 12) & 0x3F)));
        ec_buf_putc(out, (char)(0x80 | ((cp >> 6) & 0x3F)));
        ec_buf_putc(out, (char)(0x80 | (cp & 0x3F)));
    }
}

/* n hex digits at s as a code point; false when they are not all hex. */
static bool hex_digits(const char *s, const char *end, size_t n, uint32_t *out)
{
    size_t i;

    *out = 0;
    if ((size_t)(end - s) < n)
        return false;
    for (i = 0; i < n; i++) {
        char c = s[i];
        uint32_t d = c >= '0' && c <= '9'   ? (uint32_t)(c - '0')
                     : c >= 'a' && c <= 'f' ? (uint32_t)(c - 'a' + 10)
                     : c >= 'A' && c <= 'F' ? (uint32_t)(c - 'A' + 10)
                                            : 16;
        if (d == 16)
            return false;
        *out = *out * 16 + d;
    }
    return true;
}

/* One escape after a backslash at *p (pointing past it); advances *p. A
 * backslash ending a line of a multi-line string joins it with the next
 * non-blank text. An unknown escape is kept as written. */
static void unescape(ec_buf *out, const char **p, const char *end, bool multiline)
{
    static const char from[] = "btnfre\"\\", to[] = "\b\t\n\f\r\x1b\"\\";
    const char *s = *p, *hit;
    const char *ws = s;
    size_t width;
    uint32_t cp;

    while (multiline && ws < end && (*ws == ' ' || *ws == '\t'))
        ws++;
    if (multiline && ws < end && (*ws == '\n' || *ws == '\r')) {
        while (ws < end && (*ws == ' ' || *ws == '\t' || *ws == '\n' || *ws == '\r'))
            ws++;
        *p = ws;
        return;
    }
    if (s < end && *s && (hit = strchr(from, *s)) != NULL) {
        ec_buf_putc(out, to[hit - from]);
        *p = s + 1;
        return;
    }
    width = s < end ? (*s == 'u' ? 4 : *s == 'U' ? 8 : *s == 'x' ? 2 : 0) : 0;
    if (width && hex_digits(s + 1, end, width, &cp)) {
        put_utf8(out, cp);
        *p = s + 1 + width;
        return;
    }
    ec_buf_putc(out, '\\');
}

/* The value of a string or quoted key as written (quotes included). */
static const char *decode(builder *b, const char *s, size_t len)
{
    ec_buf out = EC_BUF_INIT;
    const char *end = s + len, *p;
    size_t q = len >= 3 && (memcmp(s, "\"\"\"", 3) == 0 || memcmp(s, "'''", 3) == 0) ? 3 : 1;
    bool basic = len > 0 && s[0] == '"';
    const char *result;

    if (len == 0)
        return "";
    p = s + q;
    if (len >= 2 * q && memcmp(end - q, s, q) == 0)
        end -= q;
    if (end < p)
        end = p;
    if (q == 3 && p < end && *p == '\n')
        p++;
    else if (q == 3 && end - p >= 2 && p[0] == '\r' && p[1] == '\n')
        p += 2;
    while (p < end) {
        if (basic && *p == '\\') {
            p++;
            unescape(&out, &p, end, q == 3);
        } else {
            ec_buf_putc(&out, *p++);
        }
    }
    result = ec_arena_strndup(&b->doc->arena, out.ptr, out.len);
    ec_buf_release(&out);
    return result;
}

/* ---- keys as written ------------------------------------------------------ */

static const char *key_text(builder *b, TSNode n)
{
    size_t len;
    const char *s = raw(b, n, &len);

    if (is(n, "quoted_key"))
        return decode(b, s, len);
    return ec_arena_strndup(&b->doc->arena, s, len);
}

/* The parts of a key node (bare, quoted or dotted) in order; 0 when it has
 * more than MAX_KEY_PARTS. A dotted key nests to the left: ((a.b).c). */
static size_t key_parts(builder *b, TSNode n, const char **parts)
{
    size_t count = 0, i;
    const char *rev[MAX_KEY_PARTS];

    while (is(n, "dotted_key")) {
        uint32_t k = ts_node_named_child_count(n);

        if (count == MAX_KEY_PARTS || k < 2) {
            problem(b, line_of(n), "a key of more than %d parts: not read", MAX_KEY_PARTS);
            return 0;
        }
        rev[count++] = key_text(b, ts_node_named_child(n, k - 1));
        n = ts_node_named_child(n, 0);
    }
    if (count == MAX_KEY_PARTS)
        return 0;
    rev[count++] = key_text(b, n);
    for (i = 0; i < count; i++)
        parts[i] = rev[count - 1 - i];
    return count;
}

static ec_buf joined_keys(const char **parts, size_t n)
{
    ec_buf out = EC_BUF_INIT;
    size_t i;

    for (i = 0; i < n; i++) {
        if (i)
            ec_buf_putc(&out, '.');
        ec_buf_puts(&out, parts[i]);
    }
    return out;
}

/* The table under key in table, made when missing; through an array of
 * tables, its last table. NULL (and a problem) when key holds anything else. */
static ec_toml_value *descend(builder *b, ec_toml_value *table, const char *key, unsigned line)
{
    ec_toml_entry *e = lookup(b, table, key);
    ec_toml_value *t;

    if (!e) {
        t = new_value(b, EC_TOML_TABLE, line);
        append(b, table, key, t);
        return t;
    }
    t = e->value;
    if (t->type == EC_TOML_TABLE && !t->frozen)
        return t;
    if (t->type == EC_TOML_ARRAY && t->of_tables && t->last)
        return t->last->value;
    problem(b, line, "'%s' (line %u) is not a table that can be extended", key, t->line);
    return NULL;
}

/* ---- values --------------------------------------------------------------- */

static ec_toml_value *value_of(builder *b, TSNode n, unsigned depth);
static void read_pair(builder *b, ec_toml_value *table, TSNode pair, unsigned depth);

static ec_toml_value *array_of(builder *b, TSNode n, unsigned depth)
{
    ec_toml_value *a = new_value(b, EC_TOML_ARRAY, line_of(n));
    TSTreeCursor c = ts_tree_cursor_new(n);

    a->frozen = true;
    if (ts_tree_cursor_goto_first_child(&c)) {
        do {
            TSNode item = ts_tree_cursor_current_node(&c);
            ec_toml_value *v;

            if (!ts_node_is_named(item) || is(item, "comment"))
                continue;
            v = value_of(b, item, depth + 1);
            if (v)
                append(b, a, "", v);
        } while (ts_tree_cursor_goto_next_sibling(&c));
    }
    ts_tree_cursor_delete(&c);
    return a;
}

static ec_toml_value *inline_table_of(builder *b, TSNode n, unsigned depth)
{
    ec_toml_value *t = new_value(b, EC_TOML_TABLE, line_of(n));
    TSTreeCursor c = ts_tree_cursor_new(n);

    if (ts_tree_cursor_goto_first_child(&c)) {
        do {
            TSNode pair = ts_tree_cursor_current_node(&c);

            if (is(pair, "pair"))
                read_pair(b, t, pair, depth + 1);
        } while (ts_tree_cursor_goto_next_sibling(&c));
    }
    ts_tree_cursor_delete(&c);
    t->frozen = true; /* after its own dotted keys went in */
    return t;
}

/* A value node as a value; NULL for what the parser could not make out. */
static ec_toml_value *value_of(builder *b, TSNode n, unsigned depth)
{
    const char *type = ts_node_type(n);
    ec_toml_value *v;
    size_t len;
    const char *s;

    if (depth > EC_TOML_MAX_DEPTH) {
        problem(b, line_of(n), "values nested deeper than %d levels: not read", EC_TOML_MAX_DEPTH);
        return NULL;
    }
    if (strcmp(type, "array") == 0)
        return array_of(b, n, depth);
    if (strcmp(type, "inline_table") == 0)
        return inline_table_of(b, n, depth);
    s = raw(b, n, &len);
    if (strcmp(type, "string") == 0) {
        v = new_value(b, EC_TOML_STRING, line_of(n));
        v->text = decode(b, s, len);
        return v;
    }
    if (strcmp(type, "integer") == 0)
        v = new_value(b, EC_TOML_INTEGER, line_of(n));
    else if (strcmp(type, "float") == 0)
        v = new_value(b, EC_TOML_FLOAT, line_of(n));
    else if (strcmp(type, "boolean") == 0)
        v = new_value(b, EC_TOML_BOOLEAN, line_of(n));
    else if (strstr(type, "date") || strstr(type, "time"))
        v = new_value(b, EC_TOML_DATETIME, line_of(n));
    else
        return NULL;
    v->text = ec_arena_strndup(&b->doc->arena, s, len);
    return v;
}

/* A pair's key and value nodes: its first two named children that are not
 * comments (a comment at the end of the line belongs to the pair). */
static bool pair_parts(TSNode pair, TSNode *key, TSNode *value)
{
    uint32_t i, n = ts_node_named_child_count(pair), found = 0;

    for (i = 0; i < n && found < 2; i++) {
        TSNode c = ts_node_named_child(pair, i);

        if (is(c, "comment"))
            continue;
        *(found++ ? value : key) = c;
    }
    return found == 2;
}

/* key = value into table; a dotted key walks (and makes) tables first. */
static void read_pair(builder *b, ec_toml_value *table, TSNode pair, unsigned depth)
{
    const char *parts[MAX_KEY_PARTS];
    TSNode key, value;
    size_t n, i;
    ec_toml_entry *old;
    ec_toml_value *v;
    unsigned line = line_of(pair);

    if (!pair_parts(pair, &key, &value))
        return; /* the parser's recovery; the syntax error is reported */
    n = key_parts(b, key, parts);
    for (i = 0; table && i + 1 < n; i++)
        table = descend(b, table, parts[i], line);
    if (!table || n == 0)
        return;
    old = lookup(b, table, parts[n - 1]);
    if (old) {
        ec_buf k = joined_keys(parts, n);

        problem(b, line, "'%s' is defined twice (first on line %u)", k.ptr, old->value->line);
        ec_buf_release(&k);
        return;
    }
    v = value_of(b, value, depth);
    if (v)
        append(b, table, parts[n - 1], v);
}

/* ---- headers -------------------------------------------------------------- */

/* The table a [header] names, defined now; NULL when it cannot be. */
static ec_toml_value *define_table(builder *b, const char **parts, size_t n, unsigned line)
{
    ec_toml_value *t = b->doc->root;
    ec_toml_entry *e;
    size_t i;

    for (i = 0; t && i + 1 < n; i++)
        t = descend(b, t, parts[i], line);
    if (!t)
        return NULL;
    e = lookup(b, t, parts[n - 1]);
    if (!e) {
        ec_toml_value *table = new_value(b, EC_TOML_TABLE, line);

        table->header = true;
        append(b, t, parts[n - 1], table);
        return table;
    }
    if (e->value->type == EC_TOML_TABLE && !e->value->frozen && !e->value->header) {
        e->value->header = true; /* made implicitly before, defined here */
        e->value->line = line;
        return e->value;
    }
    problem(b, line, "table '%s' is already defined (line %u)", parts[n - 1], e->value->line);
    return NULL;
}

/* A new table appended to the array a [[header]] names; NULL when it cannot be. */
static ec_toml_value *define_array_table(builder *b, const char **parts, size_t n, unsigned line)
{
    ec_toml_value *t = b->doc->root, *table;
    ec_toml_entry *e;
    size_t i;

    for (i = 0; t && i + 1 < n; i++)
        t = descend(b, t, parts[i], line);
    if (!t)
        return NULL;
    e = lookup(b, t, parts[n - 1]);
    if (e && !(e->value->type == EC_TOML_ARRAY && e->value->of_tables)) {
        problem(b, line, "'%s' (line %u) is not an array of tables", parts[n - 1], e->value->line);
        return NULL;
    }
    if (!e) {
        ec_toml_value *array = new_value(b, EC_TOML_ARRAY, line);

        array->of_tables = true;
        append(b, t, parts[n - 1], array);
        e = t->last;
    }
    table = new_value(b, EC_TOML_TABLE, line);
    table->header = true;
    append(b, e->value, "", table);
    return table;
}

/* A [table] or [[table]] with its pairs. Pairs under a header that could not
 * be defined are skipped: where they belong is unknown. */
static ec_toml_value *read_table(builder *b, TSNode n, bool array)
{
    const char *parts[MAX_KEY_PARTS];
    TSTreeCursor c = ts_tree_cursor_new(n);
    ec_toml_value *table = NULL;
    bool first = true;
    size_t k;

    if (ts_tree_cursor_goto_first_child(&c)) {
        do {
            TSNode child = ts_tree_cursor_current_node(&c);

            if (!ts_node_is_named(child) || is(child, "comment"))
                continue;
            if (first) {
                first = false;
                k = key_parts(b, child, parts);
                if (k)
                    table = array ? define_array_table(b, parts, k, line_of(n))
                                  : define_table(b, parts, k, line_of(n));
            } else if (table && is(child, "pair")) {
                read_pair(b, table, child, 0);
            }
        } while (ts_tree_cursor_goto_next_sibling(&c));
    }
    ts_tree_cursor_delete(&c);
    return table;
}

/* The document's children; inside an ERROR node, whatever the parser still
 * recognised as pairs and tables (a pair there belongs to the table read
 * last). */
static void read_items(builder *b, TSNode n, ec_toml_value **current, unsigned depth)
{
    TSTreeCursor c = ts_tree_cursor_new(n);

    if (ts_tree_cursor_goto_first_child(&c)) {
        do {
            TSNode child = ts_tree_cursor_current_node(&c);

            if (is(child, "pair") && *current)
                read_pair(b, *current, child, 0);
            else if (is(child, "table"))
                *current = read_table(b, child, false);
            else if (is(child, "table_array_element"))
                *current = read_table(b, child, true);
            else if (ts_node_is_error(child) && depth < EC_TOML_MAX_DEPTH)
                read_items(b, child, current, depth + 1);
        } while (ts_tree_cursor_goto_next_sibling(&c));
    }
    ts_tree_cursor_delete(&c);
}

/* The first ERROR or MISSING node in document order, as a problem. Only
 * subtrees that hold an error are entered. */
static void report_syntax(builder *b, TSNode root)
{
    TSTreeCursor c = ts_tree_cursor_new(root);

    while (ts_node_has_error(root)) {
        TSNode n = ts_tree_cursor_current_node(&c);

        if (ts_node_is_missing(n)) {
            problem(b, line_of(n), "syntax error: missing '%s'", ts_node_type(n));
            break;
        }
        if (ts_node_is_error(n)) {
            size_t len;
            const char *s = raw(b, n, &len);
            const char *eol = memchr(s, '\n', len);
            size_t shown = eol ? (size_t)(eol - s) : len;

            problem(b, line_of(n), "syntax error at '%.*s'", (int)(shown > 40 ? 40 : shown), s);
            break;
        }
        if (ts_node_has_error(n) && ts_tree_cursor_goto_first_child(&c))
            continue;
        while (!ts_tree_cursor_goto_next_sibling(&c))
            if (!ts_tree_cursor_goto_parent(&c))
                goto done;
    }
done:
    ts_tree_cursor_delete(&c);
}

int ec_toml_parse(ec_toml_doc *doc, const char *text, size_t len)
{
    builder b = {doc, text, NULL, 0, 0};
    TSParser *parser;
    TSTree *tree = NULL;
    ec_toml_value *current;

    memset(doc, 0, sizeof(*doc));
    ec_arena_init(&doc->arena);
    doc->error = "";
    doc->root = new_value(&b, EC_TOML_TABLE, 1);
    if (len > UINT32_MAX) {
        problem(&b, 0, "too large to parse");
        return EC_EINPUT;
    }
    parser = ts_parser_new();
    if (ts_parser_set_language(parser, tree_sitter_toml()))
        tree = ts_parser_parse_string(parser, NULL, text, (uint32_t)len);
    if (!tree) {
        problem(&b, 0, "the TOML parser failed");
    } else {
        current = doc->root;
        report_syntax(&b, ts_tree_root_node(tree));
        read_items(&b, ts_tree_root_node(tree), &current, 0);
        ts_tree_delete(tree);
    }
    ts_parser_delete(parser);
    free(b.slots);
    return doc->errors ? EC_EINPUT : 0;
}

void ec_toml_release(ec_toml_doc *doc)
{
    ec_arena_release(&doc->arena);
    doc->root = NULL;
}

const ec_toml_value *ec_toml_get(const ec_toml_value *table, const char *key)
{
    const ec_toml_entry *e;

    if (!table || table->type != EC_TOML_TABLE)
        return NULL;
    for (e = table->first; e; e = e->next)
        if (strcmp(e->key, key) == 0)
            return e->value;
    return NULL;
}

const ec_toml_value *ec_toml_find(const ec_toml_value *table, const char *path)
{
    char part[256];
    const char *dot;

    while (table && (dot = strchr(path, '.')) != NULL) {
        if ((size_t)(dot - path) >= sizeof(part))
            return NULL;
        memcpy(part, path, (size_t)(dot - path));
        part[dot - path] = '\0';
        table = ec_toml_get(table, part);
        path = dot + 1;
    }
    return ec_toml_get(table, path);
}

const char *ec_toml_string(const ec_toml_value *v)
{
    return v && v->type == EC_TOML_STRING ? v->text : NULL;
}

bool ec_toml_is(const ec_toml_value *v, ec_toml_type type)
{
    return v && v->type == type;
}
