/*
 * model.h - the model the documents are written from.
 *
 * Built once from the analyzers' facts and read-only afterwards: emitters
 * only read it. The model takes over the facts (their arena, arrays and
 * diagnostics) and sorts them, so every list it exposes is in a fixed order:
 * files and skipped paths by path (byte order), languages by code lines
 * (largest first, then name). ec_model_release() frees everything.
 */
#ifndef EC_GRAPH_MODEL_H
#define EC_GRAPH_MODEL_H

#include "analyzer/facts.h"
#include "graph/components.h"
#include "graph/containers.h"
#include "graph/deps.h"
#include "util/array.h"

typedef struct {
    const char *name;
    int kind; /* ec_lang_kind() */
    unsigned long files, lines, code, comment, blank;
} ec_language_total;

typedef struct {
    ec_facts facts;         /* owned */
    const char *root_label; /* "." or the root's path inside its work tree */
    EC_ARRAY(ec_language_total) languages;
    ec_line_counts total;      /* over files whose language is known */
    unsigned long total_files; /* files whose language is known */
    ec_container_model build;  /* containers, dependencies, relations */
    ec_dep_graph deps;         /* the file dependency graph (graph/deps.h) */
    const char **container_of; /* per file: its container's id (ec_containers_of_file), or NULL */
    ec_component_model components; /* inside each container (graph/components.h) */
} ec_model;

/* Take over *facts (it is left empty and must not be released) and derive
 * the model. root_label is copied. */
void ec_model_build(ec_model *out, ec_facts *facts, const char *root_label);

void ec_model_release(ec_model *model);

#endif
