/*
** leak.c — a leak in a loop. Every block is loaded, used and freed...
** except one kind, which the loop forgets. memline shows the allocating
** line adding 6.0 MiB and the free line giving back only 3.0 MiB: the
** difference is the leak, and Mem usage climbs with every iteration.
*/
#include <memline.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK (1 << 20)

static char *load_block(int i)
{
    char *block = malloc(BLOCK);

    memset(block, i % 2 ? 'y' : 'x', BLOCK);
    return block;
}

MEMLINE_PROFILE
static long checksum_blocks(int n)
{
    long sum = 0;

    for (int i = 0; i < n; i++) {
        char *block = load_block(i);
        sum += block[1];
        if (block[0] != 'x') /* bug: the 'x' blocks are never freed */
            free(block);
    }
    return sum;
}

int main(void)
{
    printf("checksum %ld\n", checksum_blocks(6));
    return 0;
}
