/* Unreachable code, for clang's -Wunreachable-code family: the exit
** before the closing brace of a body that ends in a return, a loop that
** never ends or a call that does not return is never reached and draws
** nothing (a macro spells it); a break after a return; a return after a
** call that does not return (the idiom that quiets compilers without
** noreturn analysis) and after another return: clang then calls the
** value's evaluation dead code instead of a dead return, so the output
** adds warnings (dead_code.warnings). */
#include <stdio.h>
#include <stdlib.h>
#include <memline.h>

MEMLINE_PROFILE
static int ends_in_return(int a)
{
    if (a > 0)
        return a;
    else
        return -a;
}

MEMLINE_PROFILE
static void ends_in_loop(int a)
{
    for (;;) {
        if (a++ > 3)
            return;
    }
}

MEMLINE_PROFILE
static void ends_in_exit(int a)
{
    printf("%d\n", a);
    exit(0);
}

MEMLINE_PROFILE
static int breaks(int a)
{
    switch (a) {
    case 1:
        return 10;
        break;
    default:
        a++;
        break;
    }
    return a;
}

MEMLINE_PROFILE
static int after_abort(int a)
{
    if (a >= 0)
        return a * 2;
    abort();
    return -1;
}

MEMLINE_PROFILE
static int twice(int a)
{
    return a;
    return a + 1;
}

int main(void)
{
    ends_in_loop(1);
    printf("%d %d %d %d %d\n", ends_in_return(-2), breaks(1), breaks(2), after_abort(3), twice(4));
    ends_in_exit(5);
}
