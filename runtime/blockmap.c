/*
** runtime/blockmap.c — the live-block table (blockmap.h).
**
** Two levels above the leaves, as a page table: the root (one mapping of
** 2^17 pointers) splits the 47-bit address space into 1 GiB regions, a
** region's node holds 2^18 leaf pointers (one per 4 KiB page). A lookup is
** three dependent loads, the first two almost always in cache. Regions are
** also chained in a list, for mlbm_each.
**
** Nodes and leaves come zeroed from mmap and are installed with a
** compare-and-swap; the loser of a race unmaps its copy. Publication is a
** release store and every read of a node pointer an acquire load, so a
** thread that finds a node also finds it zeroed or filled in, never torn.
*/
#define _GNU_SOURCE
#include "blockmap.h"
#include "mapped.h"

#include <string.h>
#include <sys/mman.h>

#define MLBM_PAGE_SHIFT 12
#define MLBM_PAGE_SIZE (1u << MLBM_PAGE_SHIFT)
#define MLBM_PER_LEAF (MLBM_PAGE_SIZE / MLBM_GRANULE)
#define MLBM_REGION_BITS 18
#define MLBM_ROOT_BITS (47 - MLBM_PAGE_SHIFT - MLBM_REGION_BITS)
#define MLBM_STRIPES 64

struct mlbm_leaf {
    struct mlbm_entry entries[MLBM_PER_LEAF];
};

struct mlbm_region {
    struct mlbm_region *next;
    uintptr_t first_page;
    struct mlbm_leaf *leaves[1u << MLBM_REGION_BITS];
};

struct mlbm_stripe {
    pthread_mutex_t lock;
} __attribute__((aligned(64)));

static struct mlbm_region **mlbm_root;
static struct mlbm_region *mlbm_regions;
static struct mlbm_stripe mlbm_stripes[MLBM_STRIPES];

int mlbm_start(void)
{
    int i;

    for (i = 0; i < MLBM_STRIPES; i++)
        pthread_mutex_init(&mlbm_stripes[i].lock, NULL);
    mlbm_root = mlm_map(sizeof *mlbm_root << MLBM_ROOT_BITS);
    return mlbm_root ? 0 : -1;
}

/* *where, or a fresh zeroed mapping of `bytes` installed there; NULL if
** there is none and no memory is left. `fresh` says which. */
static void *mlbm_install(void **where, size_t bytes, int *fresh)
{
    void *node = __atomic_load_n(where, __ATOMIC_ACQUIRE), *expected = NULL;

    *fresh = 0;
    if (node)
        return node;
    if (!(node = mlm_map(bytes)))
        return NULL;
    if (__atomic_compare_exchange_n(where, &expected, node, 0, __ATOMIC_RELEASE,
                                    __ATOMIC_ACQUIRE)) {
        *fresh = 1;
        return node;
    }
    munmap(node, bytes);
    return expected;
}

static struct mlbm_entry *mlbm_entry_in(struct mlbm_leaf *leaf, uintptr_t block)
{
    return &leaf->entries[(block & (MLBM_PAGE_SIZE - 1)) / MLBM_GRANULE];
}

struct mlbm_entry *mlbm_find(uintptr_t block)
{
    uintptr_t page = block >> MLBM_PAGE_SHIFT;
    struct mlbm_region *region;
    struct mlbm_leaf *leaf;
    struct mlbm_entry *e;

    if (page >> (MLBM_ROOT_BITS + MLBM_REGION_BITS))
        return NULL;
    region = __atomic_load_n(&mlbm_root[page >> MLBM_REGION_BITS], __ATOMIC_ACQUIRE);
    if (!region)
        return NULL;
    leaf =
        __atomic_load_n(&region->leaves[page & ((1u << MLBM_REGION_BITS) - 1)], __ATOMIC_ACQUIRE);
    if (!leaf)
        return NULL;
    e = mlbm_entry_in(leaf, block);
    return e->offset == block % MLBM_GRANULE + 1 ? e : NULL;
}

struct mlbm_entry *mlbm_slot(uintptr_t block)
{
    uintptr_t page = block >> MLBM_PAGE_SHIFT;
    struct mlbm_region *region, *head;
    struct mlbm_leaf *leaf;
    int fresh;

    if (page >> (MLBM_ROOT_BITS + MLBM_REGION_BITS))
        return NULL;
    region = mlbm_install((void **)&mlbm_root[page >> MLBM_REGION_BITS], sizeof *region, &fresh);
    if (!region)
        return NULL;
    if (fresh) {
        region->first_page = page & ~(uintptr_t)((1u << MLBM_REGION_BITS) - 1);
        head = __atomic_load_n(&mlbm_regions, __ATOMIC_ACQUIRE);
        do
            region->next = head;
        while (!__atomic_compare_exchange_n(&mlbm_regions, &head, region, 1, __ATOMIC_RELEASE,
                                            __ATOMIC_ACQUIRE));
    }
    leaf = mlbm_install((void **)&region->leaves[page & ((1u << MLBM_REGION_BITS) - 1)],
                        sizeof *leaf, &fresh);
    return leaf ? mlbm_entry_in(leaf, block) : NULL;
}

pthread_mutex_t *mlbm_stripe(uintptr_t block)
{
    return &mlbm_stripes[(block >> MLBM_PAGE_SHIFT) % MLBM_STRIPES].lock;
}

static void mlbm_visit_leaf(struct mlbm_leaf *leaf, uintptr_t page, mlbm_visitor visit, void *ctx)
{
    unsigned k;

    for (k = 0; k < MLBM_PER_LEAF; k++) {
        struct mlbm_entry *e = &leaf->entries[k];

        if (mlbm_live(e))
            visit(ctx, (page << MLBM_PAGE_SHIFT) + k * MLBM_GRANULE + e->offset - 1u, e);
    }
}

void mlbm_each(enum mlbm_locking locking, mlbm_visitor visit, void *ctx)
{
    struct mlbm_region *region = __atomic_load_n(&mlbm_regions, __ATOMIC_ACQUIRE);

    for (; region; region = region->next) {
        uintptr_t i;

        for (i = 0; i < (1u << MLBM_REGION_BITS); i++) {
            struct mlbm_leaf *leaf = __atomic_load_n(&region->leaves[i], __ATOMIC_ACQUIRE);
            uintptr_t page = region->first_page + i;
            pthread_mutex_t *stripe = mlbm_stripe(page << MLBM_PAGE_SHIFT);

            if (!leaf)
                continue;
            if (locking == MLBM_LOCK)
                pthread_mutex_lock(stripe);
            else if (locking == MLBM_TRY && pthread_mutex_trylock(stripe) != 0)
                continue;
            mlbm_visit_leaf(leaf, page, visit, ctx);
            if (locking != MLBM_CALLER)
                pthread_mutex_unlock(stripe);
        }
    }
}

void mlbm_lock_all(void)
{
    int i;

    for (i = 0; i < MLBM_STRIPES; i++)
        pthread_mutex_lock(&mlbm_stripes[i].lock);
}

void mlbm_unlock_all(void)
{
    int i;

    for (i = 0; i < MLBM_STRIPES; i++)
        pthread_mutex_unlock(&mlbm_stripes[i].lock);
}

void mlbm_clear_child(void)
{
    struct mlbm_region *region;
    uintptr_t i;

    for (region = mlbm_regions; region; region = region->next)
        for (i = 0; i < (1u << MLBM_REGION_BITS); i++)
            if (region->leaves[i])
                memset(region->leaves[i], 0, sizeof *region->leaves[i]);
}
