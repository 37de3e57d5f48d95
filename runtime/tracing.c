/*
** runtime/tracing.c — the tracing switch and the C API around it (see
** tracing.h). A thread follows a change by pointing its own frames and
** entries at the scratch records or back at their own (frames.c); nothing
** here touches another thread's state.
*/
#include "tracing.h"
#include "export.h"
#include "frames.h"
#include "untraced.h"

#include <memline.h>

MEMLINE_EXPORT int memline_tracing = 1;
unsigned mltr_generation;
__thread unsigned mltr_seen __attribute__((tls_model("initial-exec")));
__thread int mltr_thread_on __attribute__((tls_model("initial-exec"))) = 1;
static __thread int mltr_following __attribute__((tls_model("initial-exec")));

void mltr_follow(void)
{
    unsigned generation;
    int on;

    /* A signal handler's profiled code on this thread, mid-way: it runs as
    ** the thread was. */
    if (mltr_following)
        return;
    mltr_following = 1;
    do {
        generation = __atomic_load_n(&mltr_generation, __ATOMIC_ACQUIRE);
        on = mltr_tracing();
        if (on != mltr_thread_on) {
            mltr_thread_on = on;
            mlp_follow_tracing(on);
        }
        mltr_seen = generation;
    } while (generation != __atomic_load_n(&mltr_generation, __ATOMIC_ACQUIRE));
    mltr_following = 0;
}

void mltr_set(int on)
{
    if (__atomic_exchange_n(&memline_tracing, on, __ATOMIC_RELAXED) != on)
        __atomic_fetch_add(&mltr_generation, 1, __ATOMIC_RELEASE);
    mltr_sync();
}

MEMLINE_EXPORT void memline_start(void)
{
    mltr_set(1);
}

MEMLINE_EXPORT void memline_stop(void)
{
    mltr_set(0);
}

MEMLINE_EXPORT int memline_is_tracing(void)
{
    return mltr_tracing();
}
