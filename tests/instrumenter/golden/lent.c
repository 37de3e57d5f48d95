/* lent.c — runs counted by the line record of the full probe before them
** (walkrun.c), a case's statement's too: their counts and Mem usage are
** what a tick per statement gives. */
#include <memline.h>
#include <stdio.h>
#include <stdlib.h>

static int sink;

static int *make(int n)
{
    return malloc((size_t)n * sizeof(int));
}

MEMLINE_PROFILE
static int grow(int n)
{
    int total = 0;
    for (int i = 1; i <= n; i++) {
        char *p = malloc((size_t)i * 1000);
        if (!p)
            return -1;
        total += i;
        sink += p[0] = 1;
        free(p);
    }
    return total;
}

MEMLINE_PROFILE
static int shared(void)
{
    int *a = make(4); sink++;
    int *b = make(8), *c = make(2); int k = 3;
    sink += k;
    free(a); free(b);
    sink--;
    free(c);
    return sink;
}

MEMLINE_PROFILE
static int pick(int n)
{
    int *p = NULL;
    switch (n) {
    case 1:
        p = make(6);
        sink++;
        break;
    case 2: p = make(10);
        break;
    default:
        break;
    }
    free(p);
    return sink;
}

int main(void)
{
    int g = grow(3), s = shared(), t = pick(1) + pick(2) + pick(2) + pick(3);

    printf("%d %d %d %d\n", g, s, t, sink);
    return 0;
}
