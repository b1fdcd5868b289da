/*
 * source_links.h - programs built from a library's own sources.
 *
 * A build may compile a library's files straight into a program instead of
 * linking the library (zstd's programs/Makefile compiles the files of lib/ into zstd):
 * the program uses the library all the same. For every container other
 * than a library that shares a source file with a library container of the
 * project, a "uses" relation with technology "source", whose evidence is
 * the build line of the program. Two libraries that share files (a static
 * and a shared build) are no relation. Facts live in the facts' arena.
 */
#ifndef EC_GRAPH_SOURCE_LINKS_H
#define EC_GRAPH_SOURCE_LINKS_H

#include "analyzer/facts.h"
#include "graph/containers.h"

void ec_source_links_build(ec_container_model *cm, ec_facts *facts);

#endif
