/*
 * test_buf.c - the string buffer, the typed array and the arena.
 */
#include "tests/cmocka_all.h"

#include <string.h>

#include "util/arena.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/error.h"

static void fresh_buffer_is_empty_string(void **state)
{
    ec_buf b = EC_BUF_INIT;

    (void)state;
    assert_non_null(b.ptr);
    assert_string_equal(b.ptr, "");
    ec_buf_release(&b);
    assert_string_equal(b.ptr, "");
}

static void appends_and_formats(void **state)
{
    ec_buf b = EC_BUF_INIT;

    (void)state;
    assert_int_equal(ec_buf_puts(&b, "abc"), 0);
    assert_int_equal(ec_buf_putc(&b, '-'), 0);
    assert_int_equal(ec_buf_printf(&b, "%d/%s", 42, "x"), 0);
    assert_string_equal(b.ptr, "abc-42/x");
    assert_int_equal(b.len, 8);
    ec_buf_truncate(&b, 3);
    assert_string_equal(b.ptr, "abc");
    ec_buf_release(&b);
}

static void grows_over_many_appends(void **state)
{
    ec_buf b = EC_BUF_INIT;
    int i;

    (void)state;
    for (i = 0; i < 10000; i++)
        ec_buf_putc(&b, (char)('a' + i % 26));
    assert_int_equal(b.len, 10000);
    assert_int_equal(b.ptr[9999], 'a' + 9999 % 26);
    assert_int_equal(b.ptr[10000], '\0');
    ec_buf_release(&b);
}

static void cap_refuses_growth_and_keeps_content(void **state)
{
    ec_buf b;

    (void)state;
    ec_buf_init(&b, 5);
    assert_int_equal(ec_buf_puts(&b, "abcd"), 0);
    assert_int_equal(ec_buf_puts(&b, "ef"), EC_ETOOBIG);
    assert_string_equal(b.ptr, "abcd");
    assert_int_equal(ec_buf_putc(&b, 'e'), 0);
    assert_int_equal(ec_buf_printf(&b, "%s", "x"), EC_ETOOBIG);
    assert_string_equal(b.ptr, "abcde");
    ec_buf_release(&b);
}

static void detach_hands_over_ownership(void **state)
{
    ec_buf b = EC_BUF_INIT;
    size_t len;
    char *s;

    (void)state;
    ec_buf_puts(&b, "hello");
    s = ec_buf_detach(&b, &len);
    assert_string_equal(s, "hello");
    assert_int_equal(len, 5);
    assert_string_equal(b.ptr, "");
    free(s);
    s = ec_buf_detach(&b, NULL); /* an empty buffer still gives a string to free */
    assert_string_equal(s, "");
    free(s);
}

typedef EC_ARRAY(int) int_array;

static int compare_ints(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

static void array_pushes_sorts_and_evaluates_once(void **state)
{
    int_array arrays[2] = {EC_ARRAY_INIT, EC_ARRAY_INIT};
    int i, k = 0;

    (void)state;
    for (i = 0; i < 100; i++)
        ec_array_push(&arrays[0], 99 - i);
    ec_array_sort(&arrays[0], compare_ints);
    for (i = 0; i < 100; i++)
        assert_int_equal(arrays[0].items[i], i);
    ec_array_push(&arrays[k++], 7); /* the array argument must be evaluated once */
    assert_int_equal(k, 1);
    assert_int_equal(arrays[0].len, 101);
    ec_array_release(&arrays[0]);
    assert_null(arrays[0].items);
    assert_int_equal(arrays[0].len, 0);
}

static void arena_allocates_aligned_zeroed_memory(void **state)
{
    ec_arena a = EC_ARENA_INIT;
    char *big;
    int i;

    (void)state;
    for (i = 0; i < 5000; i++) {
        long double *p = ec_arena_alloc(&a, sizeof(long double) + (size_t)(i % 7));
        assert_int_equal((uintptr_t)p % _Alignof(long double), 0);
        assert_true(*p == 0);
        *p = (long double)i;
    }
    big = ec_arena_alloc(&a, 1 << 20);
    assert_int_equal(big[(1 << 20) - 1], 0);
    assert_string_equal(ec_arena_strdup(&a, "copy"), "copy");
    assert_string_equal(ec_arena_strndup(&a, "copy", 2), "co");
    ec_arena_release(&a);
    assert_null(a.head);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fresh_buffer_is_empty_string),
        cmocka_unit_test(appends_and_formats),
        cmocka_unit_test(grows_over_many_appends),
        cmocka_unit_test(cap_refuses_growth_and_keeps_content),
        cmocka_unit_test(detach_hands_over_ownership),
        cmocka_unit_test(array_pushes_sorts_and_evaluates_once),
        cmocka_unit_test(arena_allocates_aligned_zeroed_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
