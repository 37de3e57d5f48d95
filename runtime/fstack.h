/*
** runtime/fstack.h — each thread's stack of profiled frames (prefix
** mlfs_): where the struct memline_frame that memline_enter returns lives.
**
** The frames are slots of fixed-size chunks of runtime memory (arena.h),
** linked in stack order; a chunk, once made, stays with its stack (and
** with the pooled thread state after the thread exits), so a frame's
** address never moves while it is in use and a push allocates only when
** the stack grows deeper than ever before.
**
** Frames leave the stack by mlfs_pop (memline_exit: the frame and every
** frame above it, which a longjmp out of a callee abandoned) and by the
** rule of mlfs_push (frames a longjmp left that are provably dead, see
** frames.c). A frame popped by either is never read again by the runtime.
**
** Signal handlers may run profiled code on the thread at any point,
** including inside mlfs_push and mlfs_pop: every step leaves the stack
** usable by a handler that pushes and pops in between (fstack.c).
*/
#ifndef MEMLINE_FSTACK_H
#define MEMLINE_FSTACK_H

#include <memline/probe.h>

#include <stddef.h>
#include <stdint.h>

#define MLFS_CHUNK_SLOTS 256

struct mlfs_chunk;

/* One frame. `frame` comes first: a struct memline_frame * that
** mlfs_push returned converts back with mlfs_slot_of. */
struct mlfs_slot {
    struct memline_frame frame;
    uintptr_t entry;          /* memline_enter's frame address when pushed */
    uintptr_t caller;         /* and its return address */
    size_t leak_base;         /* leaks.c: length of its pending list */
    struct mlfs_chunk *chunk; /* set once, when the chunk is made */
    unsigned long depth;      /* 1 for the bottom slot; set once */
};

struct mlfs_chunk {
    struct mlfs_stack *stack;
    struct mlfs_chunk *prev, *next;
    struct mlfs_slot slots[MLFS_CHUNK_SLOTS];
};

enum mlfs_bounds { MLFS_BOUNDS_UNKNOWN, MLFS_BOUNDS_ASKING, MLFS_BOUNDS_KNOWN };

struct mlfs_stack {
    struct mlfs_slot *top;               /* innermost frame, NULL when empty */
    void (*abandon)(struct mlfs_slot *); /* told of each frame popped as dead */
    struct mlfs_chunk *first;            /* bottom chunk, NULL until the first push */
    uintptr_t entering;                  /* `here` of an mlfs_push in progress, or 0 */
    uintptr_t low, high;                 /* the thread's stack: [low, high); 0, 0 if unknown */
    enum mlfs_bounds bounds;
};

static inline struct mlfs_slot *mlfs_slot_of(struct memline_frame *f)
{
    return (struct mlfs_slot *)(void *)f;
}

/* Asks the thread's stack bounds (pthread_getattr_np) unless known. The
** caller is the stack's thread; pthread_getattr_np allocates and frees
** through malloc, so callers do this before taking their marks. */
void mlfs_learn_bounds(struct mlfs_stack *st);

/* Nothing here is shared with other threads, only with signal handlers. */
#define mlfs_fence() __atomic_signal_fence(__ATOMIC_SEQ_CST)

static inline int mlfs_on_stack(const struct mlfs_stack *st, uintptr_t a)
{
    return st->bounds == MLFS_BOUNDS_KNOWN && a >= st->low && a < st->high;
}

/* The slot under s, or NULL. */
static inline struct mlfs_slot *mlfs_below(const struct mlfs_slot *s)
{
    const struct mlfs_chunk *c = s->chunk;

    if (s != &c->slots[0])
        return (struct mlfs_slot *)s - 1;
    return c->prev ? &c->prev->slots[MLFS_CHUNK_SLOTS - 1] : NULL;
}

/* The first slot of the chunk above top's (NULL top: of the bottom
** chunk), made if needed; NULL when out of memory. */
struct mlfs_slot *mlfs_above_slow(struct mlfs_stack *st, struct mlfs_slot *top);

/* Whether top is dead for an entry at (here, caller), on its stack. */
static inline int mlfs_dead(const struct mlfs_stack *st, const struct mlfs_slot *top,
                            uintptr_t here, uintptr_t caller)
{
    /* The usual top, the caller's frame, lies above `here`: one test. */
    return (top->entry < here || (top->entry == here && top->caller == caller)) &&
           mlfs_on_stack(st, top->entry);
}

/* The first frame at or under top that is not dead for an entry at (here,
** caller), each dead one told to st->abandon: out of line, so that the
** common push makes no call. */
struct mlfs_slot *mlfs_pop_dead(struct mlfs_stack *st, struct mlfs_slot *top, uintptr_t here,
                                uintptr_t caller);

/* Pops the provably dead frames off the top, then pushes a frame entered
** by a memline_enter whose own frame address is `here` and return address
** `caller`. Returns the new top, whose `frame` holds whatever a previous
** use left; NULL when out of memory (the stack is unchanged). */
static inline struct mlfs_slot *mlfs_push(struct mlfs_stack *st, uintptr_t here, uintptr_t caller)
{
    uintptr_t saved = st->entering, restore = saved;
    struct mlfs_slot *top, *s;

    st->entering = here;
    mlfs_fence();
    if (mlfs_on_stack(st, here) && !(saved && mlfs_on_stack(st, saved) && saved > here)) {
        restore = 0;
        top = st->top;
        if (top && mlfs_dead(st, top, here, caller))
            top = mlfs_pop_dead(st, top, here, caller);
        st->top = top;
    }
    top = st->top;
    if (top ? top != &top->chunk->slots[MLFS_CHUNK_SLOTS - 1] : st->first != NULL)
        s = top ? top + 1 : &st->first->slots[0];
    else
        s = mlfs_above_slow(st, top);
    if (s) {
        mlfs_fence();
        st->top = s;
        mlfs_fence();
        s->entry = here;
        s->caller = caller;
    }
    mlfs_fence();
    st->entering = restore;
    return s;
}

/* Pops s and every frame above it; nothing when s is not on its stack
** (already popped). */
static inline void mlfs_pop(struct mlfs_slot *s)
{
    struct mlfs_stack *st = s->chunk->stack;
    struct mlfs_slot *top = st->top;

    if (top && s->depth <= top->depth)
        st->top = mlfs_below(s);
}

/* Drops every frame and forgets the bounds (the chunks are kept for the
** next thread that gets this stack). */
void mlfs_reset(struct mlfs_stack *st);

#endif
