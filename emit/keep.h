/*
 * keep.h - text people wrote into a generated document survives regeneration.
 *
 * In a generated Markdown file, lines between
 *
 *     <!-- etacodex:keep -->
 *     ...
 *     <!-- etacodex:end -->
 *
 * belong to people. When the document is generated again, every such block of
 * the file on disk is carried into the new text: into the n-th keep block
 * the template put in the same section (a section is known by its heading
 * line, and by which occurrence of that heading it is), else at the end of
 * that section, else - when the section is gone - under a "Kept notes"
 * heading at the end. Marker lines inside fenced code are text, not markers.
 *
 * Pure text in, text out: the caller reads and writes the files.
 */
#ifndef EC_EMIT_KEEP_H
#define EC_EMIT_KEEP_H

#include <stddef.h>

#include "util/buf.h"

#define EC_KEEP_OPEN  "<!-- etacodex:keep -->"
#define EC_KEEP_CLOSE "<!-- etacodex:end -->"

/* Carry the keep blocks of old (the file at old_path) into doc, in place.
 * EC_EINPUT, doc untouched, when old has an unterminated, nested or stray
 * marker ("path:line: ..."): regenerating then could lose text. */
int ec_keep_merge(ec_buf *doc, const char *old, size_t old_len, const char *old_path);

#endif
