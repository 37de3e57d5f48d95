/*
** threads.c — multithreaded allocator workload: each thread keeps a ring of
** live blocks of pseudo-random sizes, replacing one per step, inside a
** profiled function. Prints a checksum.
*/
#include <memline.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RING 256

struct job {
    unsigned seed;
    long steps;
    unsigned long sum;
};

MEMLINE_PROFILE
static unsigned long churn(unsigned seed, long steps)
{
    char *ring[RING] = {0};
    unsigned long sum = 0;
    long i;
    for (i = 0; i < steps; i++) {
        size_t slot = (size_t)i % RING;
        size_t size;
        seed = seed * 1664525u + 1013904223u;
        size = 16 + (seed >> 20) % 2048;
        free(ring[slot]);
        ring[slot] = malloc(size);
        if (!ring[slot])
            abort();
        ring[slot][0] = (char)seed;
        sum += (unsigned char)ring[slot][0];
    }
    for (i = 0; i < RING; i++)
        free(ring[i]);
    return sum;
}

static void *run(void *arg)
{
    struct job *j = arg;
    j->sum = churn(j->seed, j->steps);
    return NULL;
}

int main(int argc, char **argv)
{
    long steps = argc > 1 ? atol(argv[1]) : 2000000;
    int nthreads = argc > 2 ? atoi(argv[2]) : 4, i;
    pthread_t tid[64];
    struct job jobs[64];
    unsigned long total = 0;
    if (nthreads < 1 || nthreads > 64)
        return 2;
    for (i = 0; i < nthreads; i++) {
        jobs[i].seed = (unsigned)i + 1;
        jobs[i].steps = steps;
        pthread_create(&tid[i], NULL, run, &jobs[i]);
    }
    for (i = 0; i < nthreads; i++) {
        pthread_join(tid[i], NULL);
        total += jobs[i].sum;
    }
    printf("%lu\n", total);
    return 0;
}
