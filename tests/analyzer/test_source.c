/*
 * test_source.c - the tree-sitter front ends on a small file per language:
 * imports, definitions and what is public, complexity, environment
 * variables with defaults, descriptions, syntax errors.
 */
#include "tests/cmocka_all.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/source.h"
#include "util/buf.h"
#include "tests/fixture.h"

static ec_source *source;

static int setup(void **state)
{
    (void)state;
    return ec_source_load(&source, EC_SOURCE_DIR "/queries");
}

static int teardown(void **state)
{
    (void)state;
    ec_source_free(source);
    return 0;
}

typedef struct {
    ec_arena arena;
    ec_diag_sink diags;
    ec_file_fact file;
} analysed;

static void analyse(analysed *a, const char *lang, const char *path, const char *text)
{
    ec_source_parser *p = ec_source_parser_new(source);

    memset(a, 0, sizeof(*a));
    ec_arena_init(&a->arena);
    ec_diag_init(&a->diags);
    a->file.lang = ec_lang_find(lang);
    assert_true(ec_source_handles(source, a->file.lang));
    ec_source_analyze(p, path, text, strlen(text), &a->arena, &a->diags, &a->file);
    ec_source_parser_free(p);
    assert_int_equal(a->diags.items.len, 0); /* the query compiled */
    assert_true(a->file.parsed);
}

static void release(analysed *a)
{
    ec_file_fact_release(&a->file);
    ec_diag_release(&a->diags);
    ec_arena_release(&a->arena);
}

static const ec_definition_fact *def(const analysed *a, const char *name)
{
    size_t i;

    for (i = 0; i < a->file.definitions.len; i++)
        if (strcmp(a->file.definitions.items[i].name, name) == 0)
            return &a->file.definitions.items[i];
    fail_msg("no definition '%s'", name);
    return NULL;
}

static const ec_import_fact *import_at(const analysed *a, size_t i)
{
    assert_true(i < a->file.imports.len);
    return &a->file.imports.items[i];
}

static void c_includes_functions_and_getenv(void **state)
{
    analysed a;

    (void)state;
    analyse(&a, "C", "src/main.c",
            "/* Copyright 2024 Example. MIT License. */\n"
            "/* main.c - the command line. It parses flags. */\n"
            "#include <stdio.h>\n#include \"util/log.h\"\n\n"
            "static int helper(int x)\n{\n    if (x > 0 && x < 10)\n        return 1;\n"
            "    return x ? 2 : 3;\n}\n\n"
            "char *name(void) { return getenv(\"HOME\"); }\n"
            "int main(void)\n{\n    for (;;) { switch (1) { case 1: break; default: break; } }\n"
            "}\n");
    assert_string_equal(import_at(&a, 0)->spec, "stdio.h");
    assert_true(import_at(&a, 0)->system);
    assert_string_equal(import_at(&a, 1)->spec, "util/log.h");
    assert_int_equal(import_at(&a, 1)->line, 4);
    assert_false(def(&a, "helper")->exported);          /* static */
    assert_int_equal(def(&a, "helper")->complexity, 4); /* 1 + if + && + ?: */
    assert_true(def(&a, "name")->exported);
    assert_int_equal(def(&a, "main")->complexity, 3); /* 1 + for + one case with a value */
    assert_int_equal(a.file.complexity_max, 4);
    assert_int_equal(a.file.complexity_total, 8);
    assert_int_equal(a.file.env.len, 1);
    assert_string_equal(a.file.env.items[0].name, "HOME");
    assert_string_equal(a.file.description, "main.c - the command line.");
    assert_int_equal(a.file.parse_errors, 0);
    release(&a);
}

static void python_imports_all_and_environ(void **state)
{
    analysed a;

    (void)state;
    analyse(&a, "Python", "pkg/api.py",
            "\"\"\"HTTP API of the shop.\n\nMore text.\"\"\"\n"
            "import os, json as j\nfrom . import models\nfrom ..core.db import session\n"
            "from requests import get\n\n__all__ = ['serve']\n\n"
            "def serve(port=os.getenv('PORT', '8080')):\n    return [x for x in range(3) if x]\n\n"
            "def helper():\n    return os.environ['SECRET']\n\n"
            "class Shop:\n    def open(self):\n        pass\n"
            "    def _close(self):\n        db = os.environ.get(\"DB_URL\", \"sqlite://\")\n");
    assert_string_equal(import_at(&a, 0)->spec, "os");
    assert_string_equal(import_at(&a, 1)->spec, "json");
    assert_int_equal(import_at(&a, 2)->level, 1);
    assert_string_equal(import_at(&a, 2)->spec, "");
    assert_string_equal(import_at(&a, 3)->spec, "core.db");
    assert_int_equal(import_at(&a, 3)->level, 2);
    assert_string_equal(import_at(&a, 4)->spec, "requests");
    assert_true(def(&a, "serve")->exported);
    assert_false(def(&a, "helper")->exported); /* not in __all__ */
    assert_string_equal(def(&a, "open")->kind, "method");
    assert_false(def(&a, "_close")->exported);
    assert_int_equal(def(&a, "serve")->complexity, 3); /* 1 + for clause + if clause */
    assert_int_equal(a.file.env.len, 3);
    assert_string_equal(a.file.env.items[0].name, "PORT");
    assert_string_equal(a.file.env.items[0].fallback, "8080");
    assert_string_equal(a.file.env.items[2].name, "DB_URL");
    assert_string_equal(a.file.env.items[2].fallback, "sqlite://");
    assert_string_equal(a.file.description, "HTTP API of the shop.");
    release(&a);
}

static void javascript_and_typescript_exports_and_process_env(void **state)
{
    analysed a;

    (void)state;
    analyse(&a, "JavaScript", "web/app.js",
            "// The web front end's entry point.\n"
            "import express from 'express';\nexport { x } from \"./x.js\";\n"
            "const fs = require('fs');\nconst lazy = () => import('./lazy');\n"
            "export function start() { return process.env.PORT || 3000; }\n"
            "function local(a) { return a ?? 1; }\n");
    assert_string_equal(import_at(&a, 0)->spec, "express");
    assert_string_equal(import_at(&a, 1)->spec, "./x.js");
    assert_true(import_at(&a, 2)->dynamic);
    assert_string_equal(import_at(&a, 3)->spec, "./lazy");
    assert_true(def(&a, "start")->exported);
    assert_false(def(&a, "local")->exported);
    assert_int_equal(def(&a, "local")->complexity, 2);
    assert_int_equal(a.file.env.len, 1);
    assert_string_equal(a.file.env.items[0].fallback, "3000");
    assert_string_equal(a.file.description, "The web front end's entry point.");
    release(&a);

    analyse(&a, "TypeScript", "src/types.ts",
            "import type { A } from '@scope/pkg/sub';\nexport interface Order { id: string }\n"
            "export class Cart { add(o: Order): void { if (o) {} } }\ntype Local = number;\n");
    assert_string_equal(import_at(&a, 0)->spec, "@scope/pkg/sub");
    assert_true(def(&a, "Order")->exported);
    assert_true(def(&a, "Cart")->exported);
    assert_false(def(&a, "Local")->exported);
    assert_int_equal(def(&a, "add")->complexity, 2);
    release(&a);
}

static void go_java_and_rust(void **state)
{
    analysed a;

    (void)state;
    analyse(&a, "Go", "cmd/api/main.go",
            "// Package main runs the API server.\npackage main\n\n"
            "import (\n\t\"fmt\"\n\t\"github.com/go-chi/chi/v5\"\n)\n\n"
            "func Serve() { addr := os.Getenv(\"ADDR\"); if addr == \"\" || true {} }\n"
            "func helper() {}\n");
    assert_string_equal(import_at(&a, 1)->spec, "github.com/go-chi/chi/v5");
    assert_true(def(&a, "Serve")->exported);
    assert_false(def(&a, "helper")->exported);
    assert_int_equal(def(&a, "Serve")->complexity, 3);
    assert_string_equal(a.file.env.items[0].name, "ADDR");
    assert_string_equal(a.file.description, "Package main runs the API server.");
    assert_string_equal(a.file.package, "main");
    release(&a);

    analyse(&a, "Java", "src/main/java/com/shop/App.java",
            "package com.shop;\nimport java.util.List;\nimport static org.junit.Assert.*;\n"
            "public class App {\n  public static void main(String[] a) {\n"
            "    String h = System.getenv(\"HOME\");\n    for (String s : a) {}\n  }\n"
            "  void hidden() {}\n}\n");
    assert_string_equal(import_at(&a, 0)->spec, "java.util.List");
    assert_string_equal(import_at(&a, 1)->spec, "org.junit.Assert.*");
    assert_true(def(&a, "App")->exported);
    assert_true(def(&a, "main")->exported);
    assert_false(def(&a, "hidden")->exported);
    assert_int_equal(def(&a, "main")->complexity, 2);
    assert_string_equal(a.file.env.items[0].name, "HOME");
    assert_string_equal(a.file.package, "com.shop");
    release(&a);

    analyse(&a, "Rust", "src/lib.rs",
            "//! The shop's core library.\nmod db;\nuse crate::db::{Pool, Conn};\n"
            "use serde::Serialize;\npub fn run() { let _ = std::env::var(\"RUST_LOG\"); "
            "if true && false {} }\nfn private() {}\npub struct Order;\n");
    assert_string_equal(import_at(&a, 0)->spec, "db");
    assert_string_equal(import_at(&a, 1)->spec, "crate::db");
    assert_string_equal(import_at(&a, 2)->spec, "serde::Serialize");
    assert_true(def(&a, "run")->exported);
    assert_false(def(&a, "private")->exported);
    assert_true(def(&a, "Order")->exported);
    assert_int_equal(def(&a, "run")->complexity, 3);
    assert_string_equal(a.file.env.items[0].name, "RUST_LOG");
    assert_string_equal(a.file.description, "The shop's core library.");
    release(&a);
}

/* What is not a description: a reStructuredText title, ASCII art, a
 * shebang. A sentence over several line comments is read whole. */
static void descriptions_skip_titles_art_and_shebangs(void **state)
{
    analysed a;

    (void)state;
    analyse(&a, "Python", "src/requests/sessions.py",
            "\"\"\"\nrequests.sessions\n~~~~~~~~~~~~~~~~~\n\n"
            "This module provides a Session object to manage and persist settings across\n"
            "requests (cookies, auth, proxies).\n\"\"\"\nimport os\n");
    assert_string_equal(a.file.description,
                        "This module provides a Session object to manage and persist settings "
                        "across requests (cookies, auth, proxies).");
    release(&a);

    analyse(&a, "Python", "src/requests/__init__.py",
            "#   __\n#  /__)  _  _\n# / (   (- (/\n\n\"\"\"\nRequests HTTP Library\n"
            "~~~~~~~~~~~~~~~~~~~~~\n\nRequests is an HTTP library, written in Python.\n\"\"\"\n");
    assert_string_equal(a.file.description, "Requests is an HTTP library, written in Python.");
    release(&a);

    analyse(&a, "Python", "tools/gen",
            "#!/usr/bin/env python3\n# Gen writes the tables of\n# the parser.\n\n# unrelated\n"
            "import sys\n");
    assert_string_equal(a.file.description, "Gen writes the tables of the parser.");
    release(&a);

    analyse(&a, "JavaScript", "eslint.config.js",
            "// @ts-check\n\n/* The lint rules of the repository. */\nexport default [];\n");
    assert_string_equal(a.file.description, "The lint rules of the repository.");
    release(&a);

    analyse(&a, "Go", "gen/gen.go", "// Package gen writes\n// the tables.\npackage gen\n");
    assert_string_equal(a.file.description, "Package gen writes the tables.");
    release(&a);
}

static void syntax_errors_are_counted_and_the_rest_kept(void **state)
{
    analysed a;

    (void)state;
    analyse(&a, "Python", "broken.py",
            "import os\n\ndef ok():\n    return 1\n\ndef broken(:\n    pass\n");
    assert_true(a.file.parse_errors > 0);
    assert_string_equal(import_at(&a, 0)->spec, "os");
    assert_non_null(def(&a, "ok"));
    release(&a);
}

/* A query that does not compile is named by file, line and column, and only
 * its language goes unparsed. */
static void a_broken_query_names_its_file_and_line(void **state)
{
    char *dir = fixture_dir();
    ec_source *broken;
    ec_source_parser *p;
    analysed a;

    (void)state;
    fixture_sh(dir,
               "cp '%s'/queries/*.scm . && printf '; types\\n\\n   (no_such_node) @name\\n' "
               "> typescript.scm",
               EC_SOURCE_DIR);
    assert_int_equal(ec_source_load(&broken, dir), 0);
    p = ec_source_parser_new(broken);
    memset(&a, 0, sizeof(a));
    ec_arena_init(&a.arena);
    ec_diag_init(&a.diags);
    a.file.lang = ec_lang_find("TypeScript");
    ec_source_analyze(p, "a.ts", "let x = 1;\n", 11, &a.arena, &a.diags, &a.file);
    assert_false(a.file.parsed);
    assert_int_equal(a.diags.items.len, 1);
    assert_non_null(
        strstr(a.diags.items.items[0].message, "/typescript.scm:3:5: unknown node type"));
    a.file.lang = ec_lang_find("JavaScript"); /* shares ecmascript.scm, still fine */
    ec_source_analyze(p, "a.js", "let x = 1;\n", 11, &a.arena, &a.diags, &a.file);
    assert_true(a.file.parsed);
    assert_int_equal(a.diags.items.len, 1);
    ec_source_parser_free(p);
    ec_source_free(broken);
    release(&a);
    fixture_remove(dir);
    free(dir);
}

/* Nesting 5,000 deep in every language, and bytes that are not UTF-8: the
 * facts around them are still found, and nothing overflows the stack. */
static void deep_nesting_and_invalid_utf8(void **state)
{
    static const struct {
        const char *lang, *path, *head, *open, *close, *tail;
        unsigned complexity;
    } cases[] = {
        {"C", "d.c", "#include \"x.h\"\nint f(void) {", "if (a) {", "}", "return 0; }\n", 5001},
        {"C++", "d.cpp", "#include \"x.h\"\nint f() {", "if (a) {", "}", "return 0; }\n", 5001},
        {"Python", "d.py", "import x\ndef f():\n    return ", "[", "]", "\n", 1},
        {"JavaScript", "d.js", "import x from 'x';\nfunction f() {", "if (a) {", "}", "}\n", 5001},
        {"TypeScript", "d.ts", "import x from 'x';\nfunction f(): void {", "if (a) {", "}", "}\n",
         5001},
        {"Go", "d.go", "package d\nimport \"x\"\nfunc f() {", "if a {", "}", "}\n", 5001},
        {"Java", "D.java", "import x.X;\nclass D { void f() {", "if (a) {", "}", "} }\n", 5001},
        {"Rust", "d.rs", "use x::X;\nfn f() {", "if a {", "}", "}\n", 5001},
    };
    ec_buf text = EC_BUF_INIT;
    analysed a;
    size_t i;
    int depth;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        ec_buf_reset(&text);
        ec_buf_puts(&text, cases[i].head);
        for (depth = 0; depth < 5000; depth++)
            ec_buf_puts(&text, cases[i].open);
        for (depth = 0; depth < 5000; depth++)
            ec_buf_puts(&text, cases[i].close);
        ec_buf_puts(&text, cases[i].tail);
        analyse(&a, cases[i].lang, cases[i].path, text.ptr);
        assert_int_equal(a.file.imports.len, 1);
        assert_int_equal(def(&a, "f")->line, strcmp(cases[i].lang, "Go") == 0 ? 3 : 2);
        assert_int_equal(def(&a, "f")->complexity, cases[i].complexity);
        assert_int_equal(a.file.parse_errors, 0);
        release(&a);
    }

    ec_buf_reset(&text); /* 300 nested ifs: each one a decision */
    ec_buf_puts(&text, "def g():\n");
    for (depth = 1; depth <= 300; depth++)
        ec_buf_printf(&text, "%*sif a%d:\n", depth * 4, "", depth);
    ec_buf_printf(&text, "%*spass\n", 301 * 4, "");
    ec_buf_puts(&text, "import os\nname = '\xff\xfe\x80'\ndef h(:\n    pass\n");
    analyse(&a, "Python", "g.py", text.ptr);
    assert_int_equal(def(&a, "g")->complexity, 301);
    assert_int_equal(a.file.imports.len, 1);
    assert_string_equal(import_at(&a, 0)->spec, "os");
    assert_true(a.file.parse_errors > 0);
    release(&a);
    ec_buf_release(&text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(c_includes_functions_and_getenv),
        cmocka_unit_test(python_imports_all_and_environ),
        cmocka_unit_test(javascript_and_typescript_exports_and_process_env),
        cmocka_unit_test(go_java_and_rust),
        cmocka_unit_test(descriptions_skip_titles_art_and_shebangs),
        cmocka_unit_test(syntax_errors_are_counted_and_the_rest_kept),
        cmocka_unit_test(deep_nesting_and_invalid_utf8),
        cmocka_unit_test(a_broken_query_names_its_file_and_line),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
