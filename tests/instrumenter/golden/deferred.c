/* Deferred frames: a function that may return before anything that may
** allocate enters as a leaf and pushes its frame just before its first
** call that may; each line's numbers are those a frame from the entry
** gives. Functions that always allocate keep their frame from the entry. */
#include <memline.h>
#include <stdio.h>
#include <stdlib.h>

static char *kept[8];
static int nkept;

MEMLINE_PROFILE
static int keep(int n)
{
    if (n < 0)
        return 0;
    if (n == 0)
        return 1;
    kept[nkept++] = malloc((size_t)n);
    return 2;
}

MEMLINE_PROFILE
static char *maybe(int n)
{
    char *p;
    if (n < 0)
        return NULL;
    p = n > 3 ? malloc((size_t)n) : NULL;
    int k = n * 2;
    if (p)
        p[0] = (char)k;
    return p;
}

MEMLINE_PROFILE
static int chain(int n)
{
    if (n <= 0)
        return 0;
    return keep(n);
}

MEMLINE_PROFILE
static int late(int n)
{
    int i, s = 0;
    char *p = NULL;
    for (i = 0; i < n; i++) {
        s += i;
        if (i == 2)
            p = malloc(64);
    }
    if (p)
        free(p);
    return s;
}

MEMLINE_PROFILE
static int spike(int n)
{
    if (n == 1)
        return 0;
    free(malloc(1000));
    return 1;
}

MEMLINE_PROFILE
static int always(int n)
{
    char *p = malloc((size_t)n);
    if (!p)
        return 0;
    free(p);
    return 1;
}

/* Its only probe is the last full one, whose refresh of the leaf's
** records nothing reads (and gcc must not say so). */
static void *slot;

MEMLINE_PROFILE
static void set_slot(int n)
{
    n++;
    if (n > 1)
        slot = malloc((size_t)n);
}

int main(void)
{
    int i, s = 0;
    char *m;

    for (i = -1; i <= 2; i++)
        s += keep(i);
    m = maybe(2);
    s += m != NULL;
    m = maybe(16);
    s += m[0];
    free(m);
    s += chain(0) + chain(5);
    s += late(2) + late(4);
    s += spike(1) + spike(2);
    s += always(8);
    set_slot(0);
    set_slot(8);
    free(slot);
    for (i = 0; i < nkept; i++)
        free(kept[i]);
    printf("%d\n", s);
    return 0;
}
