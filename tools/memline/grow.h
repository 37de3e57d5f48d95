/*
** grow.h — room in a growable array (prefix grow_), for the commands that
** collect what they read: merge.c's functions, types and leaks,
** topcompare.c's items.
*/
#ifndef MEMLINE_GROW_H
#define MEMLINE_GROW_H

#include <stddef.h>

/* Room in *array (*capacity elements of `size` bytes) for at least `need`
** elements, doubling: 0, or -1 with the array unchanged. */
int grow_room(void **array, size_t *capacity, size_t need, size_t size);

#endif
