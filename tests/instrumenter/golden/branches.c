/* if / else if / else, nested ifs, constant conditions (kept
** constant: compilers fold them for dead code and -Wreturn-type). */
#include <stdio.h>
#include <stdlib.h>
#include <memline.h>

MEMLINE_PROFILE
static int branches(int n)
{
    int r = 0;
    if (n > 3)
        r = 1;
    else if (n > 2)
        r = 2;
    else
        r = 3;
    if (n) {
        if (n > 1)
            r += 10;
        else
            r += 20;
    }
    if (1)
        r++;
    if (0) {
        r--;
    }
    if (sizeof(long) == 0) {
        r = 99;
    }
    return r;
}

MEMLINE_PROFILE
static int forever(int n)
{
    while (1) {
        if (n-- < 0)
            return n;
    }
}

MEMLINE_PROFILE
static char *maybe(int n)
{
    char *p = NULL;
    if ((p = malloc(64)) != NULL && n > 0)
        return p;
    free(p);
    return NULL;
}

int main(void)
{
    char *p = maybe(1);
    printf("%d %d %d %d\n", branches(1), branches(3), branches(5), forever(2));
    free(p);
    printf("%d\n", maybe(0) == NULL);
    return 0;
}
