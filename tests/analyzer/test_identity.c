/*
 * test_identity.c - the project's name and version from its manifests.
 */
#include "tests/cmocka_all.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/identity.h"
#include "tests/fixture.h"

typedef struct {
    const char *file, *text;
    const char *name, *name_evidence, *version, *version_evidence;
} identity_case;

static const identity_case cases[] = {
    {"Cargo.toml",
     "[workspace]\nmembers = []\n[package]\nname = \"ripgrep\"\nversion = \"14.1.0\"\n", "ripgrep",
     "manifest:Cargo.toml#package.name", "14.1.0", "manifest:Cargo.toml#package.version"},
    {"pyproject.toml",
     "[build-system]\nrequires = []\n[tool.poetry]\nname = 'app'\nversion = '0.3.0'\n", "app",
     "manifest:pyproject.toml#tool.poetry.name", "0.3.0",
     "manifest:pyproject.toml#tool.poetry.version"},
    {"pyproject.toml", "[project]\nname = \"requests\"\ndynamic = [\"version\"]\n", "requests",
     "manifest:pyproject.toml#project.name", "", ""},
    {"CMakeLists.txt",
     "cmake_minimum_required(VERSION 3.10)\nproject(zstd VERSION 1.5.6 LANGUAGES C)\n", "zstd",
     "manifest:CMakeLists.txt#project", "1.5.6", "manifest:CMakeLists.txt#project.VERSION"},
    {"configure.ac", "AC_INIT([jq],[jq_version],[https://x/issues])\n", "jq",
     "manifest:configure.ac#AC_INIT", "", ""},
    {"configure.ac", "AC_INIT([redis], [7.2.4])\n", "redis", "manifest:configure.ac#AC_INIT",
     "7.2.4", "manifest:configure.ac#AC_INIT"},
    {"go.mod", "module github.com/miniflux/v2\n\ngo 1.22\n", "miniflux", "manifest:go.mod#module",
     "", ""},
    {"package.json", "{\"name\": \"@scope/web\", \"version\": \"${VERSION}\"}", "@scope/web",
     "manifest:package.json#name", "", ""},
};

static void each_manifest_gives_name_and_version(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const identity_case *c = &cases[i];
        char *dir = fixture_dir();
        ec_facts facts;
        ec_repo repo;

        fixture_text(dir, c->file, c->text);
        assert_int_equal(ec_repo_open(&repo, dir), 0);
        ec_facts_init(&facts);
        ec_identity_read(&facts, &repo);
        assert_string_equal(facts.name.name, c->name);
        assert_string_equal(facts.name.evidence, c->name_evidence);
        assert_string_equal(facts.version.name, c->version);
        assert_string_equal(facts.version.evidence, c->version_evidence);
        ec_facts_release(&facts);
        ec_repo_close(&repo);
        fixture_remove(dir);
        free(dir);
    }
}

static void without_manifest_the_directory_names_the_project(void **state)
{
    char *dir = fixture_dir();
    ec_facts facts;
    ec_repo repo;

    (void)state;
    assert_int_equal(ec_repo_open(&repo, dir), 0);
    ec_facts_init(&facts);
    ec_identity_read(&facts, &repo);
    assert_string_equal(facts.name.name, strrchr(dir, '/') + 1);
    assert_string_equal(facts.name.evidence, "");
    ec_facts_release(&facts);
    ec_repo_close(&repo);
    fixture_remove(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_manifest_gives_name_and_version),
        cmocka_unit_test(without_manifest_the_directory_names_the_project),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
