/*
 * fuzz_toml.c - TOML documents from arbitrary bytes.
 *
 * Whatever the bytes: a root table, a first problem exactly when problems
 * were counted, every value on a line of the text, and nesting within
 * EC_TOML_MAX_DEPTH (plus the key parts a dotted path may add).
 */
#include <string.h>

#include "analyzer/toml.h"
#include "fuzz/fuzz.h"

static void check(const ec_toml_value *v, unsigned lines, unsigned depth)
{
    const ec_toml_entry *e;

    FUZZ_CHECK(v->line >= 1 && v->line <= lines);
    FUZZ_CHECK(v->text != NULL);
    FUZZ_CHECK(depth < 4 * EC_TOML_MAX_DEPTH);
    for (e = v->first; e; e = e->next) {
        FUZZ_CHECK(e->key != NULL && e->value != NULL);
        FUZZ_CHECK(v->type == EC_TOML_TABLE || v->type == EC_TOML_ARRAY);
        FUZZ_CHECK(v->type == EC_TOML_TABLE || e->key[0] == '\0');
        check(e->value, lines, depth + 1);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ec_toml_doc doc;
    unsigned lines = 1;
    size_t i;

    for (i = 0; i < size; i++)
        lines += data[i] == '\n';
    ec_toml_parse(&doc, (const char *)data, size);
    FUZZ_CHECK(doc.root && doc.root->type == EC_TOML_TABLE);
    FUZZ_CHECK((doc.errors == 0) == (doc.error[0] == '\0'));
    check(doc.root, lines, 0);
    ec_toml_release(&doc);
    return 0;
}
