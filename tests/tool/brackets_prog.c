/*
** brackets_prog.c — for e2e_brackets.sh: a program built with memline-cc
** whose two profiled functions `load` (8 x 1 MiB, touched, 25 ms apart) and
** `release` (frees them) must appear as FUNC brackets in `memline run`'s
** data file, with the live heap at their entries and exits.
*/
#include <memline.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BLOCKS 8
#define MIB (1 << 20)

static char *blocks[BLOCKS];

static void pause_ms(long ms)
{
    struct timespec ts = {0, ms * 1000000L};
    nanosleep(&ts, NULL);
}

MEMLINE_PROFILE
static void load(void)
{
    int i;
    for (i = 0; i < BLOCKS; i++) {
        blocks[i] = malloc(MIB);
        memset(blocks[i], i + 1, MIB);
        pause_ms(25);
    }
}

MEMLINE_PROFILE
static void release(void)
{
    int i;
    for (i = 0; i < BLOCKS; i++)
        free(blocks[i]);
}

int main(void)
{
    load();
    pause_ms(100);
    release();
    pause_ms(100);
    return 0;
}
