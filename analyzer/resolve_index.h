/*
 * resolve_index.h - what the per-language resolvers share; internal to
 * analyzer/resolve*.c.
 *
 * resolve.c owns the resolver: an index over the whole file list (exact
 * paths, directories, files by base name for suffix lookups), the reading of
 * data lists and of the project's own build files, and the dispatcher that
 * hands each import to its language. Each resolve_<language>.c owns one
 * language's rules and whatever it reads once per run (go.mod files,
 * package.json workspaces, include directories), behind the table of
 * callbacks below, so a new language is a new file and a row in resolve.c.
 *
 * Invariants: facts->files is sorted by path and does not change while a
 * resolver lives; strings the helpers return live in facts' arena (or are
 * the facts' own paths) unless said otherwise.
 */
#ifndef EC_ANALYZER_RESOLVE_INDEX_H
#define EC_ANALYZER_RESOLVE_INDEX_H

#include <stdbool.h>
#include <stddef.h>

#include "analyzer/facts.h"
#include "util/array.h"
#include "util/buf.h"

typedef EC_ARRAY(const char *) ec_str_array;

typedef struct {
    ec_facts *facts;
    const char *root;     /* the project root on disk, for build files */
    const char *data_dir; /* holds stdlib/ */
    ec_str_array dirs;    /* every directory holding a file, sorted */
    ec_str_array skipped; /* paths left out of the analysis (images, ...), sorted */
    size_t *by_base;      /* file indices sorted by base name */
    EC_ARRAY(char *) owned;
    ec_buf scratch;       /* the result of ec_resolver_join */
    const char *file_dir; /* the directory of the file whose imports are resolved */
} ec_resolver;

/* One language's resolver. prepare reads what the language needs once (NULL
 * state is fine); resolve decides one import; finish runs after every import
 * of every file is resolved (passes that need all files' facts); release
 * frees the state. Any callback but resolve may be NULL. */
typedef struct {
    void *(*prepare)(ec_resolver *r);
    void (*resolve)(ec_resolver *r, void *state, const ec_file_fact *file, ec_import_fact *im);
    void (*finish)(ec_resolver *r, void *state);
    void (*release)(void *state);
} ec_resolve_language;

extern const ec_resolve_language ec_resolve_c, ec_resolve_python, ec_resolve_js, ec_resolve_go,
    ec_resolve_java, ec_resolve_rust;

/* strcmp over pointers to strings, for sorting ec_str_array. */
int ec_resolver_compare_str(const void *a, const void *b);

/* Sort a and drop duplicates. */
void ec_resolver_sort_unique(ec_str_array *a);

/* True when s is in the sorted array a. */
bool ec_resolver_in_sorted(const ec_str_array *a, const char *s);

/* Append the lines of data_dir/name to out, sorted; blank lines and '#'
 * comments are left out. A missing list is a diagnostic saying what counts
 * as external instead. The strings live as long as the resolver. */
void ec_resolver_load_list(ec_resolver *r, const char *name, ec_str_array *out);

/* Read the project file path (root-relative) into out (reset first);
 * 0 on success. out's cap bounds what is read. */
int ec_resolver_read(ec_resolver *r, const char *path, ec_buf *out);

/* The analysed file at path, or NULL. Borrowed from facts. */
const ec_file_fact *ec_resolver_fact(const ec_resolver *r, const char *path);

/* path when it is a project file (analysed, or left out like an image),
 * else NULL. The returned string is the facts' own. */
const char *ec_resolver_file(const ec_resolver *r, const char *path);

/* True when some project file lies under path. */
bool ec_resolver_is_dir(const ec_resolver *r, const char *path);

/* The file whose path is suffix or ends with "/suffix", nearest to near
 * (longest common prefix) when several do; NULL when none. */
const char *ec_resolver_find_suffix(const ec_resolver *r, const char *suffix, const char *near);

/* Whether a file found by suffix will do: root_len is the length of the
 * part of path before the suffix (its "root", with a trailing '/'). */
typedef bool (*ec_resolver_accept_fn)(const ec_resolver *r, const char *path, size_t root_len,
                                      void *payload);

/* ec_resolver_find_suffix among the files accept takes (NULL: all). */
const char *ec_resolver_find_suffix_if(const ec_resolver *r, const char *suffix, const char *near,
                                       ec_resolver_accept_fn accept, void *payload);

/* The first of base + suffixes[i] (NULL-terminated) that is a project file. */
const char *ec_resolver_first_file(ec_resolver *r, const char *base, const char *const *suffixes);

/* dir/rel normalised into r->scratch; false when it leaves the root. */
bool ec_resolver_join(ec_resolver *r, const char *dir, const char *rel);

/* The directory part of path ("" at the root), in the arena. */
char *ec_resolver_dir_of(ec_resolver *r, const char *path);

/* Decide im: kind and target (copied into the arena unless it is im->spec). */
void ec_resolver_set(ec_resolver *r, ec_import_fact *im, ec_import_kind kind, const char *target);

#endif
