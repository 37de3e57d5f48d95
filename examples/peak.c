/*
** peak.c — a transient peak. median() copies its input to sort it: the
** function returns with nothing allocated, yet while it runs the process
** holds twice the data, and qsort() itself briefly takes as much again.
** Mem usage shows the copy; the Peak column (MEMLINE_COLUMNS=peak) shows
** what qsort borrowed and gave back within the line.
*/
#include <memline.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT (2 << 20)

static int compare(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;

    return (x > y) - (x < y);
}

MEMLINE_PROFILE
static int median(const int *values, size_t n)
{
    int *sorted = malloc(n * sizeof *sorted);
    int m;

    memcpy(sorted, values, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, compare);
    m = sorted[n / 2];
    free(sorted);
    return m;
}

int main(void)
{
    int *values = malloc(COUNT * sizeof *values);
    unsigned x = 12345;

    for (size_t i = 0; i < COUNT; i++) {
        x = x * 1103515245u + 12345u;
        values[i] = (int)(x >> 8);
    }
    printf("median %d\n", median(values, COUNT));
    free(values);
    return 0;
}
