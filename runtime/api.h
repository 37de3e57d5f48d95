/*
** runtime/api.h — the C API of include/memline.h (prefix mlapi_): the
** process's live heap now and its peak, tracemalloc's get_traced_memory
** and reset_peak for C.
**
** The peak costs nothing on malloc's path: each thread's memline_tls.high
** already holds its highest net since it was last reset (at a profiled
** function's entry and at a slow probe), so those two places fold "live
** heap + the thread's excursion above its current net" into mlapi_peak
** before resetting it, and a query adds the calling thread's own
** excursion. Exact for a single thread; with several threads, another
** thread's excursion is seen once it enters or probes a profiled line.
*/
#ifndef MEMLINE_API_H
#define MEMLINE_API_H

/* Highest live heap seen so far (bytes). */
extern long long mlapi_peak;

static inline void mlapi_fold(long long peak)
{
    long long seen = __atomic_load_n(&mlapi_peak, __ATOMIC_RELAXED);

    while (peak > seen && !__atomic_compare_exchange_n(&mlapi_peak, &seen, peak, 1,
                                                       __ATOMIC_RELAXED, __ATOMIC_RELAXED))
        ;
}

#endif
