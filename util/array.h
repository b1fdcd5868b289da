/*
 * array.h - the one typed growable array.
 *
 *     typedef EC_ARRAY(int) int_array;
 *     int_array a = EC_ARRAY_INIT;
 *     ec_array_push(&a, 42);
 *     ec_array_release(&a);
 *
 * Invariants: items is NULL exactly when alloc is 0; len <= alloc. The array
 * owns items; elements are copied in by value (an array of pointers does not
 * own what they point to unless its owner says so).
 *
 * Each macro evaluates its array argument exactly once (it is captured through
 * __typeof__), so `ec_array_push(&v[i++], x)` is safe.
 */
#ifndef EC_UTIL_ARRAY_H
#define EC_UTIL_ARRAY_H

#include <stddef.h>
#include <stdlib.h>

#define EC_ARRAY(T)                                                                                \
    struct {                                                                                       \
        T *items;                                                                                  \
        size_t len;                                                                                \
        size_t alloc;                                                                              \
    }

#define EC_ARRAY_INIT                                                                              \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

/* Make room for at least `need` elements in total; aborts when out of memory. */
void ec_array__reserve(void **items, size_t *alloc, size_t need, size_t elem_size);

/* Reserve room for `need` elements in total. */
#define ec_array_reserve(arr, need)                                                                \
    do {                                                                                           \
        __typeof__(arr) ec__arr = (arr);                                                           \
        ec_array__reserve((void **)&ec__arr->items, &ec__arr->alloc, (need),                       \
                          sizeof(*ec__arr->items));                                                \
    } while (0)

/* Append one element (copied by value). */
#define ec_array_push(arr, value)                                                                  \
    do {                                                                                           \
        __typeof__(arr) ec__arr = (arr);                                                           \
        ec_array__reserve((void **)&ec__arr->items, &ec__arr->alloc, ec__arr->len + 1,             \
                          sizeof(*ec__arr->items));                                                \
        ec__arr->items[ec__arr->len++] = (value);                                                  \
    } while (0)

/* Sort with qsort(3) and a comparator over element pointers. */
#define ec_array_sort(arr, cmp)                                                                    \
    do {                                                                                           \
        __typeof__(arr) ec__arr = (arr);                                                           \
        if (ec__arr->len > 1)                                                                      \
            qsort(ec__arr->items, ec__arr->len, sizeof(*ec__arr->items), (cmp));                   \
    } while (0)

/* Free the storage and leave the array empty and reusable. */
#define ec_array_release(arr)                                                                      \
    do {                                                                                           \
        __typeof__(arr) ec__arr = (arr);                                                           \
        free(ec__arr->items);                                                                      \
        ec__arr->items = NULL;                                                                     \
        ec__arr->len = ec__arr->alloc = 0;                                                         \
    } while (0)

/* qsort's comparison for an array of size_t (indexes), ascending. */
int ec_array_compare_size(const void *a, const void *b);

#endif
