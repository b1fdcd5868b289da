/*
 * markdown.h - putting repository text into Markdown safely.
 *
 * Names come from the repository and may hold anything: Markdown syntax,
 * HTML, pipes that would break a table, newlines, invalid UTF-8. Every piece
 * of repository text that reaches a Markdown document goes through one of
 * these, so a hostile file name renders as text and nothing else.
 */
#ifndef EC_EMIT_MARKDOWN_H
#define EC_EMIT_MARKDOWN_H

#include "util/buf.h"

/* Append s as plain inline text: Markdown and HTML specials backslash-escaped,
 * line breaks as spaces, invalid UTF-8 repaired. Safe inside table cells. */
int ec_md_text(ec_buf *out, const char *s);

/* Append s as an inline code span (file paths, commands), with a fence long
 * enough for any backticks inside; safe inside table cells. */
int ec_md_code(ec_buf *out, const char *s);

#endif
