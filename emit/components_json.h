/*
 * components_json.h - model.json's "components" and the relations between
 * them (graph/components.h).
 *
 * Each component: "id", "name", "container", "path", "description",
 * "files" (paths), "evidence" (the directory or file it stands for, and the
 * file its description comes from), and, additive to the schema,
 * "interface": the exported definitions of its files, as
 * "path:line name", and "coupling": {"afferent", "efferent",
 * "instability"}. Its relations are "imports" relations with a weight
 * and the first crossing import or call as evidence, appended to the
 * model's relations by the caller. The caller owns the returned references.
 */
#ifndef EC_EMIT_COMPONENTS_JSON_H
#define EC_EMIT_COMPONENTS_JSON_H

#include <jansson.h>

#include "graph/model.h"

json_t *ec_components_json(const ec_model *m);

/* Append the relations between components to relations (an array). */
void ec_component_relations_json(json_t *relations, const ec_model *m);

#endif
