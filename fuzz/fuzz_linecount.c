/*
 * fuzz_linecount.c - line classification on arbitrary text.
 *
 * The first byte picks the language (or none). Every line is exactly one of
 * code, comment or blank, and the vectorised scan must agree with a count
 * of newlines.
 */
#include "analyzer/lang.h"
#include "analyzer/linecount.h"
#include "fuzz/fuzz.h"

static const char *const langs[] = {"C",     "Python", "Shell",    "HTML",  "Lua",
                                    "Rust",  "SQL",    "Markdown", "YAML",  "Haskell",
                                    "OCaml", "Ruby",   "Perl",     "Batch", NULL};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data + 1;
    const ec_lang *lang;
    ec_line_counts c;
    unsigned long newlines = 0;
    size_t i, n = size ? size - 1 : 0;

    if (size < 1)
        return 0;
    lang = ec_lang_find(langs[data[0] % (sizeof(langs) / sizeof(*langs))] ?: "");
    ec_linecount(lang, text, n, &c);
    for (i = 0; i < n; i++)
        newlines += text[i] == '\n';
    FUZZ_CHECK(c.lines == c.code + c.comment + c.blank);
    FUZZ_CHECK(c.lines == newlines + (n > 0 && text[n - 1] != '\n'));
    return 0;
}
