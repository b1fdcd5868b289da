/*
 * cache.h - the incremental cache: each file's scan outcome, kept in SQLite
 * under its path and blob id, so an unchanged file is neither read nor
 * parsed again.
 *
 * The database is <dir>/cache.db (default dir: <root>/.etacodex). Records
 * are valid for one analyzer: the tool's version, the record format and
 * digests of the program and of the query files; when that key changes, the
 * old records are dropped. A database that cannot be opened or is damaged is rebuilt, and a
 * directory that cannot be written means a run without the cache; each says
 * so in one diagnostic, neither stops the run.
 *
 * Lifecycle, all on one thread except ec_cache_find():
 *   ec_cache_open()   loads every record into memory
 *   ec_cache_find()   lookups, safe from many threads at once as long as
 *                     each path is looked up by one thread
 *   ec_cache_put()    queue a new record (copied)
 *   ec_cache_commit() write the queued records in one transaction
 *   ec_cache_close()  free everything
 */
#ifndef EC_ANALYZER_CACHE_H
#define EC_ANALYZER_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

typedef struct ec_cache ec_cache;

typedef struct {
    const void *data;
    size_t len;
} ec_cache_blob;

/* Open (creating dir and the database when missing) the cache for the
 * analyzer identified by analyzer_key. read_only: create, change and write
 * nothing; records of another analyzer are just not used. Returns NULL,
 * with a diagnostic, when the cache cannot be used at all (and without one
 * when a read-only cache does not exist). */
ec_cache *ec_cache_open(const char *dir, const char *analyzer_key, bool read_only,
                        ec_diag_sink *diags);

/* The record stored for path at blob; false when there is none. */
bool ec_cache_find(const ec_cache *cache, const char *path, const char *blob, ec_cache_blob *out);

/* Queue the record of path at blob for the next commit. */
void ec_cache_put(ec_cache *cache, const char *path, const char *blob, const void *data,
                  size_t len);

/* Write queued records in one transaction (nothing when read-only). Records neither found nor put
 * in this run (other branches, deleted files) are dropped once they outnumber the current ones. A
 * failure is a diagnostic: the next run re-analyses. */
void ec_cache_commit(ec_cache *cache, ec_diag_sink *diags);

/* Records found and queued since the cache was opened. */
size_t ec_cache_hits(const ec_cache *cache);
size_t ec_cache_misses(const ec_cache *cache);

void ec_cache_close(ec_cache *cache);

/* The analyzer key for the query files in queries_dir: the tool's version,
 * the record format, a digest of the running program and one of every *.scm
 * file's content. */
void ec_cache_analyzer_key(char *out, size_t size, const char *queries_dir);

#endif
