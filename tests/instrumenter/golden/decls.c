/* Declarations: a probe after a declaration is itself a declaration, so
** C89 and -Wdeclaration-after-statement still compile. */
#include <stdio.h>
#include <stdlib.h>
#include <memline.h>

struct point {
    int x, y;
};

MEMLINE_PROFILE
static int decls(int n)
{
    int a = n;
    int b, c = 2;
    static int calls;
    struct point p = { 1, 2 };
    typedef long L;
    L l = 3;
    char *buf = malloc(100);
    calls++;
    {
        int inner = a * 2;
        char *more = malloc(200);
        b = inner + c + p.x + (int)l;
        free(more);
    }
    free(buf);
    return b;
}

int main(void)
{
    printf("%d\n", decls(3));
    return 0;
}
