/*
 * test_lang.c - language detection by name, extension and shebang.
 */
#include "tests/cmocka_all.h"

#include <string.h>

#include "analyzer/lang.h"

static const char *detect(const char *path, const char *head)
{
    const ec_lang *l = ec_lang_detect(path, head, head ? strlen(head) : 0);
    return l ? ec_lang_name(l) : "(none)";
}

static void by_extension(void **state)
{
    (void)state;
    assert_string_equal(detect("src/a.c", NULL), "C");
    assert_string_equal(detect("src/a.h", NULL), "C");
    assert_string_equal(detect("src/a.cc", NULL), "C++");
    assert_string_equal(detect("src/A.C", NULL), "C++"); /* case matters for .C */
    assert_string_equal(detect("x/y.PY", NULL), "Python");
    assert_string_equal(detect("web/app.tsx", NULL), "TSX");
    assert_string_equal(detect("web/app.mjs", NULL), "JavaScript");
    assert_string_equal(detect("cmd/main.go", NULL), "Go");
    assert_string_equal(detect("lib.rs", NULL), "Rust");
    assert_string_equal(detect("ci.yml", NULL), "YAML");
    assert_string_equal(detect("notes.unknownext", NULL), "(none)");
    assert_string_equal(detect(".hidden", NULL), "(none)");
}

static void by_file_name(void **state)
{
    (void)state;
    assert_string_equal(detect("Makefile", NULL), "Makefile");
    assert_string_equal(detect("sub/GNUmakefile", NULL), "Makefile");
    assert_string_equal(detect("CMakeLists.txt", NULL), "CMake");
    assert_string_equal(detect("deploy/Dockerfile", NULL), "Dockerfile");
    assert_string_equal(detect("deploy/Dockerfile.prod", NULL), "Dockerfile");
    assert_string_equal(detect("go.mod", NULL), "Go module");
    assert_string_equal(detect("configure.ac", NULL), "Autoconf");
    assert_string_equal(detect("Jenkinsfile", NULL), "Groovy");
}

static void by_shebang(void **state)
{
    (void)state;
    assert_string_equal(detect("bin/tool", "#!/usr/bin/env python3\nprint(1)\n"), "Python");
    assert_string_equal(detect("bin/tool", "#!/usr/bin/python3.11 -u\n"), "Python");
    assert_string_equal(detect("bin/tool", "#!/usr/bin/env -S node --no-warnings\n"), "JavaScript");
    assert_string_equal(detect("bin/tool", "#!/bin/sh\nexit 0\n"), "Shell");
    assert_string_equal(detect("bin/tool", "#!/usr/bin/perl -w\n"), "Perl");
    assert_string_equal(detect("bin/tool", "#!\n"), "(none)");
    assert_string_equal(detect("bin/tool", "no shebang\n"), "(none)");
    assert_string_equal(detect("bin/tool.py", "#!/bin/sh\n"), "Python"); /* extension first */
}

static void find_by_name(void **state)
{
    (void)state;
    assert_non_null(ec_lang_find("Python"));
    assert_int_equal(ec_lang_kind(ec_lang_find("Dockerfile")), EC_LANG_BUILD);
    assert_null(ec_lang_find("Klingon"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(by_extension),
        cmocka_unit_test(by_file_name),
        cmocka_unit_test(by_shebang),
        cmocka_unit_test(find_by_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
