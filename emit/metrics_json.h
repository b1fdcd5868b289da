/*
 * metrics_json.h - model.json's "metrics": what the file dependency graph
 * says (graph/deps.h).
 *
 *   "dependencies": {
 *     "files": files with an edge, "edges": edges (one per pair of files),
 *     "cycles": [{"files": [paths], "closing": [{"from", "to", "evidence"}]}],
 *     "central": [{"path", "rank", "fan_in", "fan_out"}]  (the 10 highest ranks)
 *   }
 *
 * Each file of "files" also carries its "fan_in", "fan_out" and "rank"
 * (ec_metrics_json_file). Ranks are reals written with 6 significant
 * digits (model_json.c dumps with JSON_REAL_PRECISION(6)), so the same
 * graph gives the same bytes. The caller owns the returned references.
 */
#ifndef EC_EMIT_METRICS_JSON_H
#define EC_EMIT_METRICS_JSON_H

#include <jansson.h>

#include "graph/model.h"

json_t *ec_metrics_json(const ec_model *m);

/* Add file i's fan-in, fan-out and rank to its object. */
void ec_metrics_json_file(json_t *file, const ec_model *m, size_t i);

#endif
