/*
** calls.c — the cost of a profiled call, the probes of its one statement
** included: a function from which no allocation is reachable (no frame:
** memline_enter_leaf, its statement counted with it) and one that calls
** through a pointer (a frame: memline_enter, a full probe, memline_exit).
** Neither is inlined. And the cost of a straight-line run: N iterations of
** a loop whose body is six statements that call nothing (the run's tick,
** which with the run around the loop counts its condition); and of a function counted by its callers
** (bycaller.h: left as written and inlined, each call a tick of the
** caller's): N iterations of a loop that calls one. Prints a checksum.
**
**   calls leaf|framed|run|counted N
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

MEMLINE_PROFILE
__attribute__((noinline)) static long run_call(long n)
{
    long a = 1, b = 2, c = 3, i;
    for (i = 0; i < n; i++) {
        a += b;
        b ^= c;
        c += a >> 3;
        a -= c & 7;
        b += i;
        c ^= b;
    }
    return a + b + c;
}

MEMLINE_PROFILE
static int counted(int x)
{
    return x + 1;
}

MEMLINE_PROFILE
__attribute__((noinline)) static long counted_loop(long n)
{
    long acc = 0, i;
    for (i = 0; i < n; i++)
        acc += counted((int)i);
    return acc;
}

int main(int argc, char **argv)
{
    long n = argc > 2 ? atol(argv[2]) : 1000000, i, acc = 0;
    int leaf = argc > 1 && strcmp(argv[1], "leaf") == 0;

    if (argc > 1 && strcmp(argv[1], "run") == 0) {
        printf("%ld\n", run_call(n));
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "counted") == 0) {
        printf("%ld\n", counted_loop(n));
        return 0;
    }
    for (i = 0; i < n; i++)
        acc += leaf ? leaf_call((int)i) : framed_call((int)i);
    printf("%ld\n", acc);
    return 0;
}
