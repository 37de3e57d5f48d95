/*
** calls.c — the cost of a profiled call, the probes of its one statement
** included: a function from which no allocation is reachable (no frame:
** memline_enter_leaf, its statement counted with it) and one that calls
** through a pointer (a frame: memline_enter, a full probe, memline_exit).
** Neither is inlined. And the cost of a straight-line run: N iterations of
** a loop whose body is six statements that call nothing (the run's tick,
** which with the run around the loop counts its condition); and of a function counted by its callers
** (bycaller.h: left as written and inlined, each call a tick of the
** caller's): N iterations of a loop that calls one; and of a function
** whose frame is deferred (probe.h) and never made, as its call through
** the pointer allocates nothing. Prints a checksum.
**
**   calls leaf|framed|deferred|run|counted|search N
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
__attribute__((noinline)) static int deferred_call(int x)
{
    if (x < 0)
        return 0;
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

/* A binary search per pass, in a function without a frame: the inner
** loop's ticks sit in the branches of an `if`, where a tick that tests
** before it raises Mem usage saves the store (probe.h). */
static const int keys[64] = {0,   2,   4,   6,   8,   10,  12,  14,  16,  18,  20,  22,  24,
                             26,  28,  30,  32,  34,  36,  38,  40,  42,  44,  46,  48,  50,
                             52,  54,  56,  58,  60,  62,  64,  66,  68,  70,  72,  74,  76,
                             78,  80,  82,  84,  86,  88,  90,  92,  94,  96,  98,  100, 102,
                             104, 106, 108, 110, 112, 114, 116, 118, 120, 122, 124, 126};

MEMLINE_PROFILE
__attribute__((noinline)) static long search_loop(long n)
{
    long acc = 0, i;
    for (i = 0; i < n; i++) {
        int lo = 0, hi = 64, key = (int)(i & 127);
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            if (keys[mid] < key)
                lo = mid + 1;
            else
                hi = mid;
        }
        acc += lo;
    }
    return acc;
}

int main(int argc, char **argv)
{
    long n = argc > 2 ? atol(argv[2]) : 1000000, i, acc = 0;
    int leaf = argc > 1 && strcmp(argv[1], "leaf") == 0;
    int deferred = argc > 1 && strcmp(argv[1], "deferred") == 0;

    if (argc > 1 && strcmp(argv[1], "run") == 0) {
        printf("%ld\n", run_call(n));
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "search") == 0) {
        printf("%ld\n", search_loop(n));
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "counted") == 0) {
        printf("%ld\n", counted_loop(n));
        return 0;
    }
    for (i = 0; i < n; i++)
        acc += leaf ? leaf_call((int)i) : deferred ? deferred_call((int)i) : framed_call((int)i);
    printf("%ld\n", acc);
    return 0;
}
