/* Functions counted by their callers (bycaller.h): a static function whose
** statements all run with its entry and that calls no other such function
** stays as written, and each of its calls ticks a record of the caller's:
** `get` and `twice` here, called from framed and frameless callers, in a
** condition, twice in one statement, in a leaf's return and after `&&`.
** `sum` calls `twice`, so keeps its entry; `taken` has its address taken,
** `in_macro` is called inside a macro's arguments, `tail` in a framed
** function's return, `constant` in a __builtin_: they keep theirs too. */
#include <memline.h>
#include <stdio.h>
#include <stdlib.h>

#define SQUARE(x) ((x) * (x))

struct box {
    int v;
};

static int get(const struct box *b)
{
    return b->v;
}

static int twice(int x)
{
    int y = x + x;
    return y;
}

static int sum(int a, int b)
{
    return twice(a) + b;
}

static int taken(int x)
{
    return x - 1;
}

static int in_macro(int x)
{
    return x + 2;
}

static int tail(int x)
{
    return x * 3;
}

static int constant(int x)
{
    return x;
}

static void release(int *p)
{
    *p = 0;
}

static void guarded(void)
{
    int guard __attribute__((cleanup(release))) = 1;
    (void)guard;
}

static int leaf_caller(const struct box *b)
{
    return get(b) + twice(get(b));
}

static int framed(int n)
{
    struct box *b = malloc(sizeof *b);
    int (*f)(int) = taken;
    int r;
    b->v = n;
    if (get(b) > 2 && twice(n) > 6)
        n += SQUARE(in_macro(n));
    r = leaf_caller(b) + sum(n, get(b)) + f(n) + __builtin_constant_p(constant(n));
    free(b);
    guarded();
    return tail(r);
}

int main(void)
{
    int i, total = 0;

    for (i = 0; i < 5; i++)
        total += framed(i);
    printf("%d\n", total);
    return 0;
}
