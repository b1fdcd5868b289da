/*
 * containers.h - the containers, dependencies and declared relations of the
 * model, in a fixed order and with stable ids.
 *
 * The manifest readers name containers as their files do. Facts that
 * describe one deployable unit are merged into one container:
 *   - facts of one directory from different manifests (package.json, a
 *     Dockerfile and a compose service building that directory), except
 *     programs and libraries of two build files whose names disagree
 *     (a CMakeLists.txt and a Makefile building different things);
 *   - a service run from an image with a built container of the same name
 *     (two compose files for the same system), or whose image is named
 *     after a built container (springcommunity/spring-petclinic-vets-service
 *     runs the Maven module spring-petclinic-vets-service).
 * Of the merged facts, a declared name wins over one derived from a
 * directory; the kind is the most specific (database, cache, queue, then
 * service, frontend, executable, job, library); technologies are listed.
 *
 * Each container gets an id that is the same on every run of the same tree
 * (a slug of its name, made unique with its path), relations are resolved
 * from the names or paths they use to those ids, and the lists are sorted:
 * containers by path then name, dependencies by ecosystem, name and scope,
 * relations by ids. Relations between the same two containers are one, with
 * a weight, when their kinds and technologies agree: the same, or one of
 * them vague ("uses", no technology) and refined by the other (an address
 * variable and a gRPC client in the code: one "calls" relation over gRPC).
 * A relation naming no known container is left out and
 * said so in a diagnostic, except a link ("linking") to a name no
 * container has: that is a library of the system, recorded as a
 * dependency (ecosystem "system") of the manifest that links it.
 * External systems are merged by name; a relation may end at one.
 *
 * Strings live in the facts' arena.
 */
#ifndef EC_GRAPH_CONTAINERS_H
#define EC_GRAPH_CONTAINERS_H

#include "analyzer/facts.h"
#include "util/array.h"
#include "util/buf.h"

/* One deployable unit, merged from every manifest fact that describes it. */
typedef struct {
    const char *id;
    const char *name, *kind, *technology, *path, *image;
    EC_ARRAY(const ec_container_fact *) facts; /* what it was merged from */
    EC_ARRAY(const char *) files;              /* sources the manifests assign to it */
} ec_container;

/* A relation between two containers, with every declaration of it. */
typedef struct {
    const char *from, *to;                    /* container ids */
    const char *kind, *technology;            /* the facts' most specific */
    EC_ARRAY(const ec_relation_fact *) facts; /* at least one; its weight is their number */
} ec_relation;

/* An external system, with every fact that found it. */
typedef struct {
    const char *id; /* "ext-" and the name's slug */
    const char *name, *kind;
    EC_ARRAY(const ec_external_fact *) facts;
} ec_external;

typedef struct {
    EC_ARRAY(ec_container) containers;
    EC_ARRAY(ec_external) externals;
    EC_ARRAY(ec_relation) relations;
} ec_container_model;

/* Sort facts' build facts in place and derive ids and relations. */
void ec_containers_build(ec_container_model *out, ec_facts *facts);

/* The id of the container a root-relative file belongs to: one whose
 * manifests list the file, else the one built from the nearest directory
 * above it. When several are built from that directory, the one that lists
 * a file of the same stem (calc.h goes with calc.c); NULL when none or
 * more than one does, or when no container is built from a directory
 * above the file. */
const char *ec_containers_of_file(const ec_container_model *cm, const char *path);

/* Add a relation fact found elsewhere (in code) between two container ids,
 * merged with the relations declared as they are merged with each other;
 * the list stays sorted. f must outlive cm. */
void ec_containers_relate(ec_container_model *cm, const char *from, const char *to,
                          const ec_relation_fact *f);
void ec_containers_release(ec_container_model *cm);

/* Append s's slug to out: lower-case letters and digits, other runs of
 * characters as one '-', none at the ends. The ids are made of these. */
void ec_containers_slug(ec_buf *out, const char *s);

#endif
