/*
 * toml.h - a TOML document as a tree of tables, arrays and scalars that
 * manifest readers query (Cargo.toml, pyproject.toml).
 *
 * The text is parsed with the tree-sitter TOML grammar; this module turns the
 * syntax tree into TOML's data model: [a.b] headers and dotted keys make
 * nested tables, [[a]] appends a table to an array, inline tables and arrays
 * nest, strings are decoded (escapes, multi-line forms). Every value knows
 * the line it starts on, for evidence.
 *
 * Broken input never loses what parsed: a syntax error, a key defined twice,
 * a header naming something that is not a table, or nesting deeper than
 * EC_TOML_MAX_DEPTH is recorded (the first one's line and message are kept,
 * and a count), and the rest of the document is still read.
 *
 * Ownership: everything a document holds lives in its own arena and is freed
 * by ec_toml_release(); values returned by the queries are borrowed from the
 * document. Parsing is thread-safe (one tree-sitter parser per call).
 */
#ifndef EC_ANALYZER_TOML_H
#define EC_ANALYZER_TOML_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

/* Arrays and inline tables nested deeper than this are not read (hostile
 * input; real manifests nest three or four levels). */
#define EC_TOML_MAX_DEPTH 64

typedef enum {
    EC_TOML_STRING,
    EC_TOML_INTEGER,
    EC_TOML_FLOAT,
    EC_TOML_BOOLEAN,
    EC_TOML_DATETIME,
    EC_TOML_ARRAY,
    EC_TOML_TABLE
} ec_toml_type;

typedef struct ec_toml_value ec_toml_value;
typedef struct ec_toml_entry ec_toml_entry;

/* A table's key and value, or (key "") an array's item, in document order. */
struct ec_toml_entry {
    const char *key;
    ec_toml_value *value;
    ec_toml_entry *next;
};

struct ec_toml_value {
    ec_toml_type type;
    unsigned line;    /* 1-based; a table made by a header: the header's line */
    const char *text; /* a string decoded, another scalar as written; "" for containers */
    ec_toml_entry *first, *last; /* a table's entries or an array's items */
    size_t count;
    /* How the table or array came to be, to tell redefinitions from extensions. */
    bool header;    /* a table defined by its own [header] */
    bool frozen;    /* an inline table or array literal: closed to later keys */
    bool of_tables; /* an array made by [[header]]s */
};

typedef struct {
    ec_arena arena;
    ec_toml_value *root; /* a table; empty when nothing parsed, never NULL after parse */
    unsigned errors;     /* problems found, 0 for a valid document */
    unsigned error_line; /* the first problem's line (0 when none) */
    const char *error;   /* the first problem's message, "" when none */
} ec_toml_doc;

/* Parse len bytes of text into doc (which need not be initialised). Returns
 * 0, or EC_EINPUT when problems were found (doc->error says the first); the
 * document holds what was read either way and must be released. */
int ec_toml_parse(ec_toml_doc *doc, const char *text, size_t len);

/* Free everything the document holds. */
void ec_toml_release(ec_toml_doc *doc);

/* The value of key in table; NULL when table is NULL or not a table, or has
 * no such key. Borrowed. */
const ec_toml_value *ec_toml_get(const ec_toml_value *table, const char *key);

/* The value at a dotted path of bare keys ("tool.poetry.dependencies"),
 * each step a table; NULL when any step is missing. Borrowed. */
const ec_toml_value *ec_toml_find(const ec_toml_value *table, const char *path);

/* v's text when it is a string, else NULL. Borrowed. */
const char *ec_toml_string(const ec_toml_value *v);

/* True when v is not NULL and of the given type. */
bool ec_toml_is(const ec_toml_value *v, ec_toml_type type);

#endif
