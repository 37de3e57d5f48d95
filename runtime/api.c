/*
** runtime/api.c — memline_get_traced_memory, memline_reset_peak,
** memline_write_report and memline_where (include/memline.h; the peak's
** bookkeeping is described in api.h).
**
** memline_reset_peak also lowers the calling thread's high-water mark, so
** the Peak column of the line that calls it may miss what the same line
** reached before the call. A reset made deeper in the call stack than the
** query may be undone when the profiled functions in between return (they
** restore the high-water mark they saw at entry).
*/
#include "api.h"
#include "export.h"
#include "heap.h"
#include "leaks.h"
#include "ondemand.h"
#include "records.h"

#include <memline.h>
#include <stdio.h>

long long mlapi_peak;
unsigned mlapi_epoch;

long long mlapi_cell_peak(const struct mlapi_cell *c, long long floor)
{
    long long peak;

    if (__atomic_load_n(&c->epoch, __ATOMIC_ACQUIRE) !=
        __atomic_load_n(&mlapi_epoch, __ATOMIC_RELAXED))
        return floor;
    peak = __atomic_load_n(&c->peak, __ATOMIC_RELAXED);
    return peak > floor ? peak : floor;
}

void mlapi_retire(struct mlapi_cell *c)
{
    long long peak = mlapi_cell_peak(c, 0);
    long long seen = __atomic_load_n(&mlapi_peak, __ATOMIC_RELAXED);

    while (peak > seen && !__atomic_compare_exchange_n(&mlapi_peak, &seen, peak, 1,
                                                       __ATOMIC_RELAXED, __ATOMIC_RELAXED))
        ;
    __atomic_store_n(&c->peak, 0, __ATOMIC_RELAXED);
}

MEMLINE_EXPORT void memline_get_traced_memory(long long *current, long long *peak)
{
    struct memline_thread *t = &memline_tls;
    long long now = mlh_live_now();
    long long mine = now + (t->high - t->net);
    long long seen = mlrec_api_peak(__atomic_load_n(&mlapi_peak, __ATOMIC_RELAXED));

    if (current)
        *current = now;
    if (peak)
        *peak = mine > seen ? mine : seen;
}

MEMLINE_EXPORT void memline_reset_peak(void)
{
    struct memline_thread *t = &memline_tls;

    __atomic_store_n(&t->high, __atomic_load_n(&t->net, __ATOMIC_RELAXED), __ATOMIC_RELAXED);
    __atomic_store_n(&mlapi_peak, mlh_live_now(), __ATOMIC_RELAXED);
    __atomic_fetch_add(&mlapi_epoch, 1, __ATOMIC_RELEASE);
}

MEMLINE_EXPORT int memline_write_report(void)
{
    return mlod_write();
}

MEMLINE_EXPORT int memline_where(const void *ptr, char *buf, size_t size)
{
    const struct memline_site *s;
    unsigned site, line;

    if (!mlk_enabled || mlk_owner(ptr, &site, &line) != 0 || !(s = mlrec_site(site)) ||
        line > s->last_line - s->first_line || !buf || !size)
        return -1;
    snprintf(buf, size, "%s:%u in %s()", s->file ? s->file : "?", s->first_line + line,
             s->function ? s->function : "?");
    return 0;
}
