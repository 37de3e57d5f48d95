/*
** top.c — `memline top REPORT.json [OPTIONS]`: the N largest lines (or
** functions, files) of a whole report, tracemalloc's statistics('lineno')
** for C (report_top.c ranks and prints). `memline top OLD.json NEW.json`:
** the N largest changes between two reports (tracemalloc's compare_to),
** matched by file, function and line (topcompare.c). One report is read
** a function at a time (jsonstream.h): memory stays that of the largest
** function and the N rows kept, whatever the report's size; two are read
** so too, into the items they are compared by.
**
** Options: --by line|function|file (default line), -n N (default 10),
** --sort increment|peak|allocs|leaked|at_peak|lost (default increment),
** --unit, --precision as for `memline report`. Exit status 0, 2 for a
** usage error or a report that cannot be read or lacks the sorted column.
*/
#define _GNU_SOURCE
#include "commands.h"

#include "jsonread.h"
#include "jsonstream.h"
#include "textopts.h"
#include "topcompare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TOP_USAGE                                                                                  \
    "usage: memline top REPORT.json [OLD.json NEW.json] [--by line|function|file] [-n N] "         \
    "[--sort KEY] [--unit U] [--precision N]"

/* One report, read a function at a time (jsonstream.h): the N best rows
** kept with copies of their names and text, candidates merged in after
** each function. Files are runs of consecutive functions. */
struct top_kept {
    struct mlr_top_row row;
    char *file, *name, *text;
    unsigned line; /* the source line number (rows by line) */
};

struct top_stream {
    struct mlr_top_options t;
    struct top_kept *kept; /* 2 n, the best n first */
    unsigned nkept;
    long long total;
    struct mlr_top_row *scratch; /* n */
    struct top_kept file;        /* rows by file: the file being summed */
    int in_file, failed;
};

static int top_kept_compare(const void *pa, const void *pb)
{
    const struct top_kept *a = pa, *b = pb;

    if (a->row.value != b->row.value)
        return a->row.value > b->row.value ? -1 : 1;
    return (a->row.order > b->row.order) - (a->row.order < b->row.order);
}

static void top_kept_free(struct top_kept *k)
{
    free(k->file);
    free(k->name);
    free(k->text);
}

/* Adds a candidate (its strings copied) and keeps the best n. */
static void top_offer(struct top_stream *s, const struct mlr_top_row *row, const char *file,
                      const char *name, const char *text, unsigned line)
{
    struct top_kept *k = &s->kept[s->nkept];

    if (row->value <= 0)
        return;
    *k = (struct top_kept){*row, strdup(file), strdup(name), strdup(text ? text : ""), line};
    if (!k->file || !k->name || !k->text) {
        top_kept_free(k);
        s->failed = 1;
        return;
    }
    s->nkept++;
    if (s->nkept == 2 * s->t.n) {
        qsort(s->kept, s->nkept, sizeof *s->kept, top_kept_compare);
        while (s->nkept > s->t.n)
            top_kept_free(&s->kept[--s->nkept]);
    }
}

static void top_end_file(struct top_stream *s)
{
    if (!s->in_file)
        return;
    s->file.row.value = mlr_top_value(&s->file.row.row, s->t.key);
    if (s->file.row.value > 0)
        s->total = mlr_sum(s->total, s->file.row.value);
    top_offer(s, &s->file.row, s->file.file, "", NULL, 0);
    free(s->file.file);
    s->file.file = NULL;
    s->in_file = 0;
}

static int top_visit(void *ctx, const struct mlr_function *fn, unsigned long index,
                     const struct mlr_report *r)
{
    struct top_stream *s = ctx;
    struct mlr_report one = *r;
    struct mlr_top_options t = s->t;
    long long total;
    unsigned n, k;

    one.nfunctions = 1;
    one.functions = fn;
    if (t.by == MLR_TOP_FILE) {
        t.by = MLR_TOP_FUNCTION;
        t.every = 1;
        t.n = 1;
        if (s->in_file && strcmp(s->file.file, fn->file) != 0)
            top_end_file(s);
        if (mlr_top(&one, &t, s->scratch, 1, &total) == 1) {
            if (!s->in_file) {
                s->file = (struct top_kept){s->scratch[0], strdup(fn->file), NULL, NULL, 0};
                s->file.row.order = index;
                s->in_file = 1;
                s->failed |= !s->file.file;
            } else {
                mlr_add_row(&s->file.row.row, &s->scratch[0].row);
            }
        }
        return s->failed;
    }
    n = mlr_top(&one, &t, s->scratch, t.n, &total);
    s->total = mlr_sum(s->total, total);
    for (k = 0; k < n; k++) {
        struct mlr_top_row row = s->scratch[k];

        row.order = ((unsigned long)index << 24) | (row.order & 0xffffff);
        top_offer(s, &row, fn->file, fn->name, t.by == MLR_TOP_LINE ? fn->rows[row.line].text : "",
                  fn->first_line + row.line);
    }
    return s->failed;
}

/* memline top REPORT: streamed, the best n printed as mlr_write_top does
** for a report whose functions are the kept rows. */
static int top_single(const char *path, const struct mlr_top_options *t,
                      const struct mlr_text_options *opts)
{
    struct top_stream s = {*t, NULL, 0, 0, NULL, {{0}, NULL, NULL, NULL, 0}, 0, 0};
    struct mlr_function *functions = NULL;
    struct mlr_top_row *rows = NULL;
    struct jr_report header;
    char err[1024];
    int status = 2, fd = STDOUT_FILENO;
    unsigned k;

    s.kept = malloc(2 * (size_t)t->n * sizeof *s.kept);
    s.scratch = malloc((size_t)t->n * sizeof *s.scratch);
    if (!s.kept || !s.scratch) {
        fprintf(stderr, "memline top: out of memory\n");
        goto done;
    }
    if (js_read(path, &header, top_visit, &s, err, sizeof err) != 0) {
        fprintf(stderr, "memline top: %s\n", s.failed ? "out of memory" : err);
        goto done;
    }
    top_end_file(&s);
    qsort(s.kept, s.nkept, sizeof *s.kept, top_kept_compare);
    while (s.nkept > t->n)
        top_kept_free(&s.kept[--s.nkept]);
    functions = calloc(s.nkept + 1, sizeof *functions);
    rows = calloc(s.nkept + 1, sizeof *rows);
    if (s.failed || !functions || !rows) {
        fprintf(stderr, "memline top: out of memory\n");
    } else if (!tpc_tracked(&header.report, t->key)) {
        fprintf(stderr, "memline top: %s has no %s data to sort by\n", path,
                mlr_top_key_name(t->key));
    } else {
        struct mlr_report r = header.report;
        struct mlo_out o;

        for (k = 0; k < s.nkept; k++) {
            struct top_kept *kk = &s.kept[k];

            kk->row.row.text = kk->text;
            functions[k] =
                (struct mlr_function){kk->name, kk->file, kk->line, kk->line, 0, 0, &kk->row.row};
            rows[k] = kk->row;
            rows[k].function = k;
            rows[k].line = 0;
        }
        r.nfunctions = s.nkept;
        r.functions = functions;
        mlo_init(&o, mlo_fd_sink, &fd);
        mlr_write_top(&o, &r, t, rows, s.nkept, s.total, opts);
        status = mlo_finish(&o) != 0;
    }
    jr_free(&header);
done:
    for (k = 0; k < s.nkept; k++)
        top_kept_free(&s.kept[k]);
    free(s.file.file);
    free(s.kept);
    free(s.scratch);
    free(functions);
    free(rows);
    return status;
}

int top_main(int argc, char **argv)
{
    struct mlr_top_options t = {MLR_TOP_LINE, MLR_TOP_INCREMENT, 10, 0};
    struct mlr_text_options opts;
    const char *paths[2] = {NULL, NULL};
    int i, npaths = 0;

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
    if (npaths == 1)
        return top_single(paths[0], &t, &opts);
    return tpc_compare(paths[0], paths[1], &t, &opts);
}
