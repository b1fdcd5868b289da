/*
 * test_keep.c - people's text between keep markers survives regeneration.
 */
#include "tests/cmocka_all.h"

#include <string.h>

#include "emit/keep.h"
#include "util/error.h"

/* Merge old into a copy of doc; returns the error, result in out. */
static int merge(const char *doc, const char *old, ec_buf *out)
{
    ec_buf_init(out, 0);
    ec_buf_puts(out, doc);
    return ec_keep_merge(out, old, strlen(old), "docs/architecture.md");
}

static const char template_doc[] = "# P\n"
                                   "\n"
                                   "## Risks\n"
                                   "\n"
                                   "Measured: none.\n"
                                   "\n"
                                   "<!-- etacodex:keep -->\n"
                                   "_To be written._\n"
                                   "<!-- etacodex:end -->\n"
                                   "\n"
                                   "## Files\n"
                                   "\n"
                                   "12 files.\n";

static void a_slot_takes_the_old_text(void **state)
{
    const char *old = "# P\n\n## Risks\n\nMeasured: none.\n\n<!-- etacodex:keep -->\n"
                      "The billing cron must run before midnight.\n\nSee ops/cron.md.\n"
                      "<!-- etacodex:end -->\n\n## Files\n\n11 files.\n";
    ec_buf out;

    (void)state;
    assert_int_equal(merge(template_doc, old, &out), 0);
    assert_non_null(strstr(out.ptr, "<!-- etacodex:keep -->\nThe billing cron must run before "
                                    "midnight.\n\nSee ops/cron.md.\n<!-- etacodex:end -->\n"));
    assert_null(strstr(out.ptr, "_To be written._"));
    assert_non_null(strstr(out.ptr, "12 files.")); /* the rest is the new document */
    ec_buf_release(&out);
}

static void blocks_people_added_stay_in_their_section_and_regenerate_identically(void **state)
{
    const char *old = "# P\n\n## Risks\n\nold text\n\n<!-- etacodex:keep -->\nslot\n"
                      "<!-- etacodex:end -->\n\n<!-- etacodex:keep -->\nextra risk\n"
                      "<!-- etacodex:end -->\n\n## Files\n\n<!-- etacodex:keep -->\n"
                      "```sh\n# a comment, not a heading\n<!-- etacodex:end -->\n```\n"
                      "<!-- etacodex:end -->\n";
    ec_buf once, twice;
    const char *extra, *files;

    (void)state;
    assert_int_equal(merge(template_doc, old, &once), 0);
    extra = strstr(once.ptr, "extra risk\n");
    files = strstr(once.ptr, "## Files");
    assert_non_null(extra);
    assert_non_null(files);
    assert_true(extra < files); /* end of its own section */
    assert_non_null(strstr(files, "<!-- etacodex:keep -->\n```sh\n# a comment, not a heading\n"
                                  "<!-- etacodex:end -->\n```\n<!-- etacodex:end -->\n"));
    /* a second regeneration over the first result changes nothing */
    assert_int_equal(merge(template_doc, once.ptr, &twice), 0);
    assert_string_equal(once.ptr, twice.ptr);
    ec_buf_release(&once);
    ec_buf_release(&twice);
}

static void a_block_whose_section_is_gone_is_kept_at_the_end(void **state)
{
    const char *old = "# P\n\n## Old section\n\n<!-- etacodex:keep -->\nstill needed\n"
                      "<!-- etacodex:end -->\n";
    ec_buf out;
    const char *kept;

    (void)state;
    assert_int_equal(merge(template_doc, old, &out), 0);
    kept = strstr(out.ptr, "## Kept notes\n\n<!-- etacodex:keep -->\nstill needed\n");
    assert_non_null(kept);
    assert_true(kept > strstr(out.ptr, "12 files."));
    assert_non_null(strstr(out.ptr, "_To be written._")); /* its slot was not this one */
    ec_buf_release(&out);
}

/* A template (--templates is the user's) that ends inside fenced code must
 * not turn kept text into code that the next run no longer sees. */
static void a_document_ending_in_open_code_still_keeps_blocks(void **state)
{
    const char *doc = "# P\n\n## Risks\n\n```sh\nmake\n";
    const char *old = "# P\n\n## Risks\n\n<!-- etacodex:keep -->\nours\n<!-- etacodex:end -->\n";
    ec_buf once, twice;

    (void)state;
    assert_int_equal(merge(doc, old, &once), 0);
    assert_non_null(strstr(once.ptr, "make\n```\n\n<!-- etacodex:keep -->\nours\n"));
    assert_int_equal(merge(doc, once.ptr, &twice), 0);
    assert_string_equal(twice.ptr, once.ptr);
    ec_buf_release(&once);
    ec_buf_release(&twice);
}

static void broken_markers_stop_the_write_with_file_and_line(void **state)
{
    ec_buf out;

    (void)state;
    assert_int_equal(merge(template_doc, "# P\n\n<!-- etacodex:keep -->\nnotes\n", &out),
                     EC_EINPUT);
    assert_non_null(
        strstr(ec_error_last(), "docs/architecture.md:3: etacodex:keep without etacodex:end"));
    assert_string_equal(out.ptr, template_doc); /* untouched */
    ec_buf_release(&out);
    assert_int_equal(merge(template_doc, "x\n<!-- etacodex:end -->\n", &out), EC_EINPUT);
    assert_non_null(strstr(ec_error_last(), ":2: etacodex:end without etacodex:keep"));
    ec_buf_release(&out);
    assert_int_equal(merge(template_doc,
                           "<!-- etacodex:keep -->\n<!-- etacodex:keep -->\n"
                           "<!-- etacodex:end -->\n",
                           &out),
                     EC_EINPUT);
    assert_non_null(strstr(ec_error_last(), ":2: etacodex:keep inside another keep block"));
    ec_buf_release(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_slot_takes_the_old_text),
        cmocka_unit_test(blocks_people_added_stay_in_their_section_and_regenerate_identically),
        cmocka_unit_test(a_block_whose_section_is_gone_is_kept_at_the_end),
        cmocka_unit_test(a_document_ending_in_open_code_still_keeps_blocks),
        cmocka_unit_test(broken_markers_stop_the_write_with_file_and_line),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
