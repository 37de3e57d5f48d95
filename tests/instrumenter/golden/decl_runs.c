/* Declarations that call nothing run with the entry (walkrun.c), one a
** line, two on one line, across a gap, a variable-length array or a
** declaration without storage: counted as if each had its own probe; a
** call ends the run, and the next one gets a tick of its own. */
#include <stdio.h>
#include <stdlib.h>
#include <memline.h>

MEMLINE_PROFILE
static int runs(int n)
{
    int x = n;
    int y = x + 1;
    int z = y * 2,
        w = z - 1;
    int v = w; int u = v;

    int t = u;
    int vla[n];
    int s = t;
    static int k;
    int r = s;
    char *p = malloc(64);
    int q = r;
    vla[0] = s + k + q;
    free(p);
    return vla[0] + x;
}

int main(void)
{
    int i, sum = 0;

    for (i = 1; i <= 3; i++)
        sum += runs(i);
    printf("%d\n", sum);
    return 0;
}
