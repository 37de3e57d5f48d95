/* records.c — what makes up the peak: 100,000 records in a list, then the
** median score through an index sorted with qsort. Run with
** MEMLINE_COLUMNS=at_peak. */
#include <memline.h>
#include <stdio.h>
#include <stdlib.h>

struct record {
    char name[40];
    double score;
    struct record *next;
};

static int by_score(const void *a, const void *b)
{
    double x = (*(struct record *const *)a)->score, y = (*(struct record *const *)b)->score;

    return (x > y) - (x < y);
}

MEMLINE_PROFILE
static struct record *load(int n)
{
    struct record *head = NULL;
    for (int i = 0; i < n; i++) {
        struct record *r = malloc(sizeof *r);
        snprintf(r->name, sizeof r->name, "record-%d", i);
        r->score = (double)(i * 7919 % 1000) / 10.0;
        r->next = head;
        head = r;
    }
    return head;
}

MEMLINE_PROFILE
static double median(struct record *head, int n)
{
    struct record **index = malloc((size_t)n * sizeof *index);
    int i = 0;
    for (struct record *r = head; r; r = r->next)
        index[i++] = r;
    qsort(index, (size_t)n, sizeof *index, by_score);
    double m = index[n / 2]->score;
    free(index);
    return m;
}

MEMLINE_PROFILE
int main(void)
{
    struct record *all = load(100000);
    printf("median score %.1f\n", median(all, 100000));
    while (all) {
        struct record *next = all->next;
        free(all);
        all = next;
    }
    return 0;
}
