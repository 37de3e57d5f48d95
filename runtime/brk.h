/*
** runtime/brk.h — break on threshold (prefix mlb_), MEMLINE_BREAK_ABOVE:
** the first time a probe measures the live heap (Mem usage; the RSS under
** MEMLINE_BACKEND=rss) above the threshold, one line on stderr names the
** line just run, its function and the memory, then SIGTRAP is raised in
** the probing thread, so a debugger stops there (without one, the signal
** ends the process as SIGTRAP does). When the peak's composition is
** tracked (atpeak.h), an on-demand report (ondemand.h) is written first:
** the peak so far, line by line.
**
** Only the probe slow path checks: the fast path runs when the thread
** allocated nothing since its last probe, so it cannot be the one that
** crossed. Costs one predictable branch when the variable is unset.
*/
#ifndef MEMLINE_BRK_H
#define MEMLINE_BRK_H

#include <memline/probe.h>

/* The threshold in bytes; 0 = off, and again 0 once it fired. */
extern long long mlb_threshold;

void mlb_crossed(const struct memline_frame *f, const struct memline_line *line, long long mem);

static inline void mlb_check(const struct memline_frame *f, const struct memline_line *line,
                             long long mem)
{
    long long threshold = __atomic_load_n(&mlb_threshold, __ATOMIC_RELAXED);

    if (__builtin_expect(threshold != 0, 0) && mem > threshold)
        mlb_crossed(f, line, mem);
}

#endif
