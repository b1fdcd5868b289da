/*
 * fuzz_source.c - the tree-sitter front ends on arbitrary text.
 *
 * The first byte picks the language, the rest is the file. Whatever the
 * text, every fact must point inside it and the complexity figures must
 * agree with each other.
 */
#include <string.h>

#include "analyzer/source.h"
#include "fuzz/fuzz.h"

static const char *const langs[] = {"C",   "C++", "Python", "JavaScript", "TypeScript",
                                    "TSX", "Go",  "Java",   "Rust"};

static unsigned count_lines(const char *text, size_t len)
{
    unsigned n = 1;
    size_t i;

    for (i = 0; i < len; i++)
        n += text[i] == '\n';
    return n;
}

static void check(const ec_file_fact *f, unsigned lines)
{
    size_t i;
    unsigned max = 0;

    for (i = 0; i < f->imports.len; i++) {
        FUZZ_CHECK(f->imports.items[i].line >= 1 && f->imports.items[i].line <= lines);
        FUZZ_CHECK(f->imports.items[i].spec != NULL);
    }
    for (i = 0; i < f->definitions.len; i++) {
        const ec_definition_fact *d = &f->definitions.items[i];

        FUZZ_CHECK(d->line >= 1 && d->line <= lines);
        FUZZ_CHECK(d->name && d->name[0]);
        if (d->complexity > max)
            max = d->complexity;
    }
    for (i = 0; i < f->env.len; i++)
        FUZZ_CHECK(f->env.items[i].line >= 1 && f->env.items[i].line <= lines);
    FUZZ_CHECK(f->complexity_max == max);
    FUZZ_CHECK(f->complexity_max <= f->complexity_total);
    FUZZ_CHECK(f->description != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static ec_source *source;
    static ec_source_parser *parser;
    ec_file_fact file;
    ec_diag_sink diags;
    ec_arena arena;
    const char *text = (const char *)data + 1;

    if (size < 1)
        return 0;
    if (!source) {
        if (ec_source_load(&source, EC_SOURCE_DIR "/queries") != 0)
            abort();
        parser = ec_source_parser_new(source);
    }
    memset(&file, 0, sizeof(file));
    file.lang = ec_lang_find(langs[data[0] % (sizeof(langs) / sizeof(*langs))]);
    file.description = "";
    ec_arena_init(&arena);
    ec_diag_init(&diags);
    ec_source_analyze(parser, "fuzz", text, size - 1, &arena, &diags, &file);
    FUZZ_CHECK(file.parsed);
    check(&file, count_lines(text, size - 1));
    ec_file_fact_release(&file);
    ec_diag_release(&diags);
    ec_arena_release(&arena);
    return 0;
}
