/* Threads: long-running workers that allocate inside and outside a
** profiled function and exit at different times, and hundreds of
** short-lived threads running a profiled function. Prints the totals the
** report must show. */
#define _GNU_SOURCE
#include <memline.h>
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define WORKERS 6
#define BRIEF_THREADS 300
#define BATCH 50

static char *kept[BRIEF_THREADS];

/* Usable sizes of the blocks allocated on the marked lines, summed as the
** program got them (glibc may hand out a bigger chunk than the size asks). */
static long long sum_a, sum_b, sum_keep, sum_drop;

static void count(long long *sum, void *p)
{
    __atomic_fetch_add(sum, (long long)malloc_usable_size(p), __ATOMIC_RELAXED);
}

MEMLINE_PROFILE
static void work_in(int round)
{
    char *a = malloc(100 + round % 50); /* a */
    char *b = malloc(5000);             /* b */
    count(&sum_a, a);
    count(&sum_b, b);
    free(a);                    /* free a */
    for (int i = 0; i < 3; i++) /* loop */
        b[i] = 1;               /* touch */
    free(b);                    /* free b */
}

MEMLINE_PROFILE
static void brief(int slot)
{
    char *keep = malloc(300); /* keep */
    char *drop = malloc(40);  /* drop */
    count(&sum_keep, keep);
    count(&sum_drop, drop);
    free(drop); /* free drop */
    kept[slot] = keep;
}

/* Worker w runs 2000 * (w + 1) rounds, so workers exit while others run;
** between rounds it allocates and frees outside any profiled function. */
static void *worker(void *arg)
{
    long w = (long)arg, r;

    for (r = 0; r < 2000 * (w + 1); r++) {
        char *outside = malloc(64 + (size_t)r % 1000);

        work_in((int)r);
        free(outside);
    }
    return NULL;
}

static void *brief_thread(void *arg)
{
    brief((int)(long)arg);
    return NULL;
}

int main(void)
{
    pthread_t workers[WORKERS], batch[BATCH];
    long w, i, rounds = 0;

    for (w = 0; w < WORKERS; w++) {
        if (pthread_create(&workers[w], NULL, worker, (void *)w) != 0)
            return 1;
        rounds += 2000 * (w + 1);
    }
    for (i = 0; i < BRIEF_THREADS; i += BATCH) {
        long k;

        for (k = 0; k < BATCH; k++)
            if (pthread_create(&batch[k], NULL, brief_thread, (void *)(i + k)) != 0)
                return 1;
        for (k = 0; k < BATCH; k++)
            pthread_join(batch[k], NULL);
    }
    for (w = 0; w < WORKERS; w++)
        pthread_join(workers[w], NULL);
    printf("%ld %lld %lld %d %lld %lld\n", rounds, sum_a, sum_b, BRIEF_THREADS, sum_keep, sum_drop);
    for (i = 0; i < BRIEF_THREADS; i++)
        free(kept[i]);
    return 0;
}
