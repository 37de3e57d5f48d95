#include <memline.h>
#include <stdlib.h>
#include <config.h>
#include "store.h"

MEMLINE_PROFILE
struct store *store_fill(int n)
{
    struct store *s = malloc(sizeof *s);
    int i;

    s->n = n;
    s->slots = calloc((size_t)n, sizeof *s->slots);
    for (i = 0; i < n; i++)
        s->slots[i] = malloc(CHUNK);
    return s;
}

void store_free(struct store *s)
{
    int i;

    for (i = 0; i < s->n; i++)
        free(s->slots[i]);
    free(s->slots);
    free(s);
}
