/*
 * buf.c - the capped, never-NULL string buffer (see buf.h).
 */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"

char ec_buf__empty[1];

void ec_buf_init(ec_buf *b, size_t cap)
{
    b->ptr = ec_buf__empty;
    b->len = 0;
    b->alloc = 0;
    b->cap = cap;
}

void ec_buf_release(ec_buf *b)
{
    if (b->alloc)
        free(b->ptr);
    ec_buf_init(b, b->cap);
}

void ec_buf_reset(ec_buf *b)
{
    ec_buf_truncate(b, 0);
}

int ec_buf_grow(ec_buf *b, size_t extra)
{
    size_t need, n;

    if (extra > (size_t)-1 / 2 - b->len || (b->cap && b->len + extra > b->cap))
        return ec_error_set(EC_ETOOBIG, "content exceeds %zu bytes", b->cap);
    need = b->len + extra + 1;
    if (need <= b->alloc)
        return 0;
    n = b->alloc ? b->alloc : 64;
    while (n < need)
        n *= 2;
    if (b->alloc) {
        b->ptr = ec_xrealloc(b->ptr, n);
    } else {
        b->ptr = ec_xmalloc(n);
        b->ptr[0] = '\0';
    }
    b->alloc = n;
    return 0;
}

int ec_buf_add(ec_buf *b, const void *data, size_t len)
{
    int err = ec_buf_grow(b, len);

    if (err)
        return err;
    memcpy(b->ptr + b->len, data, len);
    b->len += len;
    b->ptr[b->len] = '\0';
    return 0;
}

int ec_buf_puts(ec_buf *b, const char *s)
{
    return ec_buf_add(b, s, strlen(s));
}

int ec_buf_putc(ec_buf *b, char c)
{
    return ec_buf_add(b, &c, 1);
}

int ec_buf_vprintf(ec_buf *b, const char *fmt, va_list ap)
{
    va_list copy;
    int n, err;

    va_copy(copy, ap);
    n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return ec_error_set(EC_EINTERNAL, "invalid format '%s'", fmt);
    err = ec_buf_grow(b, (size_t)n);
    if (err)
        return err;
    vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return 0;
}

int ec_buf_printf(ec_buf *b, const char *fmt, ...)
{
    va_list ap;
    int err;

    va_start(ap, fmt);
    err = ec_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return err;
}

void ec_buf_truncate(ec_buf *b, size_t len)
{
    if (len > b->len)
        return;
    b->len = len;
    if (b->alloc)
        b->ptr[len] = '\0';
}

char *ec_buf_detach(ec_buf *b, size_t *len_out)
{
    char *p = b->alloc ? b->ptr : ec_xstrdup("");

    if (len_out)
        *len_out = b->len;
    ec_buf_init(b, b->cap);
    return p;
}
