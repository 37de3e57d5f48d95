/*
** runtime/leaks.c — the block -> line table and the per-thread pending
** list of per-line leak tracking (see leaks.h for the model).
**
** Table: MLK_SHARDS open-addressing hash tables (linear probing, deletion
** by backward shift, grown by doubling into a fresh mapping at 70% load),
** each with its own mutex, unused while the peak is tracked: the peak's
** lock then covers every access (atpeak.h). An entry is a block's
** address, its usable size and its owner: site id and line index, or site
** 0 while it is pending, with the allocating thread's tag in place of the
** line (and, for atpeak.h, its place in the pending list and the epoch of
** its allocation).
**
** Per thread (initial-exec TLS, an array in mmap memory released by a
** pthread key destructor): `pending`, the addresses allocated since the
** innermost frame's last probe; each frame's slot (fstack.h) holds the
** length of `pending` when it last probed, its base. A probe assigns the
** entries still pending for this thread from its base on (a block freed
** meanwhile has no entry; an address reused by another allocation is
** assigned once) and truncates `pending` to its base. Frames a longjmp
** abandoned never probe again; what they left pending goes to the next
** probe of a frame under them.
**
** Re-entry: `in_table` marks a thread inside a critical section. A signal
** handler's malloc/free that arrives then is not tracked (the table lock
** is not recursive), and a report it writes is deferred to the end of the
** section.
*/
#define _GNU_SOURCE
#include "leaks.h"
#include "atpeak.h"
#include "fstack.h"
#include "mapped.h"
#include "records.h"
#include "types.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#define MLK_SHARDS 64
#define MLK_INITIAL_SLOTS 1024
#define MLK_INITIAL_PENDING 1024

struct mlk_entry {
    uintptr_t block; /* 0 = empty slot */
    long long size;
    unsigned site;  /* 0 = pending */
    unsigned line;  /* line index, or the pending thread's tag */
    unsigned epoch; /* atpeak.h: snapshots taken before its allocation */
    unsigned index; /* its place in the pending list while pending */
    unsigned type;  /* types.h: 0 = unknown */
};

struct mlk_shard {
    pthread_mutex_t lock;
    struct mlk_entry *slots;
    size_t capacity, used;
} __attribute__((aligned(64)));

struct mlk_thread {
    uintptr_t *pending;
    size_t npending, pending_capacity;
    int keyed; /* the key destructor will release `pending` */
    unsigned tag;
    int in_table;
    int serial; /* the section holds the peak's lock */
    void (*deferred)(void);
};

int mlk_enabled;

static struct mlk_shard mlk_shards[MLK_SHARDS];
static unsigned mlk_next_tag;
static pthread_key_t mlk_key;
static __thread struct mlk_thread mlk_self __attribute__((tls_model("initial-exec")));

static void mlk_thread_end(void *arg)
{
    struct mlk_thread *t = arg;

    mlm_release(t->pending, t->pending_capacity, sizeof *t->pending);
    t->pending = NULL;
    t->npending = t->pending_capacity = 0;
    t->keyed = 0;
}

int mlk_start(void)
{
    int i;

    for (i = 0; i < MLK_SHARDS; i++) {
        struct mlk_shard *s = &mlk_shards[i];

        pthread_mutex_init(&s->lock, NULL);
        if (!(s->slots = mlm_map(MLK_INITIAL_SLOTS * sizeof *s->slots)))
            return -1;
        s->capacity = MLK_INITIAL_SLOTS;
    }
    if (pthread_key_create(&mlk_key, mlk_thread_end) != 0)
        return -1;
    __atomic_store_n(&mlk_enabled, 1, __ATOMIC_RELEASE);
    return 0;
}

static uint64_t mlk_hash(uintptr_t block)
{
    uint64_t h = (uint64_t)block;

    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 33);
}

static struct mlk_shard *mlk_shard_of(uint64_t h)
{
    return &mlk_shards[h % MLK_SHARDS];
}

static size_t mlk_home(const struct mlk_shard *s, uint64_t h)
{
    return (size_t)(h / MLK_SHARDS) & (s->capacity - 1);
}

/* The critical section: the peak's lock when the peak is tracked (it then
** serialises every access to the table, shards need no lock of their
** own), else shard locks inside it (mlk_lock_shard). */
static void mlk_begin(void)
{
    mlk_self.in_table = 1;
    if ((mlk_self.serial = mlap_enabled))
        mlap_lock();
}

static void mlk_lock_shard(struct mlk_shard *s)
{
    if (!mlk_self.serial)
        pthread_mutex_lock(&s->lock);
}

static void mlk_unlock_shard(struct mlk_shard *s)
{
    if (!mlk_self.serial)
        pthread_mutex_unlock(&s->lock);
}

/* Out of the section: a report a handler deferred meanwhile is written. */
static void mlk_leave(void)
{
    void (*deferred)(void);

    mlk_self.in_table = 0;
    if (__builtin_expect(mlk_self.deferred != NULL, 0)) {
        deferred = mlk_self.deferred;
        mlk_self.deferred = NULL;
        deferred();
    }
}

static void mlk_end(void)
{
    if (mlk_self.serial)
        mlap_unlock();
    mlk_leave();
}

/* The slot holding block, or NULL. Shard locked. */
static struct mlk_entry *mlk_find(struct mlk_shard *s, uint64_t h, uintptr_t block)
{
    size_t mask = s->capacity - 1, i;

    for (i = mlk_home(s, h); s->slots[i].block; i = (i + 1) & mask)
        if (s->slots[i].block == block)
            return &s->slots[i];
    return NULL;
}

/* Places an entry known to be absent. Shard locked, room guaranteed. */
static void mlk_place(struct mlk_shard *s, const struct mlk_entry *e)
{
    size_t mask = s->capacity - 1, i;

    for (i = mlk_home(s, mlk_hash(e->block)); s->slots[i].block; i = (i + 1) & mask)
        ;
    s->slots[i] = *e;
    s->used++;
}

/* Doubles the shard into a fresh mapping; -1 if mmap fails. */
static int mlk_rehash(struct mlk_shard *s)
{
    struct mlk_entry *old = s->slots, *fresh;
    size_t old_capacity = s->capacity, i;

    if (!(fresh = mlm_map(2 * old_capacity * sizeof *fresh)))
        return -1;
    s->slots = fresh;
    s->capacity = 2 * old_capacity;
    s->used = 0;
    for (i = 0; i < old_capacity; i++)
        if (old[i].block)
            mlk_place(s, &old[i]);
    mlm_release(old, old_capacity, sizeof *old);
    return 0;
}

/* Removes the entry at slot i, shifting later members of its run back. */
static void mlk_remove(struct mlk_shard *s, struct mlk_entry *e)
{
    size_t mask = s->capacity - 1, hole = (size_t)(e - s->slots), i = hole;

    for (;;) {
        size_t home;

        i = (i + 1) & mask;
        if (!s->slots[i].block)
            break;
        home = mlk_home(s, mlk_hash(s->slots[i].block));
        /* Move slot i into the hole unless its home lies in (hole, i]. */
        if ((i > hole && (home <= hole || home > i)) || (i < hole && home <= hole && home > i)) {
            s->slots[hole] = s->slots[i];
            hole = i;
        }
    }
    s->slots[hole].block = 0;
    s->used--;
}

static unsigned mlk_tag(void)
{
    if (!mlk_self.tag) {
        mlk_self.tag = __atomic_add_fetch(&mlk_next_tag, 1, __ATOMIC_RELAXED);
        if (!mlk_self.tag)
            mlk_self.tag = __atomic_add_fetch(&mlk_next_tag, 1, __ATOMIC_RELAXED);
    }
    return mlk_self.tag;
}

void mlk_track(void *block, size_t usable)
{
    struct mlk_thread *t = &mlk_self;
    uintptr_t b = (uintptr_t)block;
    uint64_t h = mlk_hash(b);
    struct mlk_shard *s = mlk_shard_of(h);
    struct mlk_entry *e;
    struct mlfs_stack *frames = mlrec_frames();
    int tracked;

    if (!block)
        return;
    if (t->in_table) {
        if (mlap_enabled)
            mlap_adjust((long long)usable);
        return;
    }
    tracked = frames && frames->top &&
              (t->npending < t->pending_capacity ||
               mlm_grow((void **)&t->pending, &t->pending_capacity, sizeof *t->pending,
                        MLK_INITIAL_PENDING) == 0);
    if (!tracked && !mlap_enabled)
        return;
    mlk_begin();
    if (tracked) {
        struct mlk_entry entry = {b, (long long)usable, 0, mlk_tag(), 0, (unsigned)t->npending, 0};

        mlk_lock_shard(s);
        if (mlap_enabled)
            entry.epoch = mlap_epoch();
        if ((e = mlk_find(s, h, b))) {
            /* A stale entry: its release came from a signal handler. */
            if (mlap_enabled && e->site)
                mlap_released_owned(e->site, e->line, e->size);
            if (memline_typing)
                mlap_type_add(e->type, -e->size, -1);
            *e = entry;
        } else if ((s->used + 1) * 10 <= s->capacity * 7 || mlk_rehash(s) == 0) {
            mlk_place(s, &entry);
        }
        mlk_unlock_shard(s);
        t->pending[t->npending++] = b;
        if (memline_typing)
            mlap_type_add(0, (long long)usable, 1);
    }
    if (mlap_enabled)
        mlap_allocated((long long)usable);
    mlk_end();
}

void mlk_untrack(void *block, size_t usable)
{
    uintptr_t b = (uintptr_t)block;
    uint64_t h = mlk_hash(b);
    struct mlk_shard *s = mlk_shard_of(h);
    struct mlk_entry *e;

    if (!block)
        return;
    if (mlk_self.in_table) {
        if (mlap_enabled)
            mlap_adjust(-(long long)usable);
        return;
    }
    mlk_begin();
    if (mlap_enabled)
        mlap_releasing((long long)usable);
    mlk_lock_shard(s);
    if ((e = mlk_find(s, h, b))) {
        if (mlap_enabled && e->site)
            mlap_released_owned(e->site, e->line, e->size);
        else if (mlap_enabled)
            mlap_released_pending(e->line, e->index, e->size, e->epoch);
        if (memline_typing)
            mlap_type_add(e->type, -e->size, -1);
        mlk_remove(s, e);
    }
    mlk_unlock_shard(s);
    mlk_end();
}

void mlk_type(void *block, unsigned type)
{
    struct mlk_thread *t = &mlk_self;
    uintptr_t b = (uintptr_t)block;
    uint64_t h = mlk_hash(b);
    struct mlk_shard *s = mlk_shard_of(h);
    struct mlfs_stack *frames = mlrec_frames();
    struct mlk_entry *e;

    if (!block || t->in_table || !frames || !frames->top || !memline_typing)
        return;
    mlk_begin();
    mlk_lock_shard(s);
    /* Pending for this thread since the innermost frame's last probe:
    ** allocated by the statement that tags it. */
    if ((e = mlk_find(s, h, b)) && e->site == 0 && e->line == t->tag &&
        e->index >= frames->top->leak_base && e->type != type) {
        mlap_type_move(e->type, type, e->size, e->epoch);
        e->type = type;
    }
    mlk_unlock_shard(s);
    mlk_end();
}

void mlk_enter(struct memline_frame *f)
{
    struct mlk_thread *t = &mlk_self;

    if (!t->keyed) {
        pthread_setspecific(mlk_key, t);
        t->keyed = 1;
    }
    mlfs_slot_of(f)->leak_base = t->npending;
}

void mlk_probe(struct memline_frame *f, struct memline_line *line)
{
    struct mlk_thread *t = &mlk_self;
    struct mlfs_slot *slot = mlfs_slot_of(f);
    size_t base = slot->leak_base, i;
    unsigned site, index, nlines, tag = t->tag;

    if (!f->site)
        return;
    /* A frame under f probed since (coroutines interleave frames). */
    if (base > t->npending)
        base = t->npending;
    /* Nothing pending: no block to assign, and no ghost either (a ghost's
    ** index stays below npending until a probe covers it). */
    if (base == t->npending) {
        slot->leak_base = base;
        return;
    }
    site = f->site->id;
    nlines = mlrec_nlines(f->site);
    index = (unsigned)(line - f->lines);
    mlk_begin();
    for (i = base; i < t->npending; i++) {
        uintptr_t b = t->pending[i];
        uint64_t h = mlk_hash(b);
        struct mlk_shard *s = mlk_shard_of(h);
        struct mlk_entry *e;

        mlk_lock_shard(s);
        if ((e = mlk_find(s, h, b)) && e->site == 0 && e->line == tag) {
            e->site = site;
            e->line = index;
            if (mlap_enabled)
                mlap_assigned(site, nlines, index, e->size, e->epoch);
        }
        mlk_unlock_shard(s);
    }
    if (mlap_enabled)
        mlap_claim(tag, base, site, nlines, index);
    mlk_end();
    t->npending = base;
    slot->leak_base = base;
}

/* A collection is a section too (a handler on this thread must not wait
** for the locks it holds); one that interrupted a section (busy) only
** tries them. */
static int mlk_collecting(void)
{
    int busy = mlk_self.in_table;

    mlk_self.in_table = 1;
    return busy;
}

static void mlk_collected(int busy)
{
    if (!busy)
        mlk_leave();
}

void mlk_collect(mlk_visitor visit, void *ctx)
{
    int busy = mlk_collecting(), serial = mlap_enabled, i;
    size_t k;

    if (serial && (busy ? mlap_trylock() != 0 : (mlap_lock(), 0)))
        goto done;
    for (i = 0; i < MLK_SHARDS; i++) {
        struct mlk_shard *s = &mlk_shards[i];

        if (!serial &&
            (busy ? pthread_mutex_trylock(&s->lock) != 0 : pthread_mutex_lock(&s->lock) != 0))
            continue;
        for (k = 0; k < s->capacity; k++)
            if (s->slots[k].block && s->slots[k].site)
                visit(ctx, s->slots[k].site, s->slots[k].line, s->slots[k].size);
        if (!serial)
            pthread_mutex_unlock(&s->lock);
    }
    if (serial)
        mlap_unlock();
done:
    mlk_collected(busy);
}

int mlk_collect_types(struct mlap_totals *totals, mlap_type_visitor visit, void *ctx)
{
    int busy = mlk_collecting(), status = mlap_collect_types(busy, totals, visit, ctx);

    mlk_collected(busy);
    return status;
}

int mlk_collect_peak(struct mlap_peak *peak, mlap_visitor visit, void *ctx)
{
    int busy = mlk_collecting(), status = mlap_collect(busy, peak, visit, ctx);

    mlk_collected(busy);
    return status;
}

int mlk_defer_report(void (*report)(void))
{
    if (!mlk_self.in_table)
        return 0;
    mlk_self.deferred = report;
    return 1;
}

void mlk_fork_prepare(void)
{
    int i;

    if (mlk_enabled)
        for (i = 0; i < MLK_SHARDS; i++)
            pthread_mutex_lock(&mlk_shards[i].lock);
}

void mlk_fork_parent(void)
{
    int i;

    if (mlk_enabled)
        for (i = 0; i < MLK_SHARDS; i++)
            pthread_mutex_unlock(&mlk_shards[i].lock);
}

/* The child starts with no tracked block, as its records start at zero;
** its frames stay on its stack, with nothing pending. */
void mlk_fork_child(void)
{
    struct mlfs_stack *frames;
    struct mlfs_slot *slot;
    int i;

    if (!mlk_enabled)
        return;
    for (i = 0; i < MLK_SHARDS; i++) {
        struct mlk_shard *s = &mlk_shards[i];

        memset(s->slots, 0, s->capacity * sizeof *s->slots);
        s->used = 0;
        pthread_mutex_unlock(&s->lock);
    }
    if ((frames = mlrec_frames()))
        for (slot = frames->top; slot; slot = mlfs_below(slot))
            slot->leak_base = 0;
    mlk_self.npending = 0;
}
