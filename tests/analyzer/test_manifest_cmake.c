/*
 * test_manifest_cmake.c - the CMakeLists.txt reader: targets, their files,
 * links and packages; hostile input; and the etacodex binary on a C
 * project built with CMake (a library and the command-line tool that
 * links it).
 */
#include "tests/cmocka_all.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/manifest.h"
#include "graph/containers.h"
#include "tests/facts_fixture.h"
#include "tests/fixture.h"
#include "util/buf.h"

static void targets_files_links_and_packages(void **state)
{
    ec_facts f;
    ec_buf b = EC_BUF_INIT;

    (void)state;
    ec_facts_init(&f);
    assert_true(facts_read(
        &f, "lib/CMakeLists.txt",
        "#[[ A bracket comment\n add_executable(not_me x.c) ]]\n"
        "project(demo VERSION 1.2 LANGUAGES C) # a comment\n"
        "set(CORE_SRC core.c \"util.c\")\n"
        "list(APPEND CORE_SRC ${CMAKE_CURRENT_SOURCE_DIR}/extra.c)\n"
        "set(WHERE ${SOMEWHERE_ELSE}/x.c)\n"
        "add_library(core STATIC ${CORE_SRC} ${WHERE})\n"
        "add_library(demo::core ALIAS core)\n"
        "add_library(objs OBJECT obj1.c)\n"
        "add_library(headers INTERFACE)\n"
        "add_library(hdr INTERFACE)\n"
        "target_sources(hdr INTERFACE FILE_SET HEADERS BASE_DIRS inc FILES inc/hdr.h)\n"
        "add_library(ext SHARED IMPORTED)\n"
        "find_package(ZLIB 1.2.11 REQUIRED)\n"
        "find_package(Doxygen)\n"
        "find_package(BISON REQUIRED)\n"
        "add_executable(tool\n  ../cli/main.c [[../cli/args.c]]\n  $<TARGET_OBJECTS:objs>)\n"
        "target_sources(tool PRIVATE \"../cli/with space.c\" $<$<CONFIG:Debug>:debug.c>)\n"
        "file(GLOB GEN gen/*.c)\n"
        "add_executable(gen ${GEN} gen/main.c)\n"
        "target_link_libraries(headers INTERFACE m)\n"
        "target_link_libraries(tool PRIVATE demo::core headers ZLIB::ZLIB ext -lpthread\n"
        "                     parser_of_other_dir)\n"
        "if(WITH_CURL)\n"
        "  pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl>=7.50 zlib)\n"
        "  target_link_libraries(tool PRIVATE PkgConfig::CURL)\n"
        "endif()\n"
        "function(helper name)\n  add_executable(${name} helper.c)\n  set(CORE_SRC gone.c)\n"
        "endfunction()\n"));
    assert_int_equal(f.containers.len, 4); /* core, hdr, tool, gen: not objs, headers, ext */

    assert_string_equal(facts_container(&f, "core")->kind, "library");
    assert_string_equal(facts_container(&f, "core")->technology, "C");
    assert_string_equal(facts_container(&f, "core")->path, "lib");
    assert_string_equal(facts_container(&f, "core")->evidence, "lib/CMakeLists.txt:7");
    assert_string_equal(facts_files(facts_container(&f, "core"), &b),
                        "lib/core.c lib/util.c lib/extra.c");
    assert_string_equal(facts_files(facts_container(&f, "hdr"), &b), "lib/inc/hdr.h");
    assert_string_equal(facts_container(&f, "tool")->kind, "executable");
    assert_string_equal(facts_files(facts_container(&f, "tool"), &b),
                        "cli/main.c cli/args.c cli/with space.c lib/obj1.c");
    assert_string_equal(facts_files(facts_container(&f, "gen"), &b), "lib/gen/main.c");

    assert_true(facts_links(&f, "tool", "core")); /* through the alias */
    assert_true(facts_links(&f, "tool", "m"));    /* through the INTERFACE library */
    assert_true(facts_links(&f, "tool", "parser_of_other_dir"));
    assert_false(facts_links(&f, "tool", "headers"));
    assert_int_equal(f.relations.len, 3);

    assert_string_equal(facts_dependency(&f, "ZLIB")->version, "1.2.11");
    assert_string_equal(facts_dependency(&f, "ZLIB")->scope, "runtime");
    assert_string_equal(facts_dependency(&f, "ZLIB")->ecosystem, "system");
    assert_string_equal(facts_dependency(&f, "ZLIB")->evidence, "lib/CMakeLists.txt:14");
    assert_string_equal(facts_dependency(&f, "Doxygen")->scope, "optional");
    assert_string_equal(facts_dependency(&f, "BISON")->scope, "build");
    assert_string_equal(facts_dependency(&f, "libcurl")->version, ">=7.50");
    assert_string_equal(facts_dependency(&f, "libcurl")->scope, "optional"); /* inside if() */
    assert_string_equal(facts_dependency(&f, "zlib")->version, "");
    assert_string_equal(facts_dependency(&f, "ext")->scope, "runtime");
    assert_string_equal(facts_dependency(&f, "pthread")->scope, "runtime");
    assert_int_equal(f.dependencies.len, 7);

    /* ${SOMEWHERE_ELSE}, the glob, the generator expression */
    assert_int_equal(f.diags.items.len, 1);
    assert_int_equal(f.diags.items.items[0].line, 7);
    assert_string_equal(f.diags.items.items[0].message,
                        "3 sources or link items not listed: globs, generator expressions or "
                        "variables set elsewhere");
    ec_buf_release(&b);
    ec_facts_release(&f);
}

static void technology_and_known_files(void **state)
{
    ec_facts f;
    ec_file_fact file = {0};
    ec_buf b = EC_BUF_INIT;

    (void)state;
    ec_facts_init(&f);
    file.path = "a.cpp";
    ec_array_push(&f.files, file);
    file.path = "b.c";
    ec_array_push(&f.files, file);
    file.path = "c.cc";
    ec_array_push(&f.files, file);
    assert_true(facts_read(&f, "CMakeLists.txt",
                           "PROJECT(x CXX)\n"
                           "set(FIRST a.cpp)\n"
                           "set(FIRST gone.c PARENT_SCOPE)\n"
                           "Add_Executable(app ${FIRST} b.c c.cc generated.cpp)\n"
                           "add_library(empty SHARED)\n"));
    assert_string_equal(facts_container(&f, "app")->technology, "C++");
    assert_string_equal(facts_files(facts_container(&f, "app"), &b),
                        "a.cpp b.c c.cc");                                /* no generated */
    assert_string_equal(facts_container(&f, "empty")->technology, "C++"); /* by LANGUAGES */
    assert_int_equal(f.diags.items.len, 0);
    ec_buf_release(&b);
    ec_facts_release(&f);
}

static void top_of_the_project_is_the_root(void **state)
{
    static const char *const paths[] = {"CMakeLists.txt",         "include/api.h",
                                        "src/app/CMakeLists.txt", "src/app/main.c",
                                        "src/common/util.c",      NULL};
    const char *const *p;
    ec_facts f;
    ec_buf b = EC_BUF_INIT;

    (void)state;
    ec_facts_init(&f);
    for (p = paths; *p; p++) {
        ec_file_fact file = {0};

        file.path = *p;
        ec_array_push(&f.files, file);
    }
    assert_true(facts_read(&f, "src/app/CMakeLists.txt",
                           "add_executable(app main.c ${CMAKE_SOURCE_DIR}/src/common/util.c\n"
                           "  ${PROJECT_SOURCE_DIR}/include/api.h)\n"));
    assert_string_equal(facts_files(facts_container(&f, "app"), &b),
                        "src/app/main.c src/common/util.c include/api.h");
    assert_int_equal(f.diags.items.len, 0);
    ec_buf_release(&b);
    ec_facts_release(&f);
}

static void unclosed_input_names_the_line(void **state)
{
    ec_facts f;

    (void)state;
    ec_facts_init(&f);
    assert_true(
        facts_read(&f, "a/CMakeLists.txt", "add_library(a a.c)\n\nadd_executable(b\n b.c\n"));
    assert_true(facts_read(&f, "b/CMakeLists.txt", "add_executable(b b.c)\nset(X \"open\n\n"));
    assert_true(
        facts_read(&f, "c/CMakeLists.txt", "#[==[ never closed ]]\nadd_executable(c c.c)\n"));
    assert_true(facts_read(&f, "d/CMakeLists.txt", "add_executable(d d.c)\n\"stray\"\n"));
    assert_int_equal(f.diags.items.len, 4);
    assert_string_equal(f.diags.items.items[0].path, "a/CMakeLists.txt");
    assert_int_equal(f.diags.items.items[0].line, 3);
    assert_string_equal(f.diags.items.items[0].message, "'add_executable(' is not closed");
    assert_int_equal(f.diags.items.items[1].line, 2);
    assert_string_equal(f.diags.items.items[1].message, "a quoted argument is not closed");
    assert_int_equal(f.diags.items.items[2].line, 1);
    assert_string_equal(f.diags.items.items[2].message, "a bracket comment is not closed");
    assert_int_equal(f.diags.items.items[3].line, 2);
    assert_string_equal(f.diags.items.items[3].message, "expected a command, found '\"'");
    /* what was read before the error is kept */
    assert_int_equal(f.containers.len, 3);
    assert_string_equal(f.containers.items[0].name, "a");
    assert_string_equal(f.containers.items[1].name, "b");
    assert_string_equal(f.containers.items[2].name, "d");
    ec_facts_release(&f);
}

static void hostile_expansions_are_bounded(void **state)
{
    ec_facts f;
    ec_buf text = EC_BUF_INIT;
    int i;

    (void)state;
    ec_facts_init(&f);
    /* a reference nested a thousand deep, then doubling definitions */
    ec_buf_puts(&text, "set(A a.c)\nadd_executable(deep ");
    for (i = 0; i < 1000; i++)
        ec_buf_puts(&text, "${");
    ec_buf_puts(&text, "A");
    for (i = 0; i < 1000; i++)
        ec_buf_putc(&text, '}');
    ec_buf_puts(&text, " ok.c)\nset(V0 x)\n");
    for (i = 1; i < 64; i++)
        ec_buf_printf(&text, "set(V%d ${V%d}${V%d}${V%d}${V%d})\n", i, i - 1, i - 1, i - 1, i - 1);
    ec_buf_puts(&text, "set(SELF ${SELF} more)\nadd_executable(self ${SELF} ${V63} s.c)\n");
    for (i = 0; i < 10000; i++)
        ec_buf_puts(&text, "((((((((((");
    assert_true(facts_read(&f, "CMakeLists.txt", text.ptr));
    assert_string_equal(facts_container(&f, "deep")->files.items[0], "ok.c");
    assert_int_equal(facts_container(&f, "deep")->files.len, 1);
    assert_string_equal(facts_container(&f, "self")->files.items[0], "s.c");
    assert_int_equal(facts_container(&f, "self")->files.len, 1);
    assert_true(f.diags.items.len >= 2);
    assert_string_equal(f.diags.items.items[0].message,
                        "references nested too deeply: left as written");
    assert_int_equal(f.diags.items.items[0].line, 2);
    ec_facts_release(&f);

    /* more targets than a real file declares: the rest is said and not read */
    ec_facts_init(&f);
    ec_buf_reset(&text);
    for (i = 0; i < 5000; i++)
        ec_buf_printf(&text, "add_library(l%d STATIC l%d.c)\n", i, i);
    assert_true(facts_read(&f, "CMakeLists.txt", text.ptr));
    assert_int_equal(f.containers.len, 4096);
    assert_int_equal(f.diags.items.len, 1);
    assert_int_equal(f.diags.items.items[0].line, 4097);
    assert_string_equal(f.diags.items.items[0].message,
                        "more than 4096 targets, links and packages: the rest not read");
    ec_buf_release(&text);
    ec_facts_release(&f);
}

/* ---- the binary on a CMake project -------------------------------------------- */

static void cmake_project_library_and_tool(void **state)
{
    char *dir = fixture_dir();
    json_t *m, *c, *r, *d;
    ec_buf b = EC_BUF_INIT;

    (void)state;
    fixture_text(dir, "CMakeLists.txt",
                 "cmake_minimum_required(VERSION 3.16)\n"
                 "project(calc VERSION 0.3.0 LANGUAGES C)\n"
                 "add_subdirectory(lib)\nadd_subdirectory(cli)\n");
    fixture_text(dir, "lib/CMakeLists.txt",
                 "add_library(calc STATIC calc.c calc.h)\n"
                 "target_link_libraries(calc PUBLIC m)\n");
    fixture_text(dir, "lib/calc.c",
                 "#include \"calc.h\"\nint calc_add(int a, int b) { return a + b; }\n");
    fixture_text(dir, "lib/calc.h", "int calc_add(int a, int b);\n");
    fixture_text(dir, "cli/CMakeLists.txt",
                 "find_package(ZLIB REQUIRED)\n"
                 "add_executable(calc-cli main.c args.c)\n"
                 "target_link_libraries(calc-cli PRIVATE calc ZLIB::ZLIB)\n");
    fixture_text(dir, "cli/main.c",
                 "#include \"../lib/calc.h\"\nint main(void) { return calc_add(1, 2); }\n");
    fixture_text(dir, "cli/args.c", "int args;\n");
    m = fixture_model(dir);

    c = json_object_get(m, "containers");
    assert_int_equal(json_array_size(c), 2);
    assert_string_equal(fixture_str(json_array_get(c, 0), "id"),
                        "calc-cli"); /* by path: cli, lib */
    assert_string_equal(fixture_str(json_array_get(c, 0), "kind"), "executable");
    assert_string_equal(fixture_str(json_array_get(c, 0), "technology"), "C");
    assert_string_equal(fixture_str(json_array_get(c, 0), "path"), "cli");
    assert_string_equal(fixture_joined(json_object_get(json_array_get(c, 0), "files"), &b),
                        "cli/main.c cli/args.c");
    assert_string_equal(fixture_joined(json_object_get(json_array_get(c, 0), "evidence"), &b),
                        "cli/CMakeLists.txt:2");
    assert_string_equal(fixture_str(json_array_get(c, 1), "name"), "calc");
    assert_string_equal(fixture_str(json_array_get(c, 1), "kind"), "library");
    assert_string_equal(fixture_str(json_array_get(c, 1), "path"), "lib");
    assert_string_equal(fixture_joined(json_object_get(json_array_get(c, 1), "files"), &b),
                        "lib/calc.c lib/calc.h");

    r = json_object_get(m, "relations");
    assert_int_equal(json_array_size(r), 1);
    assert_string_equal(fixture_str(json_array_get(r, 0), "from"), "calc-cli");
    assert_string_equal(fixture_str(json_array_get(r, 0), "to"), "calc");
    assert_string_equal(fixture_str(json_array_get(r, 0), "kind"), "uses");
    assert_string_equal(fixture_str(json_array_get(r, 0), "technology"), "linking");
    /* the include that crosses from the tool into the library says it too */
    assert_int_equal(fixture_int(json_array_get(r, 0), "weight"), 2);
    assert_string_equal(
        json_string_value(json_array_get(json_object_get(json_array_get(r, 0), "evidence"), 1)),
        "cli/main.c:1");

    d = json_object_get(m, "dependencies");
    assert_int_equal(json_array_size(d), 2); /* sorted by ecosystem, name */
    assert_string_equal(fixture_str(json_array_get(d, 0), "name"), "ZLIB");
    assert_string_equal(fixture_str(json_array_get(d, 0), "ecosystem"), "system");
    assert_string_equal(fixture_str(json_array_get(d, 0), "scope"), "runtime");
    assert_string_equal(fixture_str(json_array_get(d, 0), "manifest"), "cli/CMakeLists.txt");
    assert_string_equal(fixture_str(json_array_get(d, 1), "name"), "m");
    assert_string_equal(fixture_str(json_array_get(d, 1), "scope"), "runtime");
    assert_string_equal(fixture_str(json_array_get(d, 1), "manifest"), "lib/CMakeLists.txt");
    json_decref(m);
    ec_buf_release(&b);
    fixture_remove(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(targets_files_links_and_packages),
        cmocka_unit_test(technology_and_known_files),
        cmocka_unit_test(top_of_the_project_is_the_root),
        cmocka_unit_test(unclosed_input_names_the_line),
        cmocka_unit_test(hostile_expansions_are_bounded),
        cmocka_unit_test(cmake_project_library_and_tool),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
