/*
** runtime/frames.c — what a profiled function's frame does at entry and at
** a probe that saw heap activity; runtime/exits.c does its exit.
**
** Frames belong to the runtime, not to the profiled function's stack
** frame: memline_enter pushes one on the thread's frame stack (fstack.h)
** and returns it, memline_exit pops it. Instrumented code only holds the
** pointer, so nothing of the caller's stack frame escapes and `return
** g(x);` after memline_return stays a tail call.
**
** Frames a longjmp abandoned, or whose function returned where the
** instrumenter saw no return (a `return` made by a macro): memline_exit
** pops its frame and every frame above it, and a probe that saw heap
** activity pops the frames above its own (on its stack); each such frame
** gives its caller back the high-water mark it took, and counts as an
** unexited call of its function (the site row, records.h; `unexited` in
** the JSON report). And, so that a program that keeps jumping out of profiled code
** into unprofiled code does not pile frames up, memline_enter first pops
** the top frames that are provably dead. Each frame records `entry`, the
** stack pointer of the call of memline_enter that pushed it (its call
** frame address, which needs no frame pointer), and `caller`,
** memline_enter's return address (the call in the profiled function). While a frame is live, anything that runs on its thread's
** stack runs in the frame's function or below it (callees, signal
** handlers), at lower addresses (the stack grows down). So a top frame
** is dead when its entry lies below the current memline_enter's call
** frame address; or at that address, from the same call instruction (the same
** function entered again at the same depth: a loop that calls it and
** catches its longjmp each time).
** Equal addresses from different calls are a profiled function inlined
** into its profiled caller: both live. The addresses are only comparable
** on one stack: the rule applies when both lie within the thread's stack
** bounds (pthread_getattr_np, asked once per thread at its first profiled
** call); frames entered on another stack (a signal handler on
** sigaltstack, a coroutine's stack) are never popped by it, and stop it.
** A frame that survives the rule is popped when a frame under it exits.
**
** Heap backend: a line is charged memline_tls.net - frame->mark (the
** thread's own change since the frame's previous probe, callees
** included), its allocations and releases from the events difference,
** the process heap after it (Mem usage) and the process heap plus the
** thread's excursion above its current net (Peak). The thread's high-water
** mark is reset at each such probe, saved at entry and restored at exit
** as max(at entry, highest seen inside), so a caller's line sees the peak
** of the calls it made.
**
** Rss backend: frame->mark holds the RSS at the previous probe, and
** frame->mark_events is kept as the thread's events with the top bit
** flipped, so it never equals memline_tls.events and every probe comes
** here; the allocation counts are still exact.
**
** A deferred function's frame (probe.h) is made at its first full probe
** that finds a change since its entry, with the marks the function kept
** (memline_deferred_full): the frame's marks and the high-water mark it
** gives back are the entry's, and the thread's high-water mark stays as
** the callees left it, for the probe to charge.
**
** A site of another probe version, or a thread out of runtime memory, gets
** the thread's scratch frame, which is on no stack and whose records point
** into a scratch area no report reads.
**
** While the thread does not trace (tracing.h), every frame on its stack
** points into the scratch area too, and the table memline_enter and
** memline_enter_leaf look records up in is one whose every entry is the
** scratch (mlsc_table): entries take their fast paths and write
** nowhere. The frames keep their marks, so that when tracing starts again
** each one takes its site's records back and goes on where it was, deeper
** frames entered while stopped included. The slow probe, the exit and the
** leaf entry follow a start or stop first.
**
** Entry, slow probe and exit each take one predictable branch on
** mlp_lean (the heap backend without a break threshold (brk.h) or a
** timeline) into a general path that handles everything; memline_enter's
** branch also covers the cold cases (the runtime's start, registration, a
** thread's first call). Per-line leaks (leaks.h, and the peak's
** composition on top) keep to the lean paths: an entry notes where the
** pending list stands, a slow probe assigns what is pending. The lean
** paths read the live heap once per call. The C API's peak (api.h) is
** folded where the high-water mark is reset, on every path.
*/
#define _GNU_SOURCE
#include "frames.h"
#include "brk.h"
#include "charge.h"
#include "export.h"
#include "fstack.h"
#include "heap.h"
#include "leaks.h"
#include "lifecycle.h"
#include "records.h"
#include "rss.h"
#include "scratch.h"
#include "timeline.h"
#include "tracing.h"

#include <stdint.h>

int mlp_lean; /* mlp_check_lean's answer (frames.h) */

void mlp_use_rss(int on)
{
    mlch_rss_backend = on;
    if (on)
        __atomic_store_n(&mlp_lean, MLP_GENERAL, __ATOMIC_RELAXED);
}

/* A frame that leaves the stack without its memline_exit (a longjmp
** jumped over it, or it returned where the instrumenter saw no return):
** its caller gets back the high-water mark the frame took at entry, as the
** exit would have given it back, and its function counts an unexited call
** in its site row. */
static void mlp_abandon(struct mlfs_slot *s)
{
    struct memline_thread *t = &memline_tls;
    struct memline_frame *f = &s->frame;

    if (f->outer_high > t->high)
        t->high = f->outer_high;
    f->lines[-1].occurrences++;
}

/* Each frame popped is abandoned, then all are popped with one store, as
** fstack.h requires. */
__attribute__((noinline)) void mlp_pop_above(struct mlfs_slot *s, int exiting)
{
    struct mlfs_stack *st = s->chunk->stack;
    struct mlfs_slot *top = st->top, *k;

    if (!top || top->depth <= s->depth)
        return; /* s is the top, or was popped already */
    if (!exiting) {
        if (!mlfs_on_stack(st, s->entry))
            return;
        for (k = top; k && k->depth > s->depth; k = mlfs_below(k))
            if (!mlfs_on_stack(st, k->entry))
                return;
    }
    for (k = top; k && k->depth > s->depth; k = mlfs_below(k))
        mlp_abandon(k);
    st->top = s;
}

/* The thread's first profiled call: its stack bounds. pthread_getattr_np
** allocates and frees; no frame of the thread exists yet to be charged,
** and the high-water mark it raised is put back. Frames popped as dead
** from now on are abandoned (mlp_abandon). */
static void mlp_first_call(struct mlfs_stack *st)
{
    struct memline_thread *t = &memline_tls;
    memline_i64 high = t->high;

    st->abandon = mlp_abandon;
    mlfs_learn_bounds(st);
    __atomic_store_n(&t->high, high, __ATOMIC_RELAXED);
    mlh_raise_high(t);
}

/* Whether the runtime started with the heap backend, no timeline and no
** break threshold. Each only ever turns off after start (a fired
** threshold, a timeline write error), so once set the answer stays true.
** Per-line leaks do not matter: they are on or off from the start, and
** the lean paths handle them. */
static void mlp_check_lean(void)
{
    if (!mll_started || mlch_rss_backend || __atomic_load_n(&mlt_enabled, __ATOMIC_RELAXED) ||
        __atomic_load_n(&mlb_threshold, __ATOMIC_RELAXED))
        return;
    __atomic_store_n(&mlp_lean, mlk_enabled ? MLP_LEAN_LEAKS : MLP_LEAN, __ATOMIC_RELAXED);
}

/* The heap backend's entry work on a pushed frame, with the live heap
** read once; `counts`: the call is counted on the first line (a late
** entry's was, by memline_enter_leaf). A frame made with the entry's
** marks m (probe.h: the thread's high-water mark was at m->net then) keeps
** the high-water mark the thread reached since, which its probe charges. */
static inline void mlp_heap_enter(struct memline_thread *t, struct memline_frame *f,
                                  struct memline_line *lines, struct memline_site *s, int counts,
                                  const struct memline_marks *m)
{
    memline_i64 mem = mlh_live_now();

    f->lines = lines;
    f->site = s;
    if (m) {
        f->mark = m->net;
        f->mark_events = m->events;
        f->mem = mem;
        f->outer_high = m->net;
        return;
    }
    f->mark = t->net;
    f->mark_events = t->events;
    f->mem = mem;
    if (counts) {
        lines[0].occurrences++;
        if (mem > lines[0].mem_usage)
            lines[0].mem_usage = mem;
    }
    /* A reset of the high-water mark loses nothing while it equals net. */
    if (__builtin_expect(t->high != t->net, 0))
        mlch_fold(t, mem + (t->high - t->net));
    f->outer_high = t->high;
    t->high = t->net;
}

/* Gives memline_enter_leaf the thread's records, or sends it here (0
** blocks) while an optional feature is on: the rss backend's memory is not
** the heap it reads. */
static void mlp_publish_blocks(struct memline_thread *t)
{
    struct mlrec_thread *rt = (struct mlrec_thread *)t->state;
    int lean = mlp_paths();
    unsigned n;

    t->blocks = rt->blocks;
    t->nblocks = lean ? rt->nblocks : 0;
    t->late_frames = lean == MLP_LEAN && mltr_thread_on;
    if (mltr_thread_on || !lean)
        return;
    n = rt->nblocks;
    t->blocks = mlsc_table(&n);
    t->nblocks = t->blocks ? n : 0; /* out of memory: every entry through the general path */
}

void mlp_follow_tracing(int on)
{
    struct memline_thread *t = &memline_tls;
    struct mlfs_stack *st = mlrec_frames();
    struct mlfs_slot *k;

    if (!st)
        return; /* no records yet: its first entry takes the general path */
    for (k = st->top; k; k = mlfs_below(k)) {
        struct memline_line *lines;

        if (!k->frame.site)
            continue;
        if (!on)
            k->frame.lines = mlsc_lines(mlrec_nslots(k->frame.site));
        else if (mlsc_is(k->frame.lines) && (lines = mlrec_lines(k->frame.site)))
            k->frame.lines = lines;
    }
    mlp_publish_blocks(t);
}

/* Entry with every case handled: the runtime's start, registration, the
** thread's first call, refusals, and the optional features. */
static __attribute__((noinline)) struct memline_frame *
mlp_enter_general(struct memline_site *s, uintptr_t here, uintptr_t caller, int counts)
{
    struct memline_thread *t = &memline_tls;
    struct memline_line *lines;
    struct mlfs_stack *st;
    struct mlfs_slot *slot;
    struct memline_frame *f;
    memline_i64 mem;

    if (__builtin_expect(!mll_started, 0))
        mll_start();
    mlp_check_lean();
    if (!__atomic_load_n(&s->id, __ATOMIC_ACQUIRE) && mlrec_register(s) != 0)
        return mlsc_refuse(s->version);
    lines = mlrec_lines(s);
    if (!lines || !(st = mlrec_frames()))
        return mlsc_refuse(MEMLINE_PROBE_VERSION);
    mltr_sync();
    mlp_publish_blocks(t);
    if (st->bounds == MLFS_BOUNDS_UNKNOWN)
        mlp_first_call(st);
    slot = mlfs_push(st, here, caller);
    if (!slot)
        return mlsc_refuse(MEMLINE_PROBE_VERSION);
    f = &slot->frame;
    if (!mltr_thread_on)
        lines = mlsc_lines(mlrec_nslots(s));
    if (!mlch_rss_backend) {
        mlp_heap_enter(t, f, lines, s, counts, NULL);
        mlt_enter(s, mlh_live_now());
        if (mlk_enabled)
            mlk_enter(f);
        return f;
    }
    mem = mlrss_now();
    f->mark = mem;
    f->mark_events = t->events ^ MLCH_RSS_FLIP;
    f->mem = mem;
    if (counts) {
        lines[0].occurrences++;
        if (mem > lines[0].mem_usage)
            lines[0].mem_usage = mem;
    }
    f->lines = lines;
    f->site = s;
    mlt_enter(s, mlh_live_now());
    if (mlk_enabled)
        mlk_enter(f);
    mlch_fold(t, mlh_live_now() + (t->high - t->net));
    f->outer_high = t->high;
    t->high = t->net;
    return f;
}

static __attribute__((noinline)) struct memline_frame *
mlp_enter_marked_general(struct memline_site *s, uintptr_t here, uintptr_t caller,
                         struct memline_marks m);

/* mlp_enter's every case but the common one. */
static inline struct memline_frame *mlp_enter_other(struct memline_site *s, uintptr_t here,
                                                    uintptr_t caller, int counts,
                                                    const struct memline_marks *m)
{
    return m ? mlp_enter_marked_general(s, here, caller, *m)
             : mlp_enter_general(s, here, caller, counts);
}

/* The common case, without a call: a lean runtime (published blocks, see
** mlp_publish_blocks), the site's records in place, the top frame a live
** caller (its entry above ours, or at ours from another call: a profiled
** function inlined into its profiled caller) or none, and room in its
** chunk. Anything else, the frame stack's rule for dead frames included,
** is mlp_enter_general's (mlp_enter_marked_general's for a frame made
** with marks m, probe.h). The slot's entry and caller are written before
** and after it is published: a signal handler that pushes meanwhile uses
** the same slot and leaves it as it was, or finds ours complete. */
static __attribute__((always_inline)) inline struct memline_frame *
mlp_enter(struct memline_site *s, uintptr_t here, uintptr_t caller, int counts,
          const struct memline_marks *m)
{
    struct memline_thread *t = &memline_tls;
    unsigned id = __atomic_load_n(&s->id, __ATOMIC_ACQUIRE);
    struct memline_line *lines;
    struct mlfs_stack *st;
    struct mlfs_slot *top, *slot;

    if (__builtin_expect(id >= t->nblocks || !(lines = t->blocks[id]), 0))
        return mlp_enter_other(s, here, caller, counts, m);
    st = &((struct mlrec_thread *)t->state)->frames;
    top = st->top;
    if (__builtin_expect(st->entering != 0, 0))
        return mlp_enter_other(s, here, caller, counts, m);
    if (top) {
        if (__builtin_expect(
                top == &top->chunk->slots[MLFS_CHUNK_SLOTS - 1] ||
                    !(top->entry > here || (top->entry == here && top->caller != caller)),
                0))
            return mlp_enter_other(s, here, caller, counts, m);
        slot = top + 1;
    } else {
        if (__builtin_expect(!st->first, 0))
            return mlp_enter_other(s, here, caller, counts, m);
        slot = &st->first->slots[0];
    }
    slot->entry = here;
    slot->caller = caller;
    mlfs_fence();
    st->top = slot;
    mlfs_fence();
    slot->entry = here;
    slot->caller = caller;
    /* mlk_enter's work but for the thread's first entry: read whether
    ** leaks are tracked or not (the list is then empty), as a branch
    ** would cost more. */
    slot->leak_base = mlk_pending_count();
    mlp_heap_enter(t, &slot->frame, lines, s, counts, m);
    return &slot->frame;
}

/* A frame made late with the entry's marks (probe.h) where the common case
** cannot: the general entry pushes it, then the marks go in. What that
** entry did itself is not the call's: a thread's first push learns its
** stack bounds, which allocates and frees; frames it pops as dead give
** back their high-water marks, which it leaves in the frame's outer_high:
** the thread's high-water mark since the entry, put back. Only ever on a
** lean runtime (memline_tls.late_frames), which stays lean. */
static __attribute__((noinline)) struct memline_frame *
mlp_enter_marked_general(struct memline_site *s, uintptr_t here, uintptr_t caller,
                         struct memline_marks m)
{
    struct memline_thread *t = &memline_tls;
    memline_u64 events = t->events;
    memline_i64 net = t->net;
    struct memline_frame *f = mlp_enter_general(s, here, caller, 0);

    if (!f->site)
        return f; /* the scratch frame */
    f->mark = m.net + (t->net - net);
    f->mark_events = m.events + (t->events - events);
    t->high = f->outer_high;
    f->outer_high = m.net;
    return f;
}

/* The entry's stack address: the call frame address, which (unlike the
** frame address) needs no frame pointer in the entry points. */
#define MLP_HERE() ((uintptr_t)__builtin_dwarf_cfa())

MEMLINE_EXPORT struct memline_frame *memline_enter(struct memline_site *s)
{
    return mlp_enter(s, MLP_HERE(), (uintptr_t)__builtin_return_address(0), 1, NULL);
}

/* A deferred frame made at the entry (probe.h): memline_enter_leaf
** counted the call and nothing since has allocated, so the marks taken
** now are the entry's. */
MEMLINE_EXPORT struct memline_frame *memline_enter_late(struct memline_site *s)
{
    return mlp_enter(s, MLP_HERE(), (uintptr_t)__builtin_return_address(0), 0, NULL);
}

/* A deferred function's full probe with a frame or a change since its
** entry (probe.h): the frame, made first with the entry's marks if there
** is none yet. */
MEMLINE_EXPORT struct memline_frame *memline_deferred_full(struct memline_frame *f,
                                                           struct memline_site *s,
                                                           struct memline_marks m, unsigned k)
{
    if (!f)
        f = mlp_enter(s, MLP_HERE(), (uintptr_t)__builtin_return_address(0), 0, &m);
    memline_probe_inline(f, k);
    return f;
}

MEMLINE_EXPORT void memline_deferred_full_exit(struct memline_frame *f, struct memline_site *s,
                                               struct memline_marks m, unsigned k)
{
    if (!f)
        f = mlp_enter(s, MLP_HERE(), (uintptr_t)__builtin_return_address(0), 0, &m);
    memline_probe_exit(f, k);
}

MEMLINE_EXPORT void memline_probe_slow(struct memline_frame *f, struct memline_line *line)
{
    struct mlfs_slot *slot = mlfs_slot_of(f);
    int lean;

    if (__builtin_expect(!f->site, 0)) {
        f->mark_events = memline_tls.events;
        return;
    }
    if (__builtin_expect(__atomic_load_n(&mltr_generation, __ATOMIC_RELAXED) != mltr_seen, 0)) {
        struct memline_line *before = f->lines;

        mltr_follow();
        line = f->lines + (line - before);
    }
    if (__builtin_expect(slot->chunk->stack->top != slot, 0))
        mlp_pop_above(slot, 0);
    lean = mlp_paths();
    if (__builtin_expect(lean == MLP_GENERAL, 0)) {
        mlch_general(f, line);
        return;
    }
    mlch_lean(f, line, lean == MLP_LEAN_LEAKS);
}

MEMLINE_EXPORT void memline_probe_call(struct memline_frame *f, unsigned k)
{
    memline_probe_inline(f, k);
}

MEMLINE_EXPORT void memline_tick_call(struct memline_frame *f, unsigned k)
{
    memline_tick_inline(f, k);
}

/* A leaf function's entry (probe.h) when the inline half cannot: the
** runtime's start, registration, the thread's records, an optional
** feature. */
MEMLINE_EXPORT struct memline_leaf memline_enter_leaf_slow(struct memline_site *s)
{
    struct memline_leaf l;

    if (__builtin_expect(!mll_started, 0))
        mll_start();
    mlp_check_lean();
    l.mem = 0;
    if (!__atomic_load_n(&s->id, __ATOMIC_ACQUIRE) && mlrec_register(s) != 0) {
        l.lines = mlsc_refuse(s->version)->lines;
        return l;
    }
    if (!(l.lines = mlrec_lines(s))) {
        l.lines = mlsc_refuse(MEMLINE_PROBE_VERSION)->lines;
        return l;
    }
    if (!mltr_sync()) {
        l.lines = mlsc_lines(mlrec_nslots(s));
        return l;
    }
    mlp_publish_blocks(&memline_tls);
    l.mem = mlch_rss_backend ? mlrss_now() : mlh_live_now();
    l.lines[0].occurrences++;
    if (l.mem > l.lines[0].mem_usage)
        l.lines[0].mem_usage = l.mem;
    return l;
}
