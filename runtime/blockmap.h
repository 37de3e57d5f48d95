/*
** runtime/blockmap.h — the live-block table of the live-heap features
** (prefix mlbm_): for each tracked block, its owner record, found from
** the block's address alone.
**
** Layout: a shadow of the address space. Each 1 GiB region of addresses
** that holds a tracked block gets one mapping of entries, one per
** granule (MLBM_GRANULE bytes), reserved but backed only where written; a
** block's entry is the one of the granule its address falls in. No
** hashing and no pointer chasing: one load finds the region (a table of
** a few hot pointers), the entry is at a fixed offset from it, and the
** entries of blocks that lie side by side in the heap lie side by side
** here, so the table's accesses follow the program's own locality.
**
** Invariants:
** - Two live blocks never share a granule: the allocator underneath never
**   hands out two addresses closer than MLBM_GRANULE (glibc's smallest
**   chunk is 32 bytes; the sanitizers' allocators go down to 16). A live
**   entry found where a new block goes is therefore stale (its release
**   was never seen) and may be overwritten.
** - The shadow is never released (but in a forked child): it holds 32
**   bytes per granule of every page that ever held a tracked block (at
**   most as much memory as those pages of heap; twice with 16-byte
**   granules), and 1 GiB of address space (2 GiB) per region, reserved
**   without swap.
** - Entries are read and written under their page's stripe lock
**   (mlbm_stripe), or under one lock the caller holds around every access
**   (the peak's, atpeak.h). Regions are published atomically: the map's
**   structure needs no lock to be read.
** - Addresses at or above 2^47 (never returned by Linux without an
**   explicit hint) are not tracked: mlbm_slot returns NULL.
*/
#ifndef MEMLINE_BLOCKMAP_H
#define MEMLINE_BLOCKMAP_H

#include <pthread.h>
#include <stdint.h>

#ifdef MEMLINE_NO_INTERPOSE
#define MLBM_GRANULE 16
#else
#define MLBM_GRANULE 32
#endif

/* A block's owner record (leaks.h explains the fields' use). */
struct mlbm_entry {
    long long size;
    unsigned site;        /* 0 = pending */
    unsigned line;        /* line index, or the pending thread's tag */
    unsigned epoch;       /* atpeak.h: snapshots taken before its allocation */
    unsigned index;       /* its place in the pending list while pending */
    unsigned type;        /* types.h: 0 = unknown */
    unsigned char offset; /* 0 = no block; else the block's offset in its granule + 1 */
};

/* Maps the top of the map; 0, or -1 when it cannot be mapped. */
int mlbm_start(void);

/* The live entry of the block at exactly `block`, or NULL. */
struct mlbm_entry *mlbm_find(uintptr_t block);

/* Starts loading the entry of block's granule (no fault, no effect). */
void mlbm_prefetch(uintptr_t block);

/* The entry of block's granule, its region made if needed (the entry may
** still hold a stale block); NULL when no memory is left or the address
** lies outside the map. */
struct mlbm_entry *mlbm_slot(uintptr_t block);

static inline int mlbm_live(const struct mlbm_entry *e)
{
    return e->offset != 0;
}

/* Marks e as holding the block at `block` (its own granule's entry). */
static inline void mlbm_hold(struct mlbm_entry *e, uintptr_t block)
{
    e->offset = (unsigned char)(block % MLBM_GRANULE + 1);
}

static inline void mlbm_drop(struct mlbm_entry *e)
{
    e->offset = 0;
}

/* The lock of block's page. */
pthread_mutex_t *mlbm_stripe(uintptr_t block);

/* How mlbm_each treats the stripe locks. */
enum mlbm_locking {
    MLBM_LOCK,   /* take each page's stripe */
    MLBM_TRY,    /* skip a page whose stripe is taken */
    MLBM_CALLER, /* the caller holds one lock over every access */
};

/* Calls visit for every live entry, with its block's address, in address
** order. */
typedef void (*mlbm_visitor)(void *ctx, uintptr_t block, struct mlbm_entry *e);
void mlbm_each(enum mlbm_locking locking, mlbm_visitor visit, void *ctx);

/* Around fork: every lock taken before, released after; the child's map
** is emptied (its records start at zero) and its shadow given back. */
void mlbm_lock_all(void);
void mlbm_unlock_all(void);
void mlbm_clear_child(void);

#endif
