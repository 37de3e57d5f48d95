/* tracing_prog.c — memline_start/stop (e2e_tracing.sh): a loop traced,
** then stopped; a block allocated while stopped and freed while tracing,
** one the other way round; a stop in a profiled function and a start
** deeper in the stack. Sizes are glibc's usable sizes. */
#include <memline.h>
#include <stdio.h>
#include <stdlib.h>

static void *keep[8];

MEMLINE_PROFILE
static void loop(int n)
{
    int i;

    for (i = 0; i < n; i++)
        free(malloc(1000));
}

MEMLINE_PROFILE
static void deeper(void)
{
    memline_start();
    keep[2] = malloc(500);
}

MEMLINE_PROFILE
static void outer(void)
{
    memline_stop();
    keep[3] = malloc(300);
    deeper();
    keep[4] = malloc(100);
}

MEMLINE_PROFILE
int main(void)
{
    long long before, after;

    memline_get_traced_memory(&before, NULL);
    loop(3);
    memline_stop();
    loop(5);
    keep[0] = malloc(4000);
    memline_start();
    keep[1] = malloc(2000);
    free(keep[0]);
    memline_stop();
    free(keep[1]);
    memline_start();
    outer();
    free(keep[3]);
    memline_get_traced_memory(&after, NULL);
    printf("tracing %d, traced %lld\n", memline_is_tracing(), after - before);
    return 0;
}
