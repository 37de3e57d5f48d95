/*
** runtime/frames.h — the runtime side of the probe interface (prefix
** mlp_): memline_enter, memline_probe_slow (frames.c) and memline_exit
** (exits.c) of include/memline/probe.h, for the heap and rss backends.
*/
#ifndef MEMLINE_FRAMES_H
#define MEMLINE_FRAMES_H

/* Selects the rss backend (before any profiled function runs). */
void mlp_use_rss(int on);

struct mlfs_slot;

/* Which paths the entry, slow probe and exit take: every case handled, or
** the heap backend's without an optional feature (with per-line leaks or
** without), as frames.c decided at the runtime's start. */
enum mlp_paths { MLP_GENERAL, MLP_LEAN, MLP_LEAN_LEAKS };
extern int mlp_lean;

static inline enum mlp_paths mlp_paths(void)
{
    return (enum mlp_paths)__atomic_load_n(&mlp_lean, __ATOMIC_RELAXED);
}

/* The frames above s, which is running, abandoned (each gives its caller
** back its high-water mark and counts an unexited call) and popped: all
** of them when s exits; when s probes, those on the thread's stack while
** s is (frames on another stack, a coroutine's, may be alive), else none. */
void mlp_pop_above(struct mlfs_slot *s, int exiting);

/* The calling thread follows a start (on) or stop of tracing (tracing.h):
** stopping points each of its frames, and the records its entries find,
** at the scratch area; starting gives each frame its site's records back. */
void mlp_follow_tracing(int on);

#endif
