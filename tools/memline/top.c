/*
** top.c — `memline top REPORT.json [OPTIONS]`: the N largest lines (or
** functions, files) of a whole report, tracemalloc's statistics('lineno')
** for C (report_top.c ranks and prints). `memline top OLD.json NEW.json`:
** the N largest changes between two reports (tracemalloc's compare_to),
** matched by file, function and line.
**
** Options: --by line|function|file (default line), -n N (default 10),
** --sort increment|peak|allocs|leaked|at_peak|lost (default increment),
** --unit, --precision as for `memline report`. Exit status 0, 2 for a
** usage error or a report that cannot be read or lacks the sorted column.
*/
#include "commands.h"

#include "jsonread.h"
#include "textopts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TOP_USAGE                                                                                  \
    "usage: memline top REPORT.json [OLD.json NEW.json] [--by line|function|file] [-n N] "         \
    "[--sort KEY] [--unit U] [--precision N]"

/* One line, function or file of a report and its value, for matching two
** reports. */
struct top_item {
    const char *file, *function;
    unsigned line; /* 0 for a function or a file */
    long long value;
    const char *text;
};

static int top_item_compare(const void *pa, const void *pb)
{
    const struct top_item *a = pa, *b = pb;
    int c = strcmp(a->file, b->file);

    if (c == 0 && a->function && b->function)
        c = strcmp(a->function, b->function);
    return c ? c : (a->line > b->line) - (a->line < b->line);
}

/* Every line, function or file of r with its value (all of them: n = the
** report's count), sorted for matching; NULL when out of memory. */
static struct top_item *top_items(const struct mlr_report *r, const struct mlr_top_options *t,
                                  size_t *n)
{
    struct mlr_top_options all = *t;
    struct mlr_top_row *rows;
    struct top_item *items;
    unsigned long count = 0, i;
    unsigned k, got;
    long long total;

    for (i = 0; i < r->nfunctions; i++)
        count += r->functions[i].last_line - r->functions[i].first_line + 1;
    all.n = count ? (unsigned)count : 1;
    all.every = 1;
    rows = malloc(all.n * sizeof *rows);
    items = malloc(all.n * sizeof *items);
    if (!rows || !items) {
        free(rows);
        free(items);
        return NULL;
    }
    got = mlr_top(r, &all, rows, all.n, &total);
    for (k = 0; k < got; k++) {
        const struct mlr_function *fn = &r->functions[rows[k].function];

        items[k] = (struct top_item){fn->file, t->by == MLR_TOP_FILE ? NULL : fn->name,
                                     t->by == MLR_TOP_LINE ? fn->first_line + rows[k].line : 0,
                                     rows[k].value,
                                     t->by == MLR_TOP_LINE ? fn->rows[rows[k].line].text : NULL};
    }
    free(rows);
    qsort(items, got, sizeof *items, top_item_compare);
    *n = got;
    return items;
}

struct top_change {
    const struct top_item *old, *new;
    long long change;
};

static int top_change_compare(const void *pa, const void *pb)
{
    const struct top_change *a = pa, *b = pb;
    long long x = a->change < 0 ? -a->change : a->change,
              y = b->change < 0 ? -b->change : b->change;

    if (x != y)
        return x > y ? -1 : 1;
    return top_item_compare(a->new ? a->new : a->old, b->new ? b->new : b->old);
}

static void top_write_amount(long long v, const struct mlr_top_options *t,
                             const struct mlr_text_options *opts, int sign)
{
    char cell[64], text[72];

    if (t->key == MLR_TOP_ALLOCS)
        snprintf(text, sizeof text, sign ? "%+lld" : "%lld", v);
    else
        snprintf(text, sizeof text, "%s%s", sign && v >= 0 ? "+" : "",
                 mlr_amount_text(cell, v, opts));
    printf("%14s", text);
}

/* The N largest changes from a to b. */
static int top_compare(const struct mlr_report *a, const struct mlr_report *b,
                       const struct mlr_top_options *t, const struct mlr_text_options *opts)
{
    static const char *const by[] = {"lines", "functions", "files"};
    size_t na, nb, i = 0, j = 0, n = 0, k;
    struct top_item *ia = top_items(a, t, &na), *ib = top_items(b, t, &nb);
    struct top_change *changes = ia && ib ? malloc((na + nb + 1) * sizeof *changes) : NULL;

    if (!changes) {
        free(ia);
        free(ib);
        fprintf(stderr, "memline top: out of memory\n");
        return 2;
    }
    while (i < na || j < nb) {
        int c = i == na ? 1 : j == nb ? -1 : top_item_compare(&ia[i], &ib[j]);
        struct top_change ch = {c <= 0 ? &ia[i] : NULL, c >= 0 ? &ib[j] : NULL, 0};

        ch.change = (ch.new ? ch.new->value : 0) - (ch.old ? ch.old->value : 0);
        i += c <= 0;
        j += c >= 0;
        if (ch.change)
            changes[n++] = ch;
    }
    qsort(changes, n, sizeof *changes, top_change_compare);
    printf("Top %zu changes of %s by %s (of %zu that changed)\n", n < t->n ? n : (size_t)t->n,
           by[t->by], mlr_top_key_name(t->key), n);
    printf("%14s%14s%14s   Where\n", "Old", "New", "Change");
    for (k = 0; k < n && k < t->n; k++) {
        const struct top_item *it = changes[k].new ? changes[k].new : changes[k].old;

        top_write_amount(changes[k].old ? changes[k].old->value : 0, t, opts, 0);
        top_write_amount(changes[k].new ? changes[k].new->value : 0, t, opts, 0);
        top_write_amount(changes[k].change, t, opts, 1);
        printf("   %s", it->file);
        if (it->line)
            printf(":%u", it->line);
        if (it->function)
            printf(" %s()", it->function);
        if (it->text) {
            const char *s = it->text;

            while (*s == ' ' || *s == '\t')
                s++;
            printf("   %s", s);
        }
        putchar('\n');
    }
    free(changes);
    free(ia);
    free(ib);
    return 0;
}

static int top_tracked(const struct mlr_report *r, enum mlr_top_key key)
{
    return key == MLR_TOP_LEAKED    ? r->leaks_tracked
           : key == MLR_TOP_AT_PEAK ? r->peak_tracked
           : key == MLR_TOP_LOST    ? r->reach_tracked
                                    : 1;
}

int top_main(int argc, char **argv)
{
    struct mlr_top_options t = {MLR_TOP_LINE, MLR_TOP_INCREMENT, 10, 0};
    struct mlr_text_options opts;
    const char *paths[2] = {NULL, NULL};
    struct jr_report r[2];
    char err[1024];
    int i, npaths = 0, status = 0;

    mlr_text_defaults(&opts);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        char *end;

        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            printf("%s\n", TOP_USAGE);
            return 0;
        }
        if (a[0] == '-' && a[1] && i + 1 == argc) {
            fprintf(stderr, "memline top: %s needs a value; %s\n", a, TOP_USAGE);
            return 2;
        }
        if (strcmp(a, "--by") == 0) {
            a = argv[++i];
            if (strcmp(a, "line") == 0)
                t.by = MLR_TOP_LINE;
            else if (strcmp(a, "function") == 0)
                t.by = MLR_TOP_FUNCTION;
            else if (strcmp(a, "file") == 0)
                t.by = MLR_TOP_FILE;
            else {
                fprintf(stderr,
                        "memline top: --by '%s' is not valid (accepted: line, function "
                        "or file)\n",
                        a);
                return 2;
            }
        } else if (strcmp(a, "-n") == 0) {
            unsigned long v = strtoul(argv[++i], &end, 10);

            if (*end || end == argv[i] || v == 0 || v > 1000000) {
                fprintf(stderr, "memline top: -n '%s' is not valid (accepted: 1 to 1000000)\n",
                        argv[i]);
                return 2;
            }
            t.n = (unsigned)v;
        } else if (strcmp(a, "--sort") == 0) {
            if (mlr_top_parse_key(argv[++i], &t.key) != 0) {
                fprintf(stderr,
                        "memline top: --sort '%s' is not valid (accepted: increment, "
                        "peak, allocs, leaked, at_peak or lost)\n",
                        argv[i]);
                return 2;
            }
        } else if (strcmp(a, "--unit") == 0) {
            if (txo_unit("top", argv[++i], &opts.unit) != 0)
                return 2;
        } else if (strcmp(a, "--precision") == 0) {
            if (txo_precision("top", argv[++i], &opts.precision) != 0)
                return 2;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "memline top: unknown option '%s'; %s\n", a, TOP_USAGE);
            return 2;
        } else if (npaths == 2) {
            fprintf(stderr, "memline top: one report, or two to compare; %s\n", TOP_USAGE);
            return 2;
        } else {
            paths[npaths++] = a;
        }
    }
    if (!npaths) {
        fprintf(stderr, "memline top: no report given; %s\n", TOP_USAGE);
        return 2;
    }
    for (i = 0; i < npaths; i++) {
        if (jr_read_file(paths[i], &r[i], err, sizeof err) != 0) {
            fprintf(stderr, "memline top: %s\n", err);
            while (i-- > 0)
                jr_free(&r[i]);
            return 2;
        }
        if (!top_tracked(&r[i].report, t.key)) {
            fprintf(stderr, "memline top: %s has no %s data to sort by\n", paths[i],
                    mlr_top_key_name(t.key));
            status = 2;
        }
    }
    if (status == 0 && npaths == 2) {
        status = top_compare(&r[0].report, &r[1].report, &t, &opts);
    } else if (status == 0) {
        struct mlr_top_row *rows = malloc(t.n * sizeof *rows);
        struct mlo_out o;
        int fd = STDOUT_FILENO;
        long long total;
        unsigned n;

        if (!rows) {
            fprintf(stderr, "memline top: out of memory\n");
            status = 2;
        } else {
            n = mlr_top(&r[0].report, &t, rows, t.n, &total);
            mlo_init(&o, mlo_fd_sink, &fd);
            mlr_write_top(&o, &r[0].report, &t, rows, n, total, &opts);
            status = mlo_finish(&o) != 0;
            free(rows);
        }
    }
    for (i = 0; i < npaths; i++)
        jr_free(&r[i]);
    return status;
}
