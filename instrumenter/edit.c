/*
** edit.c — edit list applied in one pass; see edit.h.
*/
#define _GNU_SOURCE
#include "edit.h"

#include <stdlib.h>
#include <string.h>

void mle_replace(struct mle_list *l, size_t off, size_t del, const char *text)
{
    struct mle_edit *e;
    char *copy;

    if (l->failed)
        return;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        struct mle_edit *v = realloc(l->v, cap * sizeof *v);
        if (!v) {
            l->failed = 1;
            return;
        }
        l->v = v;
        l->cap = cap;
    }
    copy = strdup(text);
    if (!copy) {
        l->failed = 1;
        return;
    }
    e = &l->v[l->n];
    e->off = off;
    e->del = del;
    e->seq = l->n;
    e->text = copy;
    l->n++;
}

void mle_insert(struct mle_list *l, size_t off, const char *text)
{
    mle_replace(l, off, 0, text);
}

static int by_position(const void *a, const void *b)
{
    const struct mle_edit *x = a, *y = b;

    if (x->off != y->off)
        return x->off < y->off ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int mle_apply(struct mle_list *l, const char *s, size_t n, struct mlb *b)
{
    size_t i, pos = 0;

    if (l->n > 0)
        qsort(l->v, l->n, sizeof *l->v, by_position);
    for (i = 0; i < l->n; i++) {
        const struct mle_edit *e = &l->v[i];
        if (e->off < pos || e->off + e->del > n)
            return -1;
        mlb_append(b, s + pos, e->off - pos);
        mlb_puts(b, e->text);
        pos = e->off + e->del;
    }
    mlb_append(b, s + pos, n - pos);
    return 0;
}

void mle_truncate(struct mle_list *l, size_t n)
{
    while (l->n > n)
        free(l->v[--l->n].text);
}

void mle_free(struct mle_list *l)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        free(l->v[i].text);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
    l->failed = 0;
}
