/*
 * arena.h - per-run memory freed with one call.
 *
 * Facts, graph and model of a run are allocated from an arena and all freed by
 * ec_arena_release(): no per-object free, no ownership puzzles inside the
 * model. Memory returned by the arena is borrowed from it and valid until the
 * arena is released.
 *
 * Built with EC_ARENA_DEBUG (the Debug and sanitizer builds), every allocation
 * is its own malloc() so ASan and valgrind still see each object's bounds.
 *
 * An arena is not thread-safe: worker threads use their own or none.
 */
#ifndef EC_UTIL_ARENA_H
#define EC_UTIL_ARENA_H

#include <stddef.h>

typedef struct ec_arena_chunk ec_arena_chunk;

typedef struct {
    ec_arena_chunk *head;
    size_t used;     /* bytes used in head */
    size_t capacity; /* bytes available in head */
} ec_arena;

#define EC_ARENA_INIT                                                                              \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

void ec_arena_init(ec_arena *a);

/* Free everything allocated from the arena; it is empty and reusable. */
void ec_arena_release(ec_arena *a);

/* size bytes aligned for any type, zero-filled. Never NULL. */
void *ec_arena_alloc(ec_arena *a, size_t size);

/* Copies of strings, owned by the arena. */
char *ec_arena_strdup(ec_arena *a, const char *s);
char *ec_arena_strndup(ec_arena *a, const char *s, size_t len);

/* A string formatted as printf does ("%s:%u" for evidence), owned by the
 * arena. */
char *ec_arena_printf(ec_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
