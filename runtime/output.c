/*
** runtime/output.c — from line records to the written report.
**
** Functions appear when at least one of their lines ran, sorted by file,
** then first line, then name. Two sites with the same file, name and line
** range (a static function from a header compiled into two objects) are
** one table. Peak is reported as max(peak, mem_usage): the probe fast path
** updates only Mem usage.
**
** Called at exit, possibly while other threads still run: their records
** are read as they are at that moment.
**
** With per-line leaks (leaks.h) the live blocks are added to the `leaked`
** of their rows before the sort, so that the merge of duplicates sums them
** as it sums the other counts; so are the lines' shares of the peak
** (atpeak.h) to their `at_peak`.
*/
#define _GNU_SOURCE
#include "output.h"
#include "holders.h"
#include "arena.h"
#include "atpeak.h"
#include "leaks.h"
#include "records.h"
#include "types.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

struct mlout_list {
    struct mlr_function *functions;
    unsigned long n, capacity;
    struct mlr_row **rows_by_id;                 /* per site id, when leaks are tracked */
    const struct mlr_function **functions_by_id; /* the same, until sorted */
    long long at_peak_sum;
};

static struct mlr_row *mlout_row_of(struct mlout_list *list, unsigned site_id, unsigned line_index)
{
    if (site_id < list->capacity + 1 && list->rows_by_id[site_id])
        return &list->rows_by_id[site_id][line_index];
    return NULL;
}

static void mlout_add_leak(void *ctx, unsigned site_id, unsigned line_index, long long bytes)
{
    struct mlr_row *row = mlout_row_of(ctx, site_id, line_index);

    if (row)
        row->leaked += bytes;
}

static void mlout_add_at_peak(void *ctx, unsigned site_id, unsigned line_index, long long bytes)
{
    struct mlout_list *list = ctx;
    struct mlr_row *row = mlout_row_of(list, site_id, line_index);

    if (row) {
        row->at_peak += bytes;
        list->at_peak_sum += bytes;
    }
}

/* The runs' records into their lines (probe.h): each pair adds its
** record's runs to the line, and the memory they saw; Peak is raised with
** Mem usage. A pair's record after the lines adds its charges too: a
** run's has none, the first line's statements' (not the entry's) may; a
** line's own record, lent to a run, keeps its charges to its line. */
static void mlout_fold_runs(const struct memline_site *s, const struct memline_line *merged,
                            struct mlr_row *rows)
{
    unsigned i, nlines = mlrec_nlines(s);

    for (i = 0; i < s->nrun_lines; i++) {
        const struct memline_line *run = &merged[s->run_lines[2 * i]];
        struct mlr_row *row = &rows[s->run_lines[2 * i + 1]];

        if (!run->occurrences)
            continue;
        row->occurrences += run->occurrences;
        if (s->run_lines[2 * i] >= nlines) {
            row->increment += run->increment;
            row->allocs += run->allocs;
            row->frees += run->frees;
            if (run->peak > row->peak)
                row->peak = run->peak;
        }
        if (run->mem_usage > row->mem_usage)
            row->mem_usage = run->mem_usage;
        if (row->mem_usage > row->peak)
            row->peak = row->mem_usage;
    }
}

static void mlout_visit(void *ctx, const struct memline_site *s, const struct memline_line *merged)
{
    struct mlout_list *list = ctx;
    unsigned n = mlrec_nlines(s), i;
    struct mlr_function *fn;
    struct mlr_row *rows;
    int ran = 0;

    for (i = 0; i < n; i++)
        ran |= merged[i].occurrences != 0;
    if (!ran || list->n == list->capacity || !(rows = mla_alloc(n * sizeof *rows)))
        return;
    for (i = 0; i < n; i++) {
        const struct memline_line *m = &merged[i];

        rows[i].text = s->text && s->text[i] ? s->text[i] : "";
        rows[i].mem_usage = m->mem_usage;
        rows[i].increment = m->increment;
        rows[i].peak = m->peak > m->mem_usage ? m->peak : m->mem_usage;
        rows[i].occurrences = m->occurrences;
        rows[i].allocs = m->allocs;
        rows[i].frees = m->frees;
        rows[i].leaked = 0;
        rows[i].at_peak = 0;
        rows[i].lost = 0;
    }
    mlout_fold_runs(s, merged, rows);
    fn = &list->functions[list->n++];
    fn->name = s->function ? s->function : "?";
    fn->file = s->file ? s->file : "?";
    fn->first_line = s->first_line;
    fn->last_line = s->last_line;
    fn->calls = merged[0].occurrences;
    fn->unexited = merged[-1].occurrences;
    fn->rows = rows;
    if (list->rows_by_id && list->functions_by_id && s->id < list->capacity + 1) {
        list->rows_by_id[s->id] = rows;
        list->functions_by_id[s->id] = fn;
    }
}

/* Bottom-up merge sort (qsort may call malloc). */
static void mlout_sort(struct mlr_function *a, struct mlr_function *tmp, unsigned long n)
{
    unsigned long width, i;

    for (width = 1; width < n; width *= 2) {
        for (i = 0; i < n; i += 2 * width) {
            unsigned long mid = i + width < n ? i + width : n;
            unsigned long end = i + 2 * width < n ? i + 2 * width : n;
            unsigned long l = i, r = mid, k = i;

            while (l < mid || r < end)
                tmp[k++] = r >= end || (l < mid && mlr_function_order(&a[l], &a[r]) <= 0) ? a[l++]
                                                                                          : a[r++];
        }
        memcpy(a, tmp, n * sizeof *a);
    }
}

/* Merges adjacent functions that are the same source; returns the count. */
static unsigned long mlout_unique(struct mlr_function *a, unsigned long n)
{
    unsigned long out = 0, i;

    for (i = 0; i < n; i++) {
        struct mlr_function *last = out ? &a[out - 1] : NULL;

        if (!last || mlr_function_order(last, &a[i]) != 0) {
            a[out++] = a[i];
            continue;
        }
        mlr_merge_function(last, &a[i]);
    }
    return out;
}

static int mlout_emit(int fd, const struct mls_settings *s, const struct mlr_report *r)
{
    struct mlo_out o;

    mlo_init(&o, mlo_fd_sink, &fd);
    if (s->format == MLS_FORMAT_JSON)
        mlr_write_json(&o, r);
    else
        mlr_write_text(&o, r, &s->text);
    return mlo_finish(&o);
}

/* "memline: <what> '<path>' (<reason>); writing it to stderr" */
static void mlout_complain(const char *what, const char *path, const char *reason)
{
    struct mlo_out o;
    int fd = STDERR_FILENO;

    mlo_init(&o, mlo_fd_sink, &fd);
    mlo_puts(&o, "memline: ");
    mlo_puts(&o, what);
    mlo_puts(&o, " '");
    mlo_puts(&o, path);
    mlo_puts(&o, "' (");
    mlo_puts(&o, reason);
    mlo_puts(&o, "); writing it to stderr\n");
    mlo_finish(&o);
}

static const char *mlout_reason(int err)
{
    const char *d = strerrordesc_np(err);

    return d ? d : "unknown error";
}

/* "PATH.N" in place (N = sequence); -1 if it does not fit. */
static int mlout_number(char *path, size_t cap, unsigned sequence)
{
    char digits[24];
    size_t n = strlen(path), len = mlo_format_u64(digits, sequence);

    if (n + 1 + len >= cap)
        return -1;
    path[n] = '.';
    memcpy(path + n + 1, digits, len + 1);
    return 0;
}

static int mlout_write(const struct mls_settings *s, int argc, const char *const *argv,
                       unsigned sequence, int scan)
{
    struct mlout_list list = {NULL, 0, 0, NULL, NULL, 0};
    struct mlr_report r;
    struct mlap_peak peak = {0, 0};
    int peak_tracked = 0, types_growth = 0;
    struct mlr_type *types = NULL;
    long ntypes = -1;
    int reach_tracked = 0;
    const struct mlr_leak *leaks = NULL;
    unsigned long nleaks = 0;
    char path[MLS_PATH_MAX];
    unsigned count = mlrec_count();
    struct mlr_function *tmp;

    list.capacity = count;
    list.functions = count ? mla_alloc(count * sizeof *list.functions) : NULL;
    tmp = count ? mla_alloc(count * sizeof *tmp) : NULL;
    if (mlk_enabled && count) {
        list.rows_by_id = mla_alloc((count + 1) * sizeof *list.rows_by_id);
        list.functions_by_id = mla_alloc((count + 1) * sizeof *list.functions_by_id);
    }
    if (list.functions && tmp) {
        mlrec_merge(mlout_visit, &list);
        if (list.rows_by_id) {
            if (s->leaks)
                mlk_collect(mlout_add_leak, &list);
            /* Before sorting: functions_by_id points into the list. */
            if (s->leaks && scan && list.functions_by_id)
                reach_tracked =
                    mlho_build(list.rows_by_id, list.functions_by_id, count, &leaks, &nleaks) == 0;
            if (mlap_enabled && s->at_peak)
                peak_tracked = mlk_collect_peak(&peak, mlout_add_at_peak, &list) == 0;
        }
        if (memline_typing)
            ntypes = mlty_rows(sequence > 0, &types, &types_growth);
        mlout_sort(list.functions, tmp, list.n);
        list.n = mlout_unique(list.functions, list.n);
    }
    /* The overhead is read after the report's own allocations. */
    r = (struct mlr_report){
        .backend = s->backend == MLS_BACKEND_RSS ? "rss" : "heap",
        .pid = (long)getpid(),
        .argc = argc,
        .argv = argv,
        .leaks_tracked = mlk_enabled && s->leaks,
        .peak_tracked = peak_tracked,
        .peak = {peak.bytes, peak.ns / 1000, list.at_peak_sum, peak.bytes - list.at_peak_sum},
        .types_tracked = ntypes >= 0,
        .types_growth = types_growth,
        .ntypes = ntypes >= 0 ? (unsigned long)ntypes : 0,
        .types = types,
        .reach_tracked = reach_tracked,
        .nleaks = nleaks,
        .leaks = leaks,
        .overhead_known = 1,
        .overhead_bytes = mla_overhead(),
        .nfunctions = list.n,
        .functions = list.functions};
    if (s->format == MLS_FORMAT_TEXT && r.nfunctions == 0)
        return 0;

    if (s->output[0]) {
        int fd = -1;

        if (mls_output_path(s->output, r.pid, path, sizeof path) != 0 ||
            (sequence && mlout_number(path, sizeof path, sequence) != 0)) {
            mlout_complain("cannot write the report to", s->output, "path too long");
        } else if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0) {
            mlout_complain("cannot write the report to", path, mlout_reason(errno));
        } else {
            int failed = mlout_emit(fd, s, &r);
            int err = errno;

            if (close(fd) != 0 && !failed) {
                failed = 1;
                err = errno;
            }
            if (!failed)
                return 0;
            mlout_complain("writing the report failed on", path, mlout_reason(err));
        }
        mlout_emit(STDERR_FILENO, s, &r);
        return -1;
    }
    return mlout_emit(STDERR_FILENO, s, &r);
}

void mlout_report(const struct mls_settings *s, int argc, const char *const *argv, int at_exit)
{
    mlout_write(s, argc, argv, 0, at_exit);
}

int mlout_report_numbered(const struct mls_settings *s, int argc, const char *const *argv,
                          unsigned sequence)
{
    return mlout_write(s, argc, argv, sequence, 1);
}
