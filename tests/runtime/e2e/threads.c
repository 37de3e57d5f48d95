#define _GNU_SOURCE /* Four threads run the same profiled function at the same time. */
#include <memline.h>
#include <memline/probe.h>
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
static struct memline_site memline__site_1;
#define THREADS 4
#define ROUNDS 20000

static pthread_barrier_t barrier;

MEMLINE_PROFILE
static void work(char **out) { struct memline_frame *const memline__f = memline_enter(&memline__site_1);
    pthread_barrier_wait(&barrier); memline_probe(memline__f, 2);
    for (int i = 0; memline_cond(memline__f, 3, !!(i < ROUNDS)); i++) {
        char *tmp = malloc(4000); int memline__d1 __attribute__((unused)) = (memline_probe(memline__f, 4), 0);
        tmp[0] = 1; memline_probe(memline__f, 5);
        free(tmp); memline_probe(memline__f, 6);
    }
    *out = malloc(2000); memline_probe(memline__f, 8);
memline_exit(memline__f); }

static void *run(void *slot)
{
    work(slot);
    return NULL;
}

int main(void)
{
    pthread_t threads[THREADS];
    char *kept[THREADS];
    long long u4000, u2000;
    void *p;
    int i;

    pthread_barrier_init(&barrier, NULL, THREADS);
    for (i = 0; i < THREADS; i++)
        if (pthread_create(&threads[i], NULL, run, &kept[i]) != 0)
            return 1;
    for (i = 0; i < THREADS; i++)
        pthread_join(threads[i], NULL);

    p = malloc(4000);
    u4000 = (long long)malloc_usable_size(p);
    free(p);
    p = malloc(2000);
    u2000 = (long long)malloc_usable_size(p);
    free(p);
    printf("calls work %d\n", THREADS);
    printf("eq work 14 occurrences %d\neq work 14 increment 0\nabsent work 15\n", THREADS);
    printf("eq work 16 occurrences %d\neq work 16 increment 0\neq work 16 allocs 0\n", THREADS);
    printf("eq work 17 occurrences %d\neq work 17 increment 0\n", THREADS * (ROUNDS + 1));
    printf("eq work 18 occurrences %d\neq work 18 increment %lld\neq work 18 allocs %d\n",
           THREADS * ROUNDS, THREADS * ROUNDS * u4000, THREADS * ROUNDS);
    printf("eq work 19 increment 0\neq work 19 allocs 0\neq work 19 frees 0\n");
    printf("eq work 20 increment %lld\neq work 20 frees %d\n", -THREADS * ROUNDS * u4000,
           THREADS * ROUNDS);
    printf("absent work 21\n");
    printf("eq work 22 occurrences %d\neq work 22 increment %lld\n", THREADS, THREADS * u2000);
    printf("absent work 23\nnet work %lld\n", THREADS * u2000);
    for (i = 0; i < THREADS; i++)
        free(kept[i]);
    return 0;
}

static const char *const memline__text_1[] = {
    "MEMLINE_PROFILE",
    "static void work(char **out) {",
    "    pthread_barrier_wait(&barrier);",
    "    for (int i = 0; i < ROUNDS; i++) {",
    "        char *tmp = malloc(4000);",
    "        tmp[0] = 1;",
    "        free(tmp);",
    "    }",
    "    *out = malloc(2000);",
    "}"};
static struct memline_site memline__site_1 = {
    MEMLINE_PROBE_VERSION, 0, "threads.c", "work", 14, 23, memline__text_1, 0, 0, 0, 0, 0, 0};
