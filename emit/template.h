/*
 * template.h - documents are templates in templates/, filled by emitters.
 *
 * A template is Markdown with {{field}} slots. The emitter computes every
 * field's text (already escaped for Markdown) and the template decides where
 * it goes, so wording and order of a document can change without touching C.
 * A slot naming a field the emitter does not provide is an error naming the
 * template's file and line, never a silent blank.
 */
#ifndef EC_EMIT_TEMPLATE_H
#define EC_EMIT_TEMPLATE_H

#include <stddef.h>

#include "util/buf.h"

typedef struct {
    const char *name;
    const char *value;
} ec_template_field;

/* Read templates_dir/name into out (capped at 1 MiB). */
int ec_template_load(ec_buf *out, const char *templates_dir, const char *name);

/* Append text with each {{field}} replaced by its value. label names the
 * template in error messages. */
int ec_template_render(ec_buf *out, const char *label, const char *text,
                       const ec_template_field *fields, size_t count);

#endif
