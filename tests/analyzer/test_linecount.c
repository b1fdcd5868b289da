/*
 * test_linecount.c - blank/comment/code lines: each case an input next to
 * the four numbers expected from it.
 */
#include "tests/cmocka_all.h"

#include <string.h>

#include "analyzer/linecount.h"

typedef struct {
    const char *lang;
    const char *text;
    unsigned long lines, code, comment, blank;
} line_case;

static const line_case cases[] = {
    {"C", "", 0, 0, 0, 0},
    {"C", "int x;", 1, 1, 0, 0},
    {"C", "int x;\n\n  \t\n", 3, 1, 0, 2},
    {"C", "/* a\n\n   b */\nint x; // y\n// z\r\n", 5, 1, 3, 1},
    {"C", "int a; /* start\n end */ int b;\n", 2, 2, 0, 0},
    {"C", "/* one */ /* two */\n", 1, 0, 1, 0},
    {"C", "char *s = \"/* not a comment\";\nint y;\n", 2, 2, 0, 0},
    {"C", "char c = '\\'';  // quote\n", 1, 1, 0, 0},
    {"C", "const char *u = \"http://x\";\n", 1, 1, 0, 0},
    {"Rust", "/* a /* nested */ still\n*/ fn f() {}\n", 2, 1, 1, 0},
    {"Python", "\"\"\"Module doc.\n\nMore.\n\"\"\"\nimport os  # why\n# only\n", 6, 1, 4, 1},
    {"Python", "x = \"\"\"not\na docstring\"\"\"\n", 2, 2, 0, 0},
    {"Python", "s = 'it''s # not a comment'\n", 1, 1, 0, 0},
    {"Shell", "echo $# ${#x}\n  # comment\n", 2, 1, 1, 0},
    {"YAML", "name: don't\n# comment\nkey: v # trailing\n", 3, 2, 1, 0},
    {"JavaScript", "const t = `line\n// inside template\n`;\n", 3, 3, 0, 0},
    {"HTML", "<!-- a\n-->\n<p>x</p>\n", 3, 1, 2, 0},
    {"Markdown", "# Title\n\ntext\n", 3, 2, 0, 1},
    {"Ruby", "=begin\nx\n=end\nputs 1\n", 4, 1, 3, 0},
    {NULL, "a\n\nb", 3, 2, 0, 1},
    /* Longer than one 16-byte block, so markers are found by the vector scan
     * and by the byte loop that finishes a block. */
    {"C",
     "static const char *m = \"a long string with \\\" and /* inside */ it\"; int q;\n"
     "/* a comment that runs on for more than sixteen bytes\n"
     "   and ends far along the second line ............. */ int after;\n"
     "          // indented comment, well past a block\n",
     4, 2, 2, 0},
    {"Python",
     "def f():\n    \"\"\"A docstring whose first line is long enough.\n\n"
     "    Ends here, after more than sixteen bytes.\"\"\"\n    return '#' + \"\\\"#\"\n",
     5, 2, 2, 1},
};

static void every_case_counts_as_expected(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const line_case *t = &cases[i];
        ec_line_counts got;

        ec_linecount(t->lang ? ec_lang_find(t->lang) : NULL, t->text, strlen(t->text), &got);
        if (got.lines != t->lines || got.code != t->code || got.comment != t->comment ||
            got.blank != t->blank)
            fail_msg("case %zu (%s): got %lu/%lu/%lu/%lu, expected %lu/%lu/%lu/%lu", i,
                     t->lang ? t->lang : "none", got.lines, got.code, got.comment, got.blank,
                     t->lines, t->code, t->comment, t->blank);
    }
}

static void nul_bytes_and_invalid_utf8_do_not_break_it(void **state)
{
    const char text[] = "int a;\0/* \xff\xfe */\n\x80\n";
    ec_line_counts got;

    (void)state;
    ec_linecount(ec_lang_find("C"), text, sizeof(text) - 1, &got);
    assert_int_equal(got.lines, 2);
    assert_int_equal(got.code, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_case_counts_as_expected),
        cmocka_unit_test(nul_bytes_and_invalid_utf8_do_not_break_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
