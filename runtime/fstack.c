/*
** runtime/fstack.c — the per-thread frame stack (see fstack.h): the
** stack bounds, and chunks. The rule that pops dead frames at entry is
** documented in frames.c's header; push and pop are inline in fstack.h.
**
** Signal handlers: a handler that interrupts the thread anywhere pushes
** its frames above the current top and pops back to it, so every step
** publishes `top` with a single store, and a push writes the slot's
** `entry` and `caller` only after it published `top` (a handler
** interrupting earlier reuses the same slot, which the interrupted push
** then overwrites). While
** a push is in progress `entering` holds its `here`: a push in a handler
** that finds it set, on its own stack and above its own `here`, skips the
** rule (the interrupted push's slot may not have its `entry` yet). A value
** left by a handler that jumped out of a push is recognised as dead the
** same way as frames are, and cleared.
*/
#define _GNU_SOURCE
#include "fstack.h"
#include "arena.h"

#include <pthread.h>

void mlfs_learn_bounds(struct mlfs_stack *st)
{
    pthread_attr_t attr;
    void *addr;
    size_t size;

    if (st->bounds != MLFS_BOUNDS_UNKNOWN)
        return;
    st->bounds = MLFS_BOUNDS_ASKING;
    mlfs_fence();
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        if (pthread_attr_getstack(&attr, &addr, &size) == 0) {
            st->low = (uintptr_t)addr;
            st->high = (uintptr_t)addr + size;
        }
        pthread_attr_destroy(&attr);
    }
    mlfs_fence();
    st->bounds = MLFS_BOUNDS_KNOWN;
}

static struct mlfs_chunk *mlfs_new_chunk(struct mlfs_stack *st, struct mlfs_chunk *prev)
{
    struct mlfs_chunk **link = prev ? &prev->next : &st->first;
    struct mlfs_chunk *c = mla_alloc(sizeof *c);
    unsigned long base = prev ? prev->slots[MLFS_CHUNK_SLOTS - 1].depth : 0;
    unsigned i;

    if (!c)
        return NULL;
    c->stack = st;
    c->prev = prev;
    for (i = 0; i < MLFS_CHUNK_SLOTS; i++) {
        c->slots[i].chunk = c;
        c->slots[i].depth = base + i + 1;
    }
    /* A handler may have linked one meanwhile: keep it (this one is lost). */
    if (*link)
        return *link;
    mlfs_fence();
    *link = c;
    return c;
}

struct mlfs_slot *mlfs_above_slow(struct mlfs_stack *st, struct mlfs_slot *top)
{
    struct mlfs_chunk *c = top ? top->chunk->next : st->first;

    if (!c && !(c = mlfs_new_chunk(st, top ? top->chunk : NULL)))
        return NULL;
    return &c->slots[0];
}

struct mlfs_slot *mlfs_pop_dead(struct mlfs_stack *st, struct mlfs_slot *top, uintptr_t here,
                                uintptr_t caller)
{
    while (top && mlfs_dead(st, top, here, caller)) {
        if (st->abandon)
            st->abandon(top);
        top = mlfs_below(top);
    }
    return top;
}

void mlfs_reset(struct mlfs_stack *st)
{
    st->top = NULL;
    st->entering = 0;
    st->low = st->high = 0;
    st->bounds = MLFS_BOUNDS_UNKNOWN;
}
