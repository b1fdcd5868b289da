/*
 * model_json.h - the model written as model.json (schema etacodex-model/1).
 *
 * The schema is a contract (DESIGN.md): keys are only ever added within /1.
 * Every section of the schema is present; a section no analysis has filled
 * yet is an empty array or object, and "generator.analyses" lists the
 * analyses that did run, so a reader can tell "none found" from "not looked".
 * Output is deterministic: keys sorted, arrays in the model's order, no
 * wall-clock time, text repaired to valid UTF-8.
 */
#ifndef EC_EMIT_MODEL_JSON_H
#define EC_EMIT_MODEL_JSON_H

#include "graph/model.h"
#include "util/buf.h"

#define EC_MODEL_SCHEMA "etacodex-model/1"

/* Append the JSON text of model (ending with a newline) to out. */
int ec_model_json_write(ec_buf *out, const ec_model *model);

#endif
