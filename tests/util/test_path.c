/*
 * test_path.c - lexical path helpers, and atomic file writing.
 */
#include "tests/cmocka_all.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>

#include "util/error.h"
#include "util/fs.h"
#include "util/path.h"

static void joins_and_splits(void **state)
{
    ec_buf b = EC_BUF_INIT;

    (void)state;
    ec_path_join(&b, "a/b", "c.txt");
    assert_string_equal(b.ptr, "a/b/c.txt");
    ec_path_join(&b, "a/", "c");
    assert_string_equal(b.ptr, "a/c");
    ec_path_join(&b, "", "c");
    assert_string_equal(b.ptr, "c");
    assert_string_equal(ec_path_basename("x/y/z.tar.gz"), "z.tar.gz");
    assert_string_equal(ec_path_extension("x/y/z.tar.gz"), "gz");
    assert_string_equal(ec_path_extension("x.d/.bashrc"), "");
    assert_string_equal(ec_path_extension("Makefile"), "");
    ec_buf_release(&b);
}

static void under_is_component_wise(void **state)
{
    (void)state;
    assert_true(ec_path_is_under("docs/architecture/x.md", "docs/architecture"));
    assert_true(ec_path_is_under("docs", "docs"));
    assert_false(ec_path_is_under("docsx/a", "docs"));
}

static void normalizes_without_leaving_the_root(void **state)
{
    ec_buf b = EC_BUF_INIT;

    (void)state;
    assert_int_equal(ec_path_normalize(&b, "a//b/./c/../d"), 0);
    assert_string_equal(b.ptr, "a/b/d");
    assert_int_equal(ec_path_normalize(&b, "/x/../y/"), 0);
    assert_string_equal(b.ptr, "/y");
    assert_int_equal(ec_path_normalize(&b, "/.."), 0);
    assert_string_equal(b.ptr, "/");
    assert_int_equal(ec_path_normalize(&b, "a/../../etc"), EC_EINPUT);
    ec_buf_release(&b);
}

static void writes_atomically_and_reads_with_a_cap(void **state)
{
    char dir[] = "/tmp/ec-test-fs-XXXXXX";
    ec_buf path = EC_BUF_INIT, content;
    struct dirent *de;
    DIR *d;
    int entries = 0;

    (void)state;
    assert_non_null(mkdtemp(dir));
    ec_buf_printf(&path, "%s/deep/er/file.txt", dir);
    ec_buf_init(&content, 0);
    assert_int_equal(ec_fs_write_atomic(path.ptr, "old", 3), EC_EINTERNAL); /* no dir yet */
    ec_buf_reset(&path);
    ec_buf_printf(&path, "%s/deep/er", dir);
    assert_int_equal(ec_fs_mkdirs(path.ptr), 0);
    ec_buf_puts(&path, "/file.txt");
    assert_int_equal(ec_fs_write_atomic(path.ptr, "old", 3), 0);
    assert_int_equal(ec_fs_write_atomic(path.ptr, "new content", 11), 0);
    assert_int_equal(ec_fs_read_file(&content, path.ptr), 0);
    assert_string_equal(content.ptr, "new content");

    ec_buf_release(&content);
    ec_buf_init(&content, 4);
    assert_int_equal(ec_fs_read_file(&content, path.ptr), EC_ETOOBIG);
    assert_int_equal(content.len, 0);

    /* no temporary file is left beside the result */
    ec_buf_truncate(&path, path.len - 9);
    d = opendir(path.ptr);
    assert_non_null(d);
    while ((de = readdir(d)) != NULL)
        entries += strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
    closedir(d);
    assert_int_equal(entries, 1);
    assert_int_equal(ec_fs_read_file(&content, "/nonexistent/file"), EC_EINPUT);

    ec_buf_release(&content);
    ec_buf_release(&path);
    ec_buf_init(&path, 0);
    ec_buf_printf(&path, "rm -rf '%s'", dir);
    assert_int_equal(system(path.ptr), 0);
    ec_buf_release(&path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(joins_and_splits),
        cmocka_unit_test(under_is_component_wise),
        cmocka_unit_test(normalizes_without_leaving_the_root),
        cmocka_unit_test(writes_atomically_and_reads_with_a_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
