/*
** runtime/heap.c — the storage of heap accounting: the exported per-thread
** counters and process-wide live heap of probe.h, and the flush.
*/
#include "heap.h"
#include "export.h"

MEMLINE_EXPORT __thread struct memline_thread memline_tls
    __attribute__((tls_model("initial-exec")));
MEMLINE_EXPORT memline_ti64 memline_live;

__thread memline_ti64 mlh_flush_limit __attribute__((tls_model("initial-exec"))) = MLH_FLUSH_LIMIT;

/* A handler may add to `unflushed` at any point: move exactly what was
** read, so its part stays for the next flush. */
void mlh_flush(void)
{
    memline_ti64 moved = __atomic_load_n(&memline_tls.unflushed, __ATOMIC_RELAXED);

    __atomic_fetch_add(&memline_live, moved, __ATOMIC_RELAXED);
    mlh_add(&memline_tls.unflushed, -moved);
}

void mlh_thread_exiting(void)
{
    mlh_flush();
    mlh_flush_limit = 0;
}
