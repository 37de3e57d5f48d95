/*
** diff.c — `memline diff OLD.json NEW.json [--fail-above SIZE|PCT]
** [--unit U] [--precision N]`: what changed between two reports, per
** function (net: the sum of its lines' increments) and per line (change in
** Increment, Peak and Occurrences), largest change first.
**
** Functions are matched by file and name (then by name alone, for code
** built from another directory); within a function, lines are
** matched by their text (a longest common subsequence of the two
** sources), so a report of edited code still compares line for line; a
** line only in one report compares with zeros. Lines whose three numbers
** are all unchanged are not shown; identical reports print
** "memline diff: no change".
**
** --fail-above is a memory budget: SIZE (4096, 512KiB, 1.5MiB...) or PCT
** (10%, relative to the old value; growth from 0 always exceeds it). It is
** exceeded when a line's Increment or Peak, or a function's net, grows by
** more than that, or the process's peak when both reports tracked it
** (then a line compares the peaks). Reports with the heap by type end
** with each type's change of live blocks and bytes. Each excess is one
** line on stderr.
**
** Exit status: 0 (whatever changed, unless a budget is exceeded), 1 when
** --fail-above is exceeded, 2 for a usage error or a report that cannot be
** read (one line on stderr naming the file and where).
*/
#include "commands.h"

#include "jsonread.h"
#include "settings.h"
#include "textopts.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DIFF_USAGE                                                                                 \
    "usage: memline diff OLD.json NEW.json [--fail-above SIZE|PCT] [--unit U] [--precision N]"

/* Above this many cells the line alignment falls back to line numbers. */
#define DIFF_MAX_CELLS (4UL * 1024 * 1024)
/* An amount cell (mlr_format_amount needs 64 bytes) plus its sign. */
#define DIFF_AMOUNT_MAX 66

struct diff_budget {
    const char *spelling; /* as given, NULL = none */
    int percent;          /* limit is a percentage of the old value */
    double limit;         /* bytes, or percent */
};

struct diff_line {
    const struct mlr_function *fn; /* NEW's function, or OLD's if gone */
    unsigned line;
    const char *text;
    long long old_increment, increment, old_peak, peak;
    long long occurrences; /* change */
};

struct diff_function {
    const struct mlr_function *fn;
    long long old_net, net;
};

struct diff_state {
    struct diff_line *lines;
    size_t nlines, lines_capacity;
    struct diff_function *functions;
    size_t nfunctions, functions_capacity;
    struct mlr_text_options opts;
    struct diff_budget budget;
    int over_budget;
};

static int diff_push_line(struct diff_state *d, const struct diff_line *l)
{
    if (d->nlines == d->lines_capacity) {
        size_t capacity = d->lines_capacity ? 2 * d->lines_capacity : 64;
        struct diff_line *bigger = realloc(d->lines, capacity * sizeof *bigger);

        if (!bigger)
            return -1;
        d->lines = bigger;
        d->lines_capacity = capacity;
    }
    d->lines[d->nlines++] = *l;
    return 0;
}

static int diff_push_function(struct diff_state *d, const struct diff_function *f)
{
    if (d->nfunctions == d->functions_capacity) {
        size_t capacity = d->functions_capacity ? 2 * d->functions_capacity : 16;
        struct diff_function *bigger = realloc(d->functions, capacity * sizeof *bigger);

        if (!bigger)
            return -1;
        d->functions = bigger;
        d->functions_capacity = capacity;
    }
    d->functions[d->nfunctions++] = *f;
    return 0;
}

static size_t diff_nrows(const struct mlr_function *fn)
{
    return fn ? (size_t)(fn->last_line - fn->first_line) + 1 : 0;
}

/* Aligns old rows with new rows: pairs[k] = {old index or -1, new index
** or -1}, in source order. Returns the number of pairs, or -1. */
static long diff_align(const struct mlr_function *o, const struct mlr_function *n, long (*pairs)[2])
{
    size_t no = diff_nrows(o), nn = diff_nrows(n), i, j;
    uint32_t *lcs;
    long k = 0;

    if (no == 0 || nn == 0 || no * nn > DIFF_MAX_CELLS) {
        /* By line number: a merge of the two sorted ranges. */
        for (i = 0, j = 0; i < no || j < nn; k++) {
            unsigned lo = i < no ? o->first_line + (unsigned)i : 0;
            unsigned ln = j < nn ? n->first_line + (unsigned)j : 0;

            pairs[k][0] = i < no && (j == nn || lo <= ln) ? (long)i : -1;
            pairs[k][1] = j < nn && (i == no || ln <= lo) ? (long)j : -1;
            i += pairs[k][0] >= 0;
            j += pairs[k][1] >= 0;
        }
        return k;
    }
    /* lcs[i][j]: longest common subsequence of old[i..] and new[j..]. */
    if (!(lcs = calloc((no + 1) * (nn + 1), sizeof *lcs)))
        return -1;
    for (i = no; i-- > 0;)
        for (j = nn; j-- > 0;)
            lcs[i * (nn + 1) + j] = strcmp(o->rows[i].text, n->rows[j].text) == 0
                                        ? lcs[(i + 1) * (nn + 1) + j + 1] + 1
                                    : lcs[(i + 1) * (nn + 1) + j] >= lcs[i * (nn + 1) + j + 1]
                                        ? lcs[(i + 1) * (nn + 1) + j]
                                        : lcs[i * (nn + 1) + j + 1];
    for (i = 0, j = 0; i < no || j < nn; k++) {
        if (i < no && j < nn && strcmp(o->rows[i].text, n->rows[j].text) == 0) {
            pairs[k][0] = (long)i++;
            pairs[k][1] = (long)j++;
        } else if (j == nn ||
                   (i < no && lcs[(i + 1) * (nn + 1) + j] >= lcs[i * (nn + 1) + j + 1])) {
            pairs[k][0] = (long)i++;
            pairs[k][1] = -1;
        } else {
            pairs[k][0] = -1;
            pairs[k][1] = (long)j++;
        }
    }
    free(lcs);
    return k;
}

static const struct mlr_row diff_zero_row = {.text = ""};

/* Compares one function of OLD (or NULL) with one of NEW (or NULL). */
static int diff_function(struct diff_state *d, const struct mlr_function *o,
                         const struct mlr_function *n)
{
    long(*pairs)[2] = calloc(diff_nrows(o) + diff_nrows(n) + 1, sizeof *pairs);
    struct diff_function f = {n ? n : o, 0, 0};
    long npairs, k;
    int changed = 0;

    if (!pairs || (npairs = diff_align(o, n, pairs)) < 0) {
        free(pairs);
        return -1;
    }
    for (k = 0; k < npairs; k++) {
        const struct mlr_row *ro = pairs[k][0] >= 0 ? &o->rows[pairs[k][0]] : &diff_zero_row;
        const struct mlr_row *rn = pairs[k][1] >= 0 ? &n->rows[pairs[k][1]] : &diff_zero_row;
        struct diff_line l;

        f.old_net += ro->increment;
        f.net += rn->increment;
        l.fn = pairs[k][1] >= 0 ? n : o;
        l.line = l.fn->first_line + (unsigned)(pairs[k][1] >= 0 ? pairs[k][1] : pairs[k][0]);
        l.text = pairs[k][1] >= 0 ? rn->text : ro->text;
        l.old_increment = ro->increment;
        l.increment = rn->increment;
        l.old_peak = ro->occurrences ? ro->peak : 0;
        l.peak = rn->occurrences ? rn->peak : 0;
        l.occurrences = (long long)(rn->occurrences - ro->occurrences);
        if (l.increment == l.old_increment && l.peak == l.old_peak && l.occurrences == 0)
            continue;
        changed = 1;
        if (diff_push_line(d, &l) != 0) {
            free(pairs);
            return -1;
        }
    }
    free(pairs);
    return changed || f.net != f.old_net ? diff_push_function(d, &f) : 0;
}

/* The first unmatched function of `o` named as fn: in the same file, or
** (when `any_file`) anywhere, for reports of code built from another path. */
static const struct mlr_function *diff_match(const struct mlr_report *o, char *matched,
                                             const struct mlr_function *fn, int any_file)
{
    for (unsigned long i = 0; i < o->nfunctions; i++)
        if (!matched[i] && strcmp(o->functions[i].name, fn->name) == 0 &&
            (any_file || strcmp(o->functions[i].file, fn->file) == 0)) {
            matched[i] = 1;
            return &o->functions[i];
        }
    return NULL;
}

static int diff_reports(struct diff_state *d, const struct mlr_report *o,
                        const struct mlr_report *n)
{
    const struct mlr_function **old = calloc(n->nfunctions + 1, sizeof *old);
    char *matched = calloc(o->nfunctions + 1, 1);
    unsigned long i, j;
    int status = 0;

    if (!matched || !old) {
        free(matched);
        free(old);
        return -1;
    }
    for (j = 0; j < n->nfunctions; j++)
        old[j] = diff_match(o, matched, &n->functions[j], 0);
    for (j = 0; j < n->nfunctions; j++)
        if (!old[j])
            old[j] = diff_match(o, matched, &n->functions[j], 1);
    for (j = 0; j < n->nfunctions && status == 0; j++)
        status = diff_function(d, old[j], &n->functions[j]);
    for (i = 0; i < o->nfunctions && status == 0; i++)
        if (!matched[i])
            status = diff_function(d, &o->functions[i], NULL);
    free(matched);
    free(old);
    return status;
}

static unsigned long long diff_magnitude(long long v)
{
    return v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
}

static int diff_compare_lines(const void *pa, const void *pb)
{
    const struct diff_line *a = pa, *b = pb;
    unsigned long long ia = diff_magnitude(a->increment - a->old_increment),
                       ib = diff_magnitude(b->increment - b->old_increment),
                       pka = diff_magnitude(a->peak - a->old_peak),
                       pkb = diff_magnitude(b->peak - b->old_peak),
                       oa = diff_magnitude(a->occurrences), ob = diff_magnitude(b->occurrences);
    int c;

    if (ia != ib)
        return ia > ib ? -1 : 1;
    if (pka != pkb)
        return pka > pkb ? -1 : 1;
    if (oa != ob)
        return oa > ob ? -1 : 1;
    if ((c = strcmp(a->fn->file, b->fn->file)))
        return c;
    return a->line < b->line ? -1 : a->line > b->line;
}

static int diff_compare_functions(const void *pa, const void *pb)
{
    const struct diff_function *a = pa, *b = pb;
    unsigned long long ma = diff_magnitude(a->net - a->old_net),
                       mb = diff_magnitude(b->net - b->old_net);
    int c;

    if (ma != mb)
        return ma > mb ? -1 : 1;
    if ((c = strcmp(a->fn->file, b->fn->file)))
        return c;
    return a->fn->first_line < b->fn->first_line ? -1 : a->fn->first_line > b->fn->first_line;
}

/* An amount without padding, with a sign when it is a change, into buf of
** DIFF_AMOUNT_MAX bytes. */
static const char *diff_amount(char *buf, long long v, int signed_change,
                               const struct mlr_text_options *opts)
{
    char cell[64];
    const char *p = cell;

    mlr_format_amount(cell, v, opts->unit, opts->precision);
    while (*p == ' ')
        p++;
    snprintf(buf, DIFF_AMOUNT_MAX, "%s%s", signed_change && v > 0 ? "+" : "", p);
    return buf;
}

/* Records (and says on stderr) that `what` grew beyond the budget. */
static void diff_check(struct diff_state *d, const char *where, const char *what, long long old,
                       long long now)
{
    long long growth = now - old;
    char a[DIFF_AMOUNT_MAX], b[DIFF_AMOUNT_MAX], c[DIFF_AMOUNT_MAX];
    int over;

    if (!d->budget.spelling || growth <= 0)
        return;
    if (d->budget.percent)
        over = old == 0 || (double)growth > d->budget.limit / 100.0 * (double)diff_magnitude(old);
    else
        over = (double)growth > d->budget.limit;
    if (!over)
        return;
    d->over_budget = 1;
    fprintf(stderr, "memline diff: over budget (--fail-above %s): %s %s grew by %s (%s -> %s)\n",
            d->budget.spelling, where, what, diff_amount(a, growth, 1, &d->opts),
            diff_amount(b, old, 0, &d->opts), diff_amount(c, now, 0, &d->opts));
}

/* Both reports tracked the peak (MEMLINE_COLUMNS=at_peak): the process's
** peak and the share of profiled lines, old -> new. */
static void diff_print_peak(struct diff_state *d, const struct mlr_report *o,
                            const struct mlr_report *n)
{
    char a[DIFF_AMOUNT_MAX], b[DIFF_AMOUNT_MAX], c[DIFF_AMOUNT_MAX];

    if (!o->peak_tracked || !n->peak_tracked)
        return;
    printf("\nPeak: %s -> %s (%s)", diff_amount(a, o->peak.bytes, 0, &d->opts),
           diff_amount(b, n->peak.bytes, 0, &d->opts),
           diff_amount(c, n->peak.bytes - o->peak.bytes, 1, &d->opts));
    printf("; from profiled lines %s -> %s\n", diff_amount(a, o->peak.in_lines, 0, &d->opts),
           diff_amount(b, n->peak.in_lines, 0, &d->opts));
    diff_check(d, "the process", "peak", o->peak.bytes, n->peak.bytes);
}

static const struct mlr_type *diff_find_type(const struct mlr_report *r, const char *name)
{
    for (unsigned long i = 0; i < r->ntypes; i++)
        if (strcmp(r->types[i].name, name) == 0)
            return &r->types[i];
    return NULL;
}

static int diff_compare_types(const void *pa, const void *pb)
{
    const struct mlr_type *a = pa, *b = pb;
    unsigned long long ma = diff_magnitude(a->bytes_growth), mb = diff_magnitude(b->bytes_growth);

    if (ma != mb)
        return ma > mb ? -1 : 1;
    return strcmp(a->name, b->name);
}

/* Both reports have the heap by type (MEMLINE_TYPES=1): each type's change
** of live blocks and bytes, largest first (objgraph's show_growth between
** two reports). Returns -1 when out of memory. */
static int diff_print_types(struct diff_state *d, const struct mlr_report *o,
                            const struct mlr_report *n)
{
    char a[DIFF_AMOUNT_MAX];
    struct mlr_type *changes;
    size_t k = 0, i;

    if (!o->types_tracked || !n->types_tracked)
        return 0;
    if (!(changes = calloc(o->ntypes + n->ntypes + 1, sizeof *changes)))
        return -1;
    for (i = 0; i < n->ntypes; i++) {
        const struct mlr_type *was = diff_find_type(o, n->types[i].name);

        changes[k] = n->types[i];
        changes[k].blocks_growth = n->types[i].blocks - (was ? was->blocks : 0);
        changes[k].bytes_growth = n->types[i].bytes - (was ? was->bytes : 0);
        k += changes[k].blocks_growth || changes[k].bytes_growth;
    }
    for (i = 0; i < o->ntypes; i++)
        if (!diff_find_type(n, o->types[i].name) && (o->types[i].blocks || o->types[i].bytes)) {
            changes[k] = o->types[i];
            changes[k].blocks_growth = -o->types[i].blocks;
            changes[k++].bytes_growth = -o->types[i].bytes;
        }
    qsort(changes, k, sizeof *changes, diff_compare_types);
    if (k)
        printf("\nHeap by type, largest change first:\n%12s %12s   %s\n", "Blocks", "Bytes",
               "Type");
    for (i = 0; i < k; i++)
        printf("%+12lld %12s   %s\n", changes[i].blocks_growth,
               diff_amount(a, changes[i].bytes_growth, 1, &d->opts), changes[i].name);
    free(changes);
    return 0;
}

static void diff_print(struct diff_state *d)
{
    char where[512], a[DIFF_AMOUNT_MAX], b[DIFF_AMOUNT_MAX], c[DIFF_AMOUNT_MAX];
    size_t width = 4, i;

    printf("Net change per function (sum of its lines' increments):\n");
    printf("%12s %12s %12s   %s\n", "Old net", "New net", "Change", "Function");
    for (i = 0; i < d->nfunctions; i++) {
        const struct diff_function *f = &d->functions[i];

        snprintf(where, sizeof where, "%s:%u %s", f->fn->file, f->fn->first_line, f->fn->name);
        printf("%12s %12s %12s   %s\n", diff_amount(a, f->old_net, 0, &d->opts),
               diff_amount(b, f->net, 0, &d->opts),
               diff_amount(c, f->net - f->old_net, 1, &d->opts), where);
        diff_check(d, where, "net", f->old_net, f->net);
    }
    for (i = 0; i < d->nlines; i++) {
        size_t n = (size_t)snprintf(where, sizeof where, "%s:%u %s", d->lines[i].fn->file,
                                    d->lines[i].line, d->lines[i].fn->name);

        if (n > width)
            width = n;
    }
    printf("\nChanged lines, largest change first:\n");
    printf("%12s %12s %12s   %-*s   %s\n", "Increment", "Peak", "Occurrences", (int)width, "Line",
           "Line Contents");
    for (i = 0; i < d->nlines; i++) {
        const struct diff_line *l = &d->lines[i];

        snprintf(where, sizeof where, "%s:%u %s", l->fn->file, l->line, l->fn->name);
        printf("%12s %12s %+12lld   %-*s   %s\n",
               diff_amount(a, l->increment - l->old_increment, 1, &d->opts),
               diff_amount(b, l->peak - l->old_peak, 1, &d->opts), l->occurrences, (int)width,
               where, l->text);
    }
    for (i = 0; i < d->nlines; i++) {
        const struct diff_line *l = &d->lines[i];

        snprintf(where, sizeof where, "%s:%u (%s)", l->fn->file, l->line, l->fn->name);
        diff_check(d, where, "increment", l->old_increment, l->increment);
        diff_check(d, where, "peak", l->old_peak, l->peak);
    }
}

static int diff_budget(const char *value, struct diff_budget *b)
{
    size_t n = strlen(value);
    char *end;

    b->spelling = value;
    if (n > 1 && value[n - 1] == '%') {
        b->percent = 1;
        b->limit = strtod(value, &end);
        if (end == value + n - 1 && b->limit >= 0 && value[0] >= '0' && value[0] <= '9')
            return 0;
    } else {
        long long bytes;

        b->percent = 0;
        if (mls_parse_size(value, &bytes) == 0) {
            b->limit = (double)bytes;
            return 0;
        }
    }
    fprintf(stderr,
            "memline diff: --fail-above '%s' is not valid (accepted: a size such as 4096, 512KiB "
            "or 1.5MiB, or a percentage such as 10%%)\n",
            value);
    return -1;
}

static int diff_parse(int argc, char **argv, struct diff_state *d, const char *paths[2])
{
    int npaths = 0;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];

        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            printf("%s\n", DIFF_USAGE);
            return 0;
        }
        if ((strcmp(a, "--unit") == 0 || strcmp(a, "--precision") == 0 ||
             strcmp(a, "--fail-above") == 0) &&
            i + 1 == argc) {
            fprintf(stderr, "memline diff: %s needs a value; %s\n", a, DIFF_USAGE);
            return 2;
        }
        if (strcmp(a, "--unit") == 0) {
            if (txo_unit("diff", argv[++i], &d->opts.unit) != 0)
                return 2;
        } else if (strcmp(a, "--precision") == 0) {
            if (txo_precision("diff", argv[++i], &d->opts.precision) != 0)
                return 2;
        } else if (strcmp(a, "--fail-above") == 0) {
            if (diff_budget(argv[++i], &d->budget) != 0)
                return 2;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "memline diff: unknown option '%s'; %s\n", a, DIFF_USAGE);
            return 2;
        } else if (npaths == 2) {
            fprintf(stderr, "memline diff: more than two reports given; %s\n", DIFF_USAGE);
            return 2;
        } else {
            paths[npaths++] = a;
        }
    }
    if (npaths < 2) {
        fprintf(stderr, "memline diff: two reports are needed; %s\n", DIFF_USAGE);
        return 2;
    }
    return -1;
}

int diff_main(int argc, char **argv)
{
    struct diff_state d;
    struct jr_report old, now;
    const char *paths[2];
    char err[1024];
    int status;

    memset(&d, 0, sizeof d);
    mlr_text_defaults(&d.opts);
    if ((status = diff_parse(argc, argv, &d, paths)) >= 0)
        return status;
    if (jr_read_file(paths[0], &old, err, sizeof err) != 0) {
        fprintf(stderr, "memline diff: %s\n", err);
        return 2;
    }
    if (jr_read_file(paths[1], &now, err, sizeof err) != 0) {
        fprintf(stderr, "memline diff: %s\n", err);
        jr_free(&old);
        return 2;
    }
    if (diff_reports(&d, &old.report, &now.report) != 0) {
        fprintf(stderr, "memline diff: out of memory\n");
        status = 2;
    } else if (d.nlines == 0 && d.nfunctions == 0) {
        printf("memline diff: no change\n");
        status = 0;
    } else {
        qsort(d.lines, d.nlines, sizeof *d.lines, diff_compare_lines);
        qsort(d.functions, d.nfunctions, sizeof *d.functions, diff_compare_functions);
        diff_print(&d);
        diff_print_peak(&d, &old.report, &now.report);
        if (diff_print_types(&d, &old.report, &now.report) != 0) {
            fprintf(stderr, "memline diff: out of memory\n");
            d.over_budget = 1;
        }
        status = d.over_budget ? 1 : 0;
    }
    free(d.lines);
    free(d.functions);
    jr_free(&old);
    jr_free(&now);
    return status;
}
