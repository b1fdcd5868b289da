/*
 * containers.h - the containers, dependencies and declared relations of the
 * model, in a fixed order and with stable ids.
 *
 * The manifest readers name containers as their files do; here each gets
 * an id that is the same on every run of the same tree (a slug of its name,
 * made unique with its path), relations are resolved from names to those
 * ids, and the lists are sorted: containers by path then name, dependencies
 * by ecosystem, name and scope, relations by ids. A relation naming no
 * known container is left out and said so in a diagnostic.
 *
 * Strings live in the facts' arena.
 */
#ifndef EC_GRAPH_CONTAINERS_H
#define EC_GRAPH_CONTAINERS_H

#include "analyzer/facts.h"
#include "util/array.h"

typedef struct {
    const char *id;
    const ec_container_fact *fact;
} ec_container;

typedef struct {
    const char *from, *to; /* container ids */
    const ec_relation_fact *fact;
} ec_relation;

typedef struct {
    EC_ARRAY(ec_container) containers;
    EC_ARRAY(ec_relation) relations;
} ec_container_model;

/* Sort facts' build facts in place and derive ids and relations. */
void ec_containers_build(ec_container_model *out, ec_facts *facts);
void ec_containers_release(ec_container_model *cm);

#endif
