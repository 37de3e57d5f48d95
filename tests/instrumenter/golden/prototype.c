/* The definition carries no annotation: its prototype in prototype.h
** does (MEMLINE_PROFILE). */
#include <stdio.h>
#include "prototype.h"

int from_header(int x)
{
    int y = x * 3;
    return y;
}

int main(void)
{
    printf("%d\n", from_header(2));
    return 0;
}
