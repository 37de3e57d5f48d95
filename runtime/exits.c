/*
** runtime/exits.c — a profiled function's exit (memline_exit and
** memline_probe_exit of include/memline/probe.h; frames.h, whose frames
** frames.c makes): what happened since the frame's last probe goes to the
** closing line, the caller's line gets back the high-water mark the frame
** took at entry (as max(at entry, highest seen inside)), and the frame is
** popped with every frame above it, which a longjmp out of a callee
** abandoned (mlp_pop_above). The common case, a lean runtime with nothing
** to charge and the frame on top, is a few loads and two stores, without a
** call; everything else is the slow exit's, which follows a start or stop
** of tracing first.
*/
#include "frames.h"
#include "charge.h"
#include "export.h"
#include "fstack.h"
#include "heap.h"
#include "leaks.h"
#include "rss.h"
#include "timeline.h"
#include "tracing.h"

/* Restores the thread's high-water mark for the caller's line and pops f,
** abandoning the frames above it. */
static inline void mlp_leave(struct memline_thread *t, struct memline_frame *f)
{
    struct mlfs_slot *slot = mlfs_slot_of(f);

    if (__builtin_expect(slot->chunk->stack->top != slot, 0))
        mlp_pop_above(slot, 1);
    if (f->outer_high > t->high)
        t->high = f->outer_high;
    mlfs_pop(slot);
}

/* The exit charges the closing line: it counts a run there, but in a
** function written on one line, whose one record counts its calls. */
static inline void mlp_count_closing(struct memline_frame *f, struct memline_line *last)
{
    if (last != f->lines)
        last->occurrences++;
}

static __attribute__((noinline)) void mlp_exit_general(struct memline_frame *f,
                                                       struct memline_line *last)
{
    struct memline_thread *t = &memline_tls;

    if (mlch_rss_backend) {
        memline_i64 rss = mlrss_now();

        if (rss != f->mark) {
            mlp_count_closing(f, last);
            mlch_rss(f, last, rss);
        }
    } else if (t->events != f->mark_events) {
        mlp_count_closing(f, last);
        mlch_general(f, last);
    }
    if (mlk_enabled)
        mlk_probe(f, last);
    mlt_exit(f->site, mlh_live_now());
    mlp_leave(t, f);
}

/* The record of the function's closing line. */
static inline struct memline_line *mlp_last_line(const struct memline_frame *f)
{
    return f->lines + (f->site->last_line - f->site->first_line);
}

/* Exit with every case handled: a scratch frame, the optional features,
** a change to charge to the closing line, frames above f. */
static __attribute__((noinline)) void mlp_exit_slow(struct memline_frame *f)
{
    struct memline_thread *t = &memline_tls;

    if (__builtin_expect(!f->site, 0))
        return;
    mltr_sync();
    if (!t->nblocks) {
        mlp_exit_general(f, mlp_last_line(f));
        return;
    }
    if (t->events != f->mark_events) {
        struct memline_line *last = mlp_last_line(f);

        mlp_count_closing(f, last);
        mlch_lean(f, last, mlp_paths() == MLP_LEAN_LEAKS);
    }
    mlp_leave(t, f);
}

/* The exit's common case, without a call or a saved register: a lean
** runtime, nothing to charge, f the top of its stack; f is popped. Returns
** 0, having done nothing, in every other case. */
static inline int mlp_exit_lean(struct memline_thread *t, struct memline_frame *f)
{
    struct mlfs_slot *slot = mlfs_slot_of(f);
    struct mlfs_stack *st;

    /* a scratch frame (no site) is no slot */
    if (__builtin_expect(!t->nblocks || !f->site || t->events != f->mark_events ||
                             (st = slot->chunk->stack)->top != slot,
                         0))
        return 0;
    if (f->outer_high > t->high)
        t->high = f->outer_high;
    st->top = mlfs_below(slot);
    return 1;
}

MEMLINE_EXPORT void memline_exit(struct memline_frame *f)
{
    if (__builtin_expect(!mlp_exit_lean(&memline_tls, f), 0))
        mlp_exit_slow(f);
}

/* memline_probe_exit's every other case: the probe, then the exit, as
** their own calls make them. */
static __attribute__((noinline)) void mlp_probe_exit_slow(struct memline_frame *f, unsigned k)
{
    memline_probe_inline(f, k);
    memline_exit(f);
}

/* A full probe and the exit in one: when the exit's common case pops f,
** nothing was allocated since the frame's last probe, so the probe only
** counts its line and the memory (the frame's own `mem` is not read again
** once it is popped). The line is found before the pop. */
MEMLINE_EXPORT void memline_probe_exit(struct memline_frame *f, unsigned k)
{
    struct memline_line *line = f->lines + k;
    memline_i64 mem;

    if (__builtin_expect(!mlp_exit_lean(&memline_tls, f), 0)) {
        mlp_probe_exit_slow(f, k);
        return;
    }
    line->occurrences++;
    mem = mlh_live_now();
    if (mem > line->mem_usage)
        line->mem_usage = mem;
}
