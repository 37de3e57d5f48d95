/* atpeak_every.c — the lazy snapshot's worst case (e2e_atpeak.sh): the
** heap grows by alternating allocations and frees, so that almost every
** free follows a new maximum. The program keeps its own books (by
** malloc_usable_size) and prints, for each allocating line, the bytes it
** held at the first moment its blocks' total was highest: what memline's
** at_peak must say when nothing else allocates meanwhile. */
#include <malloc.h>
#include <memline.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 20000
#define LINES 4

static void *blocks[N];
static size_t sizes[N];
static int owner[N];
static unsigned line_of[LINES];
static long long live, best = -1, live_by[LINES], best_by[LINES];

static void note_alloc(int i, int k, unsigned line)
{
    sizes[i] = malloc_usable_size(blocks[i]);
    owner[i] = k;
    line_of[k] = line;
    live += (long long)sizes[i];
    live_by[k] += (long long)sizes[i];
    if (live > best) {
        best = live;
        memcpy(best_by, live_by, sizeof best_by);
    }
}

static void note_free(int i)
{
    live -= (long long)sizes[i];
    live_by[owner[i]] -= (long long)sizes[i];
}

MEMLINE_PROFILE
static void churn(void)
{
    unsigned x = 12345;
    int i, next = 0;

    for (i = 0; i < N; i++) {
        size_t size = 16 + (x = x * 1103515245u + 12345u) % 4000 + (size_t)i;

        switch (i % 4) {
        case 0:
            blocks[i] = malloc(size), note_alloc(i, 0, __LINE__);
            break;
        case 1:
            blocks[i] = calloc(1, size), note_alloc(i, 1, __LINE__);
            break;
        case 2:
            blocks[i] = malloc(size / 2), note_alloc(i, 2, __LINE__);
            break;
        default:
            blocks[i] = malloc(size * 2), note_alloc(i, 3, __LINE__);
            break;
        }
        if (i % 3 != 2 && next < i) {
            note_free(next);
            free(blocks[next++]);
        }
    }
    while (next < N) {
        note_free(next);
        free(blocks[next++]);
    }
}

int main(void)
{
    int k;

    churn();
    for (k = 0; k < LINES; k++)
        printf("%u %lld\n", line_of[k], best_by[k]);
    return 0;
}
