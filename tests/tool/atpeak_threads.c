/* atpeak_threads.c — the peak of a process whose threads allocate at
** once (e2e_atpeak.sh): each of two threads allocates on its own line,
** both hold their blocks at a barrier, then free them; the main thread,
** not profiled, allocates 1 MiB after they are done, less than the
** peak. */
#include <memline.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define MIB (1024 * 1024)

static pthread_barrier_t held;

MEMLINE_PROFILE
static void *worker(void *arg)
{
    char *p;

    if (arg)
        p = malloc(1 * MIB);
    else
        p = malloc(3 * MIB);
    memset(p, 1, 4096);
    pthread_barrier_wait(&held);
    free(p);
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    char *after;

    pthread_barrier_init(&held, NULL, 2);
    pthread_create(&a, NULL, worker, &a);
    pthread_create(&b, NULL, worker, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    after = malloc(1 * MIB);
    memset(after, 0, 4096);
    free(after);
    return 0;
}
