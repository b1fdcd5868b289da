/*
 * run.c - the pipeline, top to bottom (see run.h).
 *
 *   repo -> facts (walk, identity) -> model -> output set -> write or check
 *
 * Outputs are computed in memory first and written only at the end, so an
 * error anywhere leaves the disk as it was.
 */
#include "cli/run.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyzer/cache.h"
#include "analyzer/clang.h"
#include "analyzer/grpc.h"
#include "analyzer/identity.h"
#include "analyzer/manifest.h"
#include "analyzer/migrations.h"
#include "analyzer/own_migrations.h"
#include "analyzer/repo.h"
#include "analyzer/resolve.h"
#include "analyzer/source.h"
#include "analyzer/systems.h"
#include "analyzer/walk.h"
#include "cli/datadir.h"
#include "emit/architecture.h"
#include "emit/model_json.h"
#include "emit/output.h"
#include "graph/model.h"
#include "util/error.h"
#include "util/path.h"
#include "util/stopwatch.h"
#include "version.h"

enum { EXIT_DONE = 0, EXIT_STALE = 1, EXIT_USAGE = 2, EXIT_INPUT = 3, EXIT_INTERNAL = 4 };

static int exit_code(int err)
{
    switch (err) {
    case EC_EUSAGE:
        return EXIT_USAGE;
    case EC_EINPUT:
    case EC_ETOOBIG:
    case EC_ENOTFOUND:
        return EXIT_INPUT;
    default:
        return EXIT_INTERNAL;
    }
}

static int fail(int err)
{
    fprintf(stderr, "etacodex: %s\n", ec_error_last());
    return exit_code(err);
}

/* What this version cannot produce yet, said plainly instead of faked. */
static int check_available(const ec_options *o)
{
    if (o->doc_type != EC_DOC_ARCHITECTURE && o->doc_type != EC_DOC_MODEL &&
        o->doc_type != EC_DOC_ALL)
        return ec_error_set(EC_EUSAGE, "--doc-type %s is not available yet in etacodex %s",
                            ec_doc_type_name(o->doc_type), EC_VERSION);
    if (strcmp(o->format, "md") != 0)
        return ec_error_set(EC_EUSAGE, "--format %s is not available yet in etacodex %s", o->format,
                            EC_VERSION);
    if (o->rev || o->since || o->until)
        return ec_error_set(EC_EUSAGE,
                            "history windows (--rev, --since, --until) are not available yet "
                            "in etacodex %s",
                            EC_VERSION);
    return 0;
}

static void progress(size_t done, size_t total, void *payload)
{
    (void)payload;
    fprintf(stderr, "\retacodex: reading files %zu/%zu", done, total);
    if (done == total)
        fputs("\r\033[K", stderr);
}

/* The output directory, and the document path when one document is asked. */
static void output_paths(const ec_options *o, const ec_repo *repo, ec_buf *dir, ec_buf *doc)
{
    if (o->output_file) {
        const char *slash = strrchr(o->output_file, '/');
        ec_buf_puts(doc, o->output_file);
        if (slash)
            ec_buf_add(dir, o->output_file, (size_t)(slash - o->output_file));
        else
            ec_buf_puts(dir, ".");
        return;
    }
    if (o->output_dir)
        ec_buf_puts(dir, o->output_dir);
    else
        ec_path_join(dir, repo->root, "docs/architecture");
    ec_path_join(doc, dir->ptr, "architecture.md");
}

/* The output directory relative to the root when it lies inside it: the walk
 * must not read what the previous run wrote. NULL when outside. */
static char *output_inside_root(const char *dir, const char *root)
{
    ec_buf abs = EC_BUF_INIT, norm = EC_BUF_INIT;
    char cwd[PATH_MAX];
    char *rel = NULL;
    size_t n = strlen(root);

    if (dir[0] != '/' && getcwd(cwd, sizeof(cwd)))
        ec_path_join(&abs, cwd, dir);
    else
        ec_buf_puts(&abs, dir);
    if (ec_path_normalize(&norm, abs.ptr) == 0 && strncmp(norm.ptr, root, n) == 0 &&
        norm.ptr[n] == '/')
        rel = strdup(norm.ptr + n + 1);
    ec_buf_release(&abs);
    ec_buf_release(&norm);
    return rel;
}

/* The tree-sitter front ends, from the queries in the data directory. */
static int load_source(ec_source **out, const char *data_dir)
{
    ec_buf dir = EC_BUF_INIT;
    int err;

    ec_path_join(&dir, data_dir, "queries");
    err = ec_source_load(out, dir.ptr);
    ec_buf_release(&dir);
    return err;
}

static void print_diagnostics(const ec_diag_sink *diags, const ec_options *o)
{
    size_t i;

    if (o->quiet)
        return;
    for (i = 0; i < diags->items.len; i++) {
        const ec_diag *d = &diags->items.items[i];
        if (d->line)
            fprintf(stderr, "etacodex: warning: %s:%u: %s\n", d->path, d->line, d->message);
        else if (d->path[0])
            fprintf(stderr, "etacodex: warning: %s: %s\n", d->path, d->message);
        else
            fprintf(stderr, "etacodex: warning: %s\n", d->message);
    }
}

/* The cache of per-file outcomes, NULL with --no-cache or when it cannot be
 * used (a warning says why). Its warnings are about this run, not the
 * repository: they go to stderr, never into the model. */
static ec_cache *open_cache(const ec_options *o, const ec_repo *repo, const char *data_dir)
{
    ec_diag_sink notes;
    ec_buf dir = EC_BUF_INIT, queries = EC_BUF_INIT;
    char key[256];
    ec_cache *cache;

    if (o->no_cache)
        return NULL;
    if (o->cache_dir)
        ec_buf_puts(&dir, o->cache_dir);
    else
        ec_path_join(&dir, repo->root, ".etacodex");
    ec_path_join(&queries, data_dir, "queries");
    ec_cache_analyzer_key(key, sizeof(key), queries.ptr);
    ec_diag_init(&notes);
    cache = ec_cache_open(dir.ptr, key, o->check, &notes);
    print_diagnostics(&notes, o);
    ec_diag_release(&notes);
    ec_buf_release(&dir);
    ec_buf_release(&queries);
    return cache;
}

/* Store what this run learnt (a read-only cache with --check). */
static void close_cache(ec_cache *cache, const ec_options *o)
{
    ec_diag_sink notes;

    ec_diag_init(&notes);
    ec_cache_commit(cache, &notes);
    print_diagnostics(&notes, o);
    ec_diag_release(&notes);
    if (cache && o->timings)
        fprintf(stderr, "etacodex: cache: %zu files reused, %zu analysed\n", ec_cache_hits(cache),
                ec_cache_misses(cache));
    ec_cache_close(cache);
}

/* C/C++ files again, as the compile database builds them (libclang). */
static int read_with_clang(ec_facts *facts, const ec_repo *repo, const ec_options *o,
                           ec_cache *cache)
{
    ec_clang_options co = EC_CLANG_OPTIONS_INIT;

    co.database = o->compile_commands;
    co.jobs = o->jobs;
    co.cache = cache;
    return ec_clang_analyze(facts, repo->root, &co);
}

static int analyse(ec_model *model, ec_repo *repo, const ec_options *o, const char *out_dir,
                   const char *data_dir, ec_stopwatch *sw)
{
    ec_walk_options wo = EC_WALK_OPTIONS_INIT;
    ec_source *source = NULL;
    ec_facts facts;
    char *excluded = output_inside_root(out_dir, repo->root);
    const char *exclude[2] = {excluded, NULL};
    int err;

    ec_facts_init(&facts);
    wo.max_file_size = o->max_file_size;
    wo.jobs = o->jobs;
    wo.exclude = exclude;
    if (!o->quiet && isatty(STDERR_FILENO))
        wo.progress = progress;
    err = load_source(&source, data_dir);
    wo.source = source;
    if (!err)
        err = ec_repo_read_state(&facts, repo, !o->no_history);
    ec_stopwatch_lap(sw, "repository");
    if (!err)
        wo.cache = open_cache(o, repo, data_dir);
    ec_stopwatch_lap(sw, "cache");
    if (!err)
        err = ec_walk(&facts, repo, &wo);
    ec_source_free(source);
    ec_stopwatch_lap(sw, "walk");
    if (!err)
        err = read_with_clang(&facts, repo, o, wo.cache);
    ec_stopwatch_lap(sw, "clang");
    close_cache(wo.cache, o);
    ec_stopwatch_lap(sw, "cache");
    if (!err)
        ec_resolve_imports(&facts, data_dir, repo->root);
    ec_stopwatch_lap(sw, "resolve");
    if (!err) {
        ec_manifests_read(&facts, repo->root);
        ec_systems_infer(&facts, data_dir);
        ec_migrations_detect(&facts, data_dir);
        ec_own_migrations_detect(&facts, repo->root);
        ec_grpc_find_uses(&facts, repo->root, data_dir);
    }
    ec_stopwatch_lap(sw, "manifests");
    ec_repo_finish_state(&facts, repo);
    ec_stopwatch_lap(sw, "history");
    if (!err)
        ec_identity_read(&facts, repo);
    free(excluded);
    if (err) {
        ec_facts_release(&facts);
        return err;
    }
    ec_model_build(model, &facts, repo->prefix[0] ? repo->prefix : ".");
    ec_stopwatch_lap(sw, "model");
    return 0;
}

static int emit(ec_output *out, const ec_model *model, const ec_options *o, const char *dir,
                const char *doc, const char *data_dir)
{
    ec_buf templates = EC_BUF_INIT, path = EC_BUF_INIT;
    int err = 0;

    if (o->doc_type != EC_DOC_MODEL) {
        if (o->templates_dir)
            ec_buf_puts(&templates, o->templates_dir);
        else
            ec_path_join(&templates, data_dir, "templates");
        err = ec_architecture_write(ec_output_add(out, doc), model, templates.ptr);
    }
    if (!err) {
        ec_path_join(&path, dir, "model.json");
        err = ec_model_json_write(ec_output_add(out, path.ptr), model);
    }
    ec_buf_release(&templates);
    ec_buf_release(&path);
    return err;
}

static int finish(const ec_output *out, const ec_options *o)
{
    ec_buf report = EC_BUF_INIT;
    size_t i;
    int stale, err;

    if (o->check) {
        stale = ec_output_check(out, &report);
        fputs(report.ptr, stdout);
        ec_buf_release(&report);
        return stale > 0 ? EXIT_STALE : EXIT_DONE;
    }
    err = ec_output_write(out, o->force);
    if (err)
        return fail(err);
    for (i = 0; i < out->files.len && !o->quiet; i++)
        fprintf(stderr, "etacodex: wrote %s\n", out->files.items[i].path);
    if (o->doc_type == EC_DOC_ALL && !o->quiet)
        fputs("etacodex: note: adr, api, dev-guide, runbook and changelog are not available "
              "yet\n",
              stderr);
    return EXIT_DONE;
}

static void print_timings(const ec_stopwatch *sw)
{
    ec_buf line = EC_BUF_INIT;

    ec_stopwatch_format(sw, &line);
    fprintf(stderr, "etacodex: timings: %s\n", line.ptr);
    ec_buf_release(&line);
}

int ec_run(const ec_options *o)
{
    ec_repo repo;
    ec_model model;
    ec_output out;
    ec_buf dir = EC_BUF_INIT, doc = EC_BUF_INIT, data_dir = EC_BUF_INIT;
    ec_stopwatch sw;
    int err, code;

    ec_stopwatch_start(&sw);
    err = check_available(o);
    if (!err)
        err = ec_datadir_find(&data_dir); /* queries, stdlib lists, templates */
    if (!err)
        err = ec_repo_open(&repo, o->project_root);
    if (err) {
        ec_buf_release(&data_dir);
        return fail(err);
    }
    output_paths(o, &repo, &dir, &doc);
    err = analyse(&model, &repo, o, dir.ptr, data_dir.ptr, &sw);
    if (err) {
        code = fail(err);
        goto cleanup_repo;
    }
    print_diagnostics(&model.facts.diags, o);
    ec_output_init(&out);
    err = emit(&out, &model, o, dir.ptr, doc.ptr, data_dir.ptr);
    if (!err)
        err = ec_output_keep(&out);
    ec_stopwatch_lap(&sw, "render");
    code = err ? fail(err) : finish(&out, o);
    ec_stopwatch_lap(&sw, o->check ? "check" : "write");
    if (o->timings)
        print_timings(&sw);
    ec_output_release(&out);
    ec_model_release(&model);

cleanup_repo:
    ec_repo_close(&repo);
    ec_buf_release(&dir);
    ec_buf_release(&doc);
    ec_buf_release(&data_dir);
    return code;
}
