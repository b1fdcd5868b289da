/*
 * test_grammars.c - every vendored tree-sitter grammar loads into the
 * vendored runtime and parses real code.
 *
 * The runtime and the grammars are pinned separately (third_party/versions.lock),
 * so a bump can pair a grammar with a runtime that refuses its ABI; that shows
 * up here as ts_parser_set_language() failing, long before an analyzer
 * silently finds nothing. Each case parses a small snippet with an import and
 * a definition and looks for both node kinds among the root's children, which
 * also catches a grammar wired to the wrong entry point.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <tree_sitter/api.h>

#include "ec_grammars.h"

struct grammar_case {
    const char *name;
    const TSLanguage *(*language)(void);
    const char *source;
    const char *root_type;
    const char *import_type;     /* a child of the root */
    const char *definition_type; /* a child of the root */
};

static struct grammar_case c_case = {
    "c",
    tree_sitter_c,
    "#include <stdio.h>\n"
    "\n"
    "static int add(int a, int b)\n"
    "{\n"
    "    return a + b;\n"
    "}\n",
    "translation_unit",
    "preproc_include",
    "function_definition",
};

static struct grammar_case cpp_case = {
    "cpp",
    tree_sitter_cpp,
    "#include <vector>\n"
    "\n"
    "int sum(const std::vector<int> &xs)\n"
    "{\n"
    "    int total{};\n"
    "    for (const auto &x : xs)\n"
    "        total += x;\n"
    "    return total;\n"
    "}\n",
    "translation_unit",
    "preproc_include",
    "function_definition",
};

static struct grammar_case python_case = {
    "python",
    tree_sitter_python,
    "import os\n"
    "\n"
    "\n"
    "def home(user):\n"
    "    if user:\n"
    "        return os.path.join('/home', user)\n"
    "    return None\n",
    "module",
    "import_statement",
    "function_definition",
};

static struct grammar_case javascript_case = {
    "javascript",
    tree_sitter_javascript,
    "import { readFile } from 'node:fs';\n"
    "\n"
    "function load(path) {\n"
    "  return readFile(path, 'utf8');\n"
    "}\n",
    "program",
    "import_statement",
    "function_declaration",
};

static struct grammar_case typescript_case = {
    "typescript",
    tree_sitter_typescript,
    "import { join } from 'path';\n"
    "\n"
    "interface User { name: string }\n"
    "\n"
    "function home(user: User): string {\n"
    "  return join('/home', user.name);\n"
    "}\n",
    "program",
    "import_statement",
    "function_declaration",
};

static struct grammar_case tsx_case = {
    "tsx",
    tree_sitter_tsx,
    "import React from 'react';\n"
    "\n"
    "function Greeting(props: { name: string }) {\n"
    "  return <div className=\"greeting\">Hello, {props.name}</div>;\n"
    "}\n",
    "program",
    "import_statement",
    "function_declaration",
};

static struct grammar_case go_case = {
    "go",
    tree_sitter_go,
    "package main\n"
    "\n"
    "import \"fmt\"\n"
    "\n"
    "func main() {\n"
    "\tfmt.Println(\"hello\")\n"
    "}\n",
    "source_file",
    "import_declaration",
    "function_declaration",
};

static struct grammar_case java_case = {
    "java",
    tree_sitter_java,
    "package org.example;\n"
    "\n"
    "import java.util.List;\n"
    "\n"
    "public class Greeter {\n"
    "    public String greet(List<String> names) {\n"
    "        return \"hello \" + String.join(\", \", names);\n"
    "    }\n"
    "}\n",
    "program",
    "import_declaration",
    "class_declaration",
};

static struct grammar_case rust_case = {
    "rust",
    tree_sitter_rust,
    "use std::collections::HashMap;\n"
    "\n"
    "fn count(words: &[&str]) -> HashMap<String, usize> {\n"
    "    let mut m = HashMap::new();\n"
    "    for w in words {\n"
    "        *m.entry(w.to_string()).or_insert(0) += 1;\n"
    "    }\n"
    "    m\n"
    "}\n",
    "source_file",
    "use_declaration",
    "function_item",
};

/* TOML has no imports or definitions: a top-level pair and a table stand in. */
static struct grammar_case toml_case = {
    "toml",
    tree_sitter_toml,
    "name = \"demo\"\n"
    "\n"
    "[dependencies]\n"
    "serde = { version = \"1\", features = [\"derive\"] }\n",
    "document",
    "pair",
    "table",
};

static bool root_has_child_of_type(TSNode root, const char *type)
{
    uint32_t n = ts_node_named_child_count(root);

    for (uint32_t i = 0; i < n; i++) {
        if (strcmp(ts_node_type(ts_node_named_child(root, i)), type) == 0)
            return true;
    }
    return false;
}

static void test_grammar(void **state)
{
    const struct grammar_case *gc = *state;
    const TSLanguage *language = gc->language();
    TSParser *parser = ts_parser_new();
    TSTree *tree;
    TSNode root;
    uint32_t abi;

    assert_non_null(language);
    assert_non_null(parser);

    abi = ts_language_abi_version(language);
    print_message("%s: grammar ABI %u, runtime accepts %d..%d\n", gc->name, abi,
                  TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION, TREE_SITTER_LANGUAGE_VERSION);
    assert_in_range(abi, TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION, TREE_SITTER_LANGUAGE_VERSION);
    assert_true(ts_parser_set_language(parser, language));

    tree = ts_parser_parse_string(parser, NULL, gc->source, (uint32_t)strlen(gc->source));
    assert_non_null(tree);
    root = ts_tree_root_node(tree);

    assert_string_equal(ts_node_type(root), gc->root_type);
    if (ts_node_has_error(root) || !root_has_child_of_type(root, gc->import_type) ||
        !root_has_child_of_type(root, gc->definition_type)) {
        char *sexp = ts_node_string(root);

        print_error("%s: expected an error-free '%s' with '%s' and '%s' children, got:\n%s\n",
                    gc->name, gc->root_type, gc->import_type, gc->definition_type, sexp);
        free(sexp);
        fail();
    }

    ts_tree_delete(tree);
    ts_parser_delete(parser);
}

/* Broken input still yields a tree, with the damage marked. */
static void test_syntax_error_is_reported(void **state)
{
    static const char source[] = "int main(void)\n{\n    return (1 + ;\n}\n";
    TSParser *parser = ts_parser_new();
    TSTree *tree;

    (void)state;
    assert_true(ts_parser_set_language(parser, tree_sitter_c()));
    tree = ts_parser_parse_string(parser, NULL, source, sizeof(source) - 1);
    assert_non_null(tree);
    assert_true(ts_node_has_error(ts_tree_root_node(tree)));

    ts_tree_delete(tree);
    ts_parser_delete(parser);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        {"grammar c", test_grammar, NULL, NULL, &c_case},
        {"grammar cpp", test_grammar, NULL, NULL, &cpp_case},
        {"grammar python", test_grammar, NULL, NULL, &python_case},
        {"grammar javascript", test_grammar, NULL, NULL, &javascript_case},
        {"grammar typescript", test_grammar, NULL, NULL, &typescript_case},
        {"grammar tsx", test_grammar, NULL, NULL, &tsx_case},
        {"grammar go", test_grammar, NULL, NULL, &go_case},
        {"grammar java", test_grammar, NULL, NULL, &java_case},
        {"grammar rust", test_grammar, NULL, NULL, &rust_case},
        {"grammar toml", test_grammar, NULL, NULL, &toml_case},
        cmocka_unit_test(test_syntax_error_is_reported),
    };

    return cmocka_run_group_tests_name("third_party.grammars", tests, NULL, NULL);
}
