/*
 * replay.c - run a fuzz target over files, without libFuzzer.
 *
 *   fuzz_<name>_replay FILE|DIR...
 *
 * Every file given, and every file directly inside a directory given, is
 * passed to LLVMFuzzerTestOneInput once. The committed corpus thus becomes a
 * regression test that runs under the sanitizer build with any compiler.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz/fuzz.h"
#include "util/buf.h"
#include "util/fs.h"

static int run_file(const char *path)
{
    ec_buf data = EC_BUF_INIT;
    uint8_t *exact;

    if (ec_fs_read_file(&data, path) != 0) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        return 1;
    }
    /* An exact-size copy, as libFuzzer gives: a read past the input's end
     * is then caught by the sanitizers instead of finding a NUL. */
    exact = malloc(data.len ? data.len : 1);
    memcpy(exact, data.ptr, data.len);
    LLVMFuzzerTestOneInput(exact, data.len);
    free(exact);
    ec_buf_release(&data);
    return 0;
}

static int run_dir(const char *dir, size_t *count)
{
    ec_buf path = EC_BUF_INIT;
    struct dirent *de;
    DIR *d = opendir(dir);
    int failed = 0;

    if (!d) {
        fprintf(stderr, "replay: cannot open %s\n", dir);
        return 1;
    }
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        ec_buf_reset(&path);
        ec_buf_printf(&path, "%s/%s", dir, de->d_name);
        failed |= run_file(path.ptr);
        ++*count;
    }
    closedir(d);
    ec_buf_release(&path);
    return failed;
}

int main(int argc, char **argv)
{
    size_t count = 0;
    int i, failed = 0;

    for (i = 1; i < argc; i++) {
        struct stat st;

        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            failed |= run_dir(argv[i], &count);
        } else {
            failed |= run_file(argv[i]);
            count++;
        }
    }
    printf("replayed %zu inputs\n", count);
    return failed || count == 0;
}
