/* Jumps are probed before they leave: goto, break, continue, calls of
** noreturn functions (exit, abort, longjmp, a _Noreturn function). */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <memline.h>

static jmp_buf env;

static _Noreturn void die(void)
{
    longjmp(env, 2);
}

MEMLINE_PROFILE
static int jumps(int n)
{
    int i = 0;
again:
    i++;
    if (i < n)
        goto again;
    if (n == 100)
        exit(3);
    if (n == 101)
        abort();
    if (n == 7)
        longjmp(env, 1);
    if (n == 8)
        die();
    return i;
}

MEMLINE_PROFILE
static int catcher(int n)
{
    int r;
    if ((r = setjmp(env)) != 0)
        return r;
    return jumps(n);
}

int main(void)
{
    printf("%d %d %d\n", catcher(3), catcher(7), catcher(8));
    return 0;
}
