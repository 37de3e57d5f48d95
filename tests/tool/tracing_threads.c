/* tracing_threads.c — tracing stopped and started by main (and now and
** then by one of the workers) for as long as four profiled threads keep
** replacing blocks in their rings
** (e2e_tracing.sh): blocks allocated while stopped are freed while
** tracing and the other way round, on every thread. When all is freed
** the traced live heap is back where it started, to the byte. A first
** round without stops fills glibc's caches of thread stacks, so that the
** second allocates nothing that outlives it. */
#include <memline.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define RING 16
#define ROUNDS 200000

static int finished;

MEMLINE_PROFILE
static void *worker(void *arg)
{
    void *ring[RING] = {0};
    unsigned i, seed = (unsigned)(size_t)arg;

    for (i = 0; i < ROUNDS; i++) {
        seed = seed * 1103515245u + 12345u;
        free(ring[i % RING]);
        ring[i % RING] = malloc(16 + seed % 200);
        /* The first worker stops and starts tracing too, now and then. */
        if (arg == (void *)1 && i % 5000 == 0)
            memline_stop();
        else if (arg == (void *)1 && i % 5000 == 2500)
            memline_start();
    }
    for (i = 0; i < RING; i++)
        free(ring[i]);
    __atomic_fetch_add(&finished, 1, __ATOMIC_RELEASE);
    return NULL;
}

static long round_of_threads(int toggle)
{
    pthread_t threads[4];
    volatile unsigned spin;
    long toggles = 0;
    int i;

    __atomic_store_n(&finished, 0, __ATOMIC_RELAXED);
    for (i = 0; i < 4; i++)
        pthread_create(&threads[i], NULL, worker, (void *)(size_t)(i + 1));
    while (toggle && __atomic_load_n(&finished, __ATOMIC_ACQUIRE) < 4) {
        if (toggles++ % 2)
            memline_start();
        else
            memline_stop();
        for (spin = 0; spin < 20000; spin++)
            ;
    }
    memline_start();
    for (i = 0; i < 4; i++)
        pthread_join(threads[i], NULL);
    return toggles;
}

int main(void)
{
    long long before, after;
    long toggles;

    round_of_threads(0);
    memline_get_traced_memory(&before, NULL);
    toggles = round_of_threads(1);
    memline_get_traced_memory(&after, NULL);
    printf("toggled %s, traced change %lld\n", toggles > 1 ? "yes" : "no", after - before);
    return 0;
}
