/*
 * datadir.c - locating the run-time data (see datadir.h).
 */
#include "cli/datadir.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/error.h"
#include "util/fs.h"
#include "util/path.h"

static int try_dir(ec_buf *out, const char *dir)
{
    ec_buf probe = EC_BUF_INIT;
    int found;

    ec_path_join(&probe, dir, "templates");
    found = ec_fs_is_dir(probe.ptr);
    ec_buf_release(&probe);
    if (found) {
        ec_buf_reset(out);
        ec_buf_puts(out, dir);
    }
    return found;
}

int ec_datadir_find(ec_buf *out)
{
    char exe[PATH_MAX];
    const char *env = getenv("ETACODEX_DATA_DIR");
    ssize_t n;

    if (env && *env && try_dir(out, env))
        return 0;
    n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n > 0) {
        ec_buf dir = EC_BUF_INIT;
        char *slash;

        exe[n] = '\0';
        slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        ec_buf_printf(&dir, "%s/../share/etacodex", exe);
        n = try_dir(out, dir.ptr);
        ec_buf_release(&dir);
        if (n)
            return 0;
    }
    if (try_dir(out, EC_SOURCE_DIR))
        return 0;
    return ec_error_set(EC_ENOTFOUND,
                        "cannot find the templates directory (set ETACODEX_DATA_DIR)");
}
