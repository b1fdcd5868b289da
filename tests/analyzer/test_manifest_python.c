/*
 * test_manifest_python.c - pyproject.toml, setup.cfg, setup.py and
 * requirements files.
 */
#include "tests/cmocka_all.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/manifest.h"
#include "graph/containers.h"
#include "tests/fixture.h"
#include "util/buf.h"

static bool read_text(ec_facts *f, const char *path, const char *text)
{
    return ec_manifest_read_text(f, path, text, strlen(text));
}

/* The dependency of that name and scope; fails the test when missing. */
static const ec_dependency_fact *dep(const ec_facts *f, const char *name, const char *scope)
{
    size_t i;

    for (i = 0; i < f->dependencies.len; i++)
        if (strcmp(f->dependencies.items[i].name, name) == 0 &&
            strcmp(f->dependencies.items[i].scope, scope) == 0)
            return &f->dependencies.items[i];
    fail_msg("no dependency '%s' (%s)", name, scope);
    return NULL;
}

static bool has_dep(const ec_facts *f, const char *name)
{
    size_t i;

    for (i = 0; i < f->dependencies.len; i++)
        if (strcmp(f->dependencies.items[i].name, name) == 0)
            return true;
    return false;
}

/* The fixture: a Python package with runtime and dev dependencies. */
static void pyproject_package_with_runtime_and_dev_dependencies(void **state)
{
    ec_facts f;
    const ec_dependency_fact *d;

    (void)state;
    ec_facts_init(&f);
    assert_true(read_text(&f, "pyproject.toml",
                          "[build-system]\n"
                          "requires = [\"hatchling>=1.18\"]\n"
                          "\n"
                          "[project]\n"
                          "name = \"Acme_Client\"\n"
                          "version = \"2.1.0\"\n"
                          "dependencies = [\n"
                          "  \"Requests[socks] >= 2.31, <3 ; python_version >= '3.8'\",\n"
                          "  \"typing_extensions\",\n"
                          "  \"attrs @ https://example.com/attrs.whl\",\n"
                          "]\n"
                          "[project.optional-dependencies]\n"
                          "speed = [\"orjson>=3\"]\n"
                          "\n"
                          "[dependency-groups]\n"
                          "dev = [\"ruff\", {include-group = \"test\"}]\n"
                          "test = [\"pytest>=8\", \"acme-client[speed]\"]\n"));
    assert_int_equal(f.diags.items.len, 0);
    assert_int_equal(f.containers.len, 1);
    assert_string_equal(f.containers.items[0].name, "Acme_Client");
    assert_string_equal(f.containers.items[0].kind, "library");
    assert_string_equal(f.containers.items[0].technology, "Python");
    assert_string_equal(f.containers.items[0].path, ".");
    assert_string_equal(f.containers.items[0].evidence, "manifest:pyproject.toml#project.name");

    assert_int_equal(f.dependencies.len, 7); /* not acme-client itself */
    d = dep(&f, "requests", "runtime");
    assert_string_equal(d->version, ">= 2.31, <3");
    assert_string_equal(d->ecosystem, "pypi");
    assert_string_equal(d->evidence, "pyproject.toml:8");
    assert_string_equal(dep(&f, "typing-extensions", "runtime")->version, "");
    assert_string_equal(dep(&f, "attrs", "runtime")->version, "@ https://example.com/attrs.whl");
    assert_string_equal(dep(&f, "hatchling", "build")->version, ">=1.18");
    assert_string_equal(dep(&f, "orjson", "optional")->version, ">=3");
    dep(&f, "ruff", "dev");
    assert_string_equal(dep(&f, "pytest", "test")->evidence, "pyproject.toml:17");
    assert_false(has_dep(&f, "acme-client"));
    ec_facts_release(&f);
}

static void pyproject_scripts_and_poetry(void **state)
{
    ec_facts f;

    (void)state;
    ec_facts_init(&f);
    assert_true(read_text(&f, "tools/pyproject.toml",
                          "[project]\nname = \"tool\"\n"
                          "[project.scripts]\ntool = \"tool.cli:main\"\n"
                          "tool-admin = \"tool.admin:main\"\n"));
    assert_true(read_text(&f, "svc/pyproject.toml",
                          "[tool.poetry]\nname = \"svc\"\n"
                          "[tool.poetry.dependencies]\npython = \"^3.11\"\n"
                          "fastapi = \"^0.110\"\n"
                          "uvloop = { version = \"^0.19\", optional = true }\n"
                          "shared = { path = \"../shared\", develop = true }\n"
                          "[tool.poetry.dev-dependencies]\nblack = \"*\"\n"
                          "[tool.poetry.group.lint.dependencies]\nmypy = \"1.9\"\n"
                          "[tool.poetry.scripts]\nsvc = \"svc.main:run\"\n"));
    assert_true(read_text(&f, "shared/pyproject.toml", "[project]\nname = \"shared\"\n"));
    assert_true(read_text(&f, "docs/pyproject.toml", "[tool.black]\nline-length = 100\n"));
    assert_int_equal(f.diags.items.len, 0);
    assert_int_equal(f.containers.len, 4); /* tool, tool-admin, svc, shared; docs: none */
    assert_string_equal(f.containers.items[0].name, "tool");
    assert_string_equal(f.containers.items[0].kind, "executable");
    assert_string_equal(f.containers.items[1].evidence,
                        "manifest:tools/pyproject.toml#project.scripts.tool-admin");
    assert_string_equal(f.containers.items[2].name, "svc");
    assert_string_equal(f.containers.items[2].kind, "executable");
    assert_string_equal(dep(&f, "fastapi", "runtime")->version, "^0.110");
    assert_string_equal(dep(&f, "uvloop", "optional")->version, "^0.19");
    dep(&f, "black", "dev");
    dep(&f, "mypy", "lint");
    assert_false(has_dep(&f, "python"));
    assert_false(has_dep(&f, "shared"));
    assert_int_equal(f.relations.len, 1);
    assert_string_equal(f.relations.items[0].from, "svc");
    assert_string_equal(f.relations.items[0].to, "shared");
    assert_string_equal(f.relations.items[0].technology, "Python package");
    ec_facts_release(&f);
}

static void pyproject_errors_keep_what_parsed(void **state)
{
    ec_facts f;

    (void)state;
    ec_facts_init(&f);
    assert_true(read_text(&f, "pyproject.toml",
                          "[project]\nname = \"x\"\ndependencies = [\"a\"]\nversion = \n"));
    assert_true(read_text(&f, "requirements.txt", "ok\n>=1.0\n"));
    assert_int_equal(f.diags.items.len, 2);
    assert_string_equal(f.diags.items.items[1].path, "requirements.txt");
    assert_int_equal(f.diags.items.items[1].line, 2);
    assert_string_equal(f.diags.items.items[1].message, "not a requirement: '>=1.0'");
    assert_string_equal(f.diags.items.items[0].path, "pyproject.toml");
    assert_int_equal(f.diags.items.items[0].line, 4);
    assert_int_equal(f.containers.len, 1);
    dep(&f, "a", "runtime");
    ec_facts_release(&f);
}

static void setup_cfg_metadata_options_and_entry_points(void **state)
{
    ec_facts f;

    (void)state;
    ec_facts_init(&f);
    assert_true(read_text(&f, "setup.cfg",
                          "[metadata]\nname = legacy\nversion = 1.0\n\n"
                          "[options]\npackages = find:\ninstall_requires =\n"
                          "    click>=8\n    # a comment\n    PyYAML\n"
                          "setup_requires = setuptools_scm\n"
                          "[options.extras_require]\nfast =\n    ujson\n"
                          "[options.entry_points]\nconsole_scripts =\n"
                          "    legacy = legacy.cli:main\n"));
    assert_int_equal(f.diags.items.len, 0);
    assert_int_equal(f.containers.len, 1); /* the program, not also a library */
    assert_string_equal(f.containers.items[0].name, "legacy");
    assert_string_equal(f.containers.items[0].kind, "executable");
    assert_string_equal(dep(&f, "click", "runtime")->evidence, "setup.cfg:8");
    assert_string_equal(dep(&f, "pyyaml", "runtime")->evidence, "setup.cfg:10");
    dep(&f, "setuptools-scm", "build");
    dep(&f, "ujson", "optional");
    ec_facts_release(&f);
}

static void setup_py_is_read_never_run(void **state)
{
    ec_facts f;

    (void)state;
    ec_facts_init(&f);
    assert_true(read_text(&f, "setup.py",
                          "import os, subprocess\n"
                          "subprocess.call(['rm', '-rf', '/tmp/never'])\n"
                          "REQUIRES = [\n    'six>=1.16',  # compat\n    \"idna\",\n]\n"
                          "def setup(**kw): pass\n"
                          "from setuptools import setup\n"
                          "setup(\n"
                          "    name='demo',\n"
                          "    version=open('VERSION').read(),\n"
                          "    install_requires=REQUIRES,\n"
                          "    tests_require=[x for x in os.listdir('.')],\n"
                          "    extras_require={'yaml': ['PyYAML>=6']},\n"
                          "    entry_points={'console_scripts': ['demo = demo.cli:main',\n"
                          "                                      'demo-x=demo.x:main']},\n"
                          ")\n"));
    assert_int_equal(f.containers.len, 2);
    assert_string_equal(f.containers.items[0].name, "demo");
    assert_string_equal(f.containers.items[0].kind, "executable");
    assert_string_equal(f.containers.items[0].evidence, "setup.py:15");
    assert_string_equal(f.containers.items[1].name, "demo-x");
    assert_string_equal(dep(&f, "six", "runtime")->evidence, "setup.py:4");
    dep(&f, "idna", "runtime");
    dep(&f, "pyyaml", "optional");
    assert_int_equal(f.dependencies.len, 3);
    assert_int_equal(f.diags.items.len, 1);
    assert_int_equal(f.diags.items.items[0].line, 9);
    assert_string_equal(f.diags.items.items[0].message,
                        "setup.py is not run: computed tests_require left out");
    ec_facts_release(&f);

    ec_facts_init(&f);
    assert_true(read_text(&f, "setup.py", "from setuptools import setup\nsetup(**CONFIG)\n"));
    assert_true(read_text(&f, "b/setup.py", "print('hello')\n"));
    assert_int_equal(f.containers.len, 0);
    assert_int_equal(f.diags.items.len, 2);
    assert_string_equal(f.diags.items.items[0].message,
                        "setup.py is not run: computed **kwargs left out");
    ec_facts_release(&f);
}

static void requirements_files_scopes_and_forms(void **state)
{
    ec_facts f;

    (void)state;
    ec_facts_init(&f);
    assert_true(read_text(&f, "requirements-dev.txt",
                          "# tools\n"
                          "--index-url https://pypi.example/simple\n"
                          "Flask_Login==0.6.3  # pinned\n"
                          "-e git+https://github.com/acme/lib.git#egg=acme-lib\n"
                          "-e .[socks]\n"
                          "https://example.com/pkg-1.0.tar.gz\n"
                          "gunicorn \\\n  >=21\n"));
    assert_true(read_text(&f, "requirements/test.txt", "pytest\n"));
    assert_true(read_text(&f, "requirements.txt", "django>=5\n"));
    assert_true(read_text(&f, "docs/requirements.txt", "sphinx\n"));
    assert_false(read_text(&f, "notes.txt", "django\n"));
    assert_int_equal(f.diags.items.len, 0);
    assert_string_equal(dep(&f, "flask-login", "dev")->version, "==0.6.3");
    assert_string_equal(dep(&f, "flask-login", "dev")->evidence, "requirements-dev.txt:3");
    dep(&f, "git+https://github.com/acme/lib.git#egg=acme-lib", "dev");
    dep(&f, "https://example.com/pkg-1.0.tar.gz", "dev");
    assert_string_equal(dep(&f, "gunicorn", "dev")->version, ">=21");
    assert_string_equal(dep(&f, "gunicorn", "dev")->evidence, "requirements-dev.txt:7");
    dep(&f, "pytest", "test");
    dep(&f, "django", "runtime");
    dep(&f, "sphinx", "docs");
    assert_int_equal(f.dependencies.len, 7);
    assert_int_equal(f.containers.len, 0);
    ec_facts_release(&f);
}

static void add_file(ec_facts *f, const char *path)
{
    ec_file_fact file = {0};

    file.path = ec_arena_strdup(&f->arena, path);
    file.description = "";
    file.package = "";
    ec_array_push(&f->files, file);
}

static void requirements_includes_are_bounded(void **state)
{
    char *dir = fixture_dir();
    ec_facts f;

    (void)state;
    fixture_text(dir, "requirements.txt", "-r base.in\n-r requirements-dev.txt\nflask\n");
    fixture_text(dir, "base.in", "-r common/extra.in\nrequests\n");
    fixture_text(dir, "common/extra.in", "-r ../base.in\nidna\n-r ../../outside.txt\n");
    fixture_text(dir, "requirements-dev.txt", "pytest\n-r missing.in\n");
    ec_facts_init(&f);
    add_file(&f, "requirements.txt");
    add_file(&f, "base.in");
    add_file(&f, "common/extra.in");
    add_file(&f, "requirements-dev.txt");
    ec_manifests_read(&f, dir);
    ec_diag_sort(&f.diags);
    assert_int_equal(f.dependencies.len, 4);
    assert_string_equal(dep(&f, "requests", "runtime")->evidence, "base.in:2");
    assert_string_equal(dep(&f, "idna", "runtime")->evidence, "common/extra.in:2");
    dep(&f, "flask", "runtime");
    dep(&f, "pytest", "dev"); /* once, with its own scope */
    assert_int_equal(f.diags.items.len, 3);
    assert_string_equal(f.diags.items.items[0].message,
                        "'base.in' includes itself: not read again");
    assert_string_equal(f.diags.items.items[1].message,
                        "'../../outside.txt' leaves the project: not read");
    assert_non_null(strstr(f.diags.items.items[2].message, "'missing.in' not read"));
    ec_facts_release(&f);
    fixture_remove(dir);
    free(dir);
}

/* A generated lock file far over the dispatcher's 4 MB cap is not read. */
static void huge_lock_file_is_capped(void **state)
{
    char *dir = fixture_dir();
    ec_facts f;
    ec_buf big = EC_BUF_INIT;
    size_t line;

    (void)state;
    for (line = 0; big.len < (size_t)50 * 1024 * 1024; line++)
        ec_buf_printf(&big, "package-%zu==1.0.%zu --hash=sha256:%064zu\n", line, line, line);
    fixture_write(dir, "requirements-lock.txt", big.ptr, big.len);
    fixture_text(dir, "requirements.txt", "flask\n");
    ec_facts_init(&f);
    add_file(&f, "requirements-lock.txt");
    add_file(&f, "requirements.txt");
    ec_manifests_read(&f, dir);
    assert_int_equal(f.dependencies.len, 1); /* flask; nothing of the lock file */
    assert_int_equal(f.diags.items.len, 1);
    assert_string_equal(f.diags.items.items[0].path, "requirements-lock.txt");
    assert_non_null(strstr(f.diags.items.items[0].message, "not read as a manifest"));
    ec_facts_release(&f);
    ec_buf_release(&big);
    fixture_remove(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pyproject_package_with_runtime_and_dev_dependencies),
        cmocka_unit_test(pyproject_scripts_and_poetry),
        cmocka_unit_test(pyproject_errors_keep_what_parsed),
        cmocka_unit_test(setup_cfg_metadata_options_and_entry_points),
        cmocka_unit_test(setup_py_is_read_never_run),
        cmocka_unit_test(requirements_files_scopes_and_forms),
        cmocka_unit_test(requirements_includes_are_bounded),
        cmocka_unit_test(huge_lock_file_is_capped),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
