/*
** retained.c — a large live heap at exit, for the cost of the
** reachability scan (MEMLINE_LEAKS=1): MIB mebibytes in blocks of BLOCK
** bytes, each holding a pointer to the one before, the newest in a
** global. With a third argument "free", everything is freed before exit
** (the same run without a heap to scan).
** usage: retained MIB BLOCK [free]
*/
#include <memline.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct block {
    struct block *older;
};

struct block *newest;

MEMLINE_PROFILE
int main(int argc, char **argv)
{
    long mib = argc > 1 ? atol(argv[1]) : 64, size = argc > 2 ? atol(argv[2]) : 1024;
    long n = mib * 1024 * 1024 / size, i;
    struct block *b;

    for (i = 0; i < n; i++) {
        b = malloc((size_t)size);
        b->older = newest;
        newest = b;
    }
    if (argc > 3 && strcmp(argv[3], "free") == 0)
        while (newest) {
            b = newest->older;
            free(newest);
            newest = b;
        }
    printf("%ld blocks\n", n);
    return 0;
}
