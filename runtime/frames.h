/*
** runtime/frames.h — the runtime side of the probe interface (prefix
** mlp_): memline_enter, memline_probe_slow and memline_exit of
** include/memline/probe.h, for the heap and rss backends.
*/
#ifndef MEMLINE_FRAMES_H
#define MEMLINE_FRAMES_H

/* Selects the rss backend (before any profiled function runs). */
void mlp_use_rss(int on);

/* The calling thread follows a start (on) or stop of tracing (tracing.h):
** stopping points each of its frames, and the records its entries find,
** at the scratch area; starting gives each frame its site's records back. */
void mlp_follow_tracing(int on);

#endif
