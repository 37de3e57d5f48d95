/*
** runtime/charge.c — the charges of the rss backend and of the optional
** features (see charge.h); the heap backend's common charge is inline
** there.
*/
#define _GNU_SOURCE
#include "charge.h"
#include "brk.h"
#include "rss.h"

int mlch_rss_backend;

void mlch_rss(struct memline_frame *f, struct memline_line *line, memline_i64 rss)
{
    memline_u64 events = memline_tls.events;

    line->increment += rss - f->mark;
    mlch_count_events(line, events, f->mark_events ^ MLCH_RSS_FLIP);
    if (rss > line->mem_usage)
        line->mem_usage = rss;
    if (rss > line->peak)
        line->peak = rss;
    f->mem = rss;
    f->mark = rss;
    f->mark_events = events ^ MLCH_RSS_FLIP;
}

__attribute__((noinline)) void mlch_general(struct memline_frame *f, struct memline_line *line)
{
    if (mlk_enabled)
        mlk_probe(f, line);
    if (mlch_rss_backend) {
        memline_i64 rss = mlrss_now();

        mlch_rss(f, line, rss);
        mlb_check(f, line, rss);
        return;
    }
    mlb_check(f, line, mlch_heap(&memline_tls, f, line));
}
