/*
** calls.c — the cost of a profiled call, the probes of its one statement
** included: a function from which no allocation is reachable (no frame:
** memline_enter_leaf and a tick) and one that calls through a pointer (a
** frame: memline_enter, a full probe, memline_exit). Neither is inlined.
** Prints a checksum.
**
**   calls leaf|framed N
*/
#include <memline.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int identity(int x)
{
    return x;
}

static int (*volatile hook)(int) = identity;

MEMLINE_PROFILE
__attribute__((noinline)) static int leaf_call(int x)
{
    return x + 1;
}

MEMLINE_PROFILE
__attribute__((noinline)) static int framed_call(int x)
{
    return hook(x) + 1;
}

int main(int argc, char **argv)
{
    long n = argc > 2 ? atol(argv[2]) : 1000000, i, acc = 0;
    int leaf = argc > 1 && strcmp(argv[1], "leaf") == 0;

    for (i = 0; i < n; i++)
        acc += leaf ? leaf_call((int)i) : framed_call((int)i);
    printf("%ld\n", acc);
    return 0;
}
