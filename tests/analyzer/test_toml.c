/*
 * test_toml.c - TOML documents: the data model, strings, lines, and broken or
 * hostile input.
 */
#include "tests/cmocka_all.h"

#include <string.h>

#include "analyzer/toml.h"
#include "util/buf.h"
#include "util/error.h"

static int parse(ec_toml_doc *doc, const char *text)
{
    return ec_toml_parse(doc, text, strlen(text));
}

static void tables_dotted_keys_arrays_and_lines(void **state)
{
    ec_toml_doc doc;
    const ec_toml_value *v, *deps;
    const ec_toml_entry *e;

    (void)state;
    assert_int_equal(parse(&doc, "# a manifest\n"
                                 "title = \"demo\"\n"
                                 "site.\"google.com\" = true\n"
                                 "\n"
                                 "[package]\n"
                                 "name = 'shop'\n"
                                 "version = \"1.0\" # trailing comment\n"
                                 "authors = [\n  \"a\",\n  \"b\", # two\n]\n"
                                 "[dependencies]\n"
                                 "serde = { version = \"1\", features = [\"derive\"] }\n"
                                 "tokio.version = \"1.36\"\n"
                                 "[[bin]]\nname = \"one\"\n"
                                 "[[bin]]\nname = \"two\"\n"
                                 "[a.b.c]\nx = 1\n"
                                 "[a]\ny = 2.5\n"),
                     0);
    assert_int_equal(doc.errors, 0);
    assert_string_equal(ec_toml_string(ec_toml_get(doc.root, "title")), "demo");
    v = ec_toml_find(doc.root, "site");
    assert_true(ec_toml_is(ec_toml_get(v, "google.com"), EC_TOML_BOOLEAN));
    assert_string_equal(ec_toml_string(ec_toml_find(doc.root, "package.name")), "shop");
    v = ec_toml_find(doc.root, "package.version");
    assert_string_equal(ec_toml_string(v), "1.0");
    assert_int_equal(v->line, 7);
    v = ec_toml_find(doc.root, "package.authors");
    assert_true(ec_toml_is(v, EC_TOML_ARRAY));
    assert_int_equal(v->count, 2);
    assert_string_equal(v->first->next->value->text, "b");
    assert_int_equal(v->first->next->value->line, 10);

    deps = ec_toml_get(doc.root, "dependencies");
    assert_int_equal(deps->line, 12);
    assert_true(deps->header);
    e = deps->first;
    assert_string_equal(e->key, "serde");
    assert_string_equal(ec_toml_string(ec_toml_get(e->value, "version")), "1");
    assert_string_equal(ec_toml_get(e->value, "features")->first->value->text, "derive");
    assert_string_equal(e->next->key, "tokio");
    assert_string_equal(ec_toml_string(ec_toml_get(e->next->value, "version")), "1.36");
    assert_int_equal(e->next->value->line, 14);

    v = ec_toml_get(doc.root, "bin");
    assert_true(v->of_tables);
    assert_int_equal(v->count, 2);
    assert_string_equal(ec_toml_string(ec_toml_get(v->last->value, "name")), "two");
    assert_int_equal(v->last->value->line, 17);

    assert_string_equal(ec_toml_find(doc.root, "a.b.c.x")->text, "1");
    assert_true(ec_toml_is(ec_toml_find(doc.root, "a.y"), EC_TOML_FLOAT));
    assert_null(ec_toml_find(doc.root, "a.b.z"));
    assert_null(ec_toml_find(doc.root, "title.x"));
    ec_toml_release(&doc);
}

static void strings_and_escapes(void **state)
{
    ec_toml_doc doc;

    (void)state;
    assert_int_equal(parse(&doc, "a = \"tab\\there \\\"q\\\" \\u00e9 \\U0001F600 \\\\\"\n"
                                 "b = 'C:\\path\\n'\n"
                                 "c = \"\"\"\nline one\nline two\"\"\"\n"
                                 "d = \"\"\"\\\n    joined \\\n    here\"\"\"\n"
                                 "e = '''\nraw \\n text'''\n"
                                 "f = \"\"\n"),
                     0);
    assert_string_equal(ec_toml_get(doc.root, "a")->text,
                        "tab\there \"q\" \xc3\xa9 \xf0\x9f\x98\x80 \\");
    assert_string_equal(ec_toml_get(doc.root, "b")->text, "C:\\path\\n");
    assert_string_equal(ec_toml_get(doc.root, "c")->text, "line one\nline two");
    assert_string_equal(ec_toml_get(doc.root, "d")->text, "joined here");
    assert_string_equal(ec_toml_get(doc.root, "e")->text, "raw \\n text");
    assert_string_equal(ec_toml_get(doc.root, "f")->text, "");
    assert_int_equal(ec_toml_get(doc.root, "e")->line, 9);
    ec_toml_release(&doc);
}

static void errors_name_the_line_and_keep_the_rest(void **state)
{
    ec_toml_doc doc;

    (void)state;
    assert_int_equal(parse(&doc, "[package]\nname = \"x\"\nversion = \n"
                                 "[dependencies]\nserde = \"1\"\n"),
                     EC_EINPUT);
    assert_int_equal(doc.error_line, 3);
    assert_non_null(strstr(doc.error, "syntax error"));
    assert_string_equal(ec_toml_find(doc.root, "package.name")->text, "x");
    assert_string_equal(ec_toml_find(doc.root, "dependencies.serde")->text, "1");
    ec_toml_release(&doc);

    assert_int_equal(parse(&doc, "a = 1\nb = 2\na = 3\n[t]\n[t]\n[b.c]\n"), EC_EINPUT);
    assert_int_equal(doc.errors, 3);
    assert_int_equal(doc.error_line, 3);
    assert_string_equal(doc.error, "'a' is defined twice (first on line 1)");
    assert_string_equal(ec_toml_get(doc.root, "a")->text, "1");
    ec_toml_release(&doc);

    assert_int_equal(parse(&doc, "x = {a = 1}\n[x.b]\n"), EC_EINPUT); /* inline tables are closed */
    assert_int_equal(doc.error_line, 2);
    ec_toml_release(&doc);

    assert_int_equal(parse(&doc, "name = \"unterminated\n[t]\nk = 1\n"), EC_EINPUT);
    assert_int_equal(doc.error_line, 1);
    ec_toml_release(&doc);
}

static void deep_nesting_is_refused_and_bounded(void **state)
{
    ec_toml_doc doc;
    ec_buf text = EC_BUF_INIT;
    int i;

    (void)state;
    ec_buf_puts(&text, "ok = 1\ndeep = ");
    for (i = 0; i < 1000; i++)
        ec_buf_putc(&text, '[');
    for (i = 0; i < 1000; i++)
        ec_buf_putc(&text, ']');
    ec_buf_puts(&text, "\nt = ");
    for (i = 0; i < 1000; i++)
        ec_buf_puts(&text, "{a = ");
    ec_buf_puts(&text, "1");
    for (i = 0; i < 1000; i++)
        ec_buf_putc(&text, '}');
    ec_buf_puts(&text, "\nafter = 2\n");
    assert_int_equal(ec_toml_parse(&doc, text.ptr, text.len), EC_EINPUT);
    assert_int_equal(doc.error_line, 2);
    assert_non_null(strstr(doc.error, "nested deeper than 64"));
    assert_string_equal(ec_toml_get(doc.root, "ok")->text, "1");
    assert_string_equal(ec_toml_get(doc.root, "after")->text, "2");
    ec_toml_release(&doc);
    ec_buf_release(&text);
}

static void many_keys_stay_fast(void **state)
{
    ec_toml_doc doc;
    ec_buf text = EC_BUF_INIT;
    int i;

    (void)state;
    ec_buf_puts(&text, "[t]\n");
    for (i = 0; i < 100000; i++)
        ec_buf_printf(&text, "k%d = %d\n", i, i);
    assert_int_equal(ec_toml_parse(&doc, text.ptr, text.len), 0);
    assert_int_equal(ec_toml_get(doc.root, "t")->count, 100000);
    ec_toml_release(&doc);
    ec_buf_release(&text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tables_dotted_keys_arrays_and_lines),
        cmocka_unit_test(strings_and_escapes),
        cmocka_unit_test(errors_name_the_line_and_keep_the_rest),
        cmocka_unit_test(deep_nesting_is_refused_and_bounded),
        cmocka_unit_test(many_keys_stay_fast),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
