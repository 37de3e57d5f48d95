/*
** runtime/timeline.h — the runtime's side of `memline run`: a time-stamped
** record of the live heap and of each profiled function's entry and exit.
**
** `memline run` sets MEMLINE_TIMELINE=<path> (and MEMLINE_TIMELINE_INTERVAL=
** <seconds>, the heap sampling interval) in the program's environment.
** mlt_open() reads them once at startup; when the variable is absent every
** other call costs one predictable branch on `mlt_enabled`.
**
** Invariants:
**  - Nothing here allocates through malloc (the runtime interposes it) and
**    every record is written with exactly one write() on an O_APPEND file,
**    at most MLT_RECORD_MAX bytes: records from many threads, and from
**    forked children, never interleave inside a line.
**  - mlt_enter, mlt_exit and mlt_sample are thread-safe and
**    async-signal-safe (stack buffer, clock_gettime, getpid, gettid, write).
**  - Times are CLOCK_MONOTONIC nanoseconds, which `memline run` shares with
**    the program; heap sizes are bytes, as the caller passes them.
**
** Record lines (the channel between the runtime and `memline run` only; the
** user-facing data file is documented in the README):
**    E <pid> <tid> <ns> <heap> <function>    a profiled function was entered
**    X <pid> <tid> <ns> <heap> <function>    ... and left
**    H <pid> <ns> <heap>                     a heap sample
*/
#ifndef MEMLINE_TIMELINE_H
#define MEMLINE_TIMELINE_H

struct memline_site;

/* Longest record line; longer function names are cut short. */
#define MLT_RECORD_MAX 256

/* Nonzero once mlt_open() found MEMLINE_TIMELINE and opened it. */
extern int mlt_enabled;

/* Reads MEMLINE_TIMELINE / MEMLINE_TIMELINE_INTERVAL and opens the record
** file. Call once, before the program's threads start (a constructor). On a
** bad value it prints one line to stderr and stays disabled. */
void mlt_open(void);

void mlt_record_enter(const struct memline_site *site, long long live_heap);
void mlt_record_exit(const struct memline_site *site, long long live_heap);
void mlt_record_sample(long long live_heap, int force);

/* A profiled function's entry, with the process's live heap at that point. */
static inline void mlt_enter(const struct memline_site *site, long long live_heap)
{
    if (__builtin_expect(__atomic_load_n(&mlt_enabled, __ATOMIC_RELAXED), 0))
        mlt_record_enter(site, live_heap);
}

/* A profiled function's exit, after its last probe. */
static inline void mlt_exit(const struct memline_site *site, long long live_heap)
{
    if (__builtin_expect(__atomic_load_n(&mlt_enabled, __ATOMIC_RELAXED), 0))
        mlt_record_exit(site, live_heap);
}

/* The live heap now, to be called after every allocation and release: it
** is written once per sampling interval, and also at once when it moved by
** 1/64 or 64 KiB from the last sample written. */
static inline void mlt_sample(long long live_heap)
{
    if (__builtin_expect(__atomic_load_n(&mlt_enabled, __ATOMIC_RELAXED), 0))
        mlt_record_sample(live_heap, 0);
}

/* The live heap at exit, written whatever the interval. */
static inline void mlt_final_sample(long long live_heap)
{
    if (__builtin_expect(__atomic_load_n(&mlt_enabled, __ATOMIC_RELAXED), 0))
        mlt_record_sample(live_heap, 1);
}

#endif
