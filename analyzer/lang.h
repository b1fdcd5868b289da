/*
 * lang.h - which language a file is written in, and its comment syntax.
 *
 * One static table row per language (lang.c): display name, kind, file
 * extensions, exact file names, shebang interpreters and comment syntax.
 * Adding a language is adding a row. Rows are static: never freed.
 *
 * Detection order: exact file name (Makefile, Dockerfile, CMakeLists.txt),
 * then name patterns (Dockerfile.prod), then extension, then the shebang of
 * an extension-less file ("#!/usr/bin/env -S python3 -u").
 */
#ifndef EC_ANALYZER_LANG_H
#define EC_ANALYZER_LANG_H

#include <stdbool.h>
#include <stddef.h>

enum {
    EC_LANG_PROGRAMMING,
    EC_LANG_MARKUP,
    EC_LANG_DATA,
    EC_LANG_BUILD, /* build and deployment files: CMake, Makefile, Dockerfile */
    EC_LANG_PROSE
};

typedef struct ec_lang {
    const char *name;
    int kind;
    const char *const *extensions; /* without the dot, NULL-terminated */
    const char *const *filenames;  /* exact base names, NULL-terminated */
    const char *const *interpreters;
    const char *const *line_comments;     /* e.g. "//", "#" */
    const char *block_open, *block_close; /* NULL when none */
    bool nested_blocks;                   /* Rust, Haskell, Swift, OCaml */
    const char *quotes;                   /* string delimiters, e.g. "\"'" */
    bool docstrings;                      /* Python: a lone string statement is a comment */
} ec_lang;

/* path: repository-relative; head: the file's first bytes (may be NULL).
 * NULL when the language is not known. */
const ec_lang *ec_lang_detect(const char *path, const char *head, size_t head_len);

const char *ec_lang_name(const ec_lang *lang);
int ec_lang_kind(const ec_lang *lang);

/* By display name; NULL when unknown. */
const ec_lang *ec_lang_find(const char *name);

#endif
