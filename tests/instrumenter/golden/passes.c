/* Straight-line runs go on past an if or a switch that allocates nothing
** and can only leave at its end: the run's tick counts its condition's
** line, its bodies are walked as usual. One that jumps out of itself
** (break or continue of an enclosing loop, return, goto, a call that
** never returns) is the run's last statement instead. A run goes on past
** such a loop too, whose condition keeps its own tick unless the loop's
** body starts with a run and no break or continue leaves it: then the
** run around the loop and the body's run count the condition's line (a
** do's, the body's run alone). A do-while(0) or a block made by a macro
** call is one member of a run. */
#include <memline.h>
#include <stdio.h>
#include <stdlib.h>

#define SWAP(a, b) do { int t_ = a; a = b; b = t_; } while (0)
#define CLAMP(v) { if (v > 9) v = 9; }

static int sink;

static _Noreturn void die(void)
{
    for (;;)
        ;
}

MEMLINE_PROFILE
static int passes(int n)
{
    char *p = malloc(8);
    int r = n;
    r += 1;
    if (r > 3)
        r = 3;
    switch (n & 3) {
    case 0:
        r += 10;
        break;
    case 1:
        for (int i = 0; i < n; i++)
            if (i == 2)
                break;
        r += 20;
        break;
    default:
        break;
    }
    SWAP(r, n);
    CLAMP(n);
    sink += r;
    free(p);
    return r + n;
}

MEMLINE_PROFILE
static int escapes(int n)
{
    int r = 0;
    for (int i = 0; i < n; i++) {
        r += i;
        if (i == 3)
            break;
        r++;
        switch (i) {
        case 1:
            continue;
        default:
            break;
        }
        r += 2;
        if (r > 100)
            die();
        r--;
    }
    return r;
}

MEMLINE_PROFILE
static int loops(int n)
{
    int r = 0;
    while (r < n)
        r += 2;
    for (;;) {
        if (r > 3)
            break;
        r++;
    }
    do
        r--;
    while (r > 10);
    int i = 0;
    while (i < n) {
        r += i;
        i++;
    }
    for (int j = 0; j < n; j++) {
        r ^= j;
        r += 1;
    }
    do {
        r -= 1;
        i--;
    } while (i > 0);
    sink += r;
    return r;
}

/* An outer loop whose body's first run passes an inner loop with an if:
** the outer condition is counted by the outer body's run, not by a run
** the inner loop made meanwhile. */
MEMLINE_PROFILE
static int nested(int n)
{
    int acc = 0, i;
    for (i = 0; i < n; i++) {
        int lo = 0, hi = 5;
        while (lo < hi) {
            if (hi & 1)
                lo += 0;
            else
                acc++;
            hi--;
        }
        acc += lo;
    }
    return acc;
}

int main(void)
{
    int s = 0;
    for (int i = 0; i < 6; i++)
        s += passes(i) + escapes(i) + loops(i) + nested(i);
    printf("%d %d\n", s, sink);
    return 0;
}
