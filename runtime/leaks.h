/*
** runtime/leaks.h — per-line leaks (prefix mlk_), MEMLINE_LEAKS=1: which
** line allocated each live block, so that the report can say, per line,
** how many bytes it allocated that are still live.
**
** A block is allocated during the statement that the next probe of the
** innermost active profiled frame on that thread closes (the top of the
** thread's frame stack, fstack.h). So while leaks are tracked, each thread
** keeps a list of the blocks it allocated since the innermost frame's last
** probe ("pending"), and each frame remembers where the list stood at its
** own last probe; that probe assigns the blocks after it to its line. A
** block belongs to the innermost profiled line only: the line of a caller
** that calls a profiled function does not count the callee's leaks again
** (they show in the callee's table). Blocks allocated while the thread
** runs no profiled function belong to no line; they are tracked only for
** the reachability scan (every_block).
**
** The block -> line map is the block map (blockmap.h), in runtime memory
** (mmap), with stripe locks. Every release looks the block up, so
** a block that was freed, or moved by realloc, is never counted; under
** the peak's lock the lookups are batched (relog.h), and applied
** before anything reads the table or the lines.
**
** With the peak's composition tracked (atpeak.h) the same section also
** keeps the process's live heap and each line's live bytes: every block's
** allocation and release then passes here, tracked or not.
**
** Invariants: when mlk_enabled is 0 (the default) nothing here runs: the
** malloc wrappers pay one predictable branch, memline_enter's fast path a
** load and a store (mlk_pending_count, 0), the probes nothing. Table locks are never held across a call out
** of this module; a signal handler that allocates on a thread holding one
** does not track that block (no self-deadlock), and a report written by a
** handler on such a thread waits until the lock is released
** (mlk_defer_report).
*/
#ifndef MEMLINE_LEAKS_H
#define MEMLINE_LEAKS_H

#include "atpeak.h"

#include <memline/probe.h>

#include <stddef.h>

extern int mlk_enabled;

/* Turns tracking on; call once at start-up, before any profiled code.
** every_block: also the blocks allocated outside profiled code, for the
** reachability scan (reach.h). Returns 0, or -1 when the table cannot be
** mapped (tracking stays off). */
int mlk_start(int every_block);

void mlk_track(void *block, size_t usable);
void mlk_untrack(void *block, size_t usable);

/* From the malloc family: a block was allocated / is about to be released. */
static inline void mlk_allocated(void *block, size_t usable)
{
    if (__builtin_expect(mlk_enabled, 0))
        mlk_track(block, usable);
}

static inline void mlk_released(void *block, size_t usable)
{
    if (__builtin_expect(mlk_enabled, 0))
        mlk_untrack(block, usable);
}

/* memline_type_block (types.h): block p, if this thread's current
** statement allocated it (pending from the innermost frame's last probe
** on), is of type `type`. */
void mlk_type(void *block, unsigned type);

/* From frames.c when mlk_enabled: a profiled frame's entry (f is on the
** thread's frame stack), a probe that saw heap activity, the exit's probe
** included (line = the record of the line it closes). */
void mlk_enter(struct memline_frame *f);

/* The length of the thread's pending list (0 while leaks are not
** tracked): memline_enter's fast path notes it as mlk_enter does. */
size_t mlk_pending_count(void);
void mlk_probe(struct memline_frame *f, struct memline_line *line);

/* Calls visit once per live block assigned to a line: the site's id, the
** line's index in the site, the block's usable size. */
typedef void (*mlk_visitor)(void *ctx, unsigned site_id, unsigned line_index, long long bytes);
void mlk_collect(mlk_visitor visit, void *ctx);

/* mlap_collect and mlap_collect_types (atpeak.h) as critical sections of
** the table. */
int mlk_collect_peak(struct mlap_peak *peak, mlap_visitor visit, void *ctx);
int mlk_collect_types(struct mlap_totals *totals, mlap_type_visitor visit, void *ctx);

/* The owner of the live block at exactly `block`: 0, or -1 when it has
** none (not tracked, or pending) or the caller interrupted a section. */
int mlk_owner(const void *block, unsigned *site, unsigned *line);

/* Runs walk(ctx) with the whole table held still: every lock taken, so
** that no tracked block is released meanwhile (reach.h). -1 without
** running it when the calling thread interrupted a section. */
int mlk_scan(void (*walk)(void *ctx), void *ctx);

/* For a report written by a signal handler: if the calling thread is
** inside a table critical section, remembers to call `report` when it
** leaves it and returns 1; else returns 0 (go ahead). */
int mlk_defer_report(void (*report)(void));

void mlk_fork_prepare(void);
void mlk_fork_parent(void);
void mlk_fork_child(void);

#endif
