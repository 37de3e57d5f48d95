/*
** timeline_prog.c — stands in for a memline-cc program until the runtime
** calls runtime/timeline.c itself: it is linked with timeline.c and makes
** the calls the runtime will make, with a heap size it keeps itself.
**
** What it does (the e2e test checks each part in the data file):
**  - load: 20 MiB, then parse nested inside it adds 5 MiB; about 150 ms.
**  - step, 40 short calls in a row (grouped by the plot), each keeping
**    512 KiB.
**  - worker, on a second thread, overlapping load.
**  - everything freed, a final heap sample of 0.
*/
#define _GNU_SOURCE
#include "timeline.h"

#include <memline/probe.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MIB (1024LL * 1024LL)

static struct memline_site site_load = {
    MEMLINE_PROBE_VERSION, 0, "prog.c", "load", 1, 2, 0, 0, 0, 0, 0, 0, 0};
static struct memline_site site_parse = {
    MEMLINE_PROBE_VERSION, 0, "prog.c", "parse", 3, 4, 0, 0, 0, 0, 0, 0, 0};
static struct memline_site site_step = {
    MEMLINE_PROBE_VERSION, 0, "prog.c", "step", 5, 6, 0, 0, 0, 0, 0, 0, 0};
static struct memline_site site_worker = {
    MEMLINE_PROBE_VERSION, 0, "prog.c", "worker", 7, 8, 0, 0, 0, 0, 0, 0, 0};

static long long heap;

static void prog_sleep(long ms)
{
    struct timespec ts = {0, ms * 1000000L};

    nanosleep(&ts, NULL);
}

static char *prog_alloc(long long bytes)
{
    char *p = malloc((size_t)bytes);

    if (!p)
        abort();
    memset(p, 1, (size_t)bytes);
    __atomic_add_fetch(&heap, bytes, __ATOMIC_RELAXED);
    mlt_sample(__atomic_load_n(&heap, __ATOMIC_RELAXED));
    return p;
}

static void prog_free(char *p, long long bytes)
{
    free(p);
    mlt_sample(__atomic_sub_fetch(&heap, bytes, __ATOMIC_RELAXED));
}

static void *worker(void *arg)
{
    (void)arg;
    mlt_enter(&site_worker, __atomic_load_n(&heap, __ATOMIC_RELAXED));
    prog_sleep(60);
    mlt_exit(&site_worker, __atomic_load_n(&heap, __ATOMIC_RELAXED));
    return NULL;
}

int main(void)
{
    char *big, *small, *steps[40];
    pthread_t thread;

    mlt_open();
    prog_sleep(30);
    mlt_enter(&site_load, heap);
    /* Started after the 20 MiB sample, so that every heap the worker
    ** passes was read after it: a worker that read 0 and was preempted
    ** before writing its entry would put a 0 between load's entry and the
    ** 20 MiB sample, in time order. */
    big = prog_alloc(20 * MIB);
    if (pthread_create(&thread, NULL, worker, NULL) != 0)
        return 1;
    prog_sleep(80);
    mlt_enter(&site_parse, heap);
    small = prog_alloc(5 * MIB);
    prog_sleep(60);
    mlt_exit(&site_parse, heap);
    mlt_exit(&site_load, heap);
    pthread_join(thread, NULL);
    for (int i = 0; i < 40; i++) {
        mlt_enter(&site_step, heap);
        steps[i] = prog_alloc(MIB / 2);
        prog_sleep(2);
        mlt_exit(&site_step, heap);
    }
    for (int i = 0; i < 40; i++)
        prog_free(steps[i], MIB / 2);
    prog_free(small, 5 * MIB);
    prog_free(big, 20 * MIB);
    prog_sleep(50);
    mlt_final_sample(heap);
    return 0;
}
