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
**
** Signal handlers that allocate (or free) may interrupt these updates in
** the same thread: every counter changes by one read-modify-write
** instruction (mlh_add, mlh_add_fetch; a signal lands before or after it,
** never inside), the flush moves exactly what it read, and `high` is
** re-checked after it is stored. So no handler's allocation is ever lost
** and high >= net holds when the interrupted update completes.
*/
#ifndef MEMLINE_HEAP_H
#define MEMLINE_HEAP_H

#include "timeline.h"
#include "tracing.h"

#include <memline/probe.h>

#include <stddef.h>

#define MLH_FLUSH_LIMIT (64 * 1024)

/* The thread's flush threshold: MLH_FLUSH_LIMIT, and 0 once its records
** were merged at thread exit: from then on every event is flushed at once,
** so nothing is left unflushed forever. */
extern __thread memline_ti64 mlh_flush_limit __attribute__((tls_model("initial-exec")));

/* Moves the thread's unflushed bytes into memline_live. */
void mlh_flush(void);

/* *p += v in one instruction that a signal cannot split (x86-64: a plain,
** unlocked add to memory; elsewhere a relaxed atomic add). */
static inline void mlh_add(memline_ti64 *p, memline_ti64 v)
{
#if defined(__x86_64__)
    __asm__("addq %1, %0" : "+m"(*p) : "er"(v));
#else
    __atomic_fetch_add(p, v, __ATOMIC_RELAXED);
#endif
}

static inline void mlh_add_u64(memline_tu64 *p, memline_tu64 v)
{
#if defined(__x86_64__)
    __asm__("addq %1, %0" : "+m"(*p) : "er"(v));
#else
    __atomic_fetch_add(p, v, __ATOMIC_RELAXED);
#endif
}

/* *p += v like mlh_add, returning the new value: no reload of *p right
** after the store (x86-64: an unlocked xadd). */
static inline memline_ti64 mlh_add_fetch(memline_ti64 *p, memline_ti64 v)
{
#if defined(__x86_64__)
    memline_ti64 old = v;

    __asm__("xaddq %0, %1" : "+r"(old), "+m"(*p));
    return old + v;
#else
    return __atomic_add_fetch(p, v, __ATOMIC_RELAXED);
#endif
}

/* high = max(high, net) for a net just seen, safe against a handler that
** raises both between the comparison and the store (the loop then sees
** the handler's net). */
static inline void mlh_raise_high_to(struct memline_thread *t, memline_ti64 net)
{
    while (net > __atomic_load_n(&t->high, __ATOMIC_RELAXED)) {
        __atomic_store_n(&t->high, net, __ATOMIC_RELAXED);
        net = __atomic_load_n(&t->net, __ATOMIC_RELAXED);
    }
}

static inline void mlh_raise_high(struct memline_thread *t)
{
    mlh_raise_high_to(t, __atomic_load_n(&t->net, __ATOMIC_RELAXED));
}

static inline void mlh_allocated(size_t usable)
{
    struct memline_thread *t = &memline_tls;

    mlh_raise_high_to(t, mlh_add_fetch(&t->net, (memline_ti64)usable));
    mlh_add_u64(&t->events, 1ULL << 32);
    if (mlh_add_fetch(&t->unflushed, (memline_ti64)usable) > mlh_flush_limit)
        mlh_flush();
    if (__builtin_expect(mlt_enabled, 0))
        mlt_record_sample(__atomic_load_n(&memline_live, __ATOMIC_RELAXED) + t->unflushed, 0);
}

/* A traced block's release. While tracing is stopped (tracing.h) it only
** leaves the live heap, after the thread follows the stop: the thread's
** net and events, from which probes charge lines, do not move. */
static inline void mlh_released(size_t usable)
{
    struct memline_thread *t = &memline_tls;

    if (__builtin_expect(!mltr_tracing(), 0)) {
        mltr_sync();
        if (mlh_add_fetch(&t->unflushed, -(memline_ti64)usable) < -mlh_flush_limit)
            mlh_flush();
        return;
    }
    mlh_add(&t->net, -(memline_ti64)usable);
    mlh_add_u64(&t->events, 1);
    if (mlh_add_fetch(&t->unflushed, -(memline_ti64)usable) < -mlh_flush_limit)
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
