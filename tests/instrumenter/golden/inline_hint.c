/* Which leaves get __inline__ back (instrumenter/inlinehint.h). Each
** function below has a branch or a loop, so that it keeps probes of its
** own instead of being counted by its callers. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#define STATIC static

/* hinted: a leaf with three probes, used twice */
static int find(const int *v, int n, int key)
{
    int lo = 0, hi = n;

    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (v[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* not hinted: noinline on an earlier declaration (gcc would warn) */
static int slow(int x) __attribute__((noinline));
static int slow(int x)
{
    while (x > 10)
        x -= 3;
    return x;
}

/* not hinted: an attribute on the definition */
static int __attribute__((cold)) cold(int x)
{
    while (x > 10)
        x -= 4;
    return x;
}

/* not hinted: variadic */
static int first(int n, ...)
{
    va_list ap;
    int v = 0;

    va_start(ap, n);
    if (n > 0)
        v = va_arg(ap, int);
    va_end(ap);
    return v;
}

/* not hinted: inline already */
static inline int twice(int x)
{
    if (x > 100)
        x = 100;
    return 2 * x;
}

/* not hinted: external linkage */
int clamp(int x)
{
    if (x < 0)
        x = 0;
    return x;
}

/* not hinted: more than four probes */
static int steps(int x)
{
    if (x > 1)
        x--;
    if (x > 2)
        x--;
    if (x > 3)
        x--;
    if (x > 4)
        x--;
    if (x > 5)
        x--;
    return x;
}

/* not hinted: used three times (each use a copy to compile) */
static int thrice(int x)
{
    while (x > 7)
        x -= 7;
    return x;
}

/* not hinted: never used (gcc keeps quiet of an unused inline function) */
static int unused(int x)
{
    while (x > 5)
        x -= 5;
    return x;
}

/* not hinted: only named by itself (gcc calls it unused) */
static int self(int x)
{
    while (x > 11)
        x = self(x - 11);
    return x;
}

/* not hinted: it allocates, so it has a frame */
static int framed(int n)
{
    char *p = malloc((size_t)n);

    if (!p)
        return -1;
    free(p);
    return n;
}

/* not hinted: the definition starts in a macro call */
STATIC int from_macro(int x)
{
    while (x > 9)
        x -= 9;
    return x;
}

int main(void)
{
    static const int v[] = {1, 3, 5, 7};
    int r = find(v, 4, 5) + find(v, 4, 6);

    r += slow(30) + cold(30) + first(1, 2) + twice(3) + clamp(-1) + steps(5);
    r += thrice(20) + thrice(21) + thrice(22) + framed(8) + from_macro(20);
    printf("%d\n", r);
    return 0;
}
