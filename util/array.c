/*
 * array.c - growth policy of the typed array (see array.h).
 */
#include "array.h"

#include "alloc.h"

void ec_array__reserve(void **items, size_t *alloc, size_t need, size_t elem_size)
{
    size_t n;

    if (need <= *alloc)
        return;
    n = *alloc ? *alloc : 8;
    while (n < need)
        n *= 2; /* doubling keeps push amortised O(1) */
    *items = ec_xrealloc(*items, n * elem_size);
    *alloc = n;
}

int ec_array_compare_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;

    return x < y ? -1 : x > y;
}
