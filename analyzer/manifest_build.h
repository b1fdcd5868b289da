/*
 * manifest_build.h - what the readers of C and C++ build files (CMake,
 * make, automake) share: which files of the project a build file's names
 * stand for, and the technology a target's sources say.
 *
 * Build files name sources relative to their directory and often name
 * files that are generated at build time (a parser from a grammar, an
 * object from a source); only files the walk listed are assigned to a
 * container.
 */
#ifndef EC_ANALYZER_MANIFEST_BUILD_H
#define EC_ANALYZER_MANIFEST_BUILD_H

#include <stdbool.h>
#include <stddef.h>

#include "analyzer/manifest.h"

/* Whether path (root-relative) is a file of the project. When the facts
 * list no files at all (a manifest read on its own), every path is. */
bool ec_build_has_file(const ec_facts *facts, const char *path);

/* The source an object file is compiled from: obj with its extension
 * replaced by the first of .c, .cc, .cpp, .cxx, .S, .s that is a file of
 * the project; NULL when none is. In the facts' arena. */
const char *ec_build_object_source(ec_manifest *m, const char *obj);

/* Whether a path names a C++ or a C source or header by its extension. */
bool ec_build_is_cxx(const char *path);
bool ec_build_is_c(const char *path);

/* "C++" when most of the n files are C++, "C" when they are C, else
 * fallback. */
const char *ec_build_technology(const char *const *files, size_t n, const char *fallback);

#endif
