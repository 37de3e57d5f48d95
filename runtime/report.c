/*
** runtime/report.c — operations on the report model (report.h) that both
** the runtime and the memline command need: the order of the tables and
** how two records of the same function combine (per-thread records in the
** runtime, per-process reports in `memline merge`). No allocation, no I/O.
*/
#include "report.h"

#include <string.h>

int mlr_function_order(const struct mlr_function *a, const struct mlr_function *b)
{
    int c = strcmp(a->file, b->file);

    if (c)
        return c;
    if (a->first_line != b->first_line)
        return a->first_line < b->first_line ? -1 : 1;
    if ((c = strcmp(a->name, b->name)))
        return c;
    return a->last_line < b->last_line ? -1 : a->last_line > b->last_line;
}

long long mlr_sum(long long a, long long b)
{
    return (long long)((unsigned long long)a + (unsigned long long)b);
}

void mlr_add_row(struct mlr_row *d, const struct mlr_row *s)
{
    if (s->occurrences == 0)
        return;
    if (d->occurrences == 0 || s->mem_usage > d->mem_usage)
        d->mem_usage = s->mem_usage;
    if (d->occurrences == 0 || s->peak > d->peak)
        d->peak = s->peak;
    d->increment = mlr_sum(d->increment, s->increment);
    d->occurrences += s->occurrences;
    d->allocs += s->allocs;
    d->frees += s->frees;
    d->leaked = mlr_sum(d->leaked, s->leaked);
    d->at_peak = mlr_sum(d->at_peak, s->at_peak);
    d->lost = mlr_sum(d->lost, s->lost);
}

void mlr_merge_function(struct mlr_function *into, const struct mlr_function *from)
{
    unsigned long long k, nrows = (unsigned long long)from->last_line - from->first_line + 1;

    into->calls += from->calls;
    into->unexited += from->unexited;
    for (k = 0; k < nrows; k++)
        mlr_add_row(&into->rows[k], &from->rows[k]);
}
