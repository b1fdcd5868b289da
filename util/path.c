/*
 * path.c - lexical path helpers (see path.h).
 */
#include "path.h"

#include <string.h>

#include "error.h"

int ec_path_join(ec_buf *out, const char *dir, const char *name)
{
    int err = 0;

    ec_buf_reset(out);
    if (dir && *dir) {
        err = ec_buf_puts(out, dir);
        if (!err && out->ptr[out->len - 1] != '/')
            err = ec_buf_putc(out, '/');
    }
    if (!err)
        err = ec_buf_puts(out, name);
    return err;
}

const char *ec_path_basename(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

const char *ec_path_extension(const char *path)
{
    const char *base = ec_path_basename(path);
    const char *dot = strrchr(base, '.');

    if (!dot || dot == base)
        return "";
    return dot + 1;
}

bool ec_path_is_under(const char *path, const char *dir)
{
    size_t n = strlen(dir);

    if (n == 0)
        return true;
    if (strncmp(path, dir, n) != 0)
        return false;
    return path[n] == '\0' || path[n] == '/' || dir[n - 1] == '/';
}

bool ec_path_is_under_any(const char *path, const char *const *dirs)
{
    for (; dirs && *dirs; dirs++)
        if (ec_path_is_under(path, *dirs))
            return true;
    return false;
}

int ec_path_normalize(ec_buf *out, const char *path)
{
    bool absolute = path[0] == '/';
    const char *p = path;
    int err = 0;

    ec_buf_reset(out);
    if (absolute)
        err = ec_buf_putc(out, '/');
    while (!err && *p) {
        const char *end = strchr(p, '/');
        size_t len = end ? (size_t)(end - p) : strlen(p);

        if (len == 2 && p[0] == '.' && p[1] == '.') {
            char *last;
            size_t floor = absolute ? 1 : 0;

            if (out->len <= floor) {
                if (!absolute)
                    return ec_error_set(EC_EINPUT, "path '%s' leaves its root", path);
            } else {
                last = strrchr(out->ptr + floor, '/');
                ec_buf_truncate(out, last ? (size_t)(last - out->ptr) : floor);
            }
        } else if (len > 0 && !(len == 1 && p[0] == '.')) {
            if (out->len > (absolute ? 1u : 0u))
                err = ec_buf_putc(out, '/');
            if (!err)
                err = ec_buf_add(out, p, len);
        }
        if (!end)
            break;
        p = end + 1;
    }
    return err;
}
