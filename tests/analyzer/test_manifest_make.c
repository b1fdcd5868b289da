/*
 * test_manifest_make.c - the Makefile, Makefile.am and configure.ac
 * readers: programs and libraries from recipes and automake's variables,
 * their files and links, the libraries configure looks for; hostile input;
 * and the etacodex binary on a C project built with a plain Makefile (a
 * library and the command-line tool that links it).
 */
#include "tests/cmocka_all.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/manifest.h"
#include "analyzer/manifest_vars.h"
#include "graph/containers.h"
#include "graph/source_links.h"
#include "tests/facts_fixture.h"
#include "tests/fixture.h"
#include "util/buf.h"

static void makefile_programs_libraries_and_links(void **state)
{
    static const char *const files[] = {"src/Makefile", "src/core.c", "src/extra.cc", "src/main.c",
                                        "src/obj/x.c",  "src/util.c", "src/vendor.c", NULL};
    ec_facts f;
    ec_buf b = EC_BUF_INIT;

    (void)state;
    ec_facts_init(&f);
    facts_add_files(&f, files);
    assert_true(
        facts_read(&f, "src/Makefile",
                   "# Build the tool and its library.\n"
                   "CC ?= gcc\n"
                   "PROG = tool$(EXE)\n"
                   "LIB := libcore.a\n"
                   "OBJS = main.o \\\n       util.o\n"
                   "LIBOBJS = $(patsubst %.c,%.o,core.c) obj/x.o\n"
                   "LIBS = -lm\n"
                   "ifeq ($(OS),Windows_NT)\nLIBS += -lws2_32\nendif\n"
                   "all: $(PROG) libcore.so\n"
                   "$(PROG): $(OBJS) $(LIB)\n"
                   "\t@echo LINK $@; $(CC) $(LDFLAGS) -o $@ $(OBJS) $(LIB) $(LIBS) -lpthread\n"
                   "$(LIB): $(LIBOBJS)\n"
                   "\t$(AR) rcs $@ $^\n"
                   "libcore.so: $(LIBOBJS)\n"
                   "\t$(CC) -shared -o $@ $^\n"
                   "libplug.so: CFLAGS += -fPIC\n"
                   "%.o: %.c\n"
                   "\t$(CC) -c -o $@ $<\n"
                   "obj/%.o: obj/%.c\n"
                   "\t$(CC) -c -o $@ $<\n"
                   "helper: extra.cc vendor.c\n"
                   "\tc++ -O2 extra.cc vendor.c -o helper -L. -lcore -lz\n"
                   "clean:\n\trm -f $(PROG) *.o\n"
                   "define RECIPE\n\tcc -o never never.c\nendef\n"));
    assert_int_equal(f.diags.items.len, 0);
    assert_int_equal(f.containers.len, 3); /* tool, libcore (static and shared), helper */
    assert_string_equal(facts_container(&f, "tool")->kind, "executable");
    assert_string_equal(facts_container(&f, "tool")->technology, "C");
    assert_string_equal(facts_container(&f, "tool")->path, "src");
    assert_string_equal(facts_container(&f, "tool")->evidence, "src/Makefile:14");
    assert_string_equal(facts_files(facts_container(&f, "tool"), &b), "src/main.c src/util.c");
    assert_string_equal(facts_container(&f, "libcore")->kind, "library");
    assert_string_equal(facts_files(facts_container(&f, "libcore"), &b), "src/core.c src/obj/x.c");
    assert_string_equal(facts_container(&f, "helper")->technology, "C++");
    assert_string_equal(facts_files(facts_container(&f, "helper"), &b),
                        "src/extra.cc src/vendor.c");

    assert_true(facts_links(&f, "tool", "libcore"));
    assert_true(facts_links(&f, "helper", "libcore")); /* -lcore: built here */
    assert_int_equal(f.relations.len, 2);
    assert_string_equal(facts_dependency(&f, "m")->scope, "runtime");
    assert_string_equal(facts_dependency(&f, "m")->ecosystem, "system");
    assert_string_equal(facts_dependency(&f, "m")->evidence, "src/Makefile:14");
    assert_string_equal(facts_dependency(&f, "ws2_32")->scope, "optional"); /* only under ifeq */
    assert_string_equal(facts_dependency(&f, "pthread")->scope, "runtime");
    assert_string_equal(facts_dependency(&f, "z")->scope, "runtime");
    assert_int_equal(f.dependencies.len, 4);
    ec_buf_release(&b);
    ec_facts_release(&f);
}

static void makefile_claims_only_what_recipes_show(void **state)
{
    ec_facts f;

    (void)state;
    ec_facts_init(&f);
    assert_true(facts_read(&f, "GNUmakefile",
                           "docs: README.md\n\tpandoc -o docs.html README.md\n"
                           "obj.o: obj.c\n\tcc -c obj.c -o obj.o\n"
                           "check:\n\t./run-tests -o report.txt\n"
                           "$(BUILD)/out: x.c\n\tcc -o $@ x.c\n"
                           "web: x.c\n\temcc -o site.js x.c\n"
                           "app: $(OBJS)\n\t$(CXX) -o $@ $^\n"));
    assert_true(facts_read(&f, "lib/lib.mk", "libx.so: x.o\n\t$(CC) $(LDFLAGS) -o $@ $^\n"));
    assert_true(facts_read(&f, "cond/Makefile",
                           "prog: p.c\nifeq ($(WITH_FOO),y)\n\tcc -o $@ p.c -lfoo\n"
                           "else\n\tcc -o $@ p.c\nendif\n"));
    assert_int_equal(f.containers.len, 4);
    assert_string_equal(f.containers.items[0].name, "out"); /* the directory is not known */
    assert_string_equal(f.containers.items[0].technology, "C");
    assert_string_equal(f.containers.items[1].name, "app");
    assert_string_equal(f.containers.items[1].technology, "C++"); /* no files: by its driver */
    assert_string_equal(f.containers.items[2].name, "libx");
    assert_string_equal(f.containers.items[2].kind, "library");
    assert_string_equal(f.containers.items[3].name, "prog"); /* the recipe goes on across ifeq */
    assert_int_equal(f.dependencies.len, 1);
    assert_string_equal(f.dependencies.items[0].name, "foo");
    assert_string_equal(f.dependencies.items[0].scope, "optional");
    assert_int_equal(f.diags.items.len, 0);
    ec_facts_release(&f);
}

static void pattern_rules_build_what_rules_need(void **state)
{
    static const char *const files[] = {"tools/Makefile", "tools/cat.c", "tools/echo.c",
                                        "tools/rt.c", NULL};
    ec_facts f;
    ec_buf b = EC_BUF_INIT;

    (void)state;
    ec_facts_init(&f);
    facts_add_files(&f, files);
    assert_true(facts_read(&f, "tools/Makefile",
                           "PROGRAMS = cat echo missing\n"
                           "all: $(PROGRAMS) librt.a\n"
                           ".PHONY: all clean install\n"
                           "%: %.c librt.a\n\t$(CC) -o $@ $< -L. -lrt\n"
                           "lib%.a: %.o\n\tar rcs $@ $^\n"
                           "clean:\n\trm -f $(PROGRAMS)\n"));
    assert_int_equal(f.diags.items.len, 0);
    assert_int_equal(f.containers.len, 3); /* not `missing` (no missing.c), nor all/clean/install */
    assert_string_equal(facts_container(&f, "cat")->kind, "executable");
    assert_string_equal(facts_files(facts_container(&f, "cat"), &b), "tools/cat.c");
    assert_string_equal(facts_container(&f, "cat")->evidence, "tools/Makefile:5");
    assert_string_equal(facts_files(facts_container(&f, "echo"), &b), "tools/echo.c");
    assert_string_equal(facts_container(&f, "librt")->kind, "library");
    assert_string_equal(facts_files(facts_container(&f, "librt"), &b), "tools/rt.c");
    assert_true(facts_links(&f, "cat", "librt"));
    assert_true(facts_links(&f, "echo", "librt"));
    assert_int_equal(f.dependencies.len, 0); /* -lrt is built here */
    ec_buf_release(&b);
    ec_facts_release(&f);
}

static void automake_programs_libraries_and_links(void **state)
{
    static const char *const files[] = {"Makefile.am", "src/inject.c", "src/jv.c",  "src/jv.h",
                                        "src/main.c",  "tools/gen.c",  "tests/t.c", NULL};
    ec_facts f;
    ec_buf b = EC_BUF_INIT;

    (void)state;
    ec_facts_init(&f);
    facts_add_files(&f, files);
    assert_true(facts_read(&f, "Makefile.am",
                           "LIBJQ_SRC = src/jv.c src/jv.h src/parser.c\n"
                           "lib_LTLIBRARIES = libjq.la\n"
                           "libjq_la_SOURCES = ${LIBJQ_SRC}\n"
                           "libjq_la_LIBADD = -lm\n"
                           "if WIN32\nlibjq_la_LIBADD += -lshlwapi\nendif\n"
                           "if ENABLE_INJECT\nlib_LTLIBRARIES += libinject.la\n"
                           "libinject_la_SOURCES = src/inject.c\nendif\n"
                           "bin_PROGRAMS = jq$(EXEEXT)\n"
                           "jq_SOURCES = src/main.c\n"
                           "jq_LDADD = libjq.la -lm $(top_builddir)/vendor/libonig.la @EXTRA@\n"
                           "noinst_PROGRAMS = tools/gen\n"
                           "check_PROGRAMS = tests/t\n"
                           "EXTRA_PROGRAMS = maybe\n"));
    assert_int_equal(f.containers.len, 4); /* libjq, libinject, jq, gen */
    assert_string_equal(facts_container(&f, "libjq")->kind, "library");
    assert_string_equal(facts_container(&f, "libjq")->evidence, "Makefile.am:2");
    assert_string_equal(facts_files(facts_container(&f, "libjq"), &b), "src/jv.c src/jv.h");
    assert_string_equal(facts_files(facts_container(&f, "libinject"), &b), "src/inject.c");
    assert_string_equal(facts_container(&f, "libinject")->evidence, "Makefile.am:9");
    assert_string_equal(facts_container(&f, "jq")->kind, "executable");
    assert_string_equal(facts_files(facts_container(&f, "jq"), &b), "src/main.c");
    assert_string_equal(facts_files(facts_container(&f, "gen"), &b),
                        "tools/gen.c"); /* default source */
    assert_true(facts_links(&f, "jq", "libjq"));
    assert_true(facts_links(&f, "jq", "libonig"));
    assert_int_equal(f.relations.len, 2);
    assert_string_equal(facts_dependency(&f, "m")->scope, "runtime");
    assert_string_equal(facts_dependency(&f, "shlwapi")->scope, "optional");
    assert_int_equal(f.dependencies.len, 2); /* -lm once */
    ec_buf_release(&b);
    ec_facts_release(&f);
}

static void hostile_makefiles_are_bounded(void **state)
{
    ec_facts f;
    ec_buf text = EC_BUF_INIT;
    int i;

    (void)state;
    ec_facts_init(&f);
    /* a variable that refers to itself, nesting a thousand deep, doubling */
    ec_buf_puts(&text, "SELF = $(SELF) x\nprog: a.c\n\tcc -o prog a.c $(SELF)\nDEEP = ");
    for (i = 0; i < 1000; i++)
        ec_buf_puts(&text, "$(");
    for (i = 0; i < 1000; i++)
        ec_buf_putc(&text, ')');
    ec_buf_puts(&text, "\nV0 = xxxxxxxx\n");
    for (i = 1; i < 60; i++)
        ec_buf_printf(&text, "V%d = $(V%d)$(V%d)$(V%d)$(V%d)\n", i, i - 1, i - 1, i - 1, i - 1);
    ec_buf_puts(&text, "big: b.c\n\tcc -o big b.c $(V59) $(DEEP)\n"
                       "define UNCLOSED\nnothing\n");
    assert_true(facts_read(&f, "Makefile", text.ptr));
    assert_int_equal(f.containers.len, 2);
    assert_string_equal(f.containers.items[0].name, "prog");
    assert_int_equal(f.diags.items.len, 2); /* the file is read, then its recipes expanded */
    assert_string_equal(f.diags.items.items[0].message,
                        "'define UNCLOSED' is not closed by 'endef'");
    assert_int_equal(f.diags.items.items[1].line, 3);
    assert_string_equal(f.diags.items.items[1].message,
                        "a variable refers to itself: SELF: left as written");
    ec_facts_release(&f);

    /* 4 MB of rules: read in bounded time, the programs capped */
    ec_facts_init(&f);
    ec_buf_reset(&text);
    for (i = 0; text.len < 4 * 1024 * 1024 - 64; i++)
        ec_buf_printf(&text, "p%d: p%d.o\n\t$(CC) -o $@ $^ -lx%d\n", i, i, i);
    assert_true(facts_read(&f, "big.mk", text.ptr));
    assert_int_equal(f.containers.len, 512);
    assert_int_equal(f.diags.items.len, 1);
    assert_string_equal(f.diags.items.items[0].message,
                        "more than 512 programs and libraries: the rest not read");
    ec_buf_release(&text);
    ec_facts_release(&f);
}

static void configure_ac_libraries_and_switches(void **state)
{
    ec_facts f;

    (void)state;
    ec_facts_init(&f);
    assert_true(facts_read(&f, "configure.ac",
                           "AC_INIT([jq], [1.7.1])\n"
                           "dnl AC_CHECK_LIB([commented], [f])\n"
                           "# AC_CHECK_LIB([also_commented], [f])\n"
                           "AC_CHECK_LIB([m], [sin], [], [AC_MSG_ERROR([libm is needed])])\n"
                           "PKG_CHECK_MODULES([DEPS], [glib-2.0 >= 2.56 gio-2.0])\n"
                           "AC_ARG_WITH([oniguruma],\n"
                           "   [AS_HELP_STRING([--with-oniguruma=prefix], [use (this) one])], ,\n"
                           "   [with_oniguruma=yes])\n"
                           "AS_IF([test \"x$with_oniguruma\" != xno], [\n"
                           "   AS_IF([test -n \"$x\"], [AC_CHECK_LIB([onig], [onig_version])])\n"
                           "])\n"
                           "AC_ARG_ENABLE([ssl], [AS_HELP_STRING([--enable-ssl], [TLS])],\n"
                           "  [PKG_CHECK_MODULES([SSL], [openssl>=1.1])])\n"
                           "if test \"x$enable_zlib\" = xyes; then\n"
                           "  AC_SEARCH_LIBS([deflate], [z zlib])\n"
                           "fi\n"
                           "AC_SEARCH_LIBS([dlopen], [dl])\n"));
    assert_int_equal(f.diags.items.len, 0);
    assert_int_equal(f.dependencies.len, 8);
    assert_string_equal(facts_dependency(&f, "m")->scope, "runtime");
    assert_string_equal(facts_dependency(&f, "m")->ecosystem, "system");
    assert_string_equal(facts_dependency(&f, "m")->evidence, "configure.ac:4");
    assert_string_equal(facts_dependency(&f, "glib-2.0")->version, ">=2.56");
    assert_string_equal(facts_dependency(&f, "glib-2.0")->scope, "runtime");
    assert_string_equal(facts_dependency(&f, "gio-2.0")->version, "");
    assert_string_equal(facts_dependency(&f, "onig")->scope, "optional");
    assert_string_equal(facts_dependency(&f, "onig")->evidence, "configure.ac:10");
    assert_string_equal(facts_dependency(&f, "openssl")->version, ">=1.1");
    assert_string_equal(facts_dependency(&f, "openssl")->scope, "optional");
    assert_string_equal(facts_dependency(&f, "z")->scope, "optional");
    assert_string_equal(facts_dependency(&f, "zlib")->scope, "optional");
    assert_string_equal(facts_dependency(&f, "dl")->scope, "runtime");
    ec_facts_release(&f);

    ec_facts_init(&f);
    assert_true(facts_read(&f, "configure.in", "AC_INIT([x])\nAC_CHECK_LIB([m],\n [sin]\n"));
    assert_true(facts_read(&f, "sub/configure.ac", "AS_IF([test x, [AC_CHECK_LIB([m], [f])])\n"));
    assert_int_equal(f.diags.items.len, 2);
    assert_int_equal(f.diags.items.items[0].line, 2);
    assert_string_equal(f.diags.items.items[0].message, "'AC_CHECK_LIB(' is not closed");
    assert_int_equal(f.diags.items.items[1].line, 1);
    assert_string_equal(f.diags.items.items[1].message, "'AS_IF(' is not closed");
    ec_facts_release(&f);
}

static void build_files_merge_by_name_and_links_resolve(void **state)
{
    ec_facts f;
    ec_container_model cm;
    size_t i;

    (void)state;
    ec_facts_init(&f);
    assert_true(facts_read(&f, "deps/hi/CMakeLists.txt",
                           "add_library(hiredis SHARED hi.c)\n"
                           "add_executable(hiredis-test test.c)\n"
                           "target_link_libraries(hiredis-test hiredis m)\n"));
    assert_true(facts_read(&f, "deps/hi/Makefile",
                           "libhiredis.a: hi.o\n\t$(AR) rcs $@ $^\n"
                           "libhiredis_ssl.a: ssl.o\n\t$(AR) rcs $@ $^\n"));
    assert_true(facts_read(&f, "src/Makefile",
                           "server: main.o\n"
                           "\t$(CC) -o $@ $^ ../deps/hi/libhiredis.a ../deps/hi/libhiredis_ssl.a "
                           "../rust/target/libcore_rs.a ../deps/jemalloc/lib/libjemalloc.a -lm\n"));
    assert_true(facts_read(&f, "rust/CMakeLists.txt", "add_library(core_rs STATIC lib.c)\n"));
    ec_containers_build(&cm, &f);
    /* hiredis and libhiredis are one; hiredis-test and libhiredis_ssl stay apart */
    assert_int_equal(cm.containers.len, 5);
    assert_string_equal(cm.containers.items[0].id, "hiredis");
    assert_int_equal(cm.containers.items[0].facts.len, 2);
    assert_string_equal(cm.containers.items[1].id, "hiredis-test");
    assert_string_equal(cm.containers.items[2].id, "libhiredis-ssl");
    assert_string_equal(cm.containers.items[3].id, "core-rs");
    assert_string_equal(cm.containers.items[4].id, "server");
    assert_int_equal(cm.relations.len, 4);
    for (i = 0; i < cm.relations.len; i++)
        assert_string_equal(cm.relations.items[i].facts.items[0]->technology, "linking");
    assert_string_equal(cm.relations.items[0].from, "hiredis-test");
    assert_string_equal(cm.relations.items[0].to, "hiredis");
    assert_string_equal(cm.relations.items[1].from, "server");
    assert_string_equal(cm.relations.items[1].to, "core-rs"); /* libcore_rs.a */
    assert_string_equal(cm.relations.items[2].to, "hiredis");
    assert_string_equal(cm.relations.items[3].to, "libhiredis-ssl");
    /* what no container is: libraries of the system, once per manifest */
    assert_int_equal(f.dependencies.len, 3);
    assert_string_equal(f.dependencies.items[0].name, "libjemalloc");
    assert_string_equal(f.dependencies.items[0].evidence, "src/Makefile:2");
    assert_string_equal(f.dependencies.items[1].name, "m");
    assert_string_equal(f.dependencies.items[1].evidence, "deps/hi/CMakeLists.txt:3");
    assert_string_equal(f.dependencies.items[2].name, "m");
    assert_string_equal(f.dependencies.items[2].evidence, "src/Makefile:2");
    assert_int_equal(f.diags.items.len, 0);
    ec_containers_release(&cm);
    ec_facts_release(&f);
}

/* ---- the binary on a project built with a Makefile ------------------------------ */

static void makefile_project_library_and_tool(void **state)
{
    char *dir = fixture_dir();
    json_t *m, *c, *r, *d;
    ec_buf b = EC_BUF_INIT;

    (void)state;
    fixture_text(dir, "Makefile", "all:\n\t$(MAKE) -C lib\n\t$(MAKE) -C cli\n");
    fixture_text(dir, "lib/Makefile",
                 "OBJS = calc.o\n"
                 "libcalc.a: $(OBJS)\n\tar rcs $@ $(OBJS)\n");
    fixture_text(dir, "lib/calc.c", "int calc_add(int a, int b) { return a + b; }\n");
    fixture_text(dir, "cli/Makefile",
                 "PROG = calc\nOBJS = main.o args.o\n"
                 "$(PROG): $(OBJS) ../lib/libcalc.a\n"
                 "\t$(CC) -o $@ $^ -lz -lm\n");
    fixture_text(dir, "cli/main.c", "int calc_add(int, int);\nint main(void) { return 0; }\n");
    fixture_text(dir, "cli/args.c", "int args;\n");
    m = fixture_model(dir);

    c = json_object_get(m, "containers");
    assert_int_equal(json_array_size(c), 2);
    assert_string_equal(fixture_str(json_array_get(c, 0), "id"), "calc");
    assert_string_equal(fixture_str(json_array_get(c, 0), "kind"), "executable");
    assert_string_equal(fixture_str(json_array_get(c, 0), "technology"), "C");
    assert_string_equal(fixture_str(json_array_get(c, 0), "path"), "cli");
    assert_string_equal(fixture_joined(json_object_get(json_array_get(c, 0), "files"), &b),
                        "cli/args.c cli/main.c");
    assert_string_equal(fixture_joined(json_object_get(json_array_get(c, 0), "evidence"), &b),
                        "cli/Makefile:4");
    assert_string_equal(fixture_str(json_array_get(c, 1), "id"), "libcalc");
    assert_string_equal(fixture_str(json_array_get(c, 1), "kind"), "library");
    assert_string_equal(fixture_str(json_array_get(c, 1), "path"), "lib");
    assert_string_equal(fixture_joined(json_object_get(json_array_get(c, 1), "files"), &b),
                        "lib/calc.c");

    r = json_object_get(m, "relations");
    assert_int_equal(json_array_size(r), 1);
    assert_string_equal(fixture_str(json_array_get(r, 0), "from"), "calc");
    assert_string_equal(fixture_str(json_array_get(r, 0), "to"), "libcalc");
    assert_string_equal(fixture_str(json_array_get(r, 0), "technology"), "linking");

    d = json_object_get(m, "dependencies");
    assert_int_equal(json_array_size(d), 2);
    assert_string_equal(fixture_str(json_array_get(d, 0), "name"), "m");
    assert_string_equal(fixture_str(json_array_get(d, 0), "ecosystem"), "system");
    assert_string_equal(fixture_str(json_array_get(d, 0), "manifest"), "cli/Makefile");
    assert_string_equal(fixture_str(json_array_get(d, 1), "name"), "z");
    json_decref(m);
    ec_buf_release(&b);
    fixture_remove(dir);
    free(dir);
}

/* A program whose sources come from an included .mk file's wildcards, found
 * through vpath (zstd's layout): every file listed, the included file's
 * platform settings kept from overriding, calls left as written kept whole,
 * a variant folded into its program. */
static void included_lists_wildcards_and_vpath(void **state)
{
    char *dir = fixture_dir();
    ec_buf b = EC_BUF_INIT;
    const ec_container_fact *foo;
    ec_facts f;
    size_t i;

    (void)state;
    ec_facts_init(&f);
    facts_write(&f, dir, "lib/common/a.c", "int a;\n");
    facts_write(&f, dir, "lib/common/b.c", "int b;\n");
    facts_write(&f, dir, "lib/common/notes.txt", "x\n");
    facts_write(&f, dir, "lib/legacy/v01.c", "int v;\n");
    facts_write(&f, dir, "lib/libfoo.mk",
                "ifndef LIBFOO_MK\nLIBFOO_MK := 1\n"
                "LIB_SRCDIR ?= $(dir $(realpath $(lastword $(MAKEFILE_LIST))))\n"
                "LIBS = -lwin32\n" /* the includer's own LIBS stays */
                "FOO_FILES := $(sort $(wildcard $(LIB_SRCDIR)/common/*.c))\n"
                "LEGACY := $(shell ls $(LIB_SRCDIR)/legacy/*.c | grep v0)\n"
                "FOO_SRC = $(FOO_FILES) $(LEGACY)\n"
                "vpath %.c $(LIB_SRCDIR)/common\n"
                "fromlib: a.o\n\t$(CC) $^ -o $@\n" /* an included file's rules are its own */
                "endif\n");
    /* the built-in %.o: %.c rule finds b.c through vpath too */
    facts_write(&f, dir, "lib/GNUmakefile",
                "vpath %.c common\nlibfoo.a: a.o b.o\n\t$(AR) rcs $@ $^\n");
    facts_write(&f, dir, "programs/cli.c", "int main(void) { return 0; }\n");
    facts_write(&f, dir, "programs/util.c", "int u;\n");
    /* files that include each other are read once each */
    facts_write(&f, dir, "programs/loop.mk", "include loop.mk other.mk\n");
    facts_write(&f, dir, "programs/other.mk", "include loop.mk ../../outside.mk /etc/passwd\n");
    facts_write(&f, dir, "programs/Makefile",
                "LIBS = -lz\n"
                "include loop.mk loop.mk\n"
                "include ../lib/libfoo.mk\n"
                "CLI_SRC := $(sort $(wildcard *.c))\n"
                "OBJ := $(addprefix $(BUILD_DIR)/, $(notdir $(FOO_SRC:.c=.o)) $(CLI_SRC:.c=.o))\n"
                "$(BUILD_DIR)/foo: $(OBJ)\n\t$(CC) $^ $(LIBS) -o $@\n"
                "foo-small: $(FOO_FILES) $(CLI_SRC)\n\t$(CC) -Os $^ -o $@\n"
                "$(BUILD_DIR)/%.o: %.c\n\t$(CC) -c $< -o $@\n"
                "$(shell echo x y): z.c\n\t$(CC) z.c -o $@\n");
    ec_manifests_read(&f, dir);

    /* foo-small is foo; no x, y; fromlib once, from the .mk file read as itself */
    assert_int_equal(f.containers.len, 3);
    assert_string_equal(facts_files(facts_container(&f, "libfoo"), &b),
                        "lib/common/a.c lib/common/b.c");
    assert_string_equal(facts_container(&f, "fromlib")->path, "lib");
    foo = facts_container(&f, "foo");
    assert_string_equal(foo->path, "programs");
    assert_string_equal(facts_files(foo, &b),
                        "lib/common/a.c lib/common/b.c programs/cli.c programs/util.c");
    for (i = 0; i < f.dependencies.len; i++)
        assert_string_not_equal(f.dependencies.items[i].name, "win32");
    assert_non_null(facts_dependency(&f, "z"));
    ec_facts_release(&f);
    ec_buf_release(&b);
    fixture_remove(dir);
    free(dir);
}

/* zstd compiles its library's files into the program instead of linking
 * it: the program uses the library ("source"); a program that shares files
 * with another program does not use it. */
static void programs_built_from_a_librarys_sources_use_it(void **state)
{
    ec_container_model cm;
    ec_facts f;
    const ec_relation *r;

    (void)state;
    ec_facts_init(&f);
    assert_true(facts_read(&f, "lib/Makefile",
                           "libzstd.a: a.o b.o\n\t$(AR) rcs $@ a.c b.c\n"
                           "libmini.a: a.o\n\t$(AR) rcs $@ a.c\n"));
    assert_true(facts_read(&f, "programs/Makefile",
                           "zstd: cli.c\n\t$(CC) cli.c util.c ../lib/a.c ../lib/b.c -o $@\n"
                           "zstdless: cli.c\n\t$(CC) cli.c util.c -o $@\n"));
    ec_containers_build(&cm, &f);
    ec_source_links_build(&cm, &f);
    /* zstd uses both libraries; the two libraries sharing a.c are no relation */
    assert_int_equal(cm.relations.len, 2);
    r = &cm.relations.items[1];
    assert_string_equal(r->from, "zstd");
    assert_string_equal(r->to, "libzstd");
    assert_string_equal(r->technology, "source");
    assert_string_equal(r->facts.items[0]->evidence, "programs/Makefile:2");
    assert_string_equal(cm.relations.items[0].to, "libmini");
    /* a file no manifest lists, in a directory two containers are built from */
    assert_null(ec_containers_of_file(&cm, "programs/other.c"));
    /* a header goes with the one container that lists its source */
    assert_string_equal(ec_containers_of_file(&cm, "lib/b.h"), "libzstd");
    assert_null(ec_containers_of_file(&cm, "lib/a.h")); /* a.c: libzstd and libmini */
    assert_string_equal(ec_containers_of_file(&cm, "programs/util.c"), "zstd");
    ec_containers_release(&cm);
    ec_facts_release(&f);
}

/* A glob that answers "x.c" for every pattern and says each answer cost
 * 1,000 units of work. */
static bool costly_glob(void *ctx, const char *pattern, ec_buf *out, size_t *work)
{
    (*(int *)ctx)++;
    (void)pattern;
    ec_buf_puts(out, "x.c");
    *work = 1000;
    return true;
}

/* The work a $(wildcard) reports is charged to the file's budget: a
 * Makefile that asks for a million of them is cut short, and says so. */
static void wildcard_work_is_charged(void **state)
{
    ec_mvars v;
    ec_buf out = EC_BUF_INIT;
    int calls = 0;

    (void)state;
    ec_mvars_init(&v, EC_MVARS_MAKE);
    v.glob = costly_glob;
    v.glob_ctx = &calls;
    assert_true(ec_mvars_expand(&v, &out, "$(wildcard *.c) $(dir src/a.c)"));
    assert_string_equal(out.ptr, "x.c src/");
    v.budget = 10 * 1000;
    ec_buf_reset(&out);
    assert_false(ec_mvars_expand(&v, &out,
                                 "$(wildcard a) $(wildcard b) $(wildcard c) $(wildcard d) "
                                 "$(wildcard e) $(wildcard f) $(wildcard g) $(wildcard h) "
                                 "$(wildcard i) $(wildcard j) $(wildcard k) $(wildcard l)"));
    assert_string_equal(v.problem, "expansion budget spent");
    assert_true(calls <= 11);
    ec_buf_release(&out);
    ec_mvars_release(&v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(makefile_programs_libraries_and_links),
        cmocka_unit_test(makefile_claims_only_what_recipes_show),
        cmocka_unit_test(pattern_rules_build_what_rules_need),
        cmocka_unit_test(automake_programs_libraries_and_links),
        cmocka_unit_test(hostile_makefiles_are_bounded),
        cmocka_unit_test(configure_ac_libraries_and_switches),
        cmocka_unit_test(build_files_merge_by_name_and_links_resolve),
        cmocka_unit_test(makefile_project_library_and_tool),
        cmocka_unit_test(included_lists_wildcards_and_vpath),
        cmocka_unit_test(programs_built_from_a_librarys_sources_use_it),
        cmocka_unit_test(wildcard_work_is_charged),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
