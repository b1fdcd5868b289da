/*
 * fuzz_cache_record.c - decoding cache records from arbitrary bytes.
 *
 * The cache database is a file anyone can change: a record must either be
 * refused or decode to facts that encode back to the very same bytes.
 */
#include <string.h>

#include "analyzer/cache_record.h"
#include "fuzz/fuzz.h"

static void encode(ec_buf *out, const ec_cache_record *rec)
{
    if (rec->skipped)
        ec_cache_record_encode_skip(out, rec->reason, rec->detail);
    else
        ec_cache_record_encode_file(out, &rec->file);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ec_cache_record rec;
    ec_buf once = EC_BUF_INIT, twice = EC_BUF_INIT;
    ec_arena arena;

    ec_arena_init(&arena);
    if (ec_cache_record_decode(data, size, &arena, &rec)) {
        /* Numbers may arrive spelt with redundant bytes, so the input itself
         * need not come back; what this encoder writes must. */
        encode(&once, &rec);
        ec_file_fact_release(&rec.file);
        FUZZ_CHECK(once.len <= size);
        FUZZ_CHECK(ec_cache_record_decode(once.ptr, once.len, &arena, &rec));
        encode(&twice, &rec);
        ec_file_fact_release(&rec.file);
        FUZZ_CHECK(twice.len == once.len && memcmp(twice.ptr, once.ptr, once.len) == 0);
    }
    ec_buf_release(&once);
    ec_buf_release(&twice);
    ec_arena_release(&arena);
    return 0;
}
