/*
** runtime/leaks.c — the owners of live blocks and the per-thread pending
** list of per-line leak tracking (see leaks.h for the model).
**
** Table: the block map (blockmap.h), each entry's owner a site id and line
** index, or site 0 while it is pending, with the allocating thread's tag
** in place of the line (and, for atpeak.h, its place in the pending list
** and the epoch of its allocation). Its stripe locks are unused while the
** peak is tracked: the peak's lock then covers every access (atpeak.h).
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
#include "blockmap.h"
#include "fstack.h"
#include "mapped.h"
#include "records.h"
#include "relog.h"
#include "roots.h"
#include "types.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <sys/single_threaded.h>

#define MLK_INITIAL_PENDING 1024

/* A block allocated since the innermost frame's last probe, and its entry
** (found again at the probe only if it still holds this thread's pending
** block: a release in between drops it, a new block there is another's
** or this thread's, pending too). */
struct mlk_pending {
    uintptr_t block;
    struct mlbm_entry *entry;
};

/* How a section keeps the others out. */
enum mlk_locking {
    MLK_STRIPES,     /* a stripe lock around each entry (mlk_lock_stripe) */
    MLK_ONE_THREAD,  /* nothing: the process has one thread */
    MLK_PEAK_LOCK,   /* the peak's lock: it serialises every access */
    MLK_ALL_STRIPES, /* every stripe at once (mlk_scan) */
};

struct mlk_thread {
    struct mlk_pending *pending;
    size_t npending, pending_capacity;
    int keyed; /* the key destructor will release `pending` */
    unsigned tag;
    int in_table;
    enum mlk_locking locking; /* the current section's */
    void (*deferred)(void);
};

int mlk_enabled;
static int mlk_every_block; /* blocks from outside profiled code too */

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

int mlk_start(int every_block)
{
    if (mlbm_start() != 0 || pthread_key_create(&mlk_key, mlk_thread_end) != 0)
        return -1;
    mlk_every_block = every_block;
    __atomic_store_n(&mlk_enabled, 1, __ATOMIC_RELEASE);
    return 0;
}

/* The critical section: the peak's lock when the peak is tracked (it then
** serialises every access to the table, stripes need no lock of their
** own), else stripe locks inside it (mlk_lock_stripe), or every stripe at
** once for the whole table (whole). */
static inline __attribute__((always_inline)) void mlk_begin_section(int whole)
{
    /* While the process has one thread no other can enter a section; it
    ** only gets a second from pthread_create, never called from inside
    ** one. Locking costs more than the table's work. */
    enum mlk_locking locking = __libc_single_threaded ? MLK_ONE_THREAD
                               : mlap_enabled         ? MLK_PEAK_LOCK
                               : whole                ? MLK_ALL_STRIPES
                                                      : MLK_STRIPES;

    mlk_self.in_table = 1;
    mlk_self.locking = locking;
    if (locking == MLK_PEAK_LOCK)
        mlap_lock();
    else if (locking == MLK_ALL_STRIPES)
        mlbm_lock_all();
}

static inline __attribute__((always_inline)) void mlk_begin(void)
{
    mlk_begin_section(0);
}

/* The section of a fast path, taken where __libc_single_threaded was seen
** set: nothing to lock. It ends with mlk_leave. */
static inline __attribute__((always_inline)) void mlk_begin_one_thread(void)
{
    mlk_self.in_table = 1;
    mlk_self.locking = MLK_ONE_THREAD;
}

static int mlk_stripes_taken(void)
{
    return mlk_self.locking != MLK_STRIPES;
}

static void mlk_lock_stripe(uintptr_t block)
{
    if (!mlk_stripes_taken())
        pthread_mutex_lock(mlbm_stripe(block));
}

static void mlk_unlock_stripe(uintptr_t block)
{
    if (!mlk_stripes_taken())
        pthread_mutex_unlock(mlbm_stripe(block));
}

static __attribute__((noinline)) void mlk_run_deferred(void)
{
    void (*deferred)(void) = mlk_self.deferred;

    mlk_self.deferred = NULL;
    deferred();
}

/* Out of the section: a report a handler deferred meanwhile is written. */
static inline __attribute__((always_inline)) void mlk_leave(void)
{
    mlk_self.in_table = 0;
    if (__builtin_expect(mlk_self.deferred != NULL, 0))
        mlk_run_deferred();
}

static inline __attribute__((always_inline)) void mlk_end(void)
{
    if (mlk_self.locking == MLK_PEAK_LOCK)
        mlap_unlock();
    else if (mlk_self.locking == MLK_ALL_STRIPES)
        mlbm_unlock_all();
    mlk_leave();
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

/* A new block's entry, in its granule's slot: pending for this thread, or
** (not tracked: tag 0) owned by no line. In a section, under b's stripe
** when the stripes are locked; the log is applied first (relog.h). No
** entry when the map has no slot for b. */
static inline __attribute__((always_inline)) void mlk_make_entry(struct mlk_thread *t, uintptr_t b,
                                                                 size_t usable, unsigned tag)
{
    struct mlbm_entry *e = mlbm_slot(b);

    if (!e)
        return;
    if (mlrl_count)
        mlrl_settle();
    /* A stale entry: its release came from a signal handler. */
    if (mlap_enabled && mlbm_live(e) && e->site)
        mlap_released_owned(e->site, e->line, e->size, mlrl_type_of(e));
    *e = (struct mlbm_entry){(long long)usable,
                             0,
                             tag,
                             mlap_enabled ? mlap_epoch() : 0,
                             tag ? (unsigned)t->npending : 0,
                             0,
                             0};
    mlbm_hold(e, b);
    if (tag)
        t->pending[t->npending++] = (struct mlk_pending){b, e};
}

static __attribute__((noinline)) void mlk_track_general(void *block, size_t usable)
{
    struct mlk_thread *t = &mlk_self;
    uintptr_t b = (uintptr_t)block;
    struct mlfs_stack *frames = mlrec_frames();
    int tracked;

    if (t->in_table) {
        if (mlap_enabled)
            mlap_adjust((long long)usable);
        return;
    }
    if (mlk_every_block)
        mlro_note_thread();
    tracked = frames && frames->top &&
              (t->npending < t->pending_capacity ||
               mlm_grow((void **)&t->pending, &t->pending_capacity, sizeof *t->pending,
                        MLK_INITIAL_PENDING) == 0);
    if (!tracked && !mlap_enabled && !mlk_every_block)
        return;
    mlk_begin();
    if (tracked || mlk_every_block) {
        mlk_lock_stripe(b);
        mlk_make_entry(t, b, usable, tracked ? mlk_tag() : 0);
        mlk_unlock_stripe(b);
    }
    if (mlap_enabled)
        mlap_allocated((long long)usable);
    mlk_end();
}

/* flatten: the block map's and the peak's steps inline (the general
** path and the log's batch stay calls). */
__attribute__((flatten)) void mlk_track(void *block, size_t usable)
{
    struct mlk_thread *t = &mlk_self;
    struct mlfs_stack *frames = mlrec_frames();

    if (!block)
        return;
    /* The common case, straight through: one thread (no lock), in
    ** profiled code with room in `pending` (tracked), not every block. */
    if (__libc_single_threaded && !t->in_table && frames && frames->top && t->tag &&
        t->npending < t->pending_capacity && !mlk_every_block) {
        mlk_begin_one_thread();
        mlk_make_entry(t, (uintptr_t)block, usable, t->tag);
        if (mlap_enabled)
            mlap_allocated((long long)usable);
        mlk_leave();
        return;
    }
    mlk_track_general(block, usable);
}

/* A section that reads the table: the logged releases are applied first. */
static void mlk_begin_settled(void)
{
    mlk_begin();
    if (mlrl_count)
        mlrl_settle();
}

static __attribute__((noinline)) void mlk_untrack_general(uintptr_t b, size_t usable)
{
    if (mlk_self.in_table) {
        if (mlap_enabled)
            mlap_adjust(-(long long)usable);
        return;
    }
    mlk_begin();
    if (mlap_enabled)
        mlap_releasing((long long)usable);
    /* Not in a section that began before the peak was (stripes only). */
    if (mlap_enabled && mlk_self.locking != MLK_STRIPES) {
        mlrl_log(b);
    } else {
        mlk_lock_stripe(b);
        mlrl_release(b);
        mlk_unlock_stripe(b);
    }
    mlk_end();
}

__attribute__((flatten)) void mlk_untrack(void *block, size_t usable)
{
    if (!block)
        return;
    /* The common case, straight through: one thread, the peak tracked
    ** (the release is logged). */
    if (__libc_single_threaded && mlap_enabled && !mlk_self.in_table) {
        mlk_begin_one_thread();
        mlap_releasing((long long)usable);
        mlrl_log((uintptr_t)block);
        mlk_leave();
        return;
    }
    mlk_untrack_general((uintptr_t)block, usable);
}

/* Pending for this thread since the innermost frame's last probe:
** allocated by the statement that tags it. */
static int mlk_pending_here(const struct mlbm_entry *e, const struct mlk_thread *t,
                            const struct mlfs_stack *frames)
{
    return mlbm_live(e) && e->site == 0 && e->line == t->tag && e->index >= frames->top->leak_base;
}

/* Whether block b is the thread's last allocation (its entry is then the
** last of `pending`). */
static inline int mlk_is_last(const struct mlk_thread *t, uintptr_t b)
{
    return t->npending && t->pending[t->npending - 1].block == b;
}

/* mlk_type's general case: another thread may hold the table, or the
** block is not the thread's last allocation. */
static __attribute__((noinline)) void mlk_type_locked(uintptr_t b, unsigned type,
                                                      const struct mlfs_stack *frames)
{
    struct mlk_thread *t = &mlk_self;
    struct mlbm_entry *e;

    mlk_begin_settled();
    mlk_lock_stripe(b);
    /* Most often the thread's last allocation: its entry is at hand. */
    e = mlk_is_last(t, b) ? t->pending[t->npending - 1].entry : mlbm_find(b);
    if (e && mlk_pending_here(e, t, frames))
        e->type = type;
    mlk_unlock_stripe(b);
    mlk_end();
}

void mlk_type(void *block, unsigned type)
{
    struct mlk_thread *t = &mlk_self;
    uintptr_t b = (uintptr_t)block;
    struct mlfs_stack *frames = mlrec_frames();
    struct mlbm_entry *e;

    if (!block || t->in_table || !frames || !frames->top || !memline_typing)
        return;
    /* The thread's last allocation while the process has one thread: its
    ** entry is at hand, no other section can run, and no logged release is
    ** of this block (its allocation applied any that might be). */
    if (__libc_single_threaded && mlk_is_last(t, b)) {
        e = t->pending[t->npending - 1].entry;
        if (mlk_pending_here(e, t, frames))
            e->type = type;
        return;
    }
    mlk_type_locked(b, type, frames);
}

void mlk_enter(struct memline_frame *f)
{
    struct mlk_thread *t = &mlk_self;

    if (!t->keyed) {
        pthread_setspecific(mlk_key, t);
        t->keyed = 1;
        if (mlk_every_block)
            mlro_note_thread();
    }
    mlfs_slot_of(f)->leak_base = t->npending;
}

size_t mlk_pending_count(void)
{
    return mlk_self.npending;
}

/* The probe's work when blocks are pending from base on. */
static __attribute__((noinline, flatten)) void mlk_assign(struct memline_frame *f,
                                                          struct memline_line *line, size_t base)
{
    struct mlk_thread *t = &mlk_self;
    unsigned site = f->site->id, nlines = mlrec_nlines(f->site), tag = t->tag;
    unsigned index = mlrec_line_of(f->site, (unsigned)(line - f->lines));
    size_t i;

    mlk_begin_settled();
    for (i = base; i < t->npending; i++) {
        uintptr_t b = t->pending[i].block;
        struct mlbm_entry *e = t->pending[i].entry;

        mlk_lock_stripe(b);
        if (mlbm_live(e) && e->site == 0 && e->line == tag) {
            e->site = site;
            e->line = index;
            if (mlap_enabled)
                mlap_assigned(site, nlines, index, e->size, e->epoch, mlrl_type_of(e));
        }
        mlk_unlock_stripe(b);
    }
    if (mlap_enabled)
        mlap_claim(tag, base, site, nlines, index);
    mlk_end();
    t->npending = base;
}

void mlk_probe(struct memline_frame *f, struct memline_line *line)
{
    struct mlfs_slot *slot = mlfs_slot_of(f);
    size_t base = slot->leak_base, npending = mlk_self.npending;

    if (!f->site)
        return;
    /* A frame under f probed since (coroutines interleave frames). */
    if (base > npending)
        base = npending;
    /* Nothing pending: no block to assign, and no ghost either (a ghost's
    ** index stays below npending until a probe covers it). */
    if (base != npending)
        mlk_assign(f, line, base);
    slot->leak_base = base;
}

/* A collection is a section too (a handler on this thread must not wait
** for the locks it holds); one that interrupted a section (busy) only
** tries them, and gives up on a section that took none (`skip`): the
** table may be half-changed. */
static int mlk_collecting(int *skip)
{
    int busy = mlk_self.in_table;

    mlk_self.in_table = 1;
    *skip = busy && mlk_self.locking == MLK_ONE_THREAD;
    return busy;
}

static void mlk_collected(int busy)
{
    if (!busy)
        mlk_leave();
}

struct mlk_collection {
    mlk_visitor visit;
    void *ctx;
};

static void mlk_collect_entry(void *ctx, uintptr_t block, struct mlbm_entry *e)
{
    struct mlk_collection *c = ctx;

    (void)block;
    if (e->site)
        c->visit(c->ctx, e->site, e->line, e->size);
}

void mlk_collect(mlk_visitor visit, void *ctx)
{
    int skip, busy = mlk_collecting(&skip), serial = mlap_enabled;
    struct mlk_collection c = {visit, ctx};

    if (skip || (serial && (busy ? mlap_trylock() != 0 : (mlap_lock(), 0))))
        goto done;
    if (mlrl_count)
        mlrl_settle();
    mlbm_each(serial ? MLBM_CALLER : busy ? MLBM_TRY : MLBM_LOCK, mlk_collect_entry, &c);
    if (serial)
        mlap_unlock();
done:
    mlk_collected(busy);
}

int mlk_collect_types(struct mlap_totals *totals, mlap_type_visitor visit, void *ctx)
{
    int skip, busy = mlk_collecting(&skip);
    int status = skip ? -1 : mlap_collect_types(busy, totals, visit, ctx);

    mlk_collected(busy);
    return status;
}

int mlk_collect_peak(struct mlap_peak *peak, mlap_visitor visit, void *ctx)
{
    int skip, busy = mlk_collecting(&skip),
              status = skip ? -1 : mlap_collect(busy, peak, visit, ctx);

    mlk_collected(busy);
    return status;
}

int mlk_owner(const void *block, unsigned *site, unsigned *line)
{
    uintptr_t b = (uintptr_t)block;
    struct mlbm_entry *e;
    int status = -1;

    if (mlk_self.in_table || !block)
        return -1;
    mlk_begin_settled();
    mlk_lock_stripe(b);
    if ((e = mlbm_find(b)) && e->site) {
        *site = e->site;
        *line = e->line;
        status = 0;
    }
    mlk_unlock_stripe(b);
    mlk_end();
    return status;
}

int mlk_scan(void (*walk)(void *ctx), void *ctx)
{
    if (mlk_self.in_table)
        return -1;
    mlk_begin_section(1);
    if (mlrl_count)
        mlrl_settle();
    walk(ctx);
    mlk_end();
    return 0;
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
    if (mlk_enabled)
        mlbm_lock_all();
}

void mlk_fork_parent(void)
{
    if (mlk_enabled)
        mlbm_unlock_all();
}

/* The child starts with no tracked block, as its records start at zero;
** its frames stay on its stack, with nothing pending. */
void mlk_fork_child(void)
{
    struct mlfs_stack *frames;
    struct mlfs_slot *slot;

    if (!mlk_enabled)
        return;
    mlbm_clear_child();
    mlbm_unlock_all();
    mlrl_clear();
    if ((frames = mlrec_frames()))
        for (slot = frames->top; slot; slot = mlfs_below(slot))
            slot->leak_base = 0;
    mlk_self.npending = 0;
}
