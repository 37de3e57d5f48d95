/*
** runtime/mapped.c — growable arrays in their own mappings (mapped.h).
*/
#define _GNU_SOURCE
#include "mapped.h"

#include <sys/mman.h>

void *mlm_map(size_t bytes)
{
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);

    return p == MAP_FAILED ? NULL : p;
}

int mlm_grow(void **array, size_t *capacity, size_t element, size_t initial)
{
    size_t n = *capacity ? 2 * *capacity : initial;
    void *p = *array ? mremap(*array, *capacity * element, n * element, MREMAP_MAYMOVE)
                     : mlm_map(n * element);

    if (p == MAP_FAILED || !p)
        return -1;
    *array = p;
    *capacity = n;
    return 0;
}

void mlm_release(void *array, size_t capacity, size_t element)
{
    if (array)
        munmap(array, capacity * element);
}
