/*
 * grpc.h - which code implements and which calls the gRPC services the
 * .proto files declare.
 *
 * The stubs protoc generates give each service the same few names in every
 * language: Go's RegisterCatalogServer and NewCatalogClient, Python's
 * add_CatalogServicer_to_server and CatalogStub, Java's CatalogImplBase and
 * CatalogGrpc.newStub, ... The table catalog/grpc-stubs.tsv in the data
 * directory lists them; every source file of a listed language is searched
 * for them, for each service the repository declares (nothing is read when
 * it declares none). Each file that shows one becomes a use of the API
 * (ec_api_use: file, first line, implements or calls), which graph/ turns
 * into relations between the containers that hold the files. A service
 * several .proto files declare (a copy in each service's directory) is
 * searched once; its first declaration carries the uses.
 *
 * A text search, not a parse: a name in a comment counts as well. The code
 * generated from the .proto itself is not searched (the walk leaves
 * generated files out), and a match on a line that defines the name (func,
 * def, class, ...) does not count.
 */
#ifndef EC_ANALYZER_GRPC_H
#define EC_ANALYZER_GRPC_H

#include "analyzer/facts.h"

/* Fill the uses of facts' gRPC APIs from the files under root. A missing
 * table is a diagnostic. */
void ec_grpc_find_uses(ec_facts *facts, const char *root, const char *data_dir);

#endif
