/*
 * migrations.c - migration tools recognised by their files (see
 * migrations.h).
 */
#include "analyzer/migrations.h"

#include <fnmatch.h>
#include <string.h>

#include "util/buf.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/path.h"
#include "util/tsv.h"

typedef struct {
    ec_facts *facts;
    ec_buf where, command;
} detect;

/* Where pattern matches path or one of its tails after a '/': the length of
 * the part before the match (the directory to run from, with its slash),
 * or -1. */
static long match_at(const char *pattern, const char *path)
{
    const char *p = path;

    for (;;) {
        if (fnmatch(pattern, p, FNM_PATHNAME) == 0)
            return (long)(p - path);
        p = strchr(p, '/');
        if (!p)
            return -1;
        p++;
    }
}

/* The first file pattern matches: its index, and in *at where the match
 * starts; -1 when none does. */
static long first_match(const ec_facts *f, const char *pattern, long *at)
{
    size_t i;

    for (i = 0; i < f->files.len; i++)
        if ((*at = match_at(pattern, f->files.items[i].path)) >= 0)
            return (long)i;
    return -1;
}

/* One table row: pattern, required pattern, tool, command. The first file
 * that matches is the evidence. The command runs where the required file
 * is (Django's manage.py), else where the match starts. */
static void row(char **f, void *ctx)
{
    detect *d = ctx;
    long at, i = first_match(d->facts, f[0], &at), req_at;
    long req = strcmp(f[1], "-") == 0 ? i : first_match(d->facts, f[1], &req_at);
    const char *from;
    ec_operation_fact o;

    if (i < 0 || req < 0)
        return;
    if (req != i)
        at = req_at;
    from = d->facts->files.items[req].path;
    ec_buf_reset(&d->command);
    if (at > 0)
        ec_buf_printf(&d->command, "cd %.*s && ", (int)(at - 1), from);
    ec_buf_puts(&d->command, f[3]);
    ec_buf_reset(&d->where);
    ec_buf_printf(&d->where, "%s:1", d->facts->files.items[i].path);
    o.kind = "migration";
    o.name = ec_arena_strdup(&d->facts->arena, f[2]);
    o.detail = ec_arena_strdup(&d->facts->arena, d->command.ptr);
    o.evidence = ec_arena_strdup(&d->facts->arena, d->where.ptr);
    ec_array_push(&d->facts->operations, o);
}

void ec_migrations_detect(ec_facts *facts, const char *data_dir)
{
    ec_buf path = EC_BUF_INIT, text = EC_BUF_INIT;
    detect d = {facts, EC_BUF_INIT, EC_BUF_INIT};

    ec_path_join(&path, data_dir, "catalog/migration-tools.tsv");
    if (ec_fs_read_file(&text, path.ptr) != 0)
        ec_diag_add(&facts->diags, "", 0, "%s: migration tools are not recognised",
                    ec_error_last());
    else
        ec_tsv_each(text.ptr, 4, row, &d);
    ec_buf_release(&d.where);
    ec_buf_release(&d.command);
    ec_buf_release(&text);
    ec_buf_release(&path);
}
