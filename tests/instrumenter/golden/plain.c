/* The plain copy (instrumenter/plain.h): a function with a loop, entered
** while tracing is stopped, runs its body as written; one entered while
** tracing, the instrumented body. Labels are renamed in the copy; a static
** local, asm, a local label or a directive other than a conditional (or one
** closing a group opened before the body) keeps the function to one body. */
#define MEMLINE_API_WEAK /* the plain build has no libmemline */
#include <memline.h>
#include <stdio.h>
#include <stdlib.h>

static void *keep[2];

MEMLINE_PROFILE
static int fill(int n)
{
    int i, sum = 0;
    for (i = 0; i < n; i++) {
        char *p = malloc(100);
        sum += p != NULL;
        free(p);
    }
    return sum;
}

MEMLINE_PROFILE
static int resume(int n)
{
    int i;
    for (i = 0; i < n; i++)
        if (i == 1 && memline_start)
            memline_start();
    keep[0] = malloc(200);
    return i;
}

MEMLINE_PROFILE
static int labels(int n)
{
    int i = 0;
again:
    i++;
    while (i < n)
        goto again;
    if (i > 0)
        goto done;
    i = -1;
    i--;
done:
    return i;
}

MEMLINE_PROFILE
static int counter(int n)
{
    static int calls;
    int i;
    for (i = 0; i < n; i++)
        calls++;
    return calls;
}

MEMLINE_PROFILE
static int barrier(int n)
{
    int i;
    for (i = 0; i < n; i++)
        __asm__ volatile("" ::: "memory");
    return i;
}

MEMLINE_PROFILE
static int defines(int n)
{
    int i, r = 0;
#define STEP 2
    for (i = 0; i < n; i += STEP)
        r++;
#undef STEP
#if defined(__GNUC__)
    r += 10;
#else
    r += 20;
#endif
    return r;
}

MEMLINE_PROFILE
#ifdef NEVER
static int split(int n) { int r = 1;
#else
static int split(int n) { int r = 0;
#endif
    while (n-- > 0)
        r++;
    return r;
}

MEMLINE_PROFILE
static int local_label(int n)
{
    __label__ out;
    while (n > 0)
        if (--n == 2)
            goto out;
out:
    return n;
}

MEMLINE_PROFILE
int main(void)
{
    int r = fill(3);
    if (memline_stop)
        memline_stop();
    r += fill(5);
    r += labels(3) + counter(2) + barrier(2) + defines(4) + split(2) + local_label(5);
    r += resume(3);
    r += fill(2);
    keep[1] = malloc(50);
    free(keep[0]);
    free(keep[1]);
    printf("%d\n", r);
    return 0;
}
