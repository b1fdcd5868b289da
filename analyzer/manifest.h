/*
 * manifest.h - build and deployment files read into facts: what the
 * repository builds and runs (containers), what it depends on, and the
 * relations its manifests declare.
 *
 * ec_manifests_read() goes over the files the walk listed and hands each one
 * a reader claims (by its name, see the table in manifest.c) to that reader,
 * with its text read once and capped. A reader is a small module
 * (manifest_<format>.c) that only turns text into facts through the
 * ec_manifest_* helpers below; it never opens files itself, never runs
 * anything, and reports malformed input as one diagnostic naming
 * path:line, keeping what it read before the error.
 *
 * Strings passed to the helpers are copied into the facts' arena.
 */
#ifndef EC_ANALYZER_MANIFEST_H
#define EC_ANALYZER_MANIFEST_H

#include <stdarg.h>
#include <stddef.h>

#include "analyzer/facts.h"
#include "util/buf.h"

/* Manifests bigger than this are not read (a generated lock file can be
 * tens of megabytes; what a reader needs is never that large). */
#define EC_MANIFEST_MAX_SIZE ((size_t)4 * 1024 * 1024)

/* One manifest being read. */
typedef struct {
    ec_facts *facts;
    const char *root; /* the project root, absolute */
    const char *path; /* the manifest, root-relative */
    const char *dir;  /* its directory, root-relative, "." at the root */
    const char *text; /* its content, NUL-terminated */
    size_t len;
} ec_manifest;

typedef void (*ec_manifest_reader)(ec_manifest *m);

/* Read every manifest among facts->files. */
void ec_manifests_read(ec_facts *facts, const char *root);

/* Read one manifest's text as the reader for its name would; false when no
 * reader claims path. For tests and for reading files of other revisions. */
bool ec_manifest_read_text(ec_facts *facts, const char *path, const char *text, size_t len);

/* Evidence strings, in the facts' arena: "manifest:<path>#<key>" and
 * "<path>:<line>". */
const char *ec_manifest_key(ec_manifest *m, const char *key);
const char *ec_manifest_line(ec_manifest *m, unsigned line);

/* Record facts; evidence comes from the two functions above. The returned
 * container may receive files (ec_manifest_container_file) until the next
 * container is added. */
ec_container_fact *ec_manifest_container(ec_manifest *m, const char *name, const char *kind,
                                         const char *technology, const char *path,
                                         const char *evidence);
void ec_manifest_container_file(ec_manifest *m, ec_container_fact *c, const char *path);
void ec_manifest_dependency(ec_manifest *m, const char *name, const char *version,
                            const char *ecosystem, const char *scope, const char *evidence);
void ec_manifest_relation(ec_manifest *m, const char *from, const char *to, const char *kind,
                          const char *technology, const char *evidence);

void ec_manifest_operation(ec_manifest *m, const char *kind, const char *name, const char *detail,
                           const char *evidence);
void ec_manifest_owner(ec_manifest *m, const char *pattern, const char *owners,
                       const char *evidence);

/* A diagnostic about this manifest at line (0: the whole file). */
void ec_manifest_error(ec_manifest *m, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Read another file of the project that a manifest includes (a requirements
 * file's "-r base.txt") into out (initialised here, released by the caller),
 * capped at EC_MANIFEST_MAX_SIZE. Only a
 * file the walk listed is read (nothing outside the project, no symlink);
 * when the manifest's text came without a project root
 * (ec_manifest_read_text), nothing is. 0 or a negative EC_E* code with the
 * message set. */
int ec_manifest_read_file(ec_manifest *m, const char *path, ec_buf *out);

/* The path of the first http(s) URL in text ("curl -f http://localhost:8080/healthz"
 * gives "/healthz", a URL without one "/"), in the arena; NULL when there is
 * no such URL. For health checks written as commands. */
const char *ec_manifest_url_path(ec_manifest *m, const char *text);

/* The name a directory (root-relative, "." for the root) gives what is
 * built in it: its base name, or, for a name that only says where code
 * goes (src, app, server, docker, ...), the nearest directory above with a
 * name of its own; the project root's name at the top. In the arena. */
const char *ec_manifest_dir_name(ec_manifest *m, const char *dir);

/* Path helpers for readers: dir joined with a relative path and normalised,
 * in the arena; NULL when it leaves the project. */
const char *ec_manifest_join(ec_manifest *m, const char *dir, const char *rel);

#endif
