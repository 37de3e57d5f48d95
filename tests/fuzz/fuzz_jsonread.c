/*
** fuzz_jsonread.c — libFuzzer harness for the JSON report reader
** (tools/memline/jsonread.c) and the formatters it feeds
** (runtime/report_text.c, runtime/report_json.c).
**
** Properties checked (a violation aborts, and libFuzzer keeps the input):
**  - jr_parse never crashes or leaks; a refusal is one non-empty line;
**  - an accepted report formats as text (default options, and every unit,
**    precision and column chosen from the report's pid) and as JSON
**    without crashing;
**  - round trip: the JSON written for an accepted report is accepted
**    again, gives the same model field by field, and writes the same bytes;
**  - the reader a function at a time (tools/memline/jsonstream.c) never
**    crashes or leaks, and on an accepted report sees the same functions,
**    in order, with the same rows;
**  - an accepted report makes an HTML page (tools/memline/htmlpage.c)
**    without crashing, whose only script is its own and which holds no
**    control byte but tab and newline, whatever the report's strings;
**    the rankings by function and file (which sum rows) run clean.
*/
#define _GNU_SOURCE /* open_memstream */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "htmlpage.h"
#include "jsonread.h"
#include "jsonstream.h"
#include "report.h"

struct fuzz_buffer {
    char *data;
    size_t len, capacity;
};

static int fuzz_buffer_sink(void *ctx, const char *data, size_t n)
{
    struct fuzz_buffer *b = ctx;

    if (b->len + n > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 4096;
        char *bigger;

        while (capacity < b->len + n)
            capacity *= 2;
        if (!(bigger = realloc(b->data, capacity)))
            return -1;
        b->data = bigger;
        b->capacity = capacity;
    }
    memcpy(b->data + b->len, data, n);
    b->len += n;
    return 0;
}

/* A sink that only counts: text output is checked for not crashing. */
static int fuzz_count_sink(void *ctx, const char *data, size_t n)
{
    (void)data;
    *(size_t *)ctx += n;
    return 0;
}

static void fuzz_fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_jsonread: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    abort();
}

static void fuzz_write_text(const struct jr_report *r, const struct mlr_text_options *opts)
{
    struct mlo_out *o = malloc(sizeof *o);
    size_t n = 0;

    if (!o)
        fuzz_fail("out of memory", NULL);
    mlo_init(o, fuzz_count_sink, &n);
    mlr_write_text(o, &r->report, opts);
    if (mlo_finish(o) != 0)
        fuzz_fail("writing the text report failed", NULL);
    free(o);
}

/* Text with default options, then with unit, precision and every column
** taken from the pid, so the fuzzer reaches all of them. */
static void fuzz_text(const struct jr_report *r)
{
    static const enum mlr_unit units[] = {MLR_UNIT_AUTO, MLR_UNIT_B, MLR_UNIT_KIB, MLR_UNIT_MIB,
                                          MLR_UNIT_GIB};
    unsigned long choice = (unsigned long)r->report.pid;
    struct mlr_text_options opts;

    mlr_text_defaults(&opts);
    if (r->report.leaks_tracked)
        opts.columns[opts.ncolumns++] = MLR_COLUMN_LEAKED;
    fuzz_write_text(r, &opts);
    opts.unit = units[choice % 5];
    opts.precision = (int)(choice / 5 % (MLR_MAX_PRECISION + 1));
    opts.ncolumns = 0;
    opts.columns[opts.ncolumns++] = MLR_COLUMN_PEAK;
    opts.columns[opts.ncolumns++] = MLR_COLUMN_ALLOCS;
    opts.columns[opts.ncolumns++] = MLR_COLUMN_FREES;
    if (r->report.leaks_tracked)
        opts.columns[opts.ncolumns++] = MLR_COLUMN_LEAKED;
    fuzz_write_text(r, &opts);
}

static void fuzz_json(const struct jr_report *r, struct fuzz_buffer *b)
{
    struct mlo_out *o = malloc(sizeof *o);

    if (!o)
        fuzz_fail("out of memory", NULL);
    mlo_init(o, fuzz_buffer_sink, b);
    mlr_write_json(o, &r->report);
    if (mlo_finish(o) != 0)
        fuzz_fail("writing the JSON report failed", NULL);
    free(o);
}

static int fuzz_same_row(const struct mlr_row *a, const struct mlr_row *b)
{
    return strcmp(a->text, b->text) == 0 && a->mem_usage == b->mem_usage &&
           a->increment == b->increment && a->peak == b->peak && a->occurrences == b->occurrences &&
           a->allocs == b->allocs && a->frees == b->frees && a->leaked == b->leaked;
}

static void fuzz_same_model(const struct mlr_report *x, const struct mlr_report *y)
{
    unsigned long i;
    unsigned long long k;
    int j;

    if (strcmp(x->backend, y->backend) != 0 || x->pid != y->pid || x->argc != y->argc ||
        x->nfunctions != y->nfunctions || x->leaks_tracked != y->leaks_tracked ||
        x->overhead_known != y->overhead_known ||
        (x->overhead_known && x->overhead_bytes != y->overhead_bytes))
        fuzz_fail("round trip changed the report's header", NULL);
    for (j = 0; j < x->argc; j++)
        if (strcmp(x->argv[j], y->argv[j]) != 0)
            fuzz_fail("round trip changed argv", x->argv[j]);
    for (i = 0; i < x->nfunctions; i++) {
        const struct mlr_function *f = &x->functions[i], *g = &y->functions[i];

        if (strcmp(f->name, g->name) != 0 || strcmp(f->file, g->file) != 0 ||
            f->first_line != g->first_line || f->last_line != g->last_line || f->calls != g->calls)
            fuzz_fail("round trip changed a function", f->name);
        for (k = 0; k <= (unsigned long long)f->last_line - f->first_line; k++) {
            if (!fuzz_same_row(&f->rows[k], &g->rows[k]))
                fuzz_fail("round trip changed a row", f->rows[k].text);
        }
    }
}

/* Each streamed function against the whole report's, in order. */
static int fuzz_same_function(void *ctx, const struct mlr_function *fn, unsigned long index,
                              const struct mlr_report *r)
{
    const struct mlr_report *whole = ctx;
    const struct mlr_function *w;
    unsigned k;

    (void)r;
    if (!whole)
        return 0;
    if (index >= whole->nfunctions)
        fuzz_fail("the stream sees more functions than the report", NULL);
    w = &whole->functions[index];
    if (strcmp(w->name, fn->name) != 0 || strcmp(w->file, fn->file) != 0 ||
        w->first_line != fn->first_line || w->last_line != fn->last_line)
        fuzz_fail("the stream sees another function", fn->name);
    for (k = 0; k <= fn->last_line - fn->first_line; k++)
        if (w->rows[k].occurrences != fn->rows[k].occurrences ||
            w->rows[k].increment != fn->rows[k].increment ||
            strcmp(w->rows[k].text, fn->rows[k].text))
            fuzz_fail("the stream sees another row", fn->name);
    return 0;
}

/* Streams data; `whole` is the report read whole, or NULL if refused. */
static void fuzz_stream(const uint8_t *data, size_t size, const struct mlr_report *whole)
{
    struct jr_report header;
    char err[2048];

    if (js_read_memory((const char *)data, size, "input", &header, fuzz_same_function,
                       (void *)whole, err, sizeof err) != 0) {
        if (whole)
            fuzz_fail("the stream refuses an accepted report", err);
        return;
    }
    jr_free(&header);
}

static void fuzz_html(const struct jr_report *r)
{
    struct htp_page page = {0};
    char *html = NULL, *p;
    size_t len = 0, i, scripts = 0;

    page.out = open_memstream(&html, &len);
    if (!page.out)
        fuzz_fail("out of memory", NULL);
    page.r = &r->report;
    page.opts.unit = MLR_UNIT_AUTO;
    page.opts.precision = 1;
    page.report_name = "fuzz<&>.json";
    page.top = (unsigned)((unsigned long)r->report.pid % (MLR_MAX_TOP + 1));
    if (htp_write(&page) != 0)
        fuzz_fail("the page was not written", NULL);
    fclose(page.out);
    for (i = 0; i < len; i++)
        if ((unsigned char)html[i] < 0x20 && html[i] != '\t' && html[i] != '\n')
            fuzz_fail("a control byte on the page", NULL);
    for (p = html; (p = strstr(p, "<script")) != NULL; p++)
        scripts++;
    if (scripts != 1)
        fuzz_fail("the page has a script of the report's", NULL);
    free(html);
}

/* The rankings by function and by file (report_top.c), which sum rows. */
static void fuzz_top(const struct jr_report *r)
{
    struct mlr_top_row rows[4];
    long long total;
    int by, key;

    for (by = MLR_TOP_FUNCTION; by <= MLR_TOP_FILE; by++)
        for (key = MLR_TOP_INCREMENT; key <= MLR_TOP_LOST; key++) {
            struct mlr_top_options t = {(enum mlr_top_by)by, (enum mlr_top_key)key, 4, by & 1};

            mlr_top(&r->report, &t, rows, 4, &total);
        }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_buffer first = {0}, second = {0};
    struct jr_report a, b;
    char err[512];

    err[0] = '\0';
    if (jr_parse((const char *)data, size, &a, err, sizeof err) != 0) {
        if (err[0] == '\0' || strpbrk(err, "\n\r"))
            fuzz_fail("a refusal must be one non-empty line", err);
        fuzz_stream(data, size, NULL);
        return 0;
    }
    fuzz_stream(data, size, &a.report);
    fuzz_text(&a);
    fuzz_html(&a);
    fuzz_top(&a);
    fuzz_json(&a, &first);
    if (jr_parse(first.data, first.len, &b, err, sizeof err) != 0) {
        fprintf(stderr, "--- JSON written ---\n%.*s\n--- end ---\n", (int)first.len, first.data);
        fuzz_fail("the JSON written for an accepted report is refused", err);
    }
    fuzz_same_model(&a.report, &b.report);
    fuzz_json(&b, &second);
    if (first.len != second.len || memcmp(first.data, second.data, first.len) != 0)
        fuzz_fail("writing a re-read report gives different JSON", NULL);
    jr_free(&a);
    jr_free(&b);
    free(first.data);
    free(second.data);
    return 0;
}
