/*
** runtime/records.c — site registry, per-thread record blocks, merging
** at thread exit and for reports (see records.h for the model).
**
** Lock discipline: mlrec_lock guards the registry tables, the live and
** pool lists, the dead table and every thread's `blocks` array (not the
** records inside a block, which only their thread writes); it is held with
** every signal blocked (guard.h), so a signal handler may run profiled
** code or write the report whatever the interrupted code was doing. The
** thread-exit
** destructor may run after other destructors have freed things, so it
** touches nothing but runtime memory.
*/
#define _GNU_SOURCE
#include "records.h"
#include "arena.h"
#include "crash.h"
#include "guard.h"
#include "heap.h"

#include <pthread.h>
#include <string.h>

static pthread_mutex_t mlrec_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t mlrec_key_once = PTHREAD_ONCE_INIT;
static pthread_key_t mlrec_key;

static unsigned mlrec_nsites;             /* ids 1..mlrec_nsites are taken */
static unsigned mlrec_capacity;           /* size of the two tables below */
static struct memline_site **mlrec_sites; /* by id */
static struct memline_line **mlrec_dead;  /* by id: exited threads' sums */
static struct mlrec_thread *mlrec_live;   /* threads with records */
static struct mlrec_thread *mlrec_pool;   /* recycled thread states */

void mlrec_add(struct memline_line *dst, const struct memline_line *src, unsigned n)
{
    unsigned i;

    for (i = 0; i < n; i++, dst++, src++) {
        if (src->occurrences == 0)
            continue;
        if (dst->occurrences == 0) {
            dst->mem_usage = src->mem_usage;
            dst->peak = src->peak;
        } else {
            if (src->mem_usage > dst->mem_usage)
                dst->mem_usage = src->mem_usage;
            if (src->peak > dst->peak)
                dst->peak = src->peak;
        }
        dst->increment += src->increment;
        dst->occurrences += src->occurrences;
        dst->allocs += src->allocs;
        dst->frees += src->frees;
    }
}

/* Grows an id-indexed table of pointers to `capacity` entries. */
static void **mlrec_grow(void **old, unsigned used, unsigned capacity)
{
    void **table = mla_alloc(capacity * sizeof *table);

    if (table && old)
        memcpy(table, old, used * sizeof *table);
    return table;
}

int mlrec_register(struct memline_site *s)
{
    int status = 0;
    sigset_t saved;

    if (s->version != MEMLINE_PROBE_VERSION || s->last_line < s->first_line || !s->text)
        return -1;
    mlg_lock(&mlrec_lock, &saved);
    if (__atomic_load_n(&s->id, __ATOMIC_ACQUIRE) == 0) {
        unsigned id = mlrec_nsites + 1;

        if (id >= mlrec_capacity) {
            unsigned capacity = mlrec_capacity ? 2 * mlrec_capacity : 64;
            void **sites = mlrec_grow((void **)mlrec_sites, mlrec_capacity, capacity);
            void **dead = mlrec_grow((void **)mlrec_dead, mlrec_capacity, capacity);

            if (sites && dead) {
                mlrec_sites = (struct memline_site **)sites;
                mlrec_dead = (struct memline_line **)dead;
                mlrec_capacity = capacity;
            }
        }
        if (id < mlrec_capacity) {
            mlrec_sites[id] = s;
            __atomic_store_n(&mlrec_nsites, id, __ATOMIC_RELEASE);
            __atomic_store_n(&s->id, id, __ATOMIC_RELEASE);
        } else {
            status = -1;
        }
    }
    mlg_unlock(&mlrec_lock, &saved);
    return status;
}

unsigned mlrec_count(void)
{
    return __atomic_load_n(&mlrec_nsites, __ATOMIC_ACQUIRE);
}

static void mlrec_zero(struct mlrec_thread *t)
{
    unsigned id;

    for (id = 1; id < t->nblocks && id <= mlrec_nsites; id++)
        if (t->blocks[id])
            memset(t->blocks[id], 0, mlrec_nlines(mlrec_sites[id]) * sizeof(struct memline_line));
}

/* Moves t from the live list to the pool, dropping its frames. */
static void mlrec_unlink(struct mlrec_thread *t)
{
    mlfs_reset(&t->frames);
    if (t->prev)
        t->prev->next = t->next;
    else
        mlrec_live = t->next;
    if (t->next)
        t->next->prev = t->prev;
    t->prev = NULL;
    t->next = mlrec_pool;
    mlrec_pool = t;
}

/* Thread exit: fold the thread's records into the dead table, pool it. */
static void mlrec_thread_exit(void *arg)
{
    struct mlrec_thread *t = arg;
    sigset_t saved;
    unsigned id;

    mlh_thread_exiting();
    mlg_lock(&mlrec_lock, &saved);
    for (id = 1; id < t->nblocks && id <= mlrec_nsites; id++) {
        unsigned n = mlrec_nlines(mlrec_sites[id]);

        if (!t->blocks[id])
            continue;
        if (!mlrec_dead[id])
            mlrec_dead[id] = mla_alloc(n * sizeof(struct memline_line));
        if (mlrec_dead[id])
            mlrec_add(mlrec_dead[id], t->blocks[id], n);
    }
    mlcr_thread_end(t->altstack);
    mlapi_retire(&t->api);
    mlrec_zero(t);
    mlrec_unlink(t);
    memline_tls.state = NULL;
    mlg_unlock(&mlrec_lock, &saved);
}

static void mlrec_make_key(void)
{
    pthread_key_create(&mlrec_key, mlrec_thread_exit);
}

static struct mlrec_thread *mlrec_new_thread(void)
{
    struct mlrec_thread *t;
    sigset_t saved;

    pthread_once(&mlrec_key_once, mlrec_make_key);
    mlg_lock(&mlrec_lock, &saved);
    t = mlrec_pool;
    if (t)
        mlrec_pool = t->next;
    else
        t = mla_alloc(sizeof *t);
    if (t) {
        t->prev = NULL;
        t->next = mlrec_live;
        if (mlrec_live)
            mlrec_live->prev = t;
        mlrec_live = t;
        memline_tls.state = t;
    }
    mlg_unlock(&mlrec_lock, &saved);
    if (t) {
        pthread_setspecific(mlrec_key, t);
        mlcr_thread_start(&t->altstack);
    }
    return t;
}

struct memline_line *mlrec_lines_slow(struct memline_site *s)
{
    struct mlrec_thread *t = memline_tls.state;
    struct memline_line *lines = NULL;
    unsigned id = s->id;
    sigset_t saved;

    if (!t && !(t = mlrec_new_thread()))
        return NULL;
    mlg_lock(&mlrec_lock, &saved);
    if (id >= t->nblocks) {
        unsigned capacity = t->nblocks ? 2 * t->nblocks : 16;
        void **blocks;

        while (capacity <= id)
            capacity *= 2;
        blocks = mlrec_grow((void **)t->blocks, t->nblocks, capacity);
        if (blocks) {
            t->blocks = (struct memline_line **)blocks;
            t->nblocks = capacity;
        }
    }
    if (id < t->nblocks) {
        if (!t->blocks[id])
            t->blocks[id] = mla_alloc(mlrec_nlines(s) * sizeof(struct memline_line));
        lines = t->blocks[id];
    }
    mlg_unlock(&mlrec_lock, &saved);
    return lines;
}

void mlrec_merge(mlrec_visitor visit, void *ctx)
{
    sigset_t saved;
    unsigned id;

    mlg_lock(&mlrec_lock, &saved);
    for (id = 1; id <= mlrec_nsites; id++) {
        unsigned n = mlrec_nlines(mlrec_sites[id]);
        struct memline_line *merged = mla_alloc(n * sizeof *merged);
        struct mlrec_thread *t;

        if (!merged)
            continue;
        if (mlrec_dead[id])
            mlrec_add(merged, mlrec_dead[id], n);
        for (t = mlrec_live; t; t = t->next)
            if (id < t->nblocks && t->blocks[id])
                mlrec_add(merged, t->blocks[id], n);
        visit(ctx, mlrec_sites[id], merged);
    }
    mlg_unlock(&mlrec_lock, &saved);
}

long long mlrec_api_peak(long long floor)
{
    struct mlrec_thread *t;
    sigset_t saved;

    mlg_lock(&mlrec_lock, &saved);
    for (t = mlrec_live; t; t = t->next)
        floor = mlapi_cell_peak(&t->api, floor);
    mlg_unlock(&mlrec_lock, &saved);
    return floor;
}

/* The forking thread's signal mask, written and read under mlrec_lock. */
static sigset_t mlrec_fork_saved;

void mlrec_fork_prepare(void)
{
    sigset_t saved;

    mlg_lock(&mlrec_lock, &saved);
    mlrec_fork_saved = saved;
}

void mlrec_fork_parent(void)
{
    sigset_t saved = mlrec_fork_saved;

    mlg_unlock(&mlrec_lock, &saved);
}

void mlrec_fork_child(void)
{
    struct mlrec_thread *self = memline_tls.state, *t, *next;
    sigset_t saved;
    unsigned id;

    for (t = mlrec_live; t; t = next) {
        next = t->next;
        mlrec_zero(t);
        if (t != self)
            mlrec_unlink(t);
    }
    for (id = 1; id <= mlrec_nsites; id++)
        if (mlrec_dead[id])
            memset(mlrec_dead[id], 0, mlrec_nlines(mlrec_sites[id]) * sizeof(struct memline_line));
    saved = mlrec_fork_saved;
    mlg_unlock(&mlrec_lock, &saved);
}
