/*
 * test_clang.c - C files read with libclang as a hand-written
 * compile_commands.json compiles them: the exact #include targets (a header
 * found through -I that a search by name would miss), definitions, calls
 * across files, and the files that fall back to tree-sitter (a flag libclang
 * rejects, no entry) with one diagnostic for the run. Also a file that
 * includes itself, a header that does not stand alone, and the binary's
 * model.json.
 */
#include "tests/cmocka_all.h"

#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyzer/cache.h"
#include "analyzer/clang.h"
#include "analyzer/repo.h"
#include "analyzer/resolve.h"
#include "analyzer/source.h"
#include "analyzer/walk.h"
#include "tests/fixture.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/fs.h"

/*
 * The project: include/api.h is what the build includes (-I include);
 * src/legacy/api.h, nearer to src/ by path, is what a search by file name
 * would pick instead.
 */
static void make_project(const char *dir)
{
    ec_buf db = EC_BUF_INIT;
    int i;

    fixture_text(dir, "include/api.h",
                 "#ifndef API_H\n"
                 "#define API_H\n"
                 "int api_sum(int a, int b);\n"
                 "int extra_value(void);\n"
                 "#endif\n");
    fixture_text(dir, "include/partial.h",
                 "static inline int partial_len(const struct opaque *o) { return o->n; }\n");
    fixture_text(dir, "src/legacy/api.h", "int old_sum(int a);\n");
    fixture_text(dir, "src/main.c",
                 "#include \"api.h\"\n"
                 "#include <stdio.h>\n"
                 "static int twice(int x) { return x + x; }\n"
                 "int main(void)\n"
                 "{\n"
                 "    if (twice(1) > 1)\n"
                 "        printf(\"%d\\n\", api_sum(twice(2), 3));\n"
                 "    return extra_value();\n"
                 "}\n"
                 "#include \"late.h\"\n");
    fixture_text(dir, "src/lib.c",
                 "#include \"api.h\"\n"
                 "static int square(int v) { return v * v; }\n"
                 "int api_sum(int a, int b) { return square(a) + b; }\n"
                 "struct local { int n; };\n"
                 "#define named lib_named\n"
                 "int named(double d) { return __builtin_isnan(d) ? api_sum(1, 1) : 0; }\n");
    fixture_text(dir, "src/flags.c",
                 "#include \"api.h\"\n"
                 "int flagged(void) { return api_sum(1, 2); }\n");
    fixture_text(dir, "src/extra.c",
                 "#include \"api.h\"\n"
                 "int extra_value(void) { return 7; }\n");
    /* more errors than clang's default limit, which would stop the parse */
    ec_buf_reset(&db);
    for (i = 0; i < 25; i++)
        ec_buf_printf(&db, "int broken%d(void) { return undeclared%d; }\n", i, i);
    ec_buf_puts(&db, "int fine(void) { return broken3(); }\n");
    fixture_text(dir, "src/errors.c", db.ptr);
    ec_buf_reset(&db);
    fixture_text(dir, "src/self.c",
                 "#include \"self.c\"\n"
                 "int self_value(void) { return 1; }\n");
    /* main.c: relative paths from its directory, and dependency-file flags
     * that must not make the analysis write build/main.d */
    ec_buf_printf(
        &db,
        "[\n"
        "{\"directory\": \"%s/build\", \"arguments\": [\"cc\", \"-I../include\", \"-MD\", "
        "\"-MF\", \"main.d\", \"-c\", \"../src/main.c\", \"-o\", \"main.o\"], "
        "\"file\": \"../src/main.c\"},\n"
        "{\"directory\": \"%s\", \"command\": \"cc -I%s/include -c %s/src/lib.c\", "
        "\"file\": \"%s/src/lib.c\"},\n"
        "{\"directory\": \"%s\", \"command\": \"cc -I%s/include --frobnicate-everything -c "
        "%s/src/flags.c\", \"file\": \"%s/src/flags.c\"},\n"
        "{\"directory\": \"%s\", \"command\": \"cc -c %s/src/self.c\", "
        "\"file\": \"%s/src/self.c\"},\n"
        "{\"directory\": \"%s\", \"command\": \"cc -c src/errors.c\", "
        "\"file\": \"src/errors.c\"},\n"
        "{\"directory\": \"%s\", \"command\": \"cc -x c-header -c %s/include/partial.h\", "
        "\"file\": \"%s/include/partial.h\"}\n"
        "]\n",
        dir, dir, dir, dir, dir, dir, dir, dir, dir, dir, dir, dir, dir, dir, dir, dir);
    fixture_text(dir, "build/compile_commands.json", db.ptr);
    ec_buf_release(&db);
}

typedef struct {
    ec_repo repo;
    ec_facts facts;
} analysed;

/* Walk (tree-sitter), then libclang, then the resolver: the pipeline's order. */
static int analyse_cached(analysed *a, const char *dir, const char *database, ec_cache *cache)
{
    ec_walk_options wo = EC_WALK_OPTIONS_INIT;
    ec_clang_options co = EC_CLANG_OPTIONS_INIT;
    ec_source *source;
    char before[PATH_MAX], after[PATH_MAX];
    int err;

    assert_int_equal(ec_source_load(&source, EC_SOURCE_DIR "/queries"), 0);
    assert_int_equal(ec_repo_open(&a->repo, dir), 0);
    ec_facts_init(&a->facts);
    wo.source = source;
    wo.jobs = 2;
    assert_int_equal(ec_walk(&a->facts, &a->repo, &wo), 0);
    ec_source_free(source);
    co.database = database;
    co.jobs = 2;
    co.cache = cache;
    assert_non_null(getcwd(before, sizeof(before)));
    err = ec_clang_analyze(&a->facts, a->repo.root, &co);
    /* the entries' directories are clang's business, never the process's */
    assert_non_null(getcwd(after, sizeof(after)));
    assert_string_equal(before, after);
    if (!err)
        ec_resolve_imports(&a->facts, EC_SOURCE_DIR, a->repo.root);
    return err;
}

static int analyse(analysed *a, const char *dir, const char *database)
{
    return analyse_cached(a, dir, database, NULL);
}

static void release(analysed *a)
{
    ec_facts_release(&a->facts);
    ec_repo_close(&a->repo);
}

static const ec_file_fact *file(const analysed *a, const char *path)
{
    size_t i;

    for (i = 0; i < a->facts.files.len; i++)
        if (strcmp(a->facts.files.items[i].path, path) == 0)
            return &a->facts.files.items[i];
    fail_msg("no file '%s'", path);
    return NULL;
}

static void expect_import(const ec_file_fact *f, size_t i, const char *spec, ec_import_kind kind,
                          const char *target, unsigned line)
{
    const ec_import_fact *im;

    assert_true(i < f->imports.len);
    im = &f->imports.items[i];
    assert_string_equal(im->spec, spec);
    assert_string_equal(ec_import_kind_name(im->kind), ec_import_kind_name(kind));
    assert_string_equal(im->target, target);
    assert_int_equal(im->line, line);
}

static void expect_definition(const ec_file_fact *f, size_t i, const char *name, const char *kind,
                              unsigned line, bool exported, unsigned complexity)
{
    const ec_definition_fact *d;

    assert_true(i < f->definitions.len);
    d = &f->definitions.items[i];
    assert_string_equal(d->name, name);
    assert_string_equal(d->kind, kind);
    assert_int_equal(d->line, line);
    assert_int_equal(d->exported, exported);
    assert_int_equal(d->complexity, complexity);
}

static void expect_call(const ec_file_fact *f, size_t i, const char *from, const char *to,
                        const char *target, unsigned line)
{
    const ec_call_fact *c;

    assert_true(i < f->calls.len);
    c = &f->calls.items[i];
    assert_string_equal(c->from, from);
    assert_string_equal(c->to, to);
    assert_string_equal(c->target, target);
    assert_int_equal(c->line, line);
}

static void includes_are_the_compilers(void **state)
{
    char *dir = fixture_dir();
    analysed a;
    const ec_file_fact *f;

    (void)state;
    make_project(dir);
    assert_int_equal(analyse(&a, dir, NULL), 0);

    f = file(&a, "src/main.c");
    assert_int_equal(f->imports.len, 3);
    expect_import(f, 0, "api.h", EC_IMPORT_INTERNAL, "include/api.h", 1);
    expect_import(f, 1, "stdio.h", EC_IMPORT_STDLIB, "stdio.h", 2);
    /* not found by the compiler: kept as tree-sitter read it */
    expect_import(f, 2, "late.h", EC_IMPORT_UNRESOLVED, "", 10);
    f = file(&a, "src/lib.c");
    assert_int_equal(f->imports.len, 1);
    expect_import(f, 0, "api.h", EC_IMPORT_INTERNAL, "include/api.h", 1);
    /* read with tree-sitter: the search by name finds the other api.h */
    f = file(&a, "src/flags.c");
    expect_import(f, 0, "api.h", EC_IMPORT_INTERNAL, "src/legacy/api.h", 1);
    f = file(&a, "src/self.c");
    assert_int_equal(f->imports.len, 1);
    expect_import(f, 0, "self.c", EC_IMPORT_INTERNAL, "src/self.c", 1);
    assert_false(fixture_exists(dir, "build/main.d"));
    release(&a);
    fixture_remove(dir);
    free(dir);
}

static void definitions_and_calls(void **state)
{
    char *dir = fixture_dir();
    analysed a;
    const ec_file_fact *f;

    (void)state;
    make_project(dir);
    assert_int_equal(analyse(&a, dir, NULL), 0);

    f = file(&a, "src/main.c");
    assert_int_equal(f->definitions.len, 2);
    expect_definition(f, 0, "twice", "function", 3, false, 1);
    expect_definition(f, 1, "main", "function", 4, false, 2); /* no header declares it */
    /* printf is the C library's: not a call between project functions */
    assert_int_equal(f->calls.len, 4);
    expect_call(f, 0, "main", "twice", "src/main.c", 6);
    expect_call(f, 1, "main", "api_sum", "src/lib.c", 7);
    expect_call(f, 2, "main", "twice", "src/main.c", 7);
    /* extra.c has no entry: its tree-sitter definition still names the file */
    expect_call(f, 3, "main", "extra_value", "src/extra.c", 8);

    f = file(&a, "src/lib.c");
    assert_int_equal(f->definitions.len, 4);
    expect_definition(f, 0, "square", "function", 2, false, 1);
    expect_definition(f, 1, "api_sum", "function", 3, true, 1); /* declared in api.h */
    expect_definition(f, 2, "local", "type", 4, false, 0);
    /* named by a macro: tree-sitter saw "named" on that line, and its complexity */
    expect_definition(f, 3, "lib_named", "function", 6, false, 2);
    /* __builtin_isnan is the compiler's, not a project function */
    assert_int_equal(f->calls.len, 2);
    expect_call(f, 0, "api_sum", "square", "src/lib.c", 3);
    expect_call(f, 1, "lib_named", "api_sum", "src/lib.c", 6);

    f = file(&a, "src/self.c"); /* once, though each nested inclusion repeats it */
    assert_int_equal(f->definitions.len, 1);
    expect_definition(f, 0, "self_value", "function", 2, false, 1);

    f = file(&a, "src/errors.c"); /* 25 errors, yet read to the end */
    assert_int_equal(f->definitions.len, 26);
    assert_int_equal(f->calls.len, 1);
    expect_call(f, 0, "fine", "broken3", "src/errors.c", 26);

    f = file(&a, "include/partial.h"); /* errors, yet read */
    assert_int_equal(f->definitions.len, 1);
    expect_definition(f, 0, "partial_len", "function", 1, false, 1);

    assert_int_equal(file(&a, "src/flags.c")->calls.len, 0); /* tree-sitter's facts */
    release(&a);
    fixture_remove(dir);
    free(dir);
}

static void fallbacks_are_one_diagnostic(void **state)
{
    char *dir = fixture_dir();
    analysed a;
    size_t i, n = 0;

    (void)state;
    make_project(dir);
    assert_int_equal(analyse(&a, dir, NULL), 0);
    for (i = 0; i < a.facts.diags.items.len; i++) {
        const ec_diag *d = &a.facts.diags.items.items[i];

        if (strstr(d->message, "libclang") == NULL)
            continue;
        n++;
        assert_string_equal(d->path, "build/compile_commands.json");
        assert_string_equal(d->message,
                            "2 of 7 C/C++ files could not be parsed with libclang and were read "
                            "with tree-sitter instead (1 without an entry, 1 with flags libclang "
                            "rejects, 0 failed to parse)");
    }
    assert_int_equal(n, 1);
    release(&a);
    fixture_remove(dir);
    free(dir);
}

static void without_a_database_nothing_changes(void **state)
{
    char *dir = fixture_dir();
    ec_buf named = EC_BUF_INIT;
    analysed a;

    (void)state;
    make_project(dir);
    fixture_sh(dir, "rm build/compile_commands.json");
    assert_int_equal(analyse(&a, dir, NULL), 0);
    assert_int_equal(file(&a, "src/main.c")->calls.len, 0);
    expect_import(file(&a, "src/main.c"), 0, "api.h", EC_IMPORT_INTERNAL, "src/legacy/api.h", 1);
    assert_int_equal(a.facts.diags.items.len, 0);
    release(&a);

    ec_buf_printf(&named, "%s/build/compile_commands.json", dir);
    assert_int_equal(analyse(&a, dir, named.ptr), EC_EINPUT);
    assert_non_null(strstr(ec_error_last(), "cannot read compile commands"));
    release(&a);
    ec_buf_release(&named);
    fixture_remove(dir);
    free(dir);
}

/* One run with a cache in cache_dir: how many units it parsed (and stored)
 * rather than reused. The calls of
 * src/main.c must be the same whichever way they were found. */
static size_t cached_run(const char *dir, const char *cache_dir, const char *late,
                         ec_import_kind late_kind)
{
    ec_diag_sink notes;
    ec_cache *cache;
    analysed a;
    const ec_file_fact *f;
    size_t parsed;

    ec_diag_init(&notes);
    cache = ec_cache_open(cache_dir, "test_clang", false, &notes);
    assert_non_null(cache);
    assert_int_equal(analyse_cached(&a, dir, NULL, cache), 0);
    f = file(&a, "src/main.c");
    assert_int_equal(f->calls.len, 4);
    expect_call(f, 1, "main", "api_sum", "src/lib.c", 7);
    expect_call(f, 3, "main", "extra_value", "src/extra.c", 8);
    expect_import(f, 0, "api.h", EC_IMPORT_INTERNAL, "include/api.h", 1);
    expect_import(f, 2, "late.h", late_kind, late, 10);
    expect_definition(file(&a, "src/lib.c"), 3, "lib_named", "function", 6, false, 2);
    parsed = ec_cache_misses(cache);
    ec_cache_commit(cache, &notes);
    ec_cache_close(cache);
    assert_int_equal(notes.items.len, 0);
    ec_diag_release(&notes);
    release(&a);
    return parsed;
}

/* A unit is reused while its file, its command and every file it opened
 * stay as they were; a changed header parses again what includes it. */
static void units_are_cached_until_a_header_changes(void **state)
{
    char *dir = fixture_dir(), *cache_dir = fixture_dir();

    (void)state;
    make_project(dir);
    /* lib.c, and flags.c whose flag libclang rejects; main.c (late.h is
     * missing), errors.c, self.c and partial.h had errors: not kept */
    assert_int_equal(cached_run(dir, cache_dir, "", EC_IMPORT_UNRESOLVED), 2);
    assert_int_equal(cached_run(dir, cache_dir, "", EC_IMPORT_UNRESOLVED), 0);
    fixture_sh(dir, "sleep 0.01 && echo 'int api_more(void);' >> include/api.h");
    /* lib.c and flags.c include api.h */
    assert_int_equal(cached_run(dir, cache_dir, "", EC_IMPORT_UNRESOLVED), 2);
    /* the header that was missing now exists: main.c sees it */
    fixture_text(dir, "include/late.h", "int late_value(void);\n");
    assert_int_equal(cached_run(dir, cache_dir, "include/late.h", EC_IMPORT_INTERNAL), 1);
    assert_int_equal(cached_run(dir, cache_dir, "include/late.h", EC_IMPORT_INTERNAL), 0);
    fixture_remove(dir);
    fixture_remove(cache_dir);
    free(dir);
    free(cache_dir);
}

/* The binary: --compile-commands, calls in model.json, the one warning. */
static void model_json_carries_calls(void **state)
{
    char *dir = fixture_dir();
    ec_buf cmd = EC_BUF_INIT, err = EC_BUF_INIT, path = EC_BUF_INIT;
    json_error_t jerr;
    json_t *model, *files, *f, *calls, *c;
    size_t i;

    (void)state;
    make_project(dir);
    fixture_sh(dir, "mv build/compile_commands.json .");
    fixture_sh(dir, "mkdir elsewhere && mv compile_commands.json elsewhere/");
    ec_buf_printf(&cmd,
                  "cd '%s' && '%s' --project-root . --doc-type model --output-dir out "
                  "--no-history --no-cache --compile-commands elsewhere/compile_commands.json "
                  "2>'%s/stderr.txt' >/dev/null",
                  dir, EC_BINARY, dir);
    assert_int_equal(system(cmd.ptr), 0);
    ec_buf_printf(&path, "%s/stderr.txt", dir);
    assert_int_equal(ec_fs_read_file(&err, path.ptr), 0);
    assert_non_null(strstr(err.ptr, "etacodex: warning: elsewhere/compile_commands.json: 2 of 7 "
                                    "C/C++ files could not be parsed with libclang"));
    assert_null(strstr(strstr(err.ptr, "libclang") + 1, "could not be parsed with libclang"));

    ec_buf_reset(&path);
    ec_buf_printf(&path, "%s/out/model.json", dir);
    model = json_load_file(path.ptr, 0, &jerr);
    assert_non_null(model);
    files = json_object_get(model, "files");
    json_array_foreach(files, i, f)
    {
        if (strcmp(json_string_value(json_object_get(f, "path")), "src/main.c") == 0)
            break;
    }
    assert_true(i < json_array_size(files));
    calls = json_object_get(f, "calls");
    assert_int_equal(json_array_size(calls), 4);
    c = json_array_get(calls, 1);
    assert_string_equal(json_string_value(json_object_get(c, "from")), "main");
    assert_string_equal(json_string_value(json_object_get(c, "to")), "api_sum");
    assert_string_equal(json_string_value(json_object_get(c, "target")), "src/lib.c");
    assert_int_equal(json_integer_value(json_object_get(c, "line")), 7);
    json_decref(model);
    ec_buf_release(&cmd);
    ec_buf_release(&err);
    ec_buf_release(&path);
    fixture_remove(dir);
    free(dir);
}

/* Without a loadable libclang the run goes on with tree-sitter's facts and
 * says why once: the library is missing, or is not libclang. */
static void a_missing_libclang_is_a_warning(void **state)
{
    static const char *const libraries[][2] = {
        {"/nonexistent/libclang.so", "cannot load libclang: /nonexistent/libclang.so: cannot open"},
        {"libm.so.6", "cannot load libclang: libm.so.6 has no function clang_"},
    };
    char *dir = fixture_dir();
    ec_buf cmd = EC_BUF_INIT, err = EC_BUF_INIT, path = EC_BUF_INIT;
    json_t *model, *main_c;
    size_t k;

    (void)state;
    make_project(dir);
    ec_buf_printf(&path, "%s/stderr.txt", dir);
    for (k = 0; k < sizeof(libraries) / sizeof(libraries[0]); k++) {
        ec_buf_reset(&cmd);
        ec_buf_printf(&cmd,
                      "cd '%s' && ETACODEX_LIBCLANG='%s' '%s' --doc-type model --output-dir out "
                      "--no-history --no-cache 2>stderr.txt >/dev/null",
                      dir, libraries[k][0], EC_BINARY);
        assert_int_equal(system(cmd.ptr), 0);
        ec_buf_reset(&err);
        assert_int_equal(ec_fs_read_file(&err, path.ptr), 0);
        assert_non_null(strstr(err.ptr, "etacodex: warning: build/compile_commands.json: "));
        assert_non_null(strstr(err.ptr, libraries[k][1]));
        /* said once */
        assert_non_null(strstr(err.ptr, "C and C++ files were read with tree-sitter"));
        assert_null(strstr(strstr(err.ptr, "read with tree-sitter") + 1, "read with tree-sitter"));
        model = fixture_json(dir, "out/model.json");
        main_c = fixture_find(json_object_get(model, "files"), "path", "src/main.c");
        assert_non_null(main_c);
        assert_true(json_array_size(json_object_get(main_c, "imports")) > 0);
        assert_int_equal(json_array_size(json_object_get(main_c, "calls")), 0);
        json_decref(model);
    }
    ec_buf_release(&cmd);
    ec_buf_release(&err);
    ec_buf_release(&path);
    fixture_remove(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(includes_are_the_compilers),
        cmocka_unit_test(definitions_and_calls),
        cmocka_unit_test(fallbacks_are_one_diagnostic),
        cmocka_unit_test(without_a_database_nothing_changes),
        cmocka_unit_test(units_are_cached_until_a_header_changes),
        cmocka_unit_test(model_json_carries_calls),
        cmocka_unit_test(a_missing_libclang_is_a_warning),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
