/*
 * source_text.h - turning source text into fact strings: string literals
 * without their quotes, comments without their markers, first sentences,
 * licence headers recognised.
 *
 * Pure functions; results are allocated in the arena given.
 */
#ifndef EC_ANALYZER_SOURCE_TEXT_H
#define EC_ANALYZER_SOURCE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

/* The content of a string literal as written: "x", 'x', """x""", `x`,
 * <x>, r"x", b'x', f"x"; escapes are left as they are. Text that is no
 * literal comes back unchanged. */
char *ec_text_unquote(ec_arena *arena, const char *s, size_t n);

/* True when a comment is a licence or copyright header. */
bool ec_text_is_license(const char *s, size_t n);

/* True when a comment's text is an instruction to a tool ("@ts-check",
 * "eslint-disable ...", "-*- coding: utf-8 -*-", "go:build ..."), not prose. */
bool ec_text_is_directive(const char *sentence);

/* The first sentence of a comment or docstring, markers (/ * # ! and
 * quotes) removed and white space collapsed; "" when it has no words. At most
 * 300 bytes, cut at a word. */
char *ec_text_first_sentence(ec_arena *arena, const char *s, size_t n);

#endif
