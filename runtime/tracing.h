/*
** runtime/tracing.h — tracing on and off (prefix mltr_): memline_start(),
** memline_stop(), memline_is_tracing() and MEMLINE_START=0 (PRODUCT.md
** §9, tracemalloc's start, stop and is_tracing).
**
** Blocks are traced or not for life, by whether tracing was on when they
** were allocated:
**  - While stopped the malloc family (interpose.c) marks every block it
**    hands out untraced (untraced.h, a byte per 16 bytes of address
**    space beside the heap). Releasing such a block, whenever, changes
**    nothing: no line, no Mem usage, no peak, no leak.
**  - A traced block released while stopped leaves the live heap (Mem
**    usage, the peak's and the leak table's live bytes stay true) but no
**    line gets the release: the thread's net and events do not move, so no
**    probe ever charges it.
**  - While stopped no line records anything: a thread's profiled frames
**    and entries write into the scratch area (frames.c), and take their
**    site's records again when tracing starts.
**
** A function with a loop entered while stopped runs its plain copy to its
** return (probe.h): a start meanwhile shows from its next call on.
**
** A thread follows a start or stop lazily: the thread that calls it at
** once; any other at its next allocation or release while stopped, or its
** next profiled call, exit or full probe that enters the runtime's slow
** path. Until then its lines may still count runs (never bytes: every
** allocation checks the switch itself).
**
** Invariant: memline_tracing changes only in mltr_set, which bumps the
** generation after it; a thread whose mltr_seen equals the generation has
** its frames and records arranged for mltr_thread_on.
*/
#ifndef MEMLINE_TRACING_H
#define MEMLINE_TRACING_H

#include <memline/probe.h>

#include "untraced.h"

/* The switch is memline_tracing (probe.h), 1 while tracing (the default). */
extern unsigned mltr_generation; /* bumped by every start and stop */
extern __thread unsigned mltr_seen __attribute__((tls_model("initial-exec")));
extern __thread int mltr_thread_on __attribute__((tls_model("initial-exec")));

/* The switch, as the malloc family reads it: one relaxed load. */
static inline int mltr_tracing(void)
{
    return __atomic_load_n(&memline_tracing, __ATOMIC_RELAXED);
}

/* Starts (on = 1) or stops tracing; the calling thread follows at once. */
void mltr_set(int on);
void mltr_follow(void);

/* The calling thread follows the latest start or stop; returns whether
** the thread now traces. */
static inline int mltr_sync(void)
{
    if (__builtin_expect(__atomic_load_n(&mltr_generation, __ATOMIC_ACQUIRE) != mltr_seen, 0))
        mltr_follow();
    return mltr_thread_on;
}

/* A new block p, from the malloc family (interpose.c, sanhooks.c): 1 when
** tracing is stopped and p is now marked untraced (untraced.h), counted
** nowhere; 0 when it is to be counted (tracing, or no mark could be made).
** The calling thread follows the stop first. All of it is inline but for
** the cold cases (a start or stop to follow, a region's first mark): while
** stopped it is the whole of the wrapper's work. */
static inline int mltr_claim(const void *p)
{
    if (__builtin_expect(mltr_tracing(), 1))
        return 0;
    mltr_sync();
    return p && mlu_mark(p) == 0;
}

#endif
