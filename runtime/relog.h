/*
** runtime/relog.h — the log of releases not yet applied to the block
** table (prefix mlrl_), for the live-heap features (leaks.h, atpeak.h).
**
** Releases under the peak's lock (or with one thread) wait in this log
** and are applied in batches (mlrl_settle), their entries loaded ahead:
** a loop that frees cold blocks otherwise waits for each block's entry in
** turn. Every section that reads the table or the lines' bytes settles
** first (the peak settles before a snapshot), and so does an allocation
** that makes an entry: its address may be a logged one, of a block that
** had no entry (no line's) or whose entry is still live, and the release
** applied later would drop the new entry. Loops that free stay batched.
**
** Invariant: everything here runs inside leaks.c's critical section, in
** the mode where the peak's lock (or one thread) covers every access; a
** release applied at once (mlrl_release) under its block's stripe too.
*/
#ifndef MEMLINE_RELOG_H
#define MEMLINE_RELOG_H

#include "atpeak.h"
#include "blockmap.h"

#include <memline/probe.h>

#include <stdint.h>

#define MLRL_CAPACITY 256

extern uintptr_t mlrl_blocks[MLRL_CAPACITY];
extern unsigned mlrl_count; /* logged, not yet applied */

/* The block's type for the peak's cells (atpeak.h). */
static inline unsigned mlrl_type_of(const struct mlbm_entry *e)
{
    return memline_typing ? e->type : MLAP_UNTYPED;
}

/* The release of the block at b, now: its owner gives its bytes back. */
void mlrl_release(uintptr_t b);

/* Applies every logged release (also atpeak.h's `settle` hook). */
void mlrl_settle(void);

static inline void mlrl_log(uintptr_t b)
{
    if (mlrl_count == MLRL_CAPACITY)
        mlrl_settle();
    mlrl_blocks[mlrl_count++] = b;
}

/* A forked child's table starts empty: nothing to apply. */
static inline void mlrl_clear(void)
{
    mlrl_count = 0;
}

#endif
