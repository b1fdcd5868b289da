/*
 * api_links.h - relations between containers through the APIs they serve
 * and call.
 *
 * For each gRPC service, the code that calls it (analyzer/grpc.h) links the
 * container holding the caller to every other container holding code that
 * implements it: a "calls" relation, technology "gRPC", whose evidence is
 * the call's path:line. A call within one container is no relation, and a
 * file in no container is left out. The relation facts are made in the
 * facts' arena and added to the container model (ec_containers_relate).
 */
#ifndef EC_GRAPH_API_LINKS_H
#define EC_GRAPH_API_LINKS_H

#include "analyzer/facts.h"
#include "graph/containers.h"

void ec_api_links_build(ec_container_model *cm, ec_facts *facts);

#endif
