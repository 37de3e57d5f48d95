/*
** runtime/relog.c — applying logged releases to the block table (see
** relog.h): each one looked up in the block map and, while the peak is
** tracked, taken from its line's and its type's live bytes (atpeak.h).
*/
#include "relog.h"

#define MLRL_PREFETCH 32

uintptr_t mlrl_blocks[MLRL_CAPACITY];
unsigned mlrl_count;

/* Owned by a line, or pending for one (not a block from outside
** profiled code, kept only for the reachability scan). */
static int mlrl_owned(const struct mlbm_entry *e)
{
    return e->site || e->line;
}

static inline __attribute__((always_inline)) void mlrl_apply(uintptr_t b)
{
    struct mlbm_entry *e = mlbm_find(b);

    if (!e)
        return;
    if (mlap_enabled && mlrl_owned(e)) {
        if (e->site)
            mlap_released_owned(e->site, e->line, e->size, mlrl_type_of(e));
        else
            mlap_released_pending(e->line, e->index, e->size, e->epoch, mlrl_type_of(e));
    }
    mlbm_drop(e);
}

void mlrl_release(uintptr_t b)
{
    mlrl_apply(b);
}

/* flatten: the block map's lookups and the peak's counts inline. */
__attribute__((noinline, flatten)) void mlrl_settle(void)
{
    unsigned i;

    for (i = 0; i < MLRL_PREFETCH && i < mlrl_count; i++)
        mlbm_prefetch(mlrl_blocks[i]);
    for (i = 0; i < mlrl_count; i++) {
        if (i + MLRL_PREFETCH < mlrl_count)
            mlbm_prefetch(mlrl_blocks[i + MLRL_PREFETCH]);
        mlrl_apply(mlrl_blocks[i]);
    }
    mlrl_count = 0;
}
