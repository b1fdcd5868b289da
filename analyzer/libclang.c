/*
 * libclang.c - libclang opened with dlopen (see libclang.h).
 */
#include "analyzer/libclang.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/error.h"

static ec_libclang table;
static bool loaded;
static char failure[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* Every function of the list, or the first one missing in failure. */
static bool resolve_all(void *lib, const char *name)
{
#define EC_LIBCLANG_RESOLVE(fn)                                                                    \
    *(void **)&table.fn = dlsym(lib, #fn);                                                         \
    if (!table.fn) {                                                                               \
        snprintf(failure, sizeof(failure), "%s has no function %s", name, #fn);                    \
        return false;                                                                              \
    }
    EC_LIBCLANG_FUNCTIONS(EC_LIBCLANG_RESOLVE)
#undef EC_LIBCLANG_RESOLVE
    return true;
}

static void load(void)
{
    const char *name = getenv("ETACODEX_LIBCLANG");
    void *lib;

    if (!name || !*name)
        name = EC_LIBCLANG_SONAME;
    /* RTLD_LOCAL: LLVM's symbols stay out of the way of everything else. */
    lib = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        snprintf(failure, sizeof(failure), "%s", dlerror());
        return;
    }
    loaded = resolve_all(lib, name);
    if (!loaded)
        dlclose(lib);
}

const ec_libclang *ec_libclang_load(void)
{
    pthread_once(&once, load);
    if (!loaded) {
        ec_error_set(EC_ENOTFOUND, "cannot load libclang: %s", failure);
        return NULL;
    }
    return &table;
}
