/*
 * clang_record.h - what libclang made of one file, and its form in the cache.
 *
 * A unit is one file's outcome: the facts analyzer/clang.c swaps into the
 * file, the USRs that link calls across files, and every file the parse
 * opened (its dependencies) with the size and modification time it had.
 * A cached unit is reused only while each dependency still has them, as
 * make decides what to rebuild; the file's own content and its command are
 * in the cache key.
 *
 * A unit owns its arrays (ec_clang_unit_release); its strings belong to
 * the arena they were made in or decoded into.
 */
#ifndef EC_ANALYZER_CLANG_RECORD_H
#define EC_ANALYZER_CLANG_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyzer/facts.h"
#include "util/buf.h"

typedef struct {
    const char *path; /* as libclang opened it: absolute */
    uint64_t size;
    int64_t mtime_s;
    uint32_t mtime_ns;
} ec_clang_dep;

typedef struct {
    unsigned outcome; /* analyzer/clang.c's outcome code */
    EC_ARRAY(ec_import_fact) imports;
    EC_ARRAY(ec_definition_fact) definitions;
    EC_ARRAY(ec_call_fact) calls;     /* targets as the file alone knows them */
    EC_ARRAY(const char *) def_usrs;  /* parallel to definitions: a function's USR, else NULL */
    EC_ARRAY(const char *) call_usrs; /* parallel to calls: the callee's USR */
    EC_ARRAY(unsigned) bad_lines;     /* lines of the file with an error from the parser */
    EC_ARRAY(ec_clang_dep) deps;
} ec_clang_unit;

void ec_clang_unit_release(ec_clang_unit *u);

/* The dependency's size and time as the file system has them now; false
 * when it cannot be stat()ed. */
bool ec_clang_dep_stat(ec_clang_dep *dep);

/* True when every dependency still has its recorded size and time. */
bool ec_clang_unit_fresh(const ec_clang_unit *u);

/* Append the unit's record to out. */
void ec_clang_record_encode(ec_buf *out, const ec_clang_unit *u);

/* Read a record into out (released first); strings go to arena. False,
 * with out empty, when the record is not one this version wrote. */
bool ec_clang_record_decode(const void *data, size_t len, ec_arena *arena, ec_clang_unit *out);

#endif
