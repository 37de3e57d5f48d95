/*
** grow.c — growable arrays (see grow.h).
*/
#include "grow.h"

#include <stdlib.h>

int grow_room(void **array, size_t *capacity, size_t need, size_t size)
{
    size_t more = *capacity ? *capacity : 16;
    void *grown;

    if (need <= *capacity)
        return 0;
    while (more < need)
        more *= 2;
    if (!(grown = realloc(*array, more * size)))
        return -1;
    *array = grown;
    *capacity = more;
    return 0;
}
