/*
** runtime/mapped.h — growable arrays in their own mappings (prefix mlm_),
** for the live-heap tables whose size follows the program's heap (the
** owner table and pending lists of leaks.c, the lists of atpeak.c), which
** the arena (arena.h) would never give back.
*/
#ifndef MEMLINE_MAPPED_H
#define MEMLINE_MAPPED_H

#include <stddef.h>

/* bytes of zeroed private memory (no swap reserved), or NULL. */
void *mlm_map(size_t bytes);

/* Doubles *array of *capacity elements of `element` bytes (to `initial`
** when it has none) and keeps its contents; returns 0, or -1 with the
** array unchanged. */
int mlm_grow(void **array, size_t *capacity, size_t element, size_t initial);

/* Releases an array mlm_grow made. */
void mlm_release(void *array, size_t capacity, size_t element);

#endif
