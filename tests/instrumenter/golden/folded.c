/* Conditions that read a variable but that clang folds all the same:
** `DEBUG && x` with DEBUG 0, `sizeof (int) > 4 && x`, `(x, 0)`. clang
** keeps quiet about some warnings in code it knows is never run
** (-Warray-bounds, -Wdivision-by-zero, -Wshift-count-overflow, all on by
** default); memline_cond() hides what it knew, so the output adds them
** (folded.warnings). */
#include <stdio.h>
#include <memline.h>

#define DEBUG 0

static int trace[4];

MEMLINE_PROFILE
static unsigned split(unsigned v, int verbose)
{
    unsigned hi = 0;
    if (DEBUG && verbose)
        trace[4] = (int)v;
    if (sizeof(unsigned) > 4 && v > 0xffffu)
        hi = v >> 32;
    while ((verbose, 0))
        hi = v / 0;
    return hi + v;
}

int main(void)
{
    printf("%u\n", split(7, 1));
    return 0;
}
