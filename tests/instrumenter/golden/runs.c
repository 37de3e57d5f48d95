/* Straight-line runs: statements that cannot allocate and follow each
** other share one tick (the entry's, for the run that starts the body),
** and every line still counts as if it had its own. A label, a call that
** may allocate, a loop or a block ends a run; a return, a jump, an if or
** a switch may be its last statement; a compiled-out assert, `;` and a
** declaration without initializer sit inside one. */
#define NDEBUG
#include <assert.h>
#include <memline.h>
#include <stdio.h>
#include <stdlib.h>

struct pair {
    int a, b;
};

MEMLINE_PROFILE
static struct pair make(int a, int b)
{
    struct pair p;
    p.a = a;
    assert(a >= 0);
    p.b = b; ;
    return p;
}

MEMLINE_PROFILE
static int step(int op, int x)
{
    int y = x;
    switch (op) {
    case 0:
        y += 1;
        y *= 2; y -= 1;
        break;
    case 1:
    case 2:
        y -= 1;
    again:
        y += 3;
        if (y < 0)
            goto again;
        y++;
        return y;
    default:
        y = 0;
        y = y + x;
    }
    return y;
}

MEMLINE_PROFILE
static int *fill(int n)
{
    int *v = malloc((size_t)n * sizeof *v);
    int i = 0;
    int last;
    last = n - 1;
    while (i < n) {
        v[i] = i;
        i++;
        if (i == last)
            continue;
    }
    v[0] = last;
    v[last] += v[0];
    return v;
}

MEMLINE_PROFILE
static int one_line(int x) { x++; return x; }

MEMLINE_PROFILE static int first_line_probed(int x) { x++; if (x > 2) x--;
    x += 2;
    return x;
}

MEMLINE_PROFILE static int *one_line_alloc(int n) { return malloc((size_t)n * sizeof(int)); }

int main(void)
{
    int i, sum = 0;
    int *v;

    for (i = 0; i < 4; i++) {
        struct pair p = make(i, i + 1);
        sum += p.a + p.b + step(i, i) + one_line(i) + first_line_probed(i);
        v = one_line_alloc(i + 1);
        v[i] = i;
        sum += v[i];
        free(v);
    }
    v = fill(5);
    sum += v[4];
    free(v);
    printf("%d\n", sum);
    return 0;
}
