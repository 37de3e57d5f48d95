/* A file that includes itself (gcc's torture tests do: vprintf-1.c):
** the second inclusion is another file's text for the rewriter, and the
** rewritten copy, found by its own #include, defines its sites once. */
#ifndef ROW
#include <stdio.h>
#include <stdlib.h>
#include <memline.h>

MEMLINE_PROFILE
static int sum(void)
{
    int total = 0;
#define ROW(v) total += v;
#include "self_include.c"
#undef ROW
    return total;
}

int main(void)
{
    printf("%d\n", sum());
    return 0;
}
#else
ROW(1)
ROW(20)
ROW(300)
#endif
