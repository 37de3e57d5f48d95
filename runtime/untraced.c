/*
** runtime/untraced.c — the shadow of untraced blocks (see untraced.h).
** Regions are mapped outside malloc (mmap) and never unmapped: a region
** another thread is reading stays valid.
*/
#define _GNU_SOURCE
#include "untraced.h"

#include <sys/mman.h>

#define MLU_REGION_BYTES (1UL << (MLU_REGION_SHIFT - MLU_GRANULE_SHIFT))

int mlu_any;
unsigned char *mlu_regions[1UL << (MLU_ADDRESS_BITS - MLU_REGION_SHIFT)];

static unsigned char *mlu_region(uintptr_t a)
{
    unsigned char **slot = &mlu_regions[a >> MLU_REGION_SHIFT];
    unsigned char *region = __atomic_load_n(slot, __ATOMIC_ACQUIRE), *expected = 0;
    void *m;

    if (region)
        return region;
    m = mmap(0, MLU_REGION_BYTES, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m == MAP_FAILED)
        return 0;
    if (!__atomic_compare_exchange_n(slot, &expected, (unsigned char *)m, 0, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE)) {
        munmap(m, MLU_REGION_BYTES); /* another thread's came first */
        return expected;
    }
    return (unsigned char *)m;
}

int mlu_mark_slow(const void *p)
{
    uintptr_t a = (uintptr_t)p;
    unsigned char *region;

    if (a >> MLU_ADDRESS_BITS || !(region = mlu_region(a)))
        return -1;
    region[(a & ((1UL << MLU_REGION_SHIFT) - 1)) >> MLU_GRANULE_SHIFT] = 1;
    if (!__atomic_load_n(&mlu_any, __ATOMIC_RELAXED))
        __atomic_store_n(&mlu_any, 1, __ATOMIC_RELEASE);
    return 0;
}
