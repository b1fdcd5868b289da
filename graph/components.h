/*
 * components.h - the components inside each container, from its directory
 * structure refined by dependency cohesion.
 *
 * The algorithm, for the source files of one container (files of a
 * programming language that the model places in it):
 *   1. The directory all of them share is the container's code root
 *      (src/requests/, src/main/java/com/acme/shop/).
 *   2. Each directory right under the root is a group of all the files
 *      below it; the files right in the root form a group per module, the
 *      files of one stem (calc.c and calc.h; models.py).
 *   3. While there are fewer than EC_COMPONENTS_MIN groups, or the largest
 *      directory group holds more than half of the code (files outside
 *      tests/, docs/, examples/ and the like), that group is split the
 *      same way, one level down (when it splits into two or more). A directory that holds only one
 * directory is gone through (src/ holding only src/requests/).
 *   4. While there are more than EC_COMPONENTS_MAX groups, the smallest
 *      group (fewest files; the last in path order on a tie) is merged into
 *      the group its files have the most dependency edges with, either way;
 *      one with no edges to any group goes into the smallest other group.
 * A group's name is its directory, or its module's file name without
 * extension, relative to the root; a module that others were merged into
 * is named after its most central file (highest PageRank); "(root)" for a container whose files all
 * sit in one place it does not name. Its description is the first sentence its main file gives
 * (__init__.py, index.*, doc.go, mod.rs, lib.rs, package-info.java, a file named after the
 * directory), else the first any of its own files gives, in path order (not one of a group merged
 * into it). Its interface is the exported definitions of its files. Relations between components
 * are the file dependency edges that cross them, summed.
 *
 * Ids are "<container id>/<slug of the name>": the same tree gives the same
 * ids. The result owns its arrays (ec_components_release); strings live in
 * the facts' arena.
 */
#ifndef EC_GRAPH_COMPONENTS_H
#define EC_GRAPH_COMPONENTS_H

#include "analyzer/facts.h"
#include "graph/containers.h"
#include "graph/deps.h"

#define EC_COMPONENTS_MIN 4
#define EC_COMPONENTS_MAX 15

typedef EC_ARRAY(size_t) ec_index_array;

typedef struct {
    const char *id, *name, *container, *path; /* a directory, or a module: its path without
                                                 extension; root-relative */
    const char *description;                  /* "" when none of its files has one */
    const char *description_from;             /* the file it comes from, "" when none */
    ec_index_array files;                     /* indexes into facts->files, in path order */
    unsigned afferent, efferent; /* components of its container that depend on it, it on */
    double instability;          /* efferent / (afferent + efferent); 0 when both are 0 */
} ec_component;

typedef struct {
    size_t from, to; /* component indexes */
    unsigned weight; /* file edges that cross */
    size_t edge;     /* the first of them (index into the graph's edges): its evidence */
} ec_component_relation;

typedef struct {
    EC_ARRAY(ec_component) components; /* by container, then path */
    EC_ARRAY(ec_component_relation) relations;
    size_t *of_file; /* per file: its component's index, or SIZE_MAX */
} ec_component_model;

/* container_of[i]: the id of file i's container or NULL (model.h). */
void ec_components_build(ec_component_model *out, ec_facts *facts, const ec_dep_graph *deps,
                         const char *const *container_of);
void ec_components_release(ec_component_model *cm);

#endif
