/*
 * test_utf8.c - UTF-8 validation and repair.
 */
#include "tests/cmocka_all.h"

#include <string.h>

#include "util/utf8.h"

static void accepts_valid_text(void **state)
{
    const char *s = "plain, caf\xC3\xA9, \xE2\x82\xAC, \xF0\x9F\x98\x80";

    (void)state;
    assert_true(ec_utf8_valid(s, strlen(s)));
    assert_true(ec_utf8_valid("", 0));
}

static void rejects_invalid_sequences(void **state)
{
    (void)state;
    assert_false(ec_utf8_valid("\xC0\xAF", 2));         /* overlong '/' */
    assert_false(ec_utf8_valid("\xED\xA0\x80", 3));     /* surrogate */
    assert_false(ec_utf8_valid("\xF4\x90\x80\x80", 4)); /* above U+10FFFF */
    assert_false(ec_utf8_valid("\xE2\x82", 2));         /* truncated */
    assert_false(ec_utf8_valid("\xFF", 1));
}

static void repairs_with_the_replacement_character(void **state)
{
    ec_buf b = EC_BUF_INIT;

    (void)state;
    ec_utf8_sanitize(&b,
                     "a\xFF"
                     "b\xE2\x82",
                     5);
    assert_string_equal(b.ptr, "a\xEF\xBF\xBD"
                               "b\xEF\xBF\xBD\xEF\xBF\xBD");
    assert_true(ec_utf8_valid(b.ptr, b.len));
    ec_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(accepts_valid_text),
        cmocka_unit_test(rejects_invalid_sequences),
        cmocka_unit_test(repairs_with_the_replacement_character),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
