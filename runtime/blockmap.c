/*
** runtime/blockmap.c — the live-block table (blockmap.h).
**
** The root is one mapping of 2^17 region pointers, one per GiB of the
** 47-bit address space. A region holds the mapping of its entries (its
** shadow), a bitmap of the shadow's pages that were ever written (for
** mlbm_each, and so that a lookup of an untracked block reads no fresh
** page). mlbm_each walks the root, so it visits blocks in address order.
**
** Regions are made under one mutex, rarely taken (once per GiB of
** addresses), and published with a release store; every read of a
** region pointer is an acquire load, so a thread that finds a region
** finds it filled in. A bitmap bit is set, atomically, before the first
** entry of its page is handed out.
*/
#define _GNU_SOURCE
#include "blockmap.h"
#include "mapped.h"

#include <sys/mman.h>

#define MLBM_REGION_SHIFT 30
#define MLBM_REGION_BYTES ((uintptr_t)1 << MLBM_REGION_SHIFT)
#define MLBM_ROOT_SLOTS ((size_t)1 << (47 - MLBM_REGION_SHIFT))
#define MLBM_PER_REGION (MLBM_REGION_BYTES / MLBM_GRANULE)
#define MLBM_SHADOW_PAGE 4096u
#define MLBM_PER_PAGE (MLBM_SHADOW_PAGE / sizeof(struct mlbm_entry))
#define MLBM_PAGES (MLBM_PER_REGION / MLBM_PER_PAGE)
#define MLBM_WORD_BITS (8 * sizeof(unsigned long))
#define MLBM_STRIPES 64

struct mlbm_region {
    uintptr_t base;
    struct mlbm_entry *shadow;
    unsigned long written[MLBM_PAGES / MLBM_WORD_BITS];
};

struct mlbm_stripe {
    pthread_mutex_t lock;
} __attribute__((aligned(64)));

static struct mlbm_region **mlbm_root;
static struct mlbm_stripe mlbm_stripes[MLBM_STRIPES];
static pthread_mutex_t mlbm_growing = PTHREAD_MUTEX_INITIALIZER;

int mlbm_start(void)
{
    int i;

    for (i = 0; i < MLBM_STRIPES; i++)
        pthread_mutex_init(&mlbm_stripes[i].lock, NULL);
    mlbm_root = mlm_map(MLBM_ROOT_SLOTS * sizeof *mlbm_root);
    return mlbm_root ? 0 : -1;
}

static struct mlbm_region *mlbm_region_at(uintptr_t block)
{
    if (block >> MLBM_REGION_SHIFT >= MLBM_ROOT_SLOTS)
        return NULL;
    return __atomic_load_n(&mlbm_root[block >> MLBM_REGION_SHIFT], __ATOMIC_ACQUIRE);
}

static size_t mlbm_index(uintptr_t block)
{
    return (size_t)((block & (MLBM_REGION_BYTES - 1)) / MLBM_GRANULE);
}

static int mlbm_written(const struct mlbm_region *r, size_t page)
{
    return (__atomic_load_n(&r->written[page / MLBM_WORD_BITS], __ATOMIC_RELAXED) >>
            (page % MLBM_WORD_BITS)) &
           1;
}

void mlbm_prefetch(uintptr_t block)
{
    struct mlbm_region *r = mlbm_region_at(block);

    if (r)
        __builtin_prefetch(&r->shadow[mlbm_index(block)], 1);
}

struct mlbm_entry *mlbm_find(uintptr_t block)
{
    struct mlbm_region *r = mlbm_region_at(block);
    size_t k = mlbm_index(block);
    struct mlbm_entry *e;

    if (!r || !mlbm_written(r, k / MLBM_PER_PAGE))
        return NULL;
    e = &r->shadow[k];
    return e->offset == block % MLBM_GRANULE + 1 ? e : NULL;
}

/* The region of block, made if needed; NULL when no memory is left. */
static struct mlbm_region *mlbm_region_made(uintptr_t block)
{
    struct mlbm_region **where = &mlbm_root[block >> MLBM_REGION_SHIFT], *r;

    pthread_mutex_lock(&mlbm_growing);
    if (!(r = *where) && (r = mlm_map(sizeof *r))) {
        if ((r->shadow = mlm_map(MLBM_PER_REGION * sizeof *r->shadow))) {
            /* As large as the heap it shadows, and written as the heap
            ** grows: in huge pages, a growing heap's shadow faults once per
            ** 2 MiB instead of once per page. */
            madvise(r->shadow, MLBM_PER_REGION * sizeof *r->shadow, MADV_HUGEPAGE);
            r->base = block & ~(MLBM_REGION_BYTES - 1);
            __atomic_store_n(where, r, __ATOMIC_RELEASE);
        } else {
            mlm_release(r, 1, sizeof *r);
            r = NULL;
        }
    }
    pthread_mutex_unlock(&mlbm_growing);
    return r;
}

struct mlbm_entry *mlbm_slot(uintptr_t block)
{
    struct mlbm_region *r;
    size_t k = mlbm_index(block), page = k / MLBM_PER_PAGE;

    if (block >> MLBM_REGION_SHIFT >= MLBM_ROOT_SLOTS)
        return NULL;
    if (!(r = mlbm_region_at(block)) && !(r = mlbm_region_made(block)))
        return NULL;
    if (!mlbm_written(r, page))
        __atomic_or_fetch(&r->written[page / MLBM_WORD_BITS], 1ul << (page % MLBM_WORD_BITS),
                          __ATOMIC_RELAXED);
    return &r->shadow[k];
}

pthread_mutex_t *mlbm_stripe(uintptr_t block)
{
    return &mlbm_stripes[(block >> 12) % MLBM_STRIPES].lock;
}

static void mlbm_visit_page(struct mlbm_region *r, size_t page, mlbm_visitor visit, void *ctx)
{
    size_t k;

    for (k = page * MLBM_PER_PAGE; k < (page + 1) * MLBM_PER_PAGE; k++) {
        struct mlbm_entry *e = &r->shadow[k];

        if (mlbm_live(e))
            visit(ctx, r->base + k * MLBM_GRANULE + e->offset - 1u, e);
    }
}

void mlbm_each(enum mlbm_locking locking, mlbm_visitor visit, void *ctx)
{
    size_t slot, page;

    for (slot = 0; slot < MLBM_ROOT_SLOTS; slot++) {
        struct mlbm_region *r = __atomic_load_n(&mlbm_root[slot], __ATOMIC_ACQUIRE);

        for (page = 0; r && page < MLBM_PAGES; page++) {
            /* A shadow page covers heap addresses of one 4 KiB page. */
            pthread_mutex_t *stripe =
                mlbm_stripe(r->base + page * MLBM_PER_PAGE * (uintptr_t)MLBM_GRANULE);

            if (!mlbm_written(r, page))
                continue;
            if (locking == MLBM_LOCK)
                pthread_mutex_lock(stripe);
            else if (locking == MLBM_TRY && pthread_mutex_trylock(stripe) != 0)
                continue;
            mlbm_visit_page(r, page, visit, ctx);
            if (locking != MLBM_CALLER)
                pthread_mutex_unlock(stripe);
        }
    }
}

void mlbm_lock_all(void)
{
    int i;

    pthread_mutex_lock(&mlbm_growing);
    for (i = 0; i < MLBM_STRIPES; i++)
        pthread_mutex_lock(&mlbm_stripes[i].lock);
}

void mlbm_unlock_all(void)
{
    int i;

    for (i = 0; i < MLBM_STRIPES; i++)
        pthread_mutex_unlock(&mlbm_stripes[i].lock);
    pthread_mutex_unlock(&mlbm_growing);
}

void mlbm_clear_child(void)
{
    size_t slot;

    for (slot = 0; slot < MLBM_ROOT_SLOTS; slot++) {
        struct mlbm_region *r = mlbm_root[slot];

        if (!r)
            continue;
        /* Private anonymous memory reads back as zeros after this. */
        madvise(r->shadow, MLBM_PER_REGION * sizeof *r->shadow, MADV_DONTNEED);
        __builtin_memset(r->written, 0, sizeof r->written);
    }
}
