/* Statements that compile to nothing get no probe, and their lines show
** only their text: assert() under NDEBUG, a cast of an unused variable to
** void, a macro that expands to nothing, an empty statement. A read of a
** volatile variable is code. */
#define NDEBUG
#include <assert.h>
#include <stdio.h>
#include <memline.h>

#define UNUSED(x) ((void)(x))
#define NOTHING

MEMLINE_PROFILE
static int quiet(int a, int b)
{
    volatile int v = 0;
    assert(a > 0);
    (void)b;
    UNUSED(a);
    NOTHING;
    ;
    (void)sizeof(a);
    v;
    return a + v;
}

int main(void)
{
    printf("%d\n", quiet(1, 2));
    return 0;
}
