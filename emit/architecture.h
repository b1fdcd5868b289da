/*
 * architecture.h - the architecture document (templates/architecture.md).
 *
 * Every figure in it is computed from the model; sections whose analysis has
 * not run say so in a marked note instead of guessing.
 */
#ifndef EC_EMIT_ARCHITECTURE_H
#define EC_EMIT_ARCHITECTURE_H

#include "graph/model.h"
#include "util/buf.h"

/* Append the document to out, from the template found in templates_dir. */
int ec_architecture_write(ec_buf *out, const ec_model *model, const char *templates_dir);

#endif
