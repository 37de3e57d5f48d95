/* MEMLINE_FUNCTIONS globs select unannotated functions; "*" selects
** all, main included. */
#include <stdio.h>
#include <stdlib.h>

static int helper_one(int x)
{
    return x + 1;
}

static int helper_two(int x)
{
    return x * 2;
}

static int other(int x)
{
    return x - 1;
}

int main(void)
{
    int *p = malloc(sizeof *p);
    *p = helper_one(1) + helper_two(2) + other(3);
    printf("%d\n", *p);
    free(p);
    return 0;
}
