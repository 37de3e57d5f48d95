/*
** strv.c — growable NULL-terminated string vectors (see strv.h).
*/
#include "strv.h"

#include <stdlib.h>

#include "xmem.h"

void strv_push(struct strv *sv, const char *s)
{
    if (sv->n + 2 > sv->cap) {
        sv->cap = sv->cap ? 2 * sv->cap : 16;
        sv->v = xrealloc(sv->v, sv->cap * sizeof *sv->v);
    }
    sv->v[sv->n++] = s;
    sv->v[sv->n] = NULL;
}

void strv_push_all(struct strv *sv, const char *const *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        strv_push(sv, s[i]);
}

void strv_free(struct strv *sv)
{
    free(sv->v);
    sv->v = NULL;
    sv->n = sv->cap = 0;
}
