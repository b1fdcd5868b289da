/*
 * deps.h - the file dependency graph and what an architect reads from it:
 * cycles, fan-in and fan-out, and the files a newcomer should read first.
 *
 * Nodes are the model's files, by their index in facts->files (sorted by
 * path). An edge from A to B says that A depends on B: an internal import
 * (the resolver's or libclang's; an import of a package, whose target is a
 * directory, depends on each file right in it) or a call into a function B
 * defines
 * (ec_call_fact), each counted in the edge's weight, its evidence the first
 * such line of A. Self-edges (a file including itself) are
 * cycles of one file.
 *
 * Cycles are the strongly connected components (Tarjan's algorithm, run
 * without recursion) of more than one file, or of one file with a
 * self-edge, each with its closing edges: the back edges of the
 * depth-first search (to a file on its current path), so that removing
 * them leaves the component without a cycle. Centrality is PageRank over the edges
 * (damping 0.85, 50 rounds, a file without dependencies spreading its rank
 * evenly), which ranks highest the files much depended upon by files that
 * are themselves depended upon.
 *
 * Everything is a pure function of the facts: the same files and imports
 * give the same numbers, in the same order. The graph owns its arrays
 * (ec_deps_release) and holds no strings.
 */
#ifndef EC_GRAPH_DEPS_H
#define EC_GRAPH_DEPS_H

#include <stddef.h>

#include "analyzer/facts.h"
#include "util/array.h"

typedef struct {
    size_t from, to; /* file indexes */
    unsigned weight; /* imports plus calls */
    unsigned line;   /* evidence: the first of them, a line of the from file */
} ec_dep_edge;

typedef struct {
    EC_ARRAY(size_t) files;   /* sorted */
    EC_ARRAY(size_t) closing; /* indexes into the graph's edges */
} ec_dep_cycle;

typedef struct {
    size_t files;                  /* nodes: facts->files.len */
    EC_ARRAY(ec_dep_edge) edges;   /* sorted by from, then to; one per pair */
    unsigned *fan_in, *fan_out;    /* per file: distinct files depending on it, it depends on */
    double *rank;                  /* per file: PageRank, summing to 1 */
    EC_ARRAY(ec_dep_cycle) cycles; /* by their first file */
} ec_dep_graph;

/* Build the graph of facts' files (sorted by path, as ec_model_build
 * leaves them). */
void ec_deps_build(ec_dep_graph *out, const ec_facts *facts);
void ec_deps_release(ec_dep_graph *g);

/* The n most central files (highest rank; ties by path order), into
 * out[0..]; returns how many (fewer when there are fewer files with an
 * edge). */
size_t ec_deps_central(const ec_dep_graph *g, size_t *out, size_t n);

#endif
