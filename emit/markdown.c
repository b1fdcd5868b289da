/*
 * markdown.c - escaping for Markdown (see markdown.h).
 *
 * GitHub-flavoured tables split cells on '|' even inside code spans, and
 * take "\|" as a literal pipe there (the table is split before inline
 * parsing), so code spans escape pipes that way: right in the table cells
 * where paths are shown, a stray backslash at worst elsewhere.
 */
#include "emit/markdown.h"

#include <string.h>

#include "util/utf8.h"

static int clean(ec_buf *out, const char *s)
{
    return ec_utf8_sanitize(out, s, strlen(s));
}

int ec_md_text(ec_buf *out, const char *s)
{
    ec_buf fixed = EC_BUF_INIT;
    const char *p;
    int err = clean(&fixed, s);

    for (p = fixed.ptr; !err && *p; p++) {
        if (*p == '\n' || *p == '\r' || *p == '\t')
            err = ec_buf_putc(out, ' ');
        else if (strchr("\\`*_[]<>#|~&", *p))
            err = ec_buf_printf(out, "\\%c", *p);
        else
            err = ec_buf_putc(out, *p);
    }
    ec_buf_release(&fixed);
    return err;
}

int ec_md_code(ec_buf *out, const char *s)
{
    ec_buf fixed = EC_BUF_INIT;
    size_t run = 0, longest = 0, fence, i;
    const char *p;
    int err = clean(&fixed, s);

    for (p = fixed.ptr; *p; p++) {
        run = *p == '`' ? run + 1 : 0;
        if (run > longest)
            longest = run;
    }
    fence = longest + 1;
    for (i = 0; i < fence; i++)
        ec_buf_putc(out, '`');
    if (longest || fixed.ptr[0] == ' ')
        ec_buf_putc(out, ' ');
    for (p = fixed.ptr; !err && *p; p++) {
        if (*p == '\n' || *p == '\r' || *p == '\t')
            err = ec_buf_putc(out, ' ');
        else if (*p == '|')
            err = ec_buf_puts(out, "\\|");
        else
            err = ec_buf_putc(out, *p);
    }
    if (longest || (fixed.len && fixed.ptr[fixed.len - 1] == ' '))
        ec_buf_putc(out, ' ');
    for (i = 0; i < fence; i++)
        ec_buf_putc(out, '`');
    ec_buf_release(&fixed);
    return err;
}
