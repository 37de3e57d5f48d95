/* leaks_handover.c — blocks tracked while the process had one thread (the
** block table then takes no lock) and released by threads started later
** (e2e_leaks.sh): main allocates 2000 blocks of 40 bytes on one line,
** then two workers each free half of them, allocate 3000 blocks of 100
** bytes on their own line and keep every tenth. Expected, with leaks on:
** main's line 0 bytes leaked, the worker's line 2 x 300 blocks of 104
** usable bytes; at_peak's shares add up to the peak's in_lines. */
#include <memline.h>
#include <pthread.h>
#include <stdlib.h>

#define MAIN_BLOCKS 2000
#define WORKER_BLOCKS 3000

static char *early[MAIN_BLOCKS];
static char *kept[2][WORKER_BLOCKS / 10];

MEMLINE_PROFILE
static void *worker(void *arg)
{
    int half = arg != NULL, i;
    char *p;

    for (i = half; i < MAIN_BLOCKS; i += 2)
        free(early[i]);
    for (i = 0; i < WORKER_BLOCKS; i++) {
        p = malloc(100);
        if (i % 10 == 0)
            kept[half][i / 10] = p;
        else
            free(p);
    }
    return NULL;
}

MEMLINE_PROFILE
int main(void)
{
    pthread_t a, b;
    int i;

    for (i = 0; i < MAIN_BLOCKS; i++)
        early[i] = malloc(40);
    pthread_create(&a, NULL, worker, NULL);
    pthread_create(&b, NULL, worker, &a);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return kept[0][0] == NULL;
}
