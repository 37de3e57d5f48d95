/*
** runtime/api.h — the C API of include/memline.h (prefix mlapi_): the
** process's live heap now and its peak, tracemalloc's get_traced_memory
** and reset_peak for C.
**
** The peak costs nothing on malloc's path: each thread's memline_tls.high
** already holds its highest net since it was last reset (at a profiled
** function's entry and at a slow probe), so those two places fold "live
** heap + the thread's excursion above its current net" into the thread's
** own cell before resetting it, with plain stores (a process-wide
** compare-and-swap there cost more than the rest of a slow probe while
** the heap grows). A query takes the maximum of mlapi_peak (exited
** threads' peaks and the baseline of the last reset), the live threads'
** cells of the current epoch and the calling thread's own excursion.
** Exact for a single thread; with several threads, another thread's
** excursion is seen once it enters or probes a profiled line.
**
** memline_reset_peak sets the baseline and starts a new epoch: a cell of
** an older epoch no longer counts, and its owner restarts it at its next
** fold. Cells are written by their thread only and read by queries, with
** relaxed atomics (the peak before the epoch, so a reader that sees the
** new epoch sees a peak of that epoch).
*/
#ifndef MEMLINE_API_H
#define MEMLINE_API_H

/* One thread's share of the peak (lives in struct mlrec_thread). */
struct mlapi_cell {
    long long peak;
    unsigned epoch;
};

/* Highest live heap seen by exited threads, and the last reset's
** baseline. */
extern long long mlapi_peak;

/* Bumped by each memline_reset_peak. */
extern unsigned mlapi_epoch;

static inline void mlapi_fold(struct mlapi_cell *c, long long peak)
{
    unsigned epoch = __atomic_load_n(&mlapi_epoch, __ATOMIC_RELAXED);

    if (__builtin_expect(c->epoch != epoch, 0)) {
        __atomic_store_n(&c->peak, peak, __ATOMIC_RELAXED);
        __atomic_store_n(&c->epoch, epoch, __ATOMIC_RELEASE);
    } else if (peak > c->peak) {
        __atomic_store_n(&c->peak, peak, __ATOMIC_RELAXED);
    }
}

/* The cell's peak if it is of the current epoch, else floor. */
long long mlapi_cell_peak(const struct mlapi_cell *c, long long floor);

/* Thread exit: the cell's peak goes into mlapi_peak; the cell restarts. */
void mlapi_retire(struct mlapi_cell *c);

#endif
