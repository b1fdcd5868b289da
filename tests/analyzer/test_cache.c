/*
 * test_cache.c - the incremental cache: its record format, its SQLite store,
 * and the walk reusing what an earlier walk found.
 */
#include "tests/cmocka_all.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/cache.h"
#include "analyzer/cache_record.h"
#include "analyzer/repo.h"
#include "analyzer/source.h"
#include "analyzer/walk.h"
#include "tests/fixture.h"
#include "util/buf.h"

#define KEY "test analyzer 1"

static ec_file_fact sample_file(void)
{
    static ec_import_fact imports[] = {
        {"./util", 3, 0, false, true, EC_IMPORT_INTERNAL, "src/util.js", false, false},
        {"os.path", 7, 2, true, false, EC_IMPORT_UNRESOLVED, "", false, false},
    };
    static ec_definition_fact defs[] = {
        {"main", "function", 10, true, 4},
        {"Point", "type", 2, false, 0},
    };
    static ec_env_fact env[] = {{"HOME", 12, "/root"}, {"PORT", 13, ""}};
    static ec_migration_flag_fact flags[] = {{"--upgrade-db", 21, false}, {"migrate", 30, true}};
    ec_file_fact f = {0};

    f.lang = ec_lang_find("Python");
    f.lines = (ec_line_counts){40, 30, 6, 4};
    f.size = 1234;
    f.parsed = true;
    f.parse_errors = 2;
    f.description = "Helpers for paths.";
    f.package = "paths";
    f.complexity_total = 9;
    f.complexity_max = 4;
    f.imports.items = imports;
    f.imports.len = 2;
    f.definitions.items = defs;
    f.definitions.len = 2;
    f.env.items = env;
    f.env.len = 2;
    f.migration_flags.items = flags;
    f.migration_flags.len = 2;
    return f;
}

static void record_round_trip_keeps_every_fact(void **state)
{
    ec_file_fact in = sample_file();
    ec_cache_record rec;
    ec_buf bytes = EC_BUF_INIT;
    ec_arena arena;

    (void)state;
    ec_arena_init(&arena);
    ec_cache_record_encode_file(&bytes, &in);
    assert_true(ec_cache_record_decode(bytes.ptr, bytes.len, &arena, &rec));
    assert_false(rec.skipped);
    assert_ptr_equal(rec.file.lang, in.lang);
    assert_int_equal(rec.file.lines.code, 30);
    assert_int_equal(rec.file.lines.comment, 6);
    assert_int_equal(rec.file.size, 1234);
    assert_int_equal(rec.file.parse_errors, 2);
    assert_string_equal(rec.file.description, "Helpers for paths.");
    assert_string_equal(rec.file.package, "paths");
    assert_int_equal(rec.file.complexity_max, 4);
    assert_int_equal(rec.file.imports.len, 2);
    assert_string_equal(rec.file.imports.items[1].spec, "os.path");
    assert_int_equal(rec.file.imports.items[1].level, 2);
    assert_true(rec.file.imports.items[1].system);
    assert_true(rec.file.imports.items[0].dynamic);
    /* where an import leads is decided again on each run, never stored */
    assert_int_equal(rec.file.imports.items[0].kind, EC_IMPORT_UNRESOLVED);
    assert_string_equal(rec.file.imports.items[0].target, "");
    assert_int_equal(rec.file.definitions.len, 2);
    assert_string_equal(rec.file.definitions.items[0].kind, "function");
    assert_true(rec.file.definitions.items[0].exported);
    assert_int_equal(rec.file.definitions.items[0].complexity, 4);
    assert_string_equal(rec.file.env.items[0].fallback, "/root");
    assert_int_equal(rec.file.env.items[1].line, 13);
    assert_int_equal(rec.file.migration_flags.len, 2);
    assert_string_equal(rec.file.migration_flags.items[0].name, "--upgrade-db");
    assert_false(rec.file.migration_flags.items[0].command);
    assert_int_equal(rec.file.migration_flags.items[1].line, 30);
    assert_true(rec.file.migration_flags.items[1].command);
    ec_file_fact_release(&rec.file);

    ec_buf_reset(&bytes);
    ec_cache_record_encode_skip(&bytes, EC_SKIP_GENERATED, "line 1: DO NOT EDIT");
    assert_true(ec_cache_record_decode(bytes.ptr, bytes.len, &arena, &rec));
    assert_true(rec.skipped);
    assert_int_equal(rec.reason, EC_SKIP_GENERATED);
    assert_string_equal(rec.detail, "line 1: DO NOT EDIT");
    ec_buf_release(&bytes);
    ec_arena_release(&arena);
}

static void damaged_records_are_refused(void **state)
{
    ec_file_fact in = sample_file();
    ec_cache_record rec;
    ec_buf bytes = EC_BUF_INIT;
    ec_arena arena;
    size_t cut;

    (void)state;
    ec_arena_init(&arena);
    ec_cache_record_encode_file(&bytes, &in);
    for (cut = 0; cut < bytes.len; cut++)
        assert_false(ec_cache_record_decode(bytes.ptr, cut, &arena, &rec));
    ec_buf_putc(&bytes, 'x'); /* trailing bytes: not a record of this format */
    assert_false(ec_cache_record_decode(bytes.ptr, bytes.len, &arena, &rec));
    bytes.ptr[0] = 99; /* another format version */
    assert_false(ec_cache_record_decode(bytes.ptr, bytes.len - 1, &arena, &rec));
    ec_buf_reset(&bytes);
    /* a count far beyond what the bytes could hold */
    ec_buf_add(&bytes, "\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\xff\x7f", 17);
    assert_false(ec_cache_record_decode(bytes.ptr, bytes.len, &arena, &rec));
    ec_buf_release(&bytes);
    ec_arena_release(&arena);
}

static bool find_text(const ec_cache *c, const char *path, const char *blob, const char *want)
{
    ec_cache_blob b;

    return ec_cache_find(c, path, blob, &b) && b.len == strlen(want) &&
           memcmp(b.data, want, b.len) == 0;
}

static void store_keeps_records_per_analyzer(void **state)
{
    char *dir = fixture_dir();
    ec_diag_sink diags;
    ec_cache *c;

    (void)state;
    ec_diag_init(&diags);
    c = ec_cache_open(dir, KEY, false, &diags);
    assert_non_null(c);
    assert_false(find_text(c, "a.c", "1111", "one"));
    ec_cache_put(c, "a.c", "1111", "one", 3);
    ec_cache_put(c, "b.c", "2222", "two", 3);
    ec_cache_commit(c, &diags);
    ec_cache_close(c);

    c = ec_cache_open(dir, KEY, false, &diags);
    assert_true(find_text(c, "a.c", "1111", "one"));
    assert_true(find_text(c, "b.c", "2222", "two"));
    assert_false(find_text(c, "a.c", "2222", "two")); /* the path is part of the key */
    assert_int_equal(ec_cache_hits(c), 2);
    ec_cache_close(c);

    c = ec_cache_open(dir, "another analyzer", true, &diags);
    assert_false(find_text(c, "a.c", "1111", "one")); /* read-only: ignored, kept */
    ec_cache_close(c);
    c = ec_cache_open(dir, "another analyzer", false, &diags);
    assert_false(find_text(c, "a.c", "1111", "one"));
    ec_cache_close(c);
    c = ec_cache_open(dir, KEY, false, &diags);
    assert_false(find_text(c, "a.c", "1111", "one")); /* dropped by the other analyzer */
    ec_cache_close(c);
    assert_int_equal(diags.items.len, 0);
    fixture_sh(dir, "grep -qx '[*]' .gitignore");
    ec_diag_release(&diags);
    fixture_remove(dir);
    free(dir);
}

static void damaged_database_is_rebuilt_and_bad_dir_refused(void **state)
{
    char *dir = fixture_dir();
    ec_diag_sink diags;
    ec_buf where = EC_BUF_INIT;
    ec_cache *c;

    (void)state;
    ec_diag_init(&diags);
    fixture_text(dir, "cache.db",
                 "this is not an SQLite database, just text that is long enough "
                 "to be read as a header of one\n");
    c = ec_cache_open(dir, KEY, true, &diags); /* read-only: never rebuilt */
    assert_null(c);
    assert_int_equal(diags.items.len, 1);
    c = ec_cache_open(dir, KEY, false, &diags);
    assert_non_null(c);
    assert_int_equal(diags.items.len, 2);
    assert_non_null(strstr(diags.items.items[1].message, "is damaged"));
    assert_non_null(strstr(diags.items.items[1].message, "rebuilt"));
    ec_cache_put(c, "a.c", "1111", "one", 3);
    ec_cache_commit(c, &diags);
    ec_cache_close(c);
    c = ec_cache_open(dir, KEY, false, &diags);
    assert_true(find_text(c, "a.c", "1111", "one"));
    ec_cache_close(c);

    ec_buf_printf(&where, "%s/cache.db/sub", dir); /* under a file: cannot be made */
    c = ec_cache_open(where.ptr, KEY, false, &diags);
    assert_null(c);
    assert_int_equal(diags.items.len, 3);
    assert_non_null(strstr(diags.items.items[2].message, "running without the cache"));
    ec_buf_release(&where);
    ec_diag_release(&diags);
    fixture_remove(dir);
    free(dir);
}

static void stale_records_are_pruned_once_they_outnumber_current_ones(void **state)
{
    char *dir = fixture_dir();
    ec_diag_sink diags;
    char path[32];
    ec_cache *c;
    int i;

    (void)state;
    ec_diag_init(&diags);
    c = ec_cache_open(dir, KEY, false, &diags);
    for (i = 0; i < 1100; i++) {
        snprintf(path, sizeof(path), "old/%d.c", i);
        ec_cache_put(c, path, "1111", "x", 1);
    }
    ec_cache_commit(c, &diags);
    ec_cache_close(c);

    c = ec_cache_open(dir, KEY, false, &diags); /* a run that sees none of them */
    ec_cache_put(c, "new.c", "2222", "y", 1);
    ec_cache_commit(c, &diags);
    ec_cache_close(c);
    c = ec_cache_open(dir, KEY, false, &diags);
    assert_false(find_text(c, "old/7.c", "1111", "x"));
    assert_true(find_text(c, "new.c", "2222", "y"));
    ec_cache_close(c);

    c = ec_cache_open(dir, KEY, false, &diags); /* few stale records are kept */
    ec_cache_put(c, "other.c", "3333", "z", 1);
    ec_cache_commit(c, &diags);
    ec_cache_close(c);
    c = ec_cache_open(dir, KEY, false, &diags);
    assert_true(find_text(c, "new.c", "2222", "y"));
    ec_cache_close(c);
    ec_diag_release(&diags);
    fixture_remove(dir);
    free(dir);
}

/* Walk root with source analysis and the cache in cache_dir; returns hits
 * and misses through the out parameters. */
static void walk(ec_facts *facts, const char *root, const char *cache_dir, size_t *hits,
                 size_t *misses)
{
    ec_walk_options wo = EC_WALK_OPTIONS_INIT;
    ec_source *source;
    ec_repo repo;

    assert_int_equal(ec_source_load(&source, EC_SOURCE_DIR "/queries"), 0);
    wo.source = source;
    wo.cache = ec_cache_open(cache_dir, KEY, false, &facts->diags);
    assert_non_null(wo.cache);
    assert_int_equal(ec_repo_open(&repo, root), 0);
    assert_int_equal(ec_walk(facts, &repo, &wo), 0);
    ec_cache_commit(wo.cache, &facts->diags);
    *hits = ec_cache_hits(wo.cache);
    *misses = ec_cache_misses(wo.cache);
    ec_cache_close(wo.cache);
    ec_repo_close(&repo);
    ec_source_free(source);
}

static const ec_file_fact *file_named(const ec_facts *f, const char *path)
{
    size_t i;

    for (i = 0; i < f->files.len; i++)
        if (strcmp(f->files.items[i].path, path) == 0)
            return &f->files.items[i];
    return NULL;
}

static void make_project(const char *dir)
{
    fixture_text(dir, "app/main.py",
                 "\"\"\"The entry point.\"\"\"\nimport os\nfrom . import util\n\n"
                 "def main():\n    if os.getenv('DEBUG', '0') == '1':\n"
                 "        return 1\n    return 0\n");
    fixture_text(dir, "app/util.py", "def helper():\n    return 2\n");
    fixture_text(dir, "app/__init__.py", "");
    fixture_text(dir, "gen/api.go",
                 "// Code generated by protoc-gen-go. DO NOT EDIT.\npackage api\n");
    fixture_write(dir, "logo.png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
}

static void check_project(const ec_facts *f)
{
    const ec_file_fact *main_py = file_named(f, "app/main.py");

    assert_non_null(main_py);
    assert_string_equal(main_py->description, "The entry point.");
    assert_int_equal(main_py->imports.len, 2);
    assert_int_equal(main_py->definitions.len, 1);
    assert_int_equal(main_py->definitions.items[0].complexity, 2);
    assert_int_equal(main_py->env.len, 1);
    assert_string_equal(main_py->env.items[0].fallback, "0");
    assert_int_equal(f->skipped.len, 2); /* the generated file and the image */
}

static void second_walk_reads_nothing_unchanged(bool git)
{
    char *root = fixture_dir(), *cache = fixture_dir();
    ec_facts facts;
    size_t hits, misses;

    make_project(root);
    if (git)
        fixture_sh(root, "git init -q && git add -A && git commit -qm init");
    ec_facts_init(&facts);
    walk(&facts, root, cache, &hits, &misses);
    check_project(&facts);
    assert_int_equal(hits, 0);
    assert_int_equal(misses, 5);
    ec_facts_release(&facts);

    if (git) /* past git's racy second, so that stat data is trusted */
        fixture_sh(root, "touch -d '2020-01-01' app/*.py gen/api.go logo.png && "
                         "git update-index --refresh -q >/dev/null");
    ec_facts_init(&facts);
    walk(&facts, root, cache, &hits, &misses);
    check_project(&facts);
    assert_int_equal(hits, 5);
    assert_int_equal(misses, 0);
    ec_facts_release(&facts);

    if (git) { /* not even read: same size and times, other content, still the index's facts */
        fixture_sh(root, "sed s/DEBUG/DEBUX/ app/main.py >t && cat t >app/main.py && rm t && "
                         "touch -d 2020-01-01 app/main.py");
        ec_facts_init(&facts);
        walk(&facts, root, cache, &hits, &misses);
        assert_int_equal(hits, 5);
        assert_string_equal(file_named(&facts, "app/main.py")->env.items[0].name, "DEBUG");
        ec_facts_release(&facts);
    }

    fixture_text(root, "app/util.py", "import json\n\ndef helper():\n    return 2\n");
    ec_facts_init(&facts);
    walk(&facts, root, cache, &hits, &misses);
    check_project(&facts);
    assert_int_equal(hits, 4);
    assert_int_equal(misses, 1);
    assert_int_equal(file_named(&facts, "app/util.py")->imports.len, 1);
    ec_facts_release(&facts);
    fixture_remove(root);
    fixture_remove(cache);
    free(root);
    free(cache);
}

static void second_walk_reuses_in_a_git_work_tree(void **state)
{
    (void)state;
    second_walk_reads_nothing_unchanged(true);
}

static void second_walk_reuses_by_content_outside_git(void **state)
{
    (void)state;
    second_walk_reads_nothing_unchanged(false);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(record_round_trip_keeps_every_fact),
        cmocka_unit_test(damaged_records_are_refused),
        cmocka_unit_test(store_keeps_records_per_analyzer),
        cmocka_unit_test(damaged_database_is_rebuilt_and_bad_dir_refused),
        cmocka_unit_test(stale_records_are_pruned_once_they_outnumber_current_ones),
        cmocka_unit_test(second_walk_reuses_in_a_git_work_tree),
        cmocka_unit_test(second_walk_reuses_by_content_outside_git),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
