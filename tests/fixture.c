/*
 * fixture.c - test repositories (see fixture.h).
 */
#include "tests/cmocka_all.h"
#include "tests/fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "util/buf.h"
#include "util/fs.h"
#include "util/path.h"

char *fixture_dir(void)
{
    char tmpl[] = "/tmp/ec-fixture-XXXXXX";

    assert_non_null(mkdtemp(tmpl));
    return strdup(tmpl);
}

void fixture_write(const char *dir, const char *path, const char *data, size_t len)
{
    ec_buf full = EC_BUF_INIT;
    char *slash;

    ec_path_join(&full, dir, path);
    slash = strrchr(full.ptr, '/');
    *slash = '\0';
    assert_int_equal(ec_fs_mkdirs(full.ptr), 0);
    *slash = '/';
    assert_int_equal(ec_fs_write_atomic(full.ptr, data, len), 0);
    ec_buf_release(&full);
}

void fixture_text(const char *dir, const char *path, const char *text)
{
    fixture_write(dir, path, text, strlen(text));
}

void fixture_sh(const char *dir, const char *fmt, ...)
{
    ec_buf cmd = EC_BUF_INIT;
    va_list ap;
    int status;

    ec_buf_printf(&cmd,
                  "cd '%s' && export GIT_AUTHOR_NAME=Ada GIT_AUTHOR_EMAIL=ada@example.org "
                  "GIT_COMMITTER_NAME=Ada GIT_COMMITTER_EMAIL=ada@example.org "
                  "GIT_AUTHOR_DATE='2024-03-01T12:00:00Z' "
                  "GIT_COMMITTER_DATE='2024-03-01T12:00:00Z' GIT_CONFIG_NOSYSTEM=1 "
                  "HOME=/nonexistent && (",
                  dir);
    va_start(ap, fmt);
    ec_buf_vprintf(&cmd, fmt, ap);
    va_end(ap);
    ec_buf_puts(&cmd, ") >/dev/null 2>&1");
    status = system(cmd.ptr);
    if (status != 0)
        fail_msg("command failed (%d): %s", status, cmd.ptr);
    ec_buf_release(&cmd);
}

void fixture_remove(const char *dir)
{
    ec_buf cmd = EC_BUF_INIT;

    ec_buf_printf(&cmd, "rm -rf '%s'", dir);
    if (system(cmd.ptr) != 0)
        fail_msg("cannot remove %s", dir);
    ec_buf_release(&cmd);
}

bool fixture_exists(const char *dir, const char *path)
{
    ec_buf full = EC_BUF_INIT;
    bool found;

    ec_path_join(&full, dir, path);
    found = ec_fs_exists(full.ptr);
    ec_buf_release(&full);
    return found;
}

int fixture_run(const char *dir, const char *args, ec_buf *err_out)
{
    ec_buf cmd = EC_BUF_INIT, errfile = EC_BUF_INIT;
    int status;

    ec_buf_printf(&errfile, "%s.stderr", dir);
    ec_buf_printf(&cmd, "cd '%s' && '%s' %s 2>'%s' >/dev/null", dir, EC_BINARY, args, errfile.ptr);
    status = system(cmd.ptr);
    if (err_out) {
        ec_buf_reset(err_out);
        ec_fs_read_file(err_out, errfile.ptr);
    }
    remove(errfile.ptr);
    ec_buf_release(&cmd);
    ec_buf_release(&errfile);
    return WEXITSTATUS(status);
}

json_t *fixture_json(const char *dir, const char *path)
{
    ec_buf full = EC_BUF_INIT;
    json_error_t error;
    json_t *j;

    ec_buf_printf(&full, "%s/%s", dir, path);
    j = json_load_file(full.ptr, 0, &error);
    if (!j)
        fail_msg("%s:%d: %s", full.ptr, error.line, error.text);
    ec_buf_release(&full);
    return j;
}

json_t *fixture_find(json_t *array, const char *key, const char *value)
{
    size_t i;
    json_t *item;

    json_array_foreach(array, i, item)
    {
        const char *s = json_string_value(json_object_get(item, key));

        if (s && strcmp(s, value) == 0)
            return item;
    }
    return NULL;
}

const char *fixture_str(json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

long long fixture_int(json_t *obj, const char *key)
{
    return json_integer_value(json_object_get(obj, key));
}

const char *fixture_joined(json_t *array, ec_buf *out)
{
    size_t i;
    json_t *v;

    ec_buf_reset(out);
    json_array_foreach(array, i, v)
    {
        ec_buf_printf(out, "%s%s", i ? " " : "", json_string_value(v));
    }
    return out->ptr;
}

json_t *fixture_model(const char *dir)
{
    assert_int_equal(fixture_run(dir, "--doc-type model --quiet --no-cache", NULL), 0);
    return fixture_json(dir, "docs/architecture/model.json");
}
