/*
 * architecture_build.h - the architecture document's sections on what the
 * repository builds and runs (containers and how they talk) and what it
 * depends on (packages and external systems), from the model's build facts.
 *
 * Each function appends Markdown for one template field; tables are capped
 * for readability and say where the full list is (model.json).
 */
#ifndef EC_EMIT_ARCHITECTURE_BUILD_H
#define EC_EMIT_ARCHITECTURE_BUILD_H

#include "graph/model.h"
#include "util/buf.h"

void ec_arch_containers(ec_buf *b, const ec_model *m);
void ec_arch_dependencies(ec_buf *b, const ec_model *m);

#endif
