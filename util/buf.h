/*
 * buf.h - the one string buffer.
 *
 * Invariants (as git's strbuf): ptr is never NULL and always NUL-terminated,
 * len is the length of the content without that NUL. A fresh buffer points at
 * a shared empty string and allocates on the first write.
 *
 * A buffer may carry a cap: writes that would make len exceed it fail with
 * EC_ETOOBIG and leave the content unchanged. Buffers holding content that
 * comes from a repository (files, manifests) are capped, so a hostile input
 * can never make the tool allocate without bound. cap 0 means no cap.
 *
 * The buffer owns ptr until ec_buf_detach() hands it to the caller.
 */
#ifndef EC_UTIL_BUF_H
#define EC_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct {
    char *ptr;
    size_t len;
    size_t alloc; /* 0 while ptr is the shared empty string */
    size_t cap;   /* maximum len, 0 for none */
} ec_buf;

extern char ec_buf__empty[];
#define EC_BUF_INIT                                                                                \
    {                                                                                              \
        ec_buf__empty, 0, 0, 0                                                                     \
    }

/* Initialise an empty buffer holding at most cap bytes (0: unbounded). */
void ec_buf_init(ec_buf *b, size_t cap);

/* Free the content; the buffer is empty and reusable, its cap kept. */
void ec_buf_release(ec_buf *b);

/* Empty the content without freeing it. */
void ec_buf_reset(ec_buf *b);

/* Make room for extra more bytes. EC_ETOOBIG past the cap. */
int ec_buf_grow(ec_buf *b, size_t extra);

int ec_buf_add(ec_buf *b, const void *data, size_t len);
int ec_buf_puts(ec_buf *b, const char *s);
int ec_buf_putc(ec_buf *b, char c);
int ec_buf_printf(ec_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int ec_buf_vprintf(ec_buf *b, const char *fmt, va_list ap);

/* Shorten to len bytes (len <= b->len). */
void ec_buf_truncate(ec_buf *b, size_t len);

/* Hand the content over: the caller owns the returned string (free()); the
 * buffer is left empty. *len_out, when not NULL, receives the length. */
char *ec_buf_detach(ec_buf *b, size_t *len_out);

#endif
