/*
 * arena.c - bump allocation in chunks (see arena.h).
 *
 * Chunks form a singly linked list, newest first. A request larger than a
 * quarter of the chunk size gets a chunk of its own so that big objects do not
 * waste the tail of the current one.
 */
#include "arena.h"

#include <stdalign.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

#define CHUNK_SIZE ((size_t)64 * 1024)

struct ec_arena_chunk {
    ec_arena_chunk *next;
    alignas(max_align_t) unsigned char data[];
};

void ec_arena_init(ec_arena *a)
{
    a->head = NULL;
    a->used = 0;
    a->capacity = 0;
}

void ec_arena_release(ec_arena *a)
{
    ec_arena_chunk *c = a->head;

    while (c) {
        ec_arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    ec_arena_init(a);
}

/* A chunk of its own for one object, linked behind the head so that the
 * head's free tail stays in use. With no head yet it becomes a full head. */
static void *alloc_own_chunk(ec_arena *a, size_t size)
{
    ec_arena_chunk *c = ec_xcalloc(1, sizeof(*c) + size);

    if (a->head) {
        c->next = a->head->next;
        a->head->next = c;
    } else {
        a->head = c;
        a->used = a->capacity = size;
    }
    return c->data;
}

void *ec_arena_alloc(ec_arena *a, size_t size)
{
#ifdef EC_ARENA_DEBUG
    return alloc_own_chunk(a, size); /* every object its own malloc, for the sanitizers */
#else
    const size_t align = alignof(max_align_t);
    ec_arena_chunk *c;
    size_t start;

    size = size ? size : 1;
    start = (a->used + align - 1) & ~(align - 1);
    if (a->head && start + size <= a->capacity) {
        a->used = start + size;
        return a->head->data + start;
    }
    if (size > CHUNK_SIZE / 4)
        return alloc_own_chunk(a, size);
    c = ec_xcalloc(1, sizeof(*c) + CHUNK_SIZE);
    c->next = a->head;
    a->head = c;
    a->capacity = CHUNK_SIZE;
    a->used = size;
    return c->data;
#endif
}

char *ec_arena_strndup(ec_arena *a, const char *s, size_t len)
{
    char *p = ec_arena_alloc(a, len + 1);

    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *ec_arena_strdup(ec_arena *a, const char *s)
{
    return ec_arena_strndup(a, s, strlen(s));
}

char *ec_arena_printf(ec_arena *a, const char *fmt, ...)
{
    va_list ap, again;
    int n;
    char *out;

    va_start(ap, fmt);
    va_copy(again, ap);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    out = ec_arena_alloc(a, n > 0 ? (size_t)n + 1 : 1);
    if (n > 0)
        vsnprintf(out, (size_t)n + 1, fmt, again);
    va_end(again);
    return out;
}
