/*
 * fs.c - bounded reads, atomic writes, mkdir -p (see fs.h).
 */
#include "fs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "path.h"

int ec_fs_read_file(ec_buf *out, const char *path)
{
    size_t start = out->len;
    char chunk[65536];
    int fd, err = 0;

    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return ec_error_set(EC_EINPUT, "cannot open '%s': %s", path, strerror(errno));
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof(chunk));

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            err = ec_error_set(EC_EINPUT, "cannot read '%s': %s", path, strerror(errno));
            break;
        }
        if (n == 0)
            break;
        err = ec_buf_add(out, chunk, (size_t)n);
        if (err) {
            err = ec_error_set(err, "'%s' is larger than %zu bytes", path, out->cap);
            break;
        }
    }
    close(fd);
    if (err)
        ec_buf_truncate(out, start);
    return err;
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

int ec_fs_write_atomic(const char *path, const void *data, size_t len)
{
    ec_buf tmp = EC_BUF_INIT;
    const char *base = ec_path_basename(path);
    mode_t mask;
    int fd = -1, err = 0;

    ec_buf_add(&tmp, path, (size_t)(base - path));
    ec_buf_printf(&tmp, ".%s.tmpXXXXXX", base);
    fd = mkstemp(tmp.ptr);
    if (fd < 0) {
        err = ec_error_set(EC_EINTERNAL, "cannot create a file beside '%s': %s", path,
                           strerror(errno));
        goto cleanup;
    }
    mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) < 0 || write_all(fd, data, len) < 0 || fsync(fd) < 0) {
        err = ec_error_set(EC_EINTERNAL, "cannot write '%s': %s", path, strerror(errno));
        goto cleanup;
    }
    if (close(fd) < 0) {
        fd = -1;
        err = ec_error_set(EC_EINTERNAL, "cannot write '%s': %s", path, strerror(errno));
        goto cleanup;
    }
    fd = -1;
    if (rename(tmp.ptr, path) < 0)
        err = ec_error_set(EC_EINTERNAL, "cannot replace '%s': %s", path, strerror(errno));

cleanup:
    if (fd >= 0)
        close(fd);
    if (err && tmp.len)
        unlink(tmp.ptr);
    ec_buf_release(&tmp);
    return err;
}

int ec_fs_mkdirs(const char *path)
{
    ec_buf dir = EC_BUF_INIT;
    int err = 0;
    size_t i;

    ec_buf_puts(&dir, path);
    for (i = 1; i <= dir.len && !err; i++) {
        if (i < dir.len && dir.ptr[i] != '/')
            continue;
        dir.ptr[i] = '\0';
        if (mkdir(dir.ptr, 0777) < 0 && errno != EEXIST)
            err = ec_error_set(EC_EINPUT, "cannot create directory '%s': %s", dir.ptr,
                               strerror(errno));
        else if (!ec_fs_is_dir(dir.ptr))
            err = ec_error_set(EC_EINPUT, "cannot create directory '%s': not a directory", dir.ptr);
        if (i < dir.len)
            dir.ptr[i] = '/';
    }
    ec_buf_release(&dir);
    return err;
}

bool ec_fs_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool ec_fs_exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}
