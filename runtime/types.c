/*
** runtime/types.c — the type names' registry and memline_type_block (see
** types.h). Ids are given under a mutex taken with signals blocked
** (guard.h), once per struct memline_type, which caches its id.
*/
#define _GNU_SOURCE
#include "types.h"
#include "arena.h"
#include "atpeak.h"
#include "export.h"
#include "guard.h"
#include "leaks.h"
#include "report.h"

#include <memline/probe.h>

#include <string.h>

MEMLINE_EXPORT int memline_typing;

static pthread_mutex_t mlty_lock = PTHREAD_MUTEX_INITIALIZER;
static const char *mlty_names[MLTY_MAX];
static unsigned mlty_used = 1; /* id 0 is (unknown) */

/* The rows the last remembered report had, by id; MLTY_MAX for the heap
** that is not profiled. */
static long long *mlty_previous_bytes, *mlty_previous_blocks;
static int mlty_previous_known;

struct mlty_collect {
    struct mlr_type *rows;
    unsigned *ids;
    long n, capacity;
    long long bytes, blocks, peak_bytes, peak_blocks; /* sums over the cells */
};

static void mlty_add_row(void *ctx, unsigned type, long long bytes, long long blocks,
                         long long peak_bytes, long long peak_blocks)
{
    struct mlty_collect *c = ctx;
    const char *name = type ? mlty_name(type) : "(unknown)";

    if (!name || c->n == c->capacity)
        return;
    c->ids[c->n] = type;
    c->rows[c->n++] = (struct mlr_type){name, blocks, bytes, peak_blocks, peak_bytes, 0, 0};
    c->bytes += bytes;
    c->blocks += blocks;
    c->peak_bytes += peak_bytes;
    c->peak_blocks += peak_blocks;
}

/* Insertion sort: a few rows, and qsort may call malloc. */
static void mlty_sort(struct mlr_type *rows, unsigned *ids, long n)
{
    long i, j;

    for (i = 1; i < n; i++)
        for (j = i; j > 0 && mlr_type_order(&rows[j - 1], &rows[j]) > 0; j--) {
            struct mlr_type t = rows[j];
            unsigned id = ids[j];

            rows[j] = rows[j - 1];
            rows[j - 1] = t;
            ids[j] = ids[j - 1];
            ids[j - 1] = id;
        }
}

long mlty_rows(int remember, struct mlr_type **rows, int *growth)
{
    struct mlty_collect c = {0};
    struct mlap_totals totals;
    long i;

    c.capacity = (long)mlty_count() + 1;
    c.rows = mla_alloc((size_t)c.capacity * sizeof *c.rows);
    c.ids = mla_alloc((size_t)c.capacity * sizeof *c.ids);
    if (!mlty_previous_bytes) {
        mlty_previous_bytes = mla_alloc((MLTY_MAX + 1) * sizeof *mlty_previous_bytes);
        mlty_previous_blocks = mla_alloc((MLTY_MAX + 1) * sizeof *mlty_previous_blocks);
    }
    if (!c.rows || !c.ids || !mlty_previous_bytes || !mlty_previous_blocks ||
        mlk_collect_types(&totals, mlty_add_row, &c) != 0)
        return -1;
    c.ids[c.n] = MLTY_MAX;
    c.rows[c.n++] = (struct mlr_type){"(not profiled)",
                                      totals.blocks - c.blocks,
                                      totals.bytes - c.bytes,
                                      totals.peak_blocks - c.peak_blocks,
                                      totals.peak_bytes - c.peak_bytes,
                                      0,
                                      0};
    mlty_sort(c.rows, c.ids, c.n);
    *growth = mlty_previous_known;
    for (i = 0; i < c.n && mlty_previous_known; i++) {
        c.rows[i].blocks_growth = c.rows[i].blocks - mlty_previous_blocks[c.ids[i]];
        c.rows[i].bytes_growth = c.rows[i].bytes - mlty_previous_bytes[c.ids[i]];
    }
    if (remember) {
        memset(mlty_previous_bytes, 0, (MLTY_MAX + 1) * sizeof *mlty_previous_bytes);
        memset(mlty_previous_blocks, 0, (MLTY_MAX + 1) * sizeof *mlty_previous_blocks);
        for (i = 0; i < c.n; i++) {
            mlty_previous_bytes[c.ids[i]] = c.rows[i].bytes;
            mlty_previous_blocks[c.ids[i]] = c.rows[i].blocks;
        }
        mlty_previous_known = 1;
    }
    *rows = c.rows;
    return c.n;
}

void mlty_start(void)
{
    __atomic_store_n(&memline_typing, 1, __ATOMIC_RELEASE);
}

const char *mlty_name(unsigned id)
{
    return id < MLTY_MAX ? __atomic_load_n(&mlty_names[id], __ATOMIC_ACQUIRE) : NULL;
}

unsigned mlty_count(void)
{
    return __atomic_load_n(&mlty_used, __ATOMIC_ACQUIRE);
}

static sigset_t mlty_fork_mask;

void mlty_fork_prepare(void)
{
    mlg_lock(&mlty_lock, &mlty_fork_mask);
}

void mlty_fork_parent(void)
{
    mlg_unlock(&mlty_lock, &mlty_fork_mask);
}

void mlty_fork_child(void)
{
    mlg_unlock(&mlty_lock, &mlty_fork_mask);
}

/* The id of a name, given when new; 0 when the registry is full. Once per
** type and file: kept out of memline_type_block, which stays a leaf. */
static __attribute__((noinline, cold)) unsigned mlty_intern(const char *name)
{
    sigset_t saved;
    unsigned id, i;
    size_t n = strlen(name) + 1;
    char *copy;

    mlg_lock(&mlty_lock, &saved);
    for (i = 1; i < mlty_used; i++)
        if (strcmp(mlty_names[i], name) == 0)
            break;
    id = i;
    if (i == mlty_used) {
        if (mlty_used == MLTY_MAX || !(copy = mla_alloc(n))) {
            id = 0;
        } else {
            memcpy(copy, name, n);
            __atomic_store_n(&mlty_names[i], copy, __ATOMIC_RELEASE);
            __atomic_store_n(&mlty_used, mlty_used + 1, __ATOMIC_RELEASE);
        }
    }
    mlg_unlock(&mlty_lock, &saved);
    return id;
}

MEMLINE_EXPORT void memline_type_block(void *p, struct memline_type *t)
{
    unsigned id;

    if (!p || !t || !t->name)
        return;
    if (!(id = __atomic_load_n(&t->id, __ATOMIC_RELAXED))) {
        if (!(id = mlty_intern(t->name)))
            return;
        __atomic_store_n(&t->id, id, __ATOMIC_RELAXED);
    }
    mlk_type(p, id);
}
