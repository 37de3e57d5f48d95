/*
** compute.c — a tight loop with no allocation at all: the probe's own cost
** on straight-line code. Prints a checksum.
*/
#include <memline.h>
#include <stdio.h>
#include <stdlib.h>

MEMLINE_PROFILE
static unsigned long long mix(unsigned long long n)
{
    unsigned long long x = 88172645463325252ull, acc = 0, i;
    for (i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        acc += x % 1000;
    }
    return acc;
}

int main(int argc, char **argv)
{
    unsigned long long n = argc > 1 ? strtoull(argv[1], NULL, 10) : 50000000ull;
    printf("%llu\n", mix(n));
    return 0;
}
