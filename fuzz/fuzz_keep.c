/*
 * fuzz_keep.c - keep-block merging with an arbitrary document on disk.
 *
 * The input is split at its first NUL byte into the old document (as a
 * person may have edited it) and the new one. The merge must either refuse
 * with an error and leave the new document untouched, or succeed; and when
 * the new document is a usable template (see well_formed), merging the
 * output again must change nothing.
 */
#include <stdbool.h>
#include <string.h>

#include "emit/keep.h"
#include "fuzz/fuzz.h"

/* A usable template: text without NUL bytes whose markers pair up and
 * which regenerates over itself unchanged (its own slots are in their own
 * places), as every template etacodex ships does (tests/emit/test_keep.c). */
static bool well_formed(const ec_buf *doc)
{
    ec_buf self = EC_BUF_INIT;
    bool ok = memchr(doc->ptr, '\0', doc->len) == NULL;

    ec_buf_add(&self, doc->ptr, doc->len);
    ok = ok && ec_keep_merge(&self, doc->ptr, doc->len, "new.md") == 0 && self.len == doc->len &&
         memcmp(self.ptr, doc->ptr, doc->len) == 0;
    ec_buf_release(&self);
    return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *old = (const char *)data;
    const char *nul = memchr(data, '\0', size);
    size_t old_len = nul ? (size_t)(nul - old) : size;
    ec_buf doc = EC_BUF_INIT, before = EC_BUF_INIT, twice = EC_BUF_INIT;

    if (nul)
        ec_buf_add(&doc, nul + 1, size - old_len - 1);
    ec_buf_add(&before, doc.ptr, doc.len);
    if (ec_keep_merge(&doc, old, old_len, "old.md") != 0) {
        FUZZ_CHECK(doc.len == before.len && memcmp(doc.ptr, before.ptr, doc.len) == 0);
    } else if (well_formed(&before)) {
        ec_buf_add(&twice, before.ptr, before.len);
        FUZZ_CHECK(ec_keep_merge(&twice, doc.ptr, doc.len, "merged.md") == 0);
        FUZZ_CHECK(twice.len == doc.len && memcmp(twice.ptr, doc.ptr, doc.len) == 0);
    }
    ec_buf_release(&doc);
    ec_buf_release(&before);
    ec_buf_release(&twice);
    return 0;
}
