/*
 * systems.h - well-known systems recognised in the build facts, from the
 * catalog (catalog/external-systems.tsv in the data directory).
 *
 * After the manifests are read:
 *   - a container run from a known image becomes what the image is (a
 *     PostgreSQL database, a Redis cache) with that as its technology;
 *   - a relation's URL scheme, or the catalog entry of the container it
 *     points at, gives its protocol ("SQL", "RESP", "AMQP");
 *   - a client library among the dependencies means the code talks to that
 *     system: to the container that runs it when the repository deploys
 *     one, else to an external system; the relation starts at the
 *     container built from the manifest's directory, when there is one.
 * Every conclusion keeps the evidence it came from.
 */
#ifndef EC_ANALYZER_SYSTEMS_H
#define EC_ANALYZER_SYSTEMS_H

#include "analyzer/facts.h"

/* Apply the catalog in data_dir to facts (a missing catalog is a
 * diagnostic; nothing is inferred then). */
void ec_systems_infer(ec_facts *facts, const char *data_dir);

#endif
