/* GNU extensions: statement expressions (their last statement is the
** value), case ranges, local labels, computed goto; and a dangling else
** (gcc and clang warn): the else keeps binding to the inner if. */
#include <stdio.h>
#include <stdlib.h>
#include <memline.h>

MEMLINE_PROFILE
static int gnu(int n)
{
    __label__ out;
    static void *where[] = { &&one, &&two };
    int x = ({ int t = n * 2; t + 1; });
    x += ({ int u = x; if (u > 3) u = 3; u; });
    switch (x) {
    case 0 ... 5:
        x = 100;
        break;
    default:
        break;
    }
    if (n)
        if (n > 1)
            x += 10;
        else
            x += 20;
    goto *where[n & 1];
one:
    x++;
two:
    if (x > 1000)
        goto out;
    return ({ char *p = malloc(16); free(p); x + 1; });
out:
    return 0;
}

int main(void)
{
    printf("%d %d\n", gnu(1), gnu(2));
    return 0;
}
