/* Runs out of memory (run under ulimit -v): malloc, calloc and realloc
** return NULL; a profiled function first called after that still gets its
** records (and a freed block can be had again), and the report is
** written. */
#define _GNU_SOURCE
#include <memline.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static void **chain;
static volatile size_t huge = SIZE_MAX / 2;

static int push(void *p)
{
    if (!p)
        return 0;
    *(void **)p = chain;
    chain = p;
    return 1;
}

MEMLINE_PROFILE
static long exhaust(size_t size)
{
    long n = 0;
    while (push(malloc(size))) /* fill */
        n++;
    return n;
}

MEMLINE_PROFILE
static int after(void)
{
    void **first = chain;
    chain = *first;
    free(first);
    char *p = malloc(64); /* after */
    void *q = calloc(huge, 4);
    void *r = realloc(p, huge);
    push(p);
    return p != NULL && q == NULL && r == NULL;
}

int main(void)
{
    long big = exhaust(1 << 20), small = exhaust(64);

    printf("after: %s\n", after() ? "ok" : "wrong");
    printf("%ld %ld\n", big, small);
    while (chain) {
        void **next = *chain;

        free(chain);
        chain = next;
    }
    return 0;
}
