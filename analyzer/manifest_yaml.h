/*
 * manifest_yaml.h - YAML manifests (compose files, Kubernetes manifests, CI
 * workflows) read with libfyaml, safely.
 *
 * Aliases are never expanded (a few lines of anchors can otherwise stand
 * for billions of nodes) and nesting deeper than EC_YAML_MAX_DEPTH is
 * refused before the document is built. A parse error is one diagnostic
 * naming path:line; documents before it in the stream are still read.
 *
 * Nodes and the strings they return belong to the document and live only
 * during the callback; copy what must outlast it (the ec_manifest_*
 * helpers copy).
 */
#ifndef EC_ANALYZER_MANIFEST_YAML_H
#define EC_ANALYZER_MANIFEST_YAML_H

#include <libfyaml.h>
#include <stdbool.h>

#include "analyzer/manifest.h"

#define EC_YAML_MAX_DEPTH 64

/* Called for each document of the stream with its root (never NULL). */
typedef void (*ec_yaml_document_fn)(ec_manifest *m, struct fy_node *root, void *ctx);

/* Read every document of m's text; false when the stream was refused or
 * broke off (a diagnostic says where). */
bool ec_yaml_each_document(ec_manifest *m, ec_yaml_document_fn fn, void *ctx);

/* The value under key in a mapping (NULL when absent, or map not a mapping). */
struct fy_node *ec_yaml_get(struct fy_node *map, const char *key);

/* A scalar's text, NUL-terminated; NULL for anything else (aliases too). */
const char *ec_yaml_scalar(struct fy_node *node);

/* Shorthand: the scalar under key, or NULL. */
const char *ec_yaml_text(struct fy_node *map, const char *key);

/* The 1-based line where node starts; 0 when unknown. */
unsigned ec_yaml_line(struct fy_node *node);

#endif
