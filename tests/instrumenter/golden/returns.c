/* return evaluates its expression into a temporary of the function's
** return type before the probe: typedefs, function pointers, structs,
** string literals, void, a comma expression; anonymous struct types (unspellable) and tail
** calls of instrumented functions probe first, then return. */
#include <stdio.h>
#include <stdlib.h>
#include <memline.h>

typedef int (*binop)(int, int);
struct point {
    int x, y;
};
static int add(int a, int b)
{
    return a + b;
}

MEMLINE_PROFILE
static binop pick(int i)
{
    if (i)
        return add;
    return 0;
}

MEMLINE_PROFILE
static int (*raw(void))(int, int)
{
    return add;
}

MEMLINE_PROFILE
static struct point mkpoint(int x)
{
    struct point p;
    p.x = x;
    p.y = -x;
    return p;
}

MEMLINE_PROFILE
static const char *name(int i)
{
    return i ? "one" : "zero";
}

MEMLINE_PROFILE
static char *grab(void)
{
    return malloc(40);
}

MEMLINE_PROFILE
static int count_down(int n)
{
    if (n == 0)
        return 0;
    return count_down(n - 1);
}

MEMLINE_PROFILE
static void nothing(int n)
{
    if (n)
        return;
    return (void)puts("nothing");
}

MEMLINE_PROFILE
struct {
    int a;
} anon(int v)
{
    __typeof__(anon(0)) r;
    r.a = v;
    return r;
}

MEMLINE_PROFILE
static int comma(int n)
{
    return (void)puts("comma"), n * 2;
}

int main(void)
{
    char *g = grab();
    printf("%d %d %d %s %d\n", pick(1)(2, 3), raw()(1, 1), mkpoint(4).y, name(1),
           count_down(1000));
    nothing(0);
    nothing(1);
    printf("%d\n", anon(5).a);
    printf("%d\n", comma(21));
    free(g);
    return 0;
}
