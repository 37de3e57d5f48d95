/*
** runtime/atpeak.c — per-line live bytes, the lazy snapshot at the peak,
** and the ghosts of pending blocks (see atpeak.h for the model).
**
** Lines: one array per site id, from the arena (sites are few and never
** go away), found through a table indexed by site id. The dirty list
** holds (site, line) pairs; a line is on it when its `marked` equals
** epoch + 1, so taking a snapshot (epoch + 1) empties it at once. If the
** list cannot grow, `overflow` makes the next snapshot copy every line.
*/
#define _GNU_SOURCE
#include "atpeak.h"
#include "arena.h"
#include "mapped.h"

#include <pthread.h>
#include <string.h>
#include <time.h>

struct mlap_line {
    long long live, snap;
    unsigned marked; /* epoch + 1 while on the dirty list */
};

struct mlap_site {
    unsigned nlines;
    struct mlap_line lines[];
};

struct mlap_ref {
    unsigned site, line;
};

struct mlap_ghost {
    unsigned tag;
    size_t index;
    long long bytes;
};

int mlap_enabled;

static pthread_mutex_t mlap_mutex = PTHREAD_MUTEX_INITIALIZER;
static struct mlap_site **mlap_sites;
static size_t mlap_nsites;
static struct mlap_ref *mlap_dirty;
static size_t mlap_ndirty, mlap_dirty_capacity;
static int mlap_overflow;
static struct mlap_ghost *mlap_ghosts;
static size_t mlap_nghosts, mlap_ghost_capacity;

static long long mlap_total, mlap_max, mlap_max_ns, mlap_start_ns;
static int mlap_due;      /* mlap_max was reached after the last snapshot */
static unsigned mlap_now; /* snapshots taken: the epoch */
static struct mlap_peak mlap_peak_taken;

static long long mlap_clock(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int mlap_start(long long live_now)
{
    if (mlm_grow((void **)&mlap_sites, &mlap_nsites, sizeof *mlap_sites, 256) != 0)
        return -1;
    mlap_start_ns = mlap_max_ns = mlap_clock();
    mlap_total = mlap_max = live_now;
    mlap_due = 1;
    __atomic_store_n(&mlap_enabled, 1, __ATOMIC_RELEASE);
    return 0;
}

void mlap_lock(void)
{
    pthread_mutex_lock(&mlap_mutex);
}

void mlap_unlock(void)
{
    pthread_mutex_unlock(&mlap_mutex);
}

int mlap_trylock(void)
{
    return pthread_mutex_trylock(&mlap_mutex);
}

unsigned mlap_epoch(void)
{
    return mlap_now;
}

/* The record of a line, made when new; NULL when out of memory. */
static struct mlap_line *mlap_line_of(unsigned site, unsigned nlines, unsigned line)
{
    struct mlap_site *s;

    while (site >= mlap_nsites)
        if (mlm_grow((void **)&mlap_sites, &mlap_nsites, sizeof *mlap_sites, 256) != 0)
            return NULL;
    if (!(s = mlap_sites[site])) {
        if (!(s = mla_alloc(sizeof *s + nlines * sizeof s->lines[0])))
            return NULL;
        s->nlines = nlines;
        mlap_sites[site] = s;
    }
    return line < s->nlines ? &s->lines[line] : NULL;
}

static void mlap_mark(struct mlap_line *l, unsigned site, unsigned line)
{
    if (l->marked == mlap_now + 1)
        return;
    if (mlap_ndirty == mlap_dirty_capacity &&
        mlm_grow((void **)&mlap_dirty, &mlap_dirty_capacity, sizeof *mlap_dirty, 1024) != 0) {
        mlap_overflow = 1;
        return;
    }
    l->marked = mlap_now + 1;
    mlap_dirty[mlap_ndirty++] = (struct mlap_ref){site, line};
}

/* The heap is at its maximum now: every line's snap becomes its live. */
static void mlap_snapshot(void)
{
    size_t i;
    unsigned k;

    if (mlap_overflow) {
        for (i = 0; i < mlap_nsites; i++)
            if (mlap_sites[i])
                for (k = 0; k < mlap_sites[i]->nlines; k++)
                    mlap_sites[i]->lines[k].snap = mlap_sites[i]->lines[k].live;
        mlap_overflow = 0;
    } else {
        for (i = 0; i < mlap_ndirty; i++) {
            struct mlap_line *l = &mlap_sites[mlap_dirty[i].site]->lines[mlap_dirty[i].line];

            l->snap = l->live;
        }
    }
    mlap_ndirty = 0;
    mlap_nghosts = 0; /* freed before this peak */
    mlap_now++;
    mlap_due = 0;
    mlap_peak_taken = (struct mlap_peak){mlap_max, mlap_max_ns - mlap_start_ns};
}

void mlap_allocated(long long bytes)
{
    long long total = __atomic_add_fetch(&mlap_total, bytes, __ATOMIC_RELAXED);

    if (total > mlap_max) {
        mlap_max = total;
        mlap_max_ns = mlap_clock();
        mlap_due = 1;
    }
}

void mlap_releasing(long long bytes)
{
    if (mlap_due)
        mlap_snapshot();
    __atomic_sub_fetch(&mlap_total, bytes, __ATOMIC_RELAXED);
}

void mlap_adjust(long long bytes)
{
    __atomic_add_fetch(&mlap_total, bytes, __ATOMIC_RELAXED);
}

void mlap_assigned(unsigned site, unsigned nlines, unsigned line, long long bytes, unsigned epoch)
{
    struct mlap_line *l = mlap_line_of(site, nlines, line);

    if (!l)
        return;
    l->live += bytes;
    if (epoch < mlap_now)
        l->snap += bytes;
    mlap_mark(l, site, line);
}

void mlap_released_owned(unsigned site, unsigned line, long long bytes)
{
    struct mlap_line *l;

    if (site >= mlap_nsites || !mlap_sites[site] || line >= mlap_sites[site]->nlines)
        return;
    l = &mlap_sites[site]->lines[line];
    l->live -= bytes;
    mlap_mark(l, site, line);
}

void mlap_released_pending(unsigned tag, size_t index, long long bytes, unsigned epoch)
{
    if (epoch >= mlap_now)
        return;
    if (mlap_nghosts == mlap_ghost_capacity &&
        mlm_grow((void **)&mlap_ghosts, &mlap_ghost_capacity, sizeof *mlap_ghosts, 256) != 0)
        return;
    mlap_ghosts[mlap_nghosts++] = (struct mlap_ghost){tag, index, bytes};
}

void mlap_claim(unsigned tag, size_t base, unsigned site, unsigned nlines, unsigned line)
{
    struct mlap_line *l;
    size_t i = 0;

    while (i < mlap_nghosts) {
        struct mlap_ghost *g = &mlap_ghosts[i];

        if (g->tag != tag || g->index < base) {
            i++;
            continue;
        }
        if ((l = mlap_line_of(site, nlines, line))) {
            l->snap += g->bytes;
            mlap_mark(l, site, line);
        }
        *g = mlap_ghosts[--mlap_nghosts];
    }
}

int mlap_collect(int busy, struct mlap_peak *peak, mlap_visitor visit, void *ctx)
{
    size_t i;
    unsigned k;

    if (busy ? mlap_trylock() != 0 : (mlap_lock(), 0))
        return -1;
    if (mlap_due)
        mlap_snapshot();
    *peak = mlap_peak_taken;
    for (i = 0; i < mlap_nsites; i++)
        if (mlap_sites[i])
            for (k = 0; k < mlap_sites[i]->nlines; k++)
                if (mlap_sites[i]->lines[k].snap)
                    visit(ctx, (unsigned)i, k, mlap_sites[i]->lines[k].snap);
    mlap_unlock();
    return 0;
}

void mlap_fork_prepare(void)
{
    if (mlap_enabled)
        mlap_lock();
}

void mlap_fork_parent(void)
{
    if (mlap_enabled)
        mlap_unlock();
}

void mlap_fork_child(void)
{
    size_t i;

    if (!mlap_enabled)
        return;
    pthread_mutex_init(&mlap_mutex, NULL);
    for (i = 0; i < mlap_nsites; i++)
        if (mlap_sites[i])
            memset(mlap_sites[i]->lines, 0, mlap_sites[i]->nlines * sizeof mlap_sites[i]->lines[0]);
    mlap_ndirty = mlap_nghosts = 0;
    mlap_overflow = 0;
    mlap_now++;
    mlap_max = mlap_total;
    mlap_max_ns = mlap_clock();
    mlap_due = 1;
}
