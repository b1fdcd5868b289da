/*
 * resolve_java.c - Java imports (see resolve.h).
 *
 * A class import is the file Class.java under the package's directories in
 * any source root (nearest the importer); a static import names a member,
 * so its class is one segment shorter; "pkg.*" is the package directory.
 * Multi-module builds (several src/main/java, src/test/java or plain src/
 * roots) need nothing more: the nearest file wins. java., javax. and jdk.
 * are the platform's; the rest a library's, named by its first three
 * segments.
 */
#include <string.h>

#include "analyzer/resolve_index.h"

static void java_resolve(ec_resolver *r, void *state, const ec_file_fact *file, ec_import_fact *im)
{
    ec_buf rel = EC_BUF_INIT;
    const char *found = NULL, *p;
    char *pkg, *dot;
    int n;

    (void)state;
    for (p = im->spec; *p; p++)
        ec_buf_putc(&rel, *p == '.' ? '/' : *p);
    if (rel.len > 2 && strcmp(rel.ptr + rel.len - 2, "/*") == 0) {
        size_t i;
        ec_buf_truncate(&rel, rel.len - 2);
        for (i = 0; i < r->dirs.len && !found; i++) {
            const char *d = r->dirs.items[i];
            size_t dl = strlen(d);
            if (dl >= rel.len && strcmp(d + dl - rel.len, rel.ptr) == 0 &&
                (dl == rel.len || d[dl - rel.len - 1] == '/'))
                found = d;
        }
    } else {
        ec_buf_puts(&rel, ".java");
        found = ec_resolver_find_suffix(r, rel.ptr, file->path);
        if (!found && (dot = strrchr(rel.ptr, '/')) != NULL) { /* static import: a member */
            *dot = '\0';
            ec_buf_truncate(&rel, strlen(rel.ptr));
            ec_buf_puts(&rel, ".java");
            found = ec_resolver_find_suffix(r, rel.ptr, file->path);
        }
    }
    ec_buf_release(&rel);
    if (found) {
        ec_resolver_set(r, im, EC_IMPORT_INTERNAL, found);
        return;
    }
    pkg = ec_arena_strdup(&r->facts->arena, im->spec);
    if ((dot = strrchr(pkg, '.')) != NULL)
        *dot = '\0'; /* the package of the class */
    if (!strncmp(pkg, "java.", 5) || !strncmp(pkg, "javax.", 6) || !strncmp(pkg, "jdk.", 4) ||
        !strcmp(pkg, "java")) {
        ec_resolver_set(r, im, EC_IMPORT_STDLIB, pkg);
        return;
    }
    /* a library by its group: the first three segments
     * (org.springframework.boot.autoconfigure -> org.springframework.boot) */
    for (dot = pkg, n = 0; (dot = strchr(dot, '.')) != NULL && ++n < 3; dot++)
        ;
    if (dot)
        *dot = '\0';
    ec_resolver_set(r, im, EC_IMPORT_EXTERNAL, pkg);
}

const ec_resolve_language ec_resolve_java = {NULL, java_resolve, NULL, NULL};
