/*
** runtime/untraced.h — which blocks were allocated while tracing was
** stopped (tracing.h), so that their release, whenever it comes, changes
** nothing (prefix mlu_).
**
** One byte per 16-byte granule of the address space, set where such a
** block starts: a shadow region of 256 MiB (MAP_NORESERVE, so only the
** pages written are backed) for each 4 GiB of addresses that holds one,
** made on the first mark there. Its cost is one byte per 16 bytes of heap
** around the untraced blocks, nothing in the blocks themselves.
**
** Invariants: a byte is set by the thread that allocated its block and
** cleared (mlu_take) by the one that releases it, before glibc gets the
** block back, so the program's own ordering of malloc and free orders
** them; two live blocks never start in the same granule (glibc's blocks
** are 16-aligned), so two threads never write one byte at once. Until
** the first mark (mlu_any) mlu_take is one predictable branch.
*/
#ifndef MEMLINE_UNTRACED_H
#define MEMLINE_UNTRACED_H

#include <stdint.h>

#define MLU_REGION_SHIFT 32 /* 4 GiB of addresses per region */
#define MLU_GRANULE_SHIFT 4
#define MLU_ADDRESS_BITS 47 /* x86-64 user space without 5-level hints */

extern int mlu_any;
extern unsigned char *mlu_regions[1UL << (MLU_ADDRESS_BITS - MLU_REGION_SHIFT)];

/* The slow half of mlu_mark: the region's first mark, or an address
** past the regions. */
int mlu_mark_slow(const void *p);

static inline unsigned char *mlu_byte(const void *p)
{
    uintptr_t a = (uintptr_t)p;
    unsigned char *region;

    if (a >> MLU_ADDRESS_BITS)
        return 0;
    region = __atomic_load_n(&mlu_regions[a >> MLU_REGION_SHIFT], __ATOMIC_ACQUIRE);
    if (!region)
        return 0;
    return region + ((a & ((1UL << MLU_REGION_SHIFT) - 1)) >> MLU_GRANULE_SHIFT);
}

/* Marks the block at p untraced: 0, or -1 when its region cannot be
** mapped (the caller then counts the block as traced). */
static inline int mlu_mark(const void *p)
{
    unsigned char *b = mlu_byte(p);

    if (__builtin_expect(!b, 0))
        return mlu_mark_slow(p);
    *b = 1;
    return 0;
}

/* Whether the block at p is untraced; if so its mark is cleared (the
** block is being released or moved). */
static inline int mlu_take(const void *p)
{
    unsigned char *b;

    if (__builtin_expect(!__atomic_load_n(&mlu_any, __ATOMIC_RELAXED), 1))
        return 0;
    b = mlu_byte(p);
    if (!b || !*b)
        return 0;
    *b = 0;
    return 1;
}

#endif
