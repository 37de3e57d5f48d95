/*
** threads.c — several threads. While handle_request() waits for three
** worker threads, they allocate 6 MiB between them: the process's memory
** (Mem usage) shows it, but the line's Increment stays 0.0 MiB, because a
** line is only charged with what its own thread allocated.
*/
#include <memline.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WORKERS 3

static char *results[WORKERS];

static void *worker(void *arg)
{
    size_t i = (size_t)arg;

    results[i] = malloc(2 << 20);
    memset(results[i], (int)i, 2 << 20);
    return NULL;
}

static void run_workers(void)
{
    pthread_t t[WORKERS];

    for (size_t i = 0; i < WORKERS; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    for (size_t i = 0; i < WORKERS; i++)
        pthread_join(t[i], NULL);
}

MEMLINE_PROFILE
static void handle_request(void)
{
    char *scratch = malloc(1 << 20);
    run_workers();
    memset(scratch, 0, 1 << 20);
    free(scratch);
}

int main(void)
{
    handle_request();
    for (size_t i = 0; i < WORKERS; i++)
        free(results[i]);
    printf("done\n");
    return 0;
}
