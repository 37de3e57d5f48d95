/*
** runtime/charge.h — what a probe that saw heap activity charges its line
** with (prefix mlch_), for frames.c's slow probe and exits: the thread's
** heap change since the frame's previous probe, its allocations and
** releases, Mem usage and Peak (frames.c's header gives the accounting);
** or, with the rss backend, the RSS reading; and the optional features'
** share of the work (per-line leaks, the break threshold).
**
** Invariant: a charge leaves the frame's marks at the state it charged up
** to, so the next charge takes only what happened after it.
*/
#ifndef MEMLINE_CHARGE_H
#define MEMLINE_CHARGE_H

#include "api.h"
#include "heap.h"
#include "leaks.h"
#include "records.h"

#include <memline/probe.h>

/* With the rss backend, frame->mark_events is the thread's events with
** this bit flipped, so that it never equals them: every probe charges. */
#define MLCH_RSS_FLIP (1ULL << 63)

/* The rss backend is selected (frames.h: mlp_use_rss). */
extern int mlch_rss_backend;

/* Folds a peak into the thread's share of the C API's peak. */
static inline void mlch_fold(struct memline_thread *t, memline_i64 peak)
{
    struct mlrec_thread *rt = (struct mlrec_thread *)t->state;

    if (__builtin_expect(rt != NULL, 1))
        mlapi_fold(&rt->api, peak);
}

/* events is (allocations << 32) + releases: the difference splits the same
** way as long as fewer than 2^32 releases happen between two probes. */
static inline void mlch_count_events(struct memline_line *line, memline_u64 events,
                                     memline_u64 mark_events)
{
    memline_u64 delta = events - mark_events;

    line->allocs += delta >> 32;
    line->frees += delta & 0xffffffffULL;
}

/* The heap backend's charge; returns the live heap it charged. */
static inline memline_i64 mlch_heap(struct memline_thread *t, struct memline_frame *f,
                                    struct memline_line *line)
{
    memline_i64 net = t->net, mem = mlh_live_now(), peak;
    memline_u64 events = t->events;

    line->increment += net - f->mark;
    mlch_count_events(line, events, f->mark_events);
    f->mem = mem;
    if (mem > line->mem_usage)
        line->mem_usage = mem;
    peak = mem + (t->high - net);
    if (peak > line->peak)
        line->peak = peak;
    if (t->high > f->outer_high)
        f->outer_high = t->high;
    t->high = net;
    f->mark = net;
    f->mark_events = events;
    mlch_fold(t, peak);
    return mem;
}

/* The heap backend's charge with the line's pending blocks assigned first
** when per-line leaks are tracked (`leaks`). */
static inline void mlch_lean(struct memline_frame *f, struct memline_line *line, int leaks)
{
    if (__builtin_expect(leaks, 0))
        mlk_probe(f, line);
    mlch_heap(&memline_tls, f, line);
}

/* The rss backend's charge of an RSS reading. */
void mlch_rss(struct memline_frame *f, struct memline_line *line, memline_i64 rss);

/* The charge with every optional feature: leaks, the rss backend, the
** break threshold. */
void mlch_general(struct memline_frame *f, struct memline_line *line);

#endif
