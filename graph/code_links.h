/*
 * code_links.h - relations between containers that the code shows: an
 * import, include or call from a file of one container to a file of
 * another (the command-line tool uses the library).
 *
 * One relation fact per pair of containers, kind "uses", no technology
 * (so it joins a relation a build file declares, such as "linking"),
 * whose evidence is the first crossing edge of the file dependency graph
 * ("path:line"). Files in no container take no part. Facts are made in the
 * facts' arena and added with ec_containers_relate.
 */
#ifndef EC_GRAPH_CODE_LINKS_H
#define EC_GRAPH_CODE_LINKS_H

#include "analyzer/facts.h"
#include "graph/containers.h"
#include "graph/deps.h"

/* container_of[i]: file i's container id or NULL (model.h). */
void ec_code_links_build(ec_container_model *cm, ec_facts *facts, const ec_dep_graph *deps,
                         const char *const *container_of);

#endif
