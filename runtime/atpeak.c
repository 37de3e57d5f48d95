/*
** runtime/atpeak.c — per-line live bytes, the lazy snapshot at the peak,
** and the ghosts of pending blocks (see atpeak.h for the model).
**
** Lines: one array per site id, from the arena (sites are few and never
** go away), found through a table indexed by site id. The dirty list
** holds (site, line) pairs; a line is on it when its `marked` equals
** epoch + 1, so taking a snapshot (epoch + 1) empties it at once. If the
** list cannot grow, `overflow` makes the next snapshot copy every line.
**
** Time: while the heap grows every allocation is a new maximum, so the
** moment of one is a stamp, the time-stamp counter where it is invariant
** (an instruction, against clock_gettime's 20 ns), turned into
** nanoseconds only when a snapshot keeps it: by the line through the
** (stamp, clock) pairs of the start and of that moment.
*/
#define _GNU_SOURCE
#include "atpeak.h"
#include "arena.h"
#include "mapped.h"
#include "types.h"

#include <pthread.h>
#include <string.h>
#include <time.h>
#if defined(__x86_64__)
#include <cpuid.h>
#include <x86intrin.h>
#endif

struct mlap_line {
    long long live, snap;
    long long live_blocks, snap_blocks; /* kept for the types' cells */
    unsigned marked;                    /* epoch + 1 while on the dirty list */
};

struct mlap_site {
    unsigned nlines;
    struct mlap_line lines[];
};

struct mlap_ref {
    unsigned site, line;
};

struct mlap_ghost {
    unsigned tag, type;
    size_t index;
    long long bytes;
};

/* Site id 0 is no function's: its lines are the types' cells (types.h). */
#define MLAP_TYPES 0

int mlap_enabled;

static pthread_mutex_t mlap_mutex = PTHREAD_MUTEX_INITIALIZER;
static void (*mlap_settle)(void);
static struct mlap_site **mlap_sites;
static size_t mlap_nsites;
static struct mlap_site *mlap_types; /* mlap_sites[MLAP_TYPES], once made */
static struct mlap_ref *mlap_dirty;
static size_t mlap_ndirty, mlap_dirty_capacity;
static int mlap_overflow;
static struct mlap_ghost *mlap_ghosts;
static size_t mlap_nghosts, mlap_ghost_capacity;

/* The live heap is mlap_total + mlap_signalled (and so for blocks):
** mlap_total changes only in sections (under the lock, or with one
** thread), plain adds; a handler that interrupted a section on its own
** thread (mlap_adjust) changes mlap_signalled, atomically. */
static long long mlap_total, mlap_max, mlap_max_stamp, mlap_start_ns, mlap_start_stamp;
static long long mlap_blocks, mlap_max_blocks; /* blocks live now, at mlap_max */
static long long mlap_signalled, mlap_signalled_blocks;
static int mlap_due;      /* mlap_max was reached after the last snapshot */
static unsigned mlap_now; /* snapshots taken: the epoch */
static struct mlap_peak mlap_peak_taken;
static long long mlap_peak_blocks;

static int mlap_tsc; /* the time-stamp counter is invariant */

static long long mlap_clock(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long mlap_stamp(void)
{
#if defined(__x86_64__)
    if (mlap_tsc)
        return (long long)__rdtsc();
#endif
    return mlap_clock();
}

/* Nanoseconds since the start at `stamp`, a stamp taken before now. */
static long long mlap_stamp_ns(long long stamp)
{
    long long now_stamp, now_ns;

    if (!mlap_tsc)
        return stamp - mlap_start_ns;
    now_stamp = mlap_stamp();
    now_ns = mlap_clock();
    if (now_stamp <= mlap_start_stamp)
        return 0;
    return (long long)((double)(stamp - mlap_start_stamp) * (double)(now_ns - mlap_start_ns) /
                       (double)(now_stamp - mlap_start_stamp));
}

static void mlap_start_clock(void)
{
#if defined(__x86_64__)
    unsigned eax, ebx, ecx, edx;

    /* CPUID 0x80000007: EDX bit 8, invariant TSC. */
    mlap_tsc = __get_cpuid(0x80000007, &eax, &ebx, &ecx, &edx) && (edx & (1u << 8));
#endif
    mlap_start_ns = mlap_clock();
    mlap_start_stamp = mlap_stamp();
}

int mlap_start(long long live_now, void (*settle)(void))
{
    mlap_settle = settle;
    if (mlm_grow((void **)&mlap_sites, &mlap_nsites, sizeof *mlap_sites, 256) != 0)
        return -1;
    mlap_start_clock();
    mlap_max_stamp = mlap_start_stamp;
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
static __attribute__((noinline)) struct mlap_line *mlap_line_made(unsigned site, unsigned nlines,
                                                                  unsigned line)
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
        if (site == MLAP_TYPES)
            mlap_types = s;
    }
    return line < s->nlines ? &s->lines[line] : NULL;
}

static inline struct mlap_line *mlap_line_of(unsigned site, unsigned nlines, unsigned line)
{
    struct mlap_site *s;

    if (__builtin_expect(site < mlap_nsites && (s = mlap_sites[site]) != NULL, 1))
        return line < s->nlines ? &s->lines[line] : NULL;
    return mlap_line_made(site, nlines, line);
}

/* Puts l on the dirty list. */
static __attribute__((noinline)) void mlap_dirty_add(struct mlap_line *l, unsigned site,
                                                     unsigned line)
{
    if (mlap_ndirty == mlap_dirty_capacity &&
        mlm_grow((void **)&mlap_dirty, &mlap_dirty_capacity, sizeof *mlap_dirty, 1024) != 0) {
        mlap_overflow = 1;
        return;
    }
    l->marked = mlap_now + 1;
    mlap_dirty[mlap_ndirty++] = (struct mlap_ref){site, line};
}

static inline void mlap_mark(struct mlap_line *l, unsigned site, unsigned line)
{
    if (l->marked != mlap_now + 1)
        mlap_dirty_add(l, site, line);
}

/* The heap is at its maximum now: every line's snap becomes its live.
** Once per new maximum: kept out of the release's path. */
static __attribute__((noinline)) void mlap_snapshot(void)
{
    size_t i;
    unsigned k;

    mlap_settle();
    if (mlap_overflow) {
        for (i = 0; i < mlap_nsites; i++)
            if (mlap_sites[i])
                for (k = 0; k < mlap_sites[i]->nlines; k++) {
                    struct mlap_line *l = &mlap_sites[i]->lines[k];

                    l->snap = l->live;
                    l->snap_blocks = l->live_blocks;
                }
        mlap_overflow = 0;
    } else {
        for (i = 0; i < mlap_ndirty; i++) {
            struct mlap_line *l = &mlap_sites[mlap_dirty[i].site]->lines[mlap_dirty[i].line];

            l->snap = l->live;
            l->snap_blocks = l->live_blocks;
        }
    }
    mlap_ndirty = 0;
    mlap_nghosts = 0; /* freed before this peak */
    mlap_now++;
    mlap_due = 0;
    mlap_peak_taken = (struct mlap_peak){mlap_max, mlap_stamp_ns(mlap_max_stamp)};
    mlap_peak_blocks = mlap_max_blocks;
}

void mlap_allocated(long long bytes)
{
    long long total = (mlap_total += bytes) + __atomic_load_n(&mlap_signalled, __ATOMIC_RELAXED);
    long long blocks = ++mlap_blocks + __atomic_load_n(&mlap_signalled_blocks, __ATOMIC_RELAXED);

    if (total > mlap_max) {
        mlap_max = total;
        mlap_max_blocks = blocks;
        mlap_max_stamp = mlap_stamp();
        mlap_due = 1;
    }
}

void mlap_releasing(long long bytes)
{
    if (mlap_due)
        mlap_snapshot();
    mlap_total -= bytes;
    mlap_blocks--;
}

void mlap_adjust(long long bytes)
{
    __atomic_add_fetch(&mlap_signalled, bytes, __ATOMIC_RELAXED);
    __atomic_add_fetch(&mlap_signalled_blocks, bytes < 0 ? -1 : 1, __ATOMIC_RELAXED);
}

static long long mlap_live(void)
{
    return mlap_total + __atomic_load_n(&mlap_signalled, __ATOMIC_RELAXED);
}

static long long mlap_live_blocks(void)
{
    return mlap_blocks + __atomic_load_n(&mlap_signalled_blocks, __ATOMIC_RELAXED);
}

/* A block of `bytes` of type `type` (nothing for MLAP_UNTYPED) joins its
** cell (`blocks` 1) or leaves it (-1, bytes negative): in the live heap
** when `live`, in the last peak when `at_peak`. */
static inline __attribute__((always_inline)) void
mlap_type_count(unsigned type, long long bytes, long long blocks, int live, int at_peak)
{
    struct mlap_line *l;

    if (type == MLAP_UNTYPED)
        return;
    if (__builtin_expect(mlap_types != NULL, 1))
        l = &mlap_types->lines[type];
    else if (!(l = mlap_line_made(MLAP_TYPES, MLTY_MAX, type)))
        return;
    if (live) {
        l->live += bytes;
        l->live_blocks += blocks;
    }
    if (at_peak) {
        l->snap += bytes;
        l->snap_blocks += blocks;
    }
    mlap_mark(l, MLAP_TYPES, type);
}

void mlap_assigned(unsigned site, unsigned nlines, unsigned line, long long bytes, unsigned epoch,
                   unsigned type)
{
    struct mlap_line *l = mlap_line_of(site, nlines, line);

    mlap_type_count(type, bytes, 1, 1, epoch < mlap_now);
    if (!l)
        return;
    l->live += bytes;
    if (epoch < mlap_now)
        l->snap += bytes;
    mlap_mark(l, site, line);
}

void mlap_released_owned(unsigned site, unsigned line, long long bytes, unsigned type)
{
    struct mlap_line *l;

    mlap_type_count(type, -bytes, -1, 1, 0);
    if (site >= mlap_nsites || !mlap_sites[site] || line >= mlap_sites[site]->nlines)
        return;
    l = &mlap_sites[site]->lines[line];
    l->live -= bytes;
    mlap_mark(l, site, line);
}

void mlap_released_pending(unsigned tag, size_t index, long long bytes, unsigned epoch,
                           unsigned type)
{
    if (epoch >= mlap_now)
        return;
    if (mlap_nghosts == mlap_ghost_capacity &&
        mlm_grow((void **)&mlap_ghosts, &mlap_ghost_capacity, sizeof *mlap_ghosts, 256) != 0)
        return;
    mlap_ghosts[mlap_nghosts++] = (struct mlap_ghost){tag, type, index, bytes};
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
        mlap_type_count(g->type, g->bytes, 1, 0, 1);
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
    for (i = MLAP_TYPES + 1; i < mlap_nsites; i++)
        if (mlap_sites[i])
            for (k = 0; k < mlap_sites[i]->nlines; k++)
                if (mlap_sites[i]->lines[k].snap)
                    visit(ctx, (unsigned)i, k, mlap_sites[i]->lines[k].snap);
    mlap_unlock();
    return 0;
}

int mlap_collect_types(int busy, struct mlap_totals *totals, mlap_type_visitor visit, void *ctx)
{
    const struct mlap_site *types;
    unsigned k;

    if (busy ? mlap_trylock() != 0 : (mlap_lock(), 0))
        return -1;
    if (mlap_due)
        mlap_snapshot();
    else
        mlap_settle();
    *totals = (struct mlap_totals){mlap_live(), mlap_live_blocks(), mlap_peak_taken.bytes,
                                   mlap_peak_blocks};
    if ((types = mlap_nsites > MLAP_TYPES ? mlap_sites[MLAP_TYPES] : NULL))
        for (k = 0; k < types->nlines; k++) {
            const struct mlap_line *l = &types->lines[k];

            if (l->live || l->snap || l->live_blocks || l->snap_blocks)
                visit(ctx, k, l->live, l->live_blocks, l->snap, l->snap_blocks);
        }
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
    mlap_max = mlap_live();
    mlap_max_blocks = mlap_live_blocks();
    mlap_max_stamp = mlap_stamp();
    mlap_due = 1;
}
