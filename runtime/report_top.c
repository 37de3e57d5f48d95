/*
** runtime/report_top.c — the N largest lines, functions or files of a
** report (`memline top`, MEMLINE_TOP=N): tracemalloc's statistics() for C.
**
**   Top 2 lines by increment: 96.2 % of all increments (25.0 MiB of 26.0 MiB)
**      Increment         Peak  Occurrences   Where
**       16.0 MiB     24.0 MiB            1   prog.c:14 main()   t = malloc(16 * MIB);
**
** A function's or a file's numbers are its lines' summed (Peak: the
** largest). Only positive values rank, ties in report order; the share is
** of the sum of every positive value. Files are runs of consecutive
** functions with the same file (reports are sorted by file). Ranking keeps
** the N best in the caller's array, as a heap: no other memory.
*/
#include "report.h"

#include <string.h>

long long mlr_top_value(const struct mlr_row *row, enum mlr_top_key key)
{
    switch (key) {
    case MLR_TOP_PEAK:
        return row->peak;
    case MLR_TOP_ALLOCS:
        return (long long)row->allocs;
    case MLR_TOP_LEAKED:
        return row->leaked;
    case MLR_TOP_AT_PEAK:
        return row->at_peak;
    case MLR_TOP_LOST:
        return row->lost;
    default:
        return row->increment;
    }
}

/* a ranks below b: smaller, or as large and later in the report. */
static int mlr_top_below(const struct mlr_top_row *a, const struct mlr_top_row *b)
{
    return a->value < b->value || (a->value == b->value && a->order > b->order);
}

static void mlr_top_sift(struct mlr_top_row *heap, unsigned n, unsigned i)
{
    for (;;) {
        unsigned low = i, l = 2 * i + 1, r = l + 1;
        struct mlr_top_row tmp;

        if (l < n && mlr_top_below(&heap[l], &heap[low]))
            low = l;
        if (r < n && mlr_top_below(&heap[r], &heap[low]))
            low = r;
        if (low == i)
            return;
        tmp = heap[i];
        heap[i] = heap[low];
        heap[low] = tmp;
        i = low;
    }
}

struct mlr_top_state {
    struct mlr_top_row *rows;
    unsigned capacity, n;
    int every;
    unsigned long order;
    long long total;
};

/* Offers one candidate to the heap of the best (its lowest at the root). */
static void mlr_top_offer(struct mlr_top_state *st, const struct mlr_top_row *c)
{
    unsigned i;

    if (c->value > 0)
        st->total = mlr_sum(st->total, c->value);
    if ((c->value <= 0 && !st->every) || !st->capacity)
        return;
    if (st->n < st->capacity) {
        st->rows[st->n++] = *c;
        for (i = st->n / 2; i-- > 0;)
            mlr_top_sift(st->rows, st->n, i);
    } else if (mlr_top_below(&st->rows[0], c)) {
        st->rows[0] = *c;
        mlr_top_sift(st->rows, st->n, 0);
    }
}

unsigned mlr_top(const struct mlr_report *r, const struct mlr_top_options *t,
                 struct mlr_top_row *rows, unsigned capacity, long long *total)
{
    struct mlr_top_state st = {rows, capacity < t->n ? capacity : t->n, 0, t->every, 0, 0};
    struct mlr_top_row c;
    unsigned long i;
    unsigned k, n;

    for (i = 0; i < r->nfunctions; i++) {
        const struct mlr_function *fn = &r->functions[i];
        unsigned nrows = fn->last_line - fn->first_line + 1;

        if (t->by == MLR_TOP_FILE && i > 0 && strcmp(fn->file, r->functions[i - 1].file) == 0)
            continue; /* counted with the first function of its file */
        memset(&c, 0, sizeof c);
        c.function = i;
        for (k = 0; k < nrows; k++) {
            if (!fn->rows[k].occurrences)
                continue;
            if (t->by == MLR_TOP_LINE) {
                c.line = k;
                c.row = fn->rows[k];
                c.value = mlr_top_value(&c.row, t->key);
                c.order = st.order++;
                mlr_top_offer(&st, &c);
            } else {
                mlr_add_row(&c.row, &fn->rows[k]);
            }
        }
        if (t->by == MLR_TOP_FILE) {
            unsigned long j;

            for (j = i + 1; j < r->nfunctions && strcmp(r->functions[j].file, fn->file) == 0; j++)
                for (k = 0; k <= r->functions[j].last_line - r->functions[j].first_line; k++)
                    mlr_add_row(&c.row, &r->functions[j].rows[k]);
        }
        if (t->by != MLR_TOP_LINE) {
            c.value = mlr_top_value(&c.row, t->key);
            c.order = st.order++;
            mlr_top_offer(&st, &c);
        }
    }
    /* Heap sort: the best first. */
    for (n = st.n; n > 1; n--) {
        struct mlr_top_row tmp = rows[0];

        rows[0] = rows[n - 1];
        rows[n - 1] = tmp;
        mlr_top_sift(rows, n - 1, 0);
    }
    *total = st.total;
    return st.n;
}

static const char *const mlr_top_keys[] = {"increment", "peak",    "allocs",
                                           "leaked",    "at_peak", "lost"};
static const char *const mlr_top_plurals[] = {
    "increments", "peaks", "allocations", "leaked bytes", "bytes at the peak", "lost bytes"};

const char *mlr_top_key_plural(enum mlr_top_key key)
{
    return mlr_top_plurals[key];
}

const char *mlr_top_key_name(enum mlr_top_key key)
{
    return mlr_top_keys[key];
}

int mlr_top_parse_key(const char *name, enum mlr_top_key *key)
{
    unsigned k;

    for (k = 0; k < sizeof mlr_top_keys / sizeof mlr_top_keys[0]; k++)
        if (strcmp(name, mlr_top_keys[k]) == 0) {
            *key = (enum mlr_top_key)k;
            return 0;
        }
    return -1;
}

static void mlr_top_amount(struct mlo_out *o, long long v, enum mlr_top_key key,
                           const struct mlr_text_options *opts)
{
    if (key == MLR_TOP_ALLOCS)
        mlo_i64(o, v);
    else
        mlr_put_amount(o, v, opts);
}

static void mlr_top_cell(struct mlo_out *o, const char *s, size_t width)
{
    size_t n = strlen(s);

    mlo_repeat(o, ' ', n < width ? width - n : 0);
    mlo_puts(o, s);
}

void mlr_write_top(struct mlo_out *o, const struct mlr_report *r, const struct mlr_top_options *t,
                   const struct mlr_top_row *rows, unsigned n, long long total,
                   const struct mlr_text_options *opts)
{
    static const char *const by[] = {"lines", "functions", "files"};
    long long shown = 0;
    char cell[64], share[24];
    unsigned i;

    for (i = 0; i < n; i++)
        shown = mlr_sum(shown, rows[i].value);
    mlr_format_percent(share, shown, total);
    mlo_puts(o, "Top ");
    mlo_u64(o, n);
    mlo_putc(o, ' ');
    mlo_puts(o, by[t->by]);
    mlo_puts(o, " by ");
    mlo_puts(o, mlr_top_keys[t->key]);
    mlo_puts(o, ": ");
    mlo_puts(o, share);
    mlo_puts(o, " % of all ");
    mlo_puts(o, mlr_top_plurals[t->key]);
    mlo_puts(o, " (");
    mlr_top_amount(o, shown, t->key, opts);
    mlo_puts(o, " of ");
    mlr_top_amount(o, total, t->key, opts);
    mlo_puts(o, ")\n");
    mlo_puts(o, "   Increment         Peak  Occurrences");
    if (t->key == MLR_TOP_ALLOCS)
        mlo_puts(o, "      Allocs");
    if (r->leaks_tracked)
        mlo_puts(o, "        Leaked");
    if (r->peak_tracked)
        mlo_puts(o, "       At peak");
    if (r->reach_tracked)
        mlo_puts(o, "          Lost");
    mlo_puts(o, "   Where\n");
    for (i = 0; i < n; i++) {
        const struct mlr_top_row *row = &rows[i];
        const struct mlr_function *fn = &r->functions[row->function];
        long long extra[3] = {row->row.leaked, row->row.at_peak, row->row.lost};
        int tracked[3] = {r->leaks_tracked, r->peak_tracked, r->reach_tracked}, k;

        mlr_format_amount(cell, row->row.increment, opts->unit, opts->precision);
        mlr_top_cell(o, cell, 12);
        mlr_format_amount(cell, row->row.peak, opts->unit, opts->precision);
        mlr_top_cell(o, cell, 13);
        mlo_format_u64(cell, row->row.occurrences);
        mlr_top_cell(o, cell, 13);
        if (t->key == MLR_TOP_ALLOCS) {
            mlo_format_u64(cell, row->row.allocs);
            mlr_top_cell(o, cell, 12);
        }
        for (k = 0; k < 3; k++)
            if (tracked[k]) {
                mlr_format_amount(cell, extra[k], opts->unit, opts->precision);
                mlr_top_cell(o, cell, 14);
            }
        mlo_puts(o, "   ");
        mlo_puts(o, fn->file);
        if (t->by == MLR_TOP_LINE) {
            mlo_putc(o, ':');
            mlo_u64(o, fn->first_line + row->line);
        }
        if (t->by != MLR_TOP_FILE) {
            mlo_putc(o, ' ');
            mlo_puts(o, fn->name);
            mlo_puts(o, "()");
        }
        if (t->by == MLR_TOP_LINE) {
            const char *text = fn->rows[row->line].text;

            while (*text == ' ' || *text == '\t')
                text++;
            mlo_puts(o, "   ");
            mlo_puts(o, text);
        }
        mlo_putc(o, '\n');
    }
}
