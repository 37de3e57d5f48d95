/* longjmp out of profiled functions: the abandoned frames leave the
** records consistent and the thread's high-water mark is healed by the
** next probe. Prints the usable sizes the checks need. */
#define _GNU_SOURCE
#include <memline.h>
#include <malloc.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

static jmp_buf escape;
static char *held;
static char *all[9];
static int nall;

MEMLINE_PROFILE
static void thrower(int depth)
{
    char *p = malloc(5000); /* thrower alloc */
    held = p;
    all[nall++] = p;
    if (depth == 0)
        longjmp(escape, 1);
    thrower(depth - 1);
}

MEMLINE_PROFILE
static void catcher(void)
{
    if (setjmp(escape) == 0)    /* setjmp */
        thrower(2);             /* throw */
    free(held);                 /* after */
    char *big = malloc(100000); /* big */
    free(big);                  /* big free */
    char *q = malloc(700);      /* small */
    free(q);                    /* small free */
}

static size_t usable(size_t n)
{
    void *p = malloc(n);
    size_t u = malloc_usable_size(p);

    free(p);
    return u;
}

int main(void)
{
    int i;

    for (i = 0; i < 3; i++)
        catcher();
    printf("%zu %zu %zu\n", usable(5000), usable(100000), usable(700));
    for (i = 0; i < nall; i++)
        if (i % 3 != 2) /* the deepest call's block was freed after the jump */
            free(all[i]);
    return 0;
}
