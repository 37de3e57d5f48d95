/* Signal handlers that run profiled code and allocate while the program
** is inside a probe, a profiled function or the runtime's malloc. A
** profiling timer interrupts a tight malloc/free loop of busy(); each tick
** runs tick(), which allocates a block and keeps it.
**
** glibc's malloc is not async-signal-safe: the main loop only reuses one
** block from its thread cache (no lock after the first round) and the
** handler uses another size class, so the only shared state the handler
** can find half-updated is memline's. Prints the totals the report must
** show. */
#define _GNU_SOURCE
#include <memline.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/time.h>

#define MAX_TICKS 100000
#define ROUNDS 3000000

static char *tick_kept[MAX_TICKS];
static volatile sig_atomic_t ticks;
static long long tick_bytes;

MEMLINE_PROFILE
static void tick(void)
{
    char *p = malloc(24); /* tick alloc */
    tick_kept[ticks] = p;
    tick_bytes += (long long)malloc_usable_size(p);
    ticks = ticks + 1;
}

static void on_tick(int sig)
{
    (void)sig;
    if (ticks < MAX_TICKS)
        tick();
}

MEMLINE_PROFILE
static void busy(void)
{
    struct itimerval every = {{0, 50}, {0, 50}}, off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &every, NULL); /* start */
    for (int i = 0; i < ROUNDS; i++) {    /* loop */
        char *p = malloc(100);            /* busy alloc */
        free(p);                          /* busy free */
    }
    setitimer(ITIMER_REAL, &off, NULL); /* stop */
}

int main(void)
{
    struct sigaction sa = {0};
    int i;

    sa.sa_handler = on_tick;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
    busy();
    printf("%d %d %lld\n", ROUNDS, (int)ticks, tick_bytes);
    for (i = 0; i < ticks; i++)
        free(tick_kept[i]);
    return 0;
}
