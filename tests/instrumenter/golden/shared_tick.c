/* Calls of functions counted by their callers (bycaller.h) that share a
** tick: evaluated once each time a condition is tested (the left of &&, a
** call's arguments, the condition of ?:), the condition's; once in each
** pass of a straight-line run (`both`: the entry's), the run's; once by a
** statement with a tick of its own (sum's first loop), the statement's.
** The right of &&, a branch of ?:, sizeof's operand and a condition or a
** statement whose line another statement shares keep ticks of their own. */
#include <stdio.h>
#include <stdlib.h>

static int get(const int *p)
{
    return *p;
}

static int inc(int x)
{
    return x + 1;
}

static int find(const int *v, int n, int key)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (get(v + mid) < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int count(const int *v, int n)
{
    int i, c, total = 0;
    int *copy = malloc((size_t)n * sizeof *copy);
    for (i = 0; i < n; i++) {
        copy[i] = v[i];
        c = 0;
        while (get(copy + i) > c && inc(c) < 4)
            c++;
        while (i % 3 ? inc(i) > c : get(v) + 6 > c)
            c++;
        while (inc(get(v + i)) > c - 3)
            c++;
        while (sizeof(inc(i)) == 1)
            c++;
        while (get(v + i) ? c < 20 : 0)
            c++;
        while (inc(c) < 25) c++;
        total += c;
    }
    free(copy);
    return total;
}

static int both(const int *v, int i)
{
    int a = get(v + i), b = inc(i);
    a += inc(b) > 3 ? get(v) : 0;
    return a + inc(a);
}

static int sum(const int *v, int n)
{
    int i, s = 0;
    for (i = 0; i < n; i++)
        s += get(v + i);
    for (i = 0; i < n; i++) s += inc(i);
    return s;
}

int main(void)
{
    int v[10], i, s = 0;
    for (i = 0; i < 10; i++)
        v[i] = i;
    for (i = 0; i < 10; i++)
        s += find(v, 10, i * 3 / 2) + both(v, i);
    printf("%d %d %d\n", s, count(v, 10), sum(v, 10));
    return 0;
}
