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

static unsigned mlrec_nsites;               /* ids 1..mlrec_nsites are taken */
static unsigned mlrec_capacity;             /* size of the two tables below */
static struct memline_site **mlrec_sites;   /* by id: the runtime's copies */
static struct memline_site **mlrec_buckets; /* the copies by identity */
static unsigned mlrec_nbuckets;
static struct memline_line **mlrec_dead; /* by id: exited threads' sums */
static struct mlrec_thread *mlrec_live;  /* threads with records */
static struct mlrec_thread *mlrec_pool;  /* recycled thread states */

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

/* FNV-1a over a site's identity: file, function, first and last line. */
static unsigned mlrec_hash(const struct memline_site *s)
{
    const char *parts[2];
    unsigned h = 2166136261u, i;

    parts[0] = s->file ? s->file : "";
    parts[1] = s->function ? s->function : "";
    for (i = 0; i < 2; i++) {
        const unsigned char *p = (const unsigned char *)parts[i];
        while (*p)
            h = (h ^ *p++) * 16777619u;
        h = (h ^ 0xff) * 16777619u;
    }
    return (h ^ s->first_line) * 16777619u ^ s->last_line;
}

/* Whether a and b link the same records to the same functions (their
** targets registered: the same ids). */
static int mlrec_same_links(const struct memline_site *a, const struct memline_site *b)
{
    unsigned i;

    if (a->nlinks != b->nlinks)
        return 0;
    for (i = 0; i < a->nlinks; i++)
        if (a->links[i].record != b->links[i].record ||
            a->links[i].site->id != b->links[i].site->id)
            return 0;
    return 1;
}

static int mlrec_same(const struct memline_site *a, const struct memline_site *b)
{
    return a->first_line == b->first_line && a->last_line == b->last_line && a->nruns == b->nruns &&
           a->nrun_lines == b->nrun_lines &&
           (a->nrun_lines == 0 ||
            memcmp(a->run_lines, b->run_lines, 2 * sizeof *a->run_lines * a->nrun_lines) == 0) &&
           mlrec_same_links(a, b) && strcmp(a->file ? a->file : "", b->file ? b->file : "") == 0 &&
           strcmp(a->function ? a->function : "", b->function ? b->function : "") == 0;
}

/* The registered site with s's identity, or NULL. */
static struct memline_site *mlrec_find(const struct memline_site *s)
{
    struct memline_site *k;

    if (!mlrec_nbuckets)
        return NULL;
    for (k = mlrec_buckets[mlrec_hash(s) & (mlrec_nbuckets - 1)]; k; k = k->next)
        if (mlrec_same(k, s))
            return k;
    return NULL;
}

/* Rebuilds the identity index for `capacity` sites; when out of memory the
** old one stays (its chains only get longer). */
static void mlrec_reindex(unsigned capacity)
{
    unsigned n = 64, id;
    struct memline_site **buckets;

    while (n < 2 * capacity)
        n *= 2;
    if (!(buckets = mla_alloc(n * sizeof *buckets)))
        return;
    for (id = 1; id <= mlrec_nsites; id++) {
        struct memline_site *k = mlrec_sites[id];
        unsigned b = mlrec_hash(k) & (n - 1);
        k->next = buckets[b];
        buckets[b] = k;
    }
    mlrec_buckets = buckets;
    mlrec_nbuckets = n;
}

const struct memline_site *mlrec_site(unsigned id)
{
    const struct memline_site *s = NULL;
    sigset_t saved;

    mlg_lock(&mlrec_lock, &saved);
    if (id >= 1 && id <= mlrec_nsites)
        s = mlrec_sites[id];
    mlg_unlock(&mlrec_lock, &saved);
    return s;
}

unsigned mlrec_longest;

/* Whether s's runs are well formed: each pair names a line's record (the
** entry's, or a full probe's that counts the run after it) or a run's,
** and a line of the site. */
static int mlrec_runs_valid(const struct memline_site *s)
{
    unsigned n = mlrec_nlines(s), i;

    if (s->nruns > MLREC_MAX_SLOTS - n || s->nrun_lines > MLREC_MAX_SLOTS ||
        (s->nrun_lines && !s->run_lines))
        return 0;
    for (i = 0; i < s->nrun_lines; i++) {
        unsigned record = s->run_lines[2 * i], line = s->run_lines[2 * i + 1];

        if ((record >= n && record - n >= s->nruns) || line >= n)
            return 0;
    }
    return 1;
}

unsigned mlrec_line_of(const struct memline_site *s, unsigned record)
{
    unsigned i;

    if (record < mlrec_nlines(s))
        return record;
    for (i = 0; i < s->nrun_lines; i++)
        if (s->run_lines[2 * i] == record)
            return s->run_lines[2 * i + 1];
    return 0;
}

/* Registers the functions s counts the calls of (probe.h), which link
** nothing themselves; 0, or -1 when one is refused or s's links are
** malformed. Called without the lock. */
static int mlrec_register_links(struct memline_site *s)
{
    unsigned i;

    if (s->nlinks > MLREC_MAX_SLOTS || (s->nlinks && !s->links))
        return -1;
    for (i = 0; i < s->nlinks; i++) {
        struct memline_site *g = s->links[i].site;

        if (!g || g == s || g->nlinks || s->links[i].record >= mlrec_nslots(s) ||
            mlrec_register(g) != 0)
            return -1;
    }
    return 0;
}

/* A copy of s's links to the registry's copies of their functions. */
static const struct memline_link *mlrec_keep_links(const struct memline_site *s)
{
    struct memline_link *copy;
    unsigned i;

    if (!s->nlinks || !(copy = mla_alloc(s->nlinks * sizeof *copy)))
        return NULL;
    for (i = 0; i < s->nlinks; i++) {
        copy[i].record = s->links[i].record;
        copy[i].site = mlrec_sites[s->links[i].site->id];
    }
    return copy;
}

/* A copy of s's run pairs in runtime memory: they outlive its object. */
static const unsigned *mlrec_keep_runs(const struct memline_site *s)
{
    size_t bytes = 2 * sizeof *s->run_lines * s->nrun_lines;
    unsigned *copy;

    if (!s->nrun_lines)
        return NULL;
    if ((copy = mla_alloc(bytes)) != NULL)
        memcpy(copy, s->run_lines, bytes);
    return copy;
}

int mlrec_register(struct memline_site *s)
{
    int status = 0;
    sigset_t saved;

    if (s->version != MEMLINE_PROBE_VERSION || s->last_line < s->first_line || !s->text ||
        s->last_line - s->first_line >= MLREC_MAX_SLOTS || !mlrec_runs_valid(s) ||
        mlrec_register_links(s) != 0)
        return -1;
    mlg_lock(&mlrec_lock, &saved);
    if (__atomic_load_n(&s->id, __ATOMIC_ACQUIRE) == 0) {
        struct memline_site *known = mlrec_find(s), *copy = NULL;
        const unsigned *runs = NULL;
        const struct memline_link *links = NULL;
        unsigned id = known ? known->id : mlrec_nsites + 1;

        if (!known && id >= mlrec_capacity) {
            unsigned capacity = mlrec_capacity ? 2 * mlrec_capacity : 64;
            void **sites = mlrec_grow((void **)mlrec_sites, mlrec_capacity, capacity);
            void **dead = mlrec_grow((void **)mlrec_dead, mlrec_capacity, capacity);

            if (sites && dead) {
                mlrec_sites = (struct memline_site **)sites;
                mlrec_dead = (struct memline_line **)dead;
                mlrec_capacity = capacity;
                mlrec_reindex(capacity);
            }
        }
        if (!known && id < mlrec_capacity && mlrec_nbuckets &&
            (runs = mlrec_keep_runs(s), !s->nrun_lines || runs) &&
            (links = mlrec_keep_links(s), !s->nlinks || links) &&
            (copy = mla_alloc(sizeof *copy)) != NULL) {
            unsigned b = mlrec_hash(s) & (mlrec_nbuckets - 1);

            *copy = *s;
            copy->id = id;
            copy->run_lines = runs;
            copy->links = links;
            copy->next = mlrec_buckets[b];
            mlrec_buckets[b] = copy;
            mlrec_sites[id] = copy;
            if (mlrec_nslots(s) > mlrec_longest)
                __atomic_store_n(&mlrec_longest, mlrec_nslots(s), __ATOMIC_RELAXED);
            __atomic_store_n(&mlrec_nsites, id, __ATOMIC_RELEASE);
        }
        if (known || copy)
            __atomic_store_n(&s->id, id, __ATOMIC_RELEASE);
        else
            status = -1;
    }
    mlg_unlock(&mlrec_lock, &saved);
    return status;
}

/* A copy of string s in runtime memory (NULL when out of it). */
static const char *mlrec_keep(const char *s)
{
    size_t n = s ? strlen(s) + 1 : 0;
    char *p = n ? mla_alloc(n) : NULL;

    if (p)
        memcpy(p, s, n);
    return p;
}

/* Whether k's text array or one of its lines is inside. */
static int mlrec_any_inside(const struct memline_site *k, int (*inside)(const void *p, void *ctx),
                            void *ctx)
{
    unsigned i, n = mlrec_nlines(k);

    if (inside(k->text, ctx))
        return 1;
    for (i = 0; i < n; i++)
        if (k->text[i] && inside(k->text[i], ctx))
            return 1;
    return 0;
}

void mlrec_detach(int (*inside)(const void *p, void *ctx), void *ctx)
{
    sigset_t saved;
    unsigned id, i;

    mlg_lock(&mlrec_lock, &saved);
    for (id = 1; id <= mlrec_nsites; id++) {
        struct memline_site *k = mlrec_sites[id];

        if (k->file && inside(k->file, ctx))
            k->file = mlrec_keep(k->file);
        if (k->function && inside(k->function, ctx))
            k->function = mlrec_keep(k->function);
        if (k->text && mlrec_any_inside(k, inside, ctx)) {
            unsigned n = mlrec_nlines(k);
            const char **text = mla_alloc(n * sizeof *text);

            for (i = 0; text && i < n; i++)
                text[i] = mlrec_keep(k->text[i]);
            k->text = text;
        }
    }
    mlg_unlock(&mlrec_lock, &saved);
}

unsigned mlrec_count(void)
{
    return __atomic_load_n(&mlrec_nsites, __ATOMIC_ACQUIRE);
}

/* A zeroed block of records for site s: its site row, then its lines; the
** pointer returned is that of the first line. NULL when out of memory. */
static struct memline_line *mlrec_new_block(const struct memline_site *s)
{
    struct memline_line *block = mla_alloc((mlrec_nslots(s) + 1) * sizeof *block);

    return block ? block + 1 : NULL;
}

static void mlrec_clear_block(struct memline_line *lines, const struct memline_site *s)
{
    memset(lines - 1, 0, (mlrec_nslots(s) + 1) * sizeof *lines);
}

/* Adds block src into block dst, site rows included. */
static void mlrec_add_block(struct memline_line *dst, const struct memline_line *src,
                            const struct memline_site *s)
{
    mlrec_add(dst - 1, src - 1, mlrec_nslots(s) + 1);
}

static void mlrec_zero(struct mlrec_thread *t)
{
    unsigned id;

    for (id = 1; id < t->nblocks && id <= mlrec_nsites; id++)
        if (t->blocks[id])
            mlrec_clear_block(t->blocks[id], mlrec_sites[id]);
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
        if (!t->blocks[id])
            continue;
        if (!mlrec_dead[id])
            mlrec_dead[id] = mlrec_new_block(mlrec_sites[id]);
        if (mlrec_dead[id])
            mlrec_add_block(mlrec_dead[id], t->blocks[id], mlrec_sites[id]);
    }
    mlcr_thread_end(t->altstack);
    mlapi_retire(&t->api);
    mlrec_zero(t);
    mlrec_unlink(t);
    memline_tls.state = NULL;
    memline_tls.blocks = NULL;
    memline_tls.nblocks = 0;
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
            t->blocks[id] = mlrec_new_block(s);
        lines = t->blocks[id];
    }
    mlg_unlock(&mlrec_lock, &saved);
    return lines;
}

void mlrec_merge(mlrec_visitor visit, void *ctx)
{
    sigset_t saved;
    unsigned id, i;
    struct memline_line **merged;

    mlg_lock(&mlrec_lock, &saved);
    merged = mla_alloc((mlrec_nsites + 1) * sizeof *merged);
    for (id = 1; merged && id <= mlrec_nsites; id++) {
        const struct memline_site *s = mlrec_sites[id];
        struct mlrec_thread *t;

        if (!(merged[id] = mlrec_new_block(s)))
            continue;
        if (mlrec_dead[id])
            mlrec_add_block(merged[id], mlrec_dead[id], s);
        for (t = mlrec_live; t; t = t->next)
            if (id < t->nblocks && t->blocks[id])
                mlrec_add_block(merged[id], t->blocks[id], s);
    }
    /* The calls of functions counted by their callers, into their entries. */
    for (id = 1; merged && id <= mlrec_nsites; id++)
        for (i = 0; merged[id] && i < mlrec_sites[id]->nlinks; i++) {
            const struct memline_link *l = &mlrec_sites[id]->links[i];

            if (merged[l->site->id])
                mlrec_add(&merged[l->site->id][0], &merged[id][l->record], 1);
        }
    for (id = 1; merged && id <= mlrec_nsites; id++)
        if (merged[id])
            visit(ctx, mlrec_sites[id], merged[id]);
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
            mlrec_clear_block(mlrec_dead[id], mlrec_sites[id]);
    saved = mlrec_fork_saved;
    mlg_unlock(&mlrec_lock, &saved);
}
