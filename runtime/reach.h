/*
** runtime/reach.h — who holds a leak (prefix mlrc_): a conservative scan,
** as LeakSanitizer's and memcheck's leak search do it, from the roots
** (roots.h) through every live block of the block table (leaks.h tracks
** them all while leaks are shown).
**
** Every aligned word of a root or of a reached block that points into a
** live block, at its start or inside it (interior pointers count), reaches
** that block, but for a word pointing at a block's last 8 usable bytes,
** where glibc's own bookkeeping points (the next chunk's header). A block
** no chain of such words reaches is lost. The scan is breadth-first, so
** each reached block keeps the shortest chain from a root (roots.h's
** order breaks ties: a global before the stack). A pointer hidden by
** arithmetic (XOR, tagging) is not seen: its block is lost.
**
** Invariants: the scan runs inside the table's section with every lock
** taken (mlk_scan), so no tracked block is freed while it is read; roots
** are read with process_vm_readv, so a root unmapped meanwhile is skipped,
** never a crash. Its results live until the next scan; nothing here
** allocates from the heap.
*/
#ifndef MEMLINE_REACH_H
#define MEMLINE_REACH_H

#include "roots.h"

#include <stdint.h>

/* Scans; 0, or -1 when it could not (out of memory, or a handler
** interrupted the table). */
int mlrc_scan(void);

/* Calls visit for every live block owned by a line: index (for
** mlrc_path), site id, line index, bytes, and whether it is reachable. */
typedef void (*mlrc_visitor)(void *ctx, unsigned index, unsigned site, unsigned line,
                             long long bytes, int reachable);
void mlrc_each(mlrc_visitor visit, void *ctx);

/* One step of a chain, root first. */
struct mlrc_hop {
    int is_root;
    const struct mlro_range *root; /* is_root: the range, and the word's address */
    uintptr_t word;
    unsigned site, line; /* a block: its owner (site 0: no line) */
    long long offset;    /* where in it the pointer to the next hop lies */
};

#define MLRC_MAX_HOPS 16

/* The chain to block `index`, root first and the block itself last, at
** most MLRC_MAX_HOPS steps (a longer chain keeps the blocks nearest the
** root; *skipped says how many it left out before the last). Returns the
** number of steps, 0 when the block is lost. */
int mlrc_path(unsigned index, struct mlrc_hop *hops, unsigned *skipped);

#endif
