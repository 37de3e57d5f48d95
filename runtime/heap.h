/*
** runtime/heap.h — per-thread heap accounting (prefix mlh_), fed by the
** malloc family (interpose.c) or, in sanitizer builds, by the sanitizer's
** allocation hooks (sanhooks.c).
**
** Every function here takes a block's usable size, as malloc_usable_size
** reports it, and updates only the calling thread's memline_tls (probe.h):
** net, high, events ((allocations << 32) + releases) and unflushed. The
** process-wide memline_live gets an atomic add only when |unflushed|
** passes MLH_FLUSH_LIMIT, or on every event once the thread is exiting,
** so the malloc fast path does no atomic read-modify-write and
** memline_live + own unflushed is exact in a single-threaded program.
*/
#ifndef MEMLINE_HEAP_H
#define MEMLINE_HEAP_H

#include "timeline.h"

#include <memline/probe.h>

#include <stddef.h>

#define MLH_FLUSH_LIMIT (64 * 1024)

/* Set when the thread's records were merged at thread exit: from then on
** every event is flushed at once, so nothing is left unflushed forever. */
extern __thread int mlh_exiting __attribute__((tls_model("initial-exec")));

/* Moves the thread's unflushed bytes into memline_live. */
void mlh_flush(void);

static inline void mlh_allocated(size_t usable)
{
    struct memline_thread *t = &memline_tls;

    t->net += (memline_i64)usable;
    if (t->net > t->high)
        t->high = t->net;
    t->events += 1ULL << 32;
    t->unflushed += (memline_i64)usable;
    if (t->unflushed > MLH_FLUSH_LIMIT || mlh_exiting)
        mlh_flush();
    if (__builtin_expect(mlt_enabled, 0))
        mlt_record_sample(__atomic_load_n(&memline_live, __ATOMIC_RELAXED) + t->unflushed, 0);
}

static inline void mlh_released(size_t usable)
{
    struct memline_thread *t = &memline_tls;

    t->net -= (memline_i64)usable;
    t->events += 1;
    t->unflushed -= (memline_i64)usable;
    if (t->unflushed < -MLH_FLUSH_LIMIT || mlh_exiting)
        mlh_flush();
    if (__builtin_expect(mlt_enabled, 0))
        mlt_record_sample(__atomic_load_n(&memline_live, __ATOMIC_RELAXED) + t->unflushed, 0);
}

/* The process's live heap as this thread sees it. */
static inline memline_i64 mlh_live_now(void)
{
    return __atomic_load_n(&memline_live, __ATOMIC_RELAXED) + memline_tls.unflushed;
}

/* Thread exit: flush, and flush every later event at once. */
void mlh_thread_exiting(void);

#endif
