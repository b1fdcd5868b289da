/*
 * cache_record.h - one file's scan outcome as bytes, and back.
 *
 * What the scan learns from a file's path and content — that it is left out
 * (binary, generated) and why, or its language, line counts and source facts
 * — is a pure function of the two, so it can be stored under the content's
 * blob id and reused (cache.h). This module owns only the byte format: a
 * version byte, then fields as LEB128 numbers and length-prefixed strings.
 *
 * Decoding never trusts its input: a truncated or foreign record is refused
 * (the caller then analyses the file again). Decoded strings live in the
 * arena passed in; arrays are heap-allocated and freed with
 * ec_file_fact_release().
 */
#ifndef EC_ANALYZER_CACHE_RECORD_H
#define EC_ANALYZER_CACHE_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include "analyzer/facts.h"
#include "util/arena.h"
#include "util/buf.h"

typedef struct {
    bool skipped;
    ec_skip_reason reason; /* when skipped */
    const char *detail;    /* when skipped: the evidence, may be "" */
    ec_file_fact file;     /* when not skipped; path and blob are not stored */
} ec_cache_record;

/* Append the record of an analysed file (everything but path and blob). */
void ec_cache_record_encode_file(ec_buf *out, const ec_file_fact *file);

/* Append the record of a file left out for what its content shows. */
void ec_cache_record_encode_skip(ec_buf *out, ec_skip_reason reason, const char *detail);

/* Fill rec from data; false when the bytes are not a whole record of this
 * format (nothing is left allocated then). */
bool ec_cache_record_decode(const void *data, size_t len, ec_arena *arena, ec_cache_record *rec);

#endif
