/*
** merge.c — `memline merge A.json B.json ... [-o OUT]`: one JSON report
** from the reports of several processes (fork children, MPI ranks, the
** many runs of a test suite).
**
** Functions are the same when file, first line, name and last line agree
** (as the runtime merges one function seen in several objects). Their
** calls, and per line increment, occurrences, allocs, frees and leaked are
** summed; Mem usage and Peak are the maxima over the processes (each was
** measured in its own process: the sum would describe no moment). Texts
** come from the first report that has the function. The result is sorted
** as the runtime sorts (file, first line, name), has pid 0 (it is no
** single process, so no overhead either) and the first report's argv, and
** has per-line leaks when any input has them. The peak is the largest of
** the inputs' (the first of equal ones), with that input's composition:
** the other inputs' at_peak are not added. Types (MEMLINE_TYPES): blocks
** and bytes summed by name, the peak columns of the input whose types
** peaked highest, no growth. Who holds the leaks: each line's bytes,
** blocks and lost bytes summed (and `lost` per row), the chain of the
** first input that has one.
**
** Exit status: 0, 2 for a usage error or an input that cannot be read or
** merged (one line on stderr naming the file), 1 when OUT cannot be
** written.
*/
#define _GNU_SOURCE
#include "commands.h"

#include "grow.h"
#include "jsonread.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MERGE_USAGE "usage: memline merge A.json B.json ... [-o OUT]"

/* Merged functions: rows owned here, texts point into the first report
** that has the function. */
struct merge_state {
    struct mlr_function *functions;
    size_t n, capacity;
    int leaks;
    int peak_tracked;
    struct mlr_peak peak;
    struct mlr_type *types; /* names point into the reports */
    size_t ntypes, types_capacity;
    int types_tracked;
    long long types_peak;     /* the peak bytes of the input whose peaks are kept */
    struct mlr_leak *holders; /* strings point into the reports */
    size_t nholders, holders_capacity;
    int reach_tracked;
};

static int merge_leak_qsort_compare(const void *a, const void *b)
{
    return mlr_leak_order(a, b);
}

/* Adds an input's leaks (who holds them): bytes, blocks and lost bytes
** summed by line; the chain of the first input that has one. */
static int merge_holders(struct merge_state *m, const struct mlr_report *r)
{
    for (unsigned long i = 0; i < r->nleaks; i++) {
        const struct mlr_leak *s = &r->leaks[i];
        struct mlr_leak *d = NULL;

        for (size_t k = 0; k < m->nholders && !d; k++)
            if (m->holders[k].line == s->line && strcmp(m->holders[k].file, s->file) == 0 &&
                strcmp(m->holders[k].function, s->function) == 0)
                d = &m->holders[k];
        if (d) {
            d->bytes += s->bytes;
            d->blocks += s->blocks;
            d->lost_bytes += s->lost_bytes;
            if (!d->npath) {
                d->npath = s->npath;
                d->path = s->path;
            }
            continue;
        }
        if (grow_room((void **)&m->holders, &m->holders_capacity, m->nholders + 1,
                      sizeof *m->holders) != 0)
            return -1;
        m->holders[m->nholders++] = *s;
    }
    m->reach_tracked |= r->reach_tracked;
    return 0;
}

static int merge_type_qsort_compare(const void *a, const void *b)
{
    return mlr_type_order(a, b);
}

/* Adds an input's types: live blocks and bytes summed by name; the peak
** columns of the input whose types peaked highest, as for the peak. */
static int merge_types(struct merge_state *m, const struct mlr_report *r)
{
    long long peak = 0;
    int keep_peaks;
    size_t i, k;

    if (!r->types_tracked)
        return 0;
    for (i = 0; i < r->ntypes; i++)
        peak += r->types[i].peak_bytes;
    keep_peaks = !m->types_tracked || peak > m->types_peak;
    if (keep_peaks) {
        for (k = 0; k < m->ntypes; k++)
            m->types[k].peak_blocks = m->types[k].peak_bytes = 0;
        m->types_peak = peak;
    }
    m->types_tracked = 1;
    for (i = 0; i < r->ntypes; i++) {
        const struct mlr_type *t = &r->types[i];

        for (k = 0; k < m->ntypes && strcmp(m->types[k].name, t->name) != 0; k++)
            ;
        if (k == m->ntypes) {
            if (grow_room((void **)&m->types, &m->types_capacity, m->ntypes + 1,
                          sizeof *m->types) != 0)
                return -1;
            m->types[m->ntypes++] = (struct mlr_type){t->name, 0, 0, 0, 0, 0, 0};
        }
        m->types[k].blocks += t->blocks;
        m->types[k].bytes += t->bytes;
        if (keep_peaks) {
            m->types[k].peak_blocks = t->peak_blocks;
            m->types[k].peak_bytes = t->peak_bytes;
        }
    }
    return 0;
}

static int merge_qsort_compare(const void *a, const void *b)
{
    return mlr_function_order(a, b);
}

static struct mlr_function *merge_find(struct merge_state *m, const struct mlr_function *fn)
{
    for (size_t i = 0; i < m->n; i++)
        if (mlr_function_order(&m->functions[i], fn) == 0)
            return &m->functions[i];
    return NULL;
}

static struct mlr_function *merge_new(struct merge_state *m, const struct mlr_function *fn)
{
    size_t nrows = (size_t)(fn->last_line - fn->first_line) + 1;
    struct mlr_function *f;

    if (grow_room((void **)&m->functions, &m->capacity, m->n + 1, sizeof *m->functions) != 0)
        return NULL;
    f = &m->functions[m->n];
    *f = *fn;
    f->calls = 0;
    if (!(f->rows = calloc(nrows, sizeof *f->rows)))
        return NULL;
    for (size_t k = 0; k < nrows; k++)
        f->rows[k].text = fn->rows[k].text;
    m->n++;
    return f;
}

/* Zeroes the at_peak of every row of n functions. */
static void merge_drop_at_peak(const struct mlr_function *functions, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (unsigned k = 0; k <= functions[i].last_line - functions[i].first_line; k++)
            functions[i].rows[k].at_peak = 0;
}

static int merge_report(struct merge_state *m, const struct jr_report *r)
{
    if (r->report.peak_tracked && (!m->peak_tracked || r->report.peak.bytes > m->peak.bytes)) {
        merge_drop_at_peak(m->functions, m->n);
        m->peak = r->report.peak;
        m->peak_tracked = 1;
    } else {
        merge_drop_at_peak(r->report.functions, r->report.nfunctions);
    }
    for (unsigned long i = 0; i < r->report.nfunctions; i++) {
        const struct mlr_function *fn = &r->report.functions[i];
        struct mlr_function *f = merge_find(m, fn);

        if (!f && !(f = merge_new(m, fn)))
            return -1;
        mlr_merge_function(f, fn); /* a report without leaks adds 0 */
    }
    m->leaks |= r->report.leaks_tracked;
    return merge_holders(m, &r->report) != 0 ? -1 : merge_types(m, &r->report);
}

/* Writes the merged report to fd; returns 0 or -1. */
static int merge_write(int fd, struct merge_state *m, const struct jr_report *first)
{
    /* pid 0 and no overhead_bytes: the result is no single process. */
    struct mlr_report r = {.backend = first->report.backend,
                           .argc = first->report.argc,
                           .argv = first->report.argv,
                           .leaks_tracked = m->leaks,
                           .peak_tracked = m->peak_tracked,
                           .peak = m->peak,
                           .types_tracked = m->types_tracked,
                           .ntypes = m->ntypes,
                           .types = m->types,
                           .reach_tracked = m->reach_tracked,
                           .nleaks = m->nholders,
                           .leaks = m->holders,
                           .nfunctions = m->n,
                           .functions = m->functions};
    struct mlo_out o;

    if (m->n > 1)
        qsort(m->functions, m->n, sizeof *m->functions, merge_qsort_compare);
    if (m->ntypes > 1)
        qsort(m->types, m->ntypes, sizeof *m->types, merge_type_qsort_compare);
    if (m->nholders > 1)
        qsort(m->holders, m->nholders, sizeof *m->holders, merge_leak_qsort_compare);
    mlo_init(&o, mlo_fd_sink, &fd);
    mlr_write_json(&o, &r);
    return mlo_finish(&o);
}

static int merge_parse(int argc, char **argv, const char **output, const char ***inputs,
                       int *ninputs)
{
    *output = NULL;
    *ninputs = 0;
    if (!(*inputs = calloc((size_t)argc, sizeof **inputs))) {
        fprintf(stderr, "memline merge: out of memory\n");
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            printf("%s\n", MERGE_USAGE);
            return 0;
        }
        if (strcmp(argv[i], "-o") == 0) {
            if (i + 1 == argc) {
                fprintf(stderr, "memline merge: -o needs a file name; %s\n", MERGE_USAGE);
                return 2;
            }
            *output = argv[++i];
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "memline merge: unknown option '%s'; %s\n", argv[i], MERGE_USAGE);
            return 2;
        } else {
            (*inputs)[(*ninputs)++] = argv[i];
        }
    }
    if (*ninputs == 0) {
        fprintf(stderr, "memline merge: no report given; %s\n", MERGE_USAGE);
        return 2;
    }
    return -1;
}

static void merge_release(struct merge_state *m, struct jr_report *reports, int n)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->functions[i].rows);
    free(m->functions);
    free(m->types);
    free(m->holders);
    for (int i = 0; i < n; i++)
        jr_free(&reports[i]);
    free(reports);
}

int merge_main(int argc, char **argv)
{
    struct merge_state m = {0};
    struct jr_report *reports;
    const char *output, **inputs;
    char err[1024];
    int ninputs, nread = 0, status, fd = STDOUT_FILENO;

    if ((status = merge_parse(argc, argv, &output, &inputs, &ninputs)) >= 0) {
        free(inputs);
        return status;
    }
    status = 2;
    /* Texts point into the reports: all stay loaded until written. */
    if (!(reports = calloc((size_t)ninputs, sizeof *reports))) {
        fprintf(stderr, "memline merge: out of memory\n");
        free(inputs);
        return 2;
    }
    for (; nread < ninputs; nread++) {
        if (jr_read_file(inputs[nread], &reports[nread], err, sizeof err) != 0) {
            fprintf(stderr, "memline merge: %s\n", err);
            goto done;
        }
        if (strcmp(reports[nread].report.backend, reports[0].report.backend) != 0) {
            fprintf(stderr, "memline merge: %s: backend %s cannot be merged with %s's %s\n",
                    inputs[nread], reports[nread].report.backend, inputs[0],
                    reports[0].report.backend);
            nread++;
            goto done;
        }
        if (merge_report(&m, &reports[nread]) != 0) {
            fprintf(stderr, "memline merge: out of memory\n");
            nread++;
            goto done;
        }
    }
    if (output && (fd = open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0) {
        fprintf(stderr, "memline merge: cannot write '%s': %s\n", output, strerror(errno));
        status = 1;
        goto done;
    }
    status = merge_write(fd, &m, &reports[0]) == 0 ? 0 : 1;
    if ((output && close(fd) != 0) || status != 0) {
        fprintf(stderr, "memline merge: writing '%s' failed: %s\n", output ? output : "stdout",
                strerror(errno));
        status = 1;
    }
done:
    merge_release(&m, reports, nread);
    free(inputs);
    return status;
}
