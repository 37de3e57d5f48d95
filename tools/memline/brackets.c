/*
** brackets.c — grouping and stacking of profiled calls for the plot (see
** brackets.h).
**
** Grouping works per (file, function) in start order: a call joins the
** previous bracket when both are narrower than BRACKETS_MIN_PX pixels and
** the gap between them is smaller than BRACKETS_GAP_PX. Stacking then runs
** over all brackets in start order, outer (longer) calls first on ties.
*/
#include "brackets.h"

#include <stdlib.h>
#include <string.h>

#define BRACKETS_MIN_PX 12.0
#define BRACKETS_GAP_PX 8.0

static int brackets_by_function(const void *a, const void *b)
{
    const struct bracket *x = a, *y = b;
    int c = (x->file > y->file) - (x->file < y->file);

    if (c == 0)
        c = strcmp(x->name, y->name);
    if (c == 0)
        c = (x->t_start > y->t_start) - (x->t_start < y->t_start);
    return c;
}

static int brackets_by_start(const void *a, const void *b)
{
    const struct bracket *x = a, *y = b;
    int c = (x->file > y->file) - (x->file < y->file);

    if (c == 0)
        c = (x->t_start > y->t_start) - (x->t_start < y->t_start);
    if (c == 0)
        c = (x->t_end < y->t_end) - (x->t_end > y->t_end);
    return c;
}

static int brackets_by_lane(const void *a, const void *b)
{
    const struct bracket *x = a, *y = b;
    int c = (x->lane > y->lane) - (x->lane < y->lane);

    return c ? c : brackets_by_start(a, b);
}

/* Merges runs of short calls in place; returns the new count. */
static size_t brackets_group(struct bracket *v, size_t n, double seconds_per_px)
{
    double narrow = BRACKETS_MIN_PX * seconds_per_px, gap = BRACKETS_GAP_PX * seconds_per_px;
    size_t out = 0;

    qsort(v, n, sizeof *v, brackets_by_function);
    for (size_t i = 0; i < n; i++) {
        struct bracket *last = out ? &v[out - 1] : NULL;

        if (last && last->file == v[i].file && strcmp(last->name, v[i].name) == 0 &&
            (last->calls > 1 || last->t_end - last->t_start < narrow) &&
            v[i].t_end - v[i].t_start < narrow && v[i].t_start - last->t_end < gap) {
            if (v[i].t_end > last->t_end) {
                last->t_end = v[i].t_end;
                last->heap_end = v[i].heap_end;
            }
            last->calls++;
            last->busy += v[i].busy;
        } else {
            v[out++] = v[i];
        }
    }
    return out;
}

int brackets_layout(struct bracket_set *set, const struct df_file *files, size_t nfiles,
                    double seconds_per_px, double span, int max_lanes)
{
    double *lane_end = calloc((size_t)max_lanes, sizeof *lane_end);
    size_t n = 0, kept = 0, file = 0;
    int first_lane = 0;

    memset(set, 0, sizeof *set);
    for (size_t f = 0; f < nfiles; f++)
        n += files[f].ncalls;
    set->v = malloc((n ? n : 1) * sizeof *set->v);
    if (!set->v || !lane_end) {
        free(lane_end);
        free(set->v);
        set->v = NULL;
        return -1;
    }
    n = 0;
    for (size_t f = 0; f < nfiles; f++)
        for (size_t i = 0; i < files[f].ncalls; i++) {
            const struct df_call *c = &files[f].calls[i];

            struct bracket b = {.file = f, .name = c->name, .calls = 1};

            b.t_start = c->t_start;
            b.t_end = c->t_end;
            b.heap_start = c->heap_start;
            b.heap_end = c->heap_end;
            b.busy = c->t_end - c->t_start;
            set->v[n++] = b;
        }
    n = brackets_group(set->v, n, seconds_per_px);
    qsort(set->v, n, sizeof *set->v, brackets_by_start);
    for (size_t i = 0; i < n; i++) {
        struct bracket *b = &set->v[i];
        int lane;

        /* Each file gets lanes of its own, below the previous file's. */
        if (i == 0 || b->file != file) {
            file = b->file;
            first_lane = set->lanes;
        }
        /* A lane is free once its last bracket has ended. */
        lane = first_lane;
        while (lane < max_lanes && lane < set->lanes && lane_end[lane] > b->t_start)
            lane++;
        if (lane == max_lanes) {
            set->hidden += b->calls;
            continue;
        }
        if (lane == set->lanes)
            set->lanes++;
        lane_end[lane] = b->t_end;
        b->lane = lane;
        set->v[kept++] = *b;
    }
    free(lane_end);
    set->n = kept;
    qsort(set->v, kept, sizeof *set->v, brackets_by_lane);
    for (size_t i = 0; i < kept; i++) {
        int last = i + 1 == kept || set->v[i + 1].lane != set->v[i].lane;

        set->v[i].room = (last ? span : set->v[i + 1].t_start) - set->v[i].t_start;
    }
    return 0;
}

void brackets_free(struct bracket_set *set)
{
    free(set->v);
    memset(set, 0, sizeof *set);
}
