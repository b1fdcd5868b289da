/*
 * facts_fixture.h - reading manifests into facts and looking facts up by
 * name, for the analyzer tests. Lookups that must succeed fail the test
 * when nothing matches.
 */
#ifndef EC_TESTS_FACTS_FIXTURE_H
#define EC_TESTS_FACTS_FIXTURE_H

#include <stdbool.h>

#include "analyzer/facts.h"
#include "util/buf.h"

/* Read text as the manifest at path would be; false when no reader claims it. */
bool facts_read(ec_facts *f, const char *path, const char *text);

/* Add the walk's file list (NULL-terminated, in the walk's order). */
void facts_add_files(ec_facts *f, const char *const *paths);

/* Write dir/path on disk (fixture_text) and list it among f's files, with
 * its language, as the walk would. */
void facts_write(ec_facts *f, const char *dir, const char *path, const char *text);

const ec_container_fact *facts_container(const ec_facts *f, const char *name);
const ec_dependency_fact *facts_dependency(const ec_facts *f, const char *name);

/* The first relation from -> to, or NULL. */
const ec_relation_fact *facts_relation(const ec_facts *f, const char *from, const char *to);

/* Whether the first relation from -> to is a link ("uses" by "linking"). */
bool facts_links(const ec_facts *f, const char *from, const char *to);

/* A container's files joined by spaces, in out. */
const char *facts_files(const ec_container_fact *c, ec_buf *out);

#endif
