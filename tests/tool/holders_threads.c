/* holders_threads.c — the scan while threads allocate and free
** (e2e_holders.sh): four workers keep replacing 64 blocks each (one of
** them large enough to be mapped on its own) in a static array, while
** main asks for 30 on-demand reports. At exit every block is reachable:
** the workers' from `slots`, pthread_create's from the threads' TLS. */
#include <memline.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile int stop;
static void *slots[4][64];

MEMLINE_PROFILE
static void *worker(void *arg)
{
    long id = (long)arg, i = 0;

    while (!stop) {
        int k = (int)(i++ % 64);

        free(slots[id][k]);
        slots[id][k] = malloc(k == 0 ? 300000 : (size_t)(16 + k * 24));
        memset(slots[id][k], 0, 16);
    }
    return NULL;
}

MEMLINE_PROFILE
int main(void)
{
    pthread_t t[4];
    long i;

    for (i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    for (i = 0; i < 30; i++) {
        usleep(20000);
        kill(getpid(), SIGUSR1);
    }
    stop = 1;
    for (i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return 0;
}
