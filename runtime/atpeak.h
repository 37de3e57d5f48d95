/*
** runtime/atpeak.h — the composition of the peak (prefix mlap_),
** MEMLINE_COLUMNS=at_peak: for each line, the bytes it allocated (the
** owner rule of leaks.h) that were live when the process's live heap was
** at its highest.
**
** Model. `total` is the process's live heap, every block of every thread,
** kept exactly under one lock (it starts from the heap backend's count
** when tracking starts). Each line has `live` (its blocks live now) and
** `snap` (its blocks live at the last snapshot). The heap only grows
** between releases, so a new maximum can only have been passed just
** before a release: the first release after a new maximum (and a report)
** takes the snapshot, while the heap is still at that maximum. A snapshot
** copies `live` into `snap` only for the lines changed since the previous
** one (the dirty list), so that a program whose every release follows a
** new maximum pays per change, not per line.
**
** Blocks still pending at a snapshot (allocated, not yet assigned to a
** line, leaks.c) carry the epoch (number of snapshots) of their
** allocation: assigned later while live, they add to their line's `snap`
** when a snapshot happened since their allocation; freed while pending,
** they leave a ghost (allocating thread's tag, pending index, bytes,
** epoch) that the thread's next probe covering that index claims for its
** line. Ghosts of an older epoch are dropped: the block was gone at the
** later peak.
**
** Releases reach the lines late: leaks.c logs them and applies them in
** batches, through the `settle` hook, which every snapshot and the table
** by type call first; `total` changes at once.
**
** Invariants: for every line not on the dirty list, snap == live (once
** settled); all of
** this is exact in multi-threaded programs because every change of total,
** of the block table and of the lines happens under mlap_lock (or while
** the process has a single thread, leaks.c). Bytes that
** no line claims (blocks from outside profiled code, blocks pending when a
** report is written) are the peak's `elsewhere`.
**
** All functions but mlap_start, mlap_collect (called through leaks.h's
** mlk_collect_peak) and the fork hooks are called by leaks.c inside its
** critical section (in_table set), with mlap_lock held (or not needed:
** one thread).
*/
#ifndef MEMLINE_ATPEAK_H
#define MEMLINE_ATPEAK_H

#include <stddef.h>

extern int mlap_enabled;

/* Turns tracking on (after mlk_start), counting from `live_now`, the
** heap backend's live heap. `settle` brings the lines up to date with the
** releases leaks.c has logged but not applied; it is called, under the
** lock, before the lines are read (a snapshot, the table by type).
** Returns 0, or -1 when out of memory. */
int mlap_start(long long live_now, void (*settle)(void));

void mlap_lock(void);
void mlap_unlock(void);
/* For a report from a thread that may hold the lock: 0 if taken. */
int mlap_trylock(void);

/* The epoch to store with a block allocated now. */
unsigned mlap_epoch(void);

/* A block of `bytes` was allocated (tracked or not) / is being released. */
void mlap_allocated(long long bytes);
void mlap_releasing(long long bytes);

/* An untracked change of the live heap from a signal handler that
** interrupted the lock's holder on its own thread: total only. */
void mlap_adjust(long long bytes);

/* A block's type when the heap is not kept by type (types.h ids are below
** MLTY_MAX). */
#define MLAP_UNTYPED (~0u)

/* A pending block allocated in epoch `epoch` goes to line `line` of site
** `site` (which has `nlines` lines), and to its type's cell; an owned
** block leaves both; a pending block is released before its probe
** (thread `tag`, `index` in its pending list). */
void mlap_assigned(unsigned site, unsigned nlines, unsigned line, long long bytes, unsigned epoch,
                   unsigned type);
void mlap_released_owned(unsigned site, unsigned line, long long bytes, unsigned type);
void mlap_released_pending(unsigned tag, size_t index, long long bytes, unsigned epoch,
                           unsigned type);

/* A probe of thread `tag` closed the pending list from `base` on, for
** that line: it claims the ghosts it left there. */
void mlap_claim(unsigned tag, size_t base, unsigned site, unsigned nlines, unsigned line);

/* The peak so far (a due snapshot is taken first): its bytes and its time
** in nanoseconds since tracking started; and each line's share, visited
** once per line with a nonzero share. Takes the lock (a try when the
** caller is inside the table, see leaks.h); returns -1 if it could not. */
struct mlap_peak {
    long long bytes;
    long long ns;
};
typedef void (*mlap_visitor)(void *ctx, unsigned site_id, unsigned line_index, long long bytes);
int mlap_collect(int busy, struct mlap_peak *peak, mlap_visitor visit, void *ctx);

/* The heap by type (types.h): cells like lines, one per type id, with
** blocks counted too. A block joins its type's cell as it joins its line
** (mlap_assigned, the same rule for a snapshot in between; a ghost claims
** its type's share of the peak too) and leaves it with its line
** (mlap_released_owned): a tag while it is pending is only the entry's
** field. The live heap now and at the peak (all blocks), and each type's
** cell with a nonzero value. Locks as mlap_collect. */
struct mlap_totals {
    long long bytes, blocks, peak_bytes, peak_blocks;
};
typedef void (*mlap_type_visitor)(void *ctx, unsigned type, long long bytes, long long blocks,
                                  long long peak_bytes, long long peak_blocks);
int mlap_collect_types(int busy, struct mlap_totals *totals, mlap_type_visitor visit, void *ctx);

void mlap_fork_prepare(void);
void mlap_fork_parent(void);
/* The child: its lines own nothing (as its leak table), its heap is the
** parent's, which is its peak so far. */
void mlap_fork_child(void);

#endif
