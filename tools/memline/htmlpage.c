/*
** htmlpage.c — the frame of `memline html`'s page, its top lines and its
** index of functions (see htmlpage.h).
**
** The index is printed in the order `memline top --by function` ranks:
** net change (the sum of the lines' increments), largest first, ties in
** report order; each sortable cell carries its exact value in data-v and
** each row its report order in data-o, for the script's stable sort.
*/
#define _GNU_SOURCE /* strndup */
#include "htmlpage.h"

#include "htmlassets.h"
#include "htmlesc.h"
#include "plot.h"

#include <stdlib.h>
#include <string.h>

/* A function's numbers in the index. */
struct htp_summary {
    unsigned long function;
    long long net, largest, peak, leaked, at_peak, lost;
};

void htp_amount(const struct htp_page *p, long long bytes)
{
    char cell[64];

    fputs(mlr_amount_text(cell, bytes, &p->opts), p->out);
}

const char *htp_file(const struct htp_page *p, const char *file)
{
    return strlen(file) > p->file_prefix ? file + p->file_prefix : file;
}

/* The length of the directory (with its final '/') that holds every
** function's file, 0 when they share none. */
static size_t htp_common_directory(const struct mlr_report *r)
{
    size_t n, k, last = 0;
    unsigned long i;

    if (r->nfunctions == 0)
        return 0;
    n = strlen(r->functions[0].file);
    for (i = 1; i < r->nfunctions; i++) {
        const char *f = r->functions[i].file;

        for (k = 0; k < n && f[k] == r->functions[0].file[k]; k++)
            ;
        n = k;
    }
    for (k = 0; k < n; k++)
        if (r->functions[0].file[k] == '/')
            last = k + 1;
    return last;
}

void htp_cell(const struct htp_page *p, long long bytes)
{
    fputs("<td>", p->out);
    htp_amount(p, bytes);
}

void htp_measured_heads(const struct htp_page *p, const char *attributes)
{
    static const char *const titles[] = {"Leaked", "At peak", "Lost"};
    const int measured[] = {p->r->leaks_tracked, p->r->peak_tracked, p->r->reach_tracked};
    int k;

    for (k = 0; k < 3; k++)
        if (measured[k])
            fprintf(p->out, "<th scope=\"col\"%s>%s", attributes, titles[k]);
}

void htp_measured_cells(const struct htp_page *p, const struct mlr_row *row)
{
    if (p->r->leaks_tracked)
        htp_cell(p, row->leaked);
    if (p->r->peak_tracked)
        htp_cell(p, row->at_peak);
    if (p->r->reach_tracked)
        htp_cell(p, row->lost);
}

void htp_where(const struct htp_page *p, unsigned long fn, unsigned line)
{
    const struct mlr_function *f = &p->r->functions[fn];

    fprintf(p->out, "<a href=\"#f%luL%u\">", fn, line);
    hte_text(p->out, htp_file(p, f->file));
    fprintf(p->out, ":%u</a> ", line);
    hte_text(p->out, f->name);
    fputs("()", p->out);
}

void htp_top_lines(const struct htp_page *p, enum mlr_top_key key, const char *id,
                   const char *heading)
{
    struct mlr_top_options t = {MLR_TOP_LINE, key, p->top, 0};
    struct mlr_top_row *rows = calloc(p->top ? p->top : 1, sizeof *rows);
    const struct mlr_report *r = p->r;
    long long total, shown = 0;
    char share[24];
    unsigned n, i;

    if (!rows)
        return;
    n = mlr_top(r, &t, rows, p->top, &total);
    for (i = 0; i < n; i++)
        shown = mlr_sum(shown, rows[i].value);
    mlr_format_percent(share, shown, total);
    fprintf(p->out, "<section id=\"%s\">\n<h2>%s</h2>\n", id, heading);
    if (n == 0) {
        fprintf(p->out, "<p>No line has %s.</p>\n</section>\n", mlr_top_key_plural(key));
        free(rows);
        return;
    }
    fprintf(p->out, "<p>These %u lines: %s %% of all %s (", n, share, mlr_top_key_plural(key));
    htp_amount(p, shown);
    fputs(" of ", p->out);
    htp_amount(p, total);
    fputs(").</p>\n<table class=\"t top\"><thead><tr><th scope=\"col\">Increment"
          "<th scope=\"col\">Peak<th scope=\"col\">Occurrences",
          p->out);
    htp_measured_heads(p, "");
    fputs("<th scope=\"col\" class=\"l\">Where<th scope=\"col\" class=\"src\">Line Contents"
          "</thead>\n<tbody>\n",
          p->out);
    for (i = 0; i < n; i++) {
        const struct mlr_row *row = &rows[i].row;
        const struct mlr_function *fn = &r->functions[rows[i].function];
        const char *text = fn->rows[rows[i].line].text;

        fputs("<tr>", p->out);
        htp_cell(p, row->increment);
        htp_cell(p, row->peak);
        fprintf(p->out, "<td>%llu", row->occurrences);
        htp_measured_cells(p, row);
        fputs("<td class=\"l\">", p->out);
        htp_where(p, rows[i].function, fn->first_line + rows[i].line);
        while (*text == ' ' || *text == '\t')
            text++;
        fputs("<td class=\"src\">", p->out);
        hte_text(p->out, text);
        fputs("</tr>\n", p->out);
    }
    fputs("</tbody></table>\n</section>\n", p->out);
    free(rows);
}

static void htp_summarize(const struct mlr_function *fn, unsigned long i, struct htp_summary *s)
{
    unsigned k;

    memset(s, 0, sizeof *s);
    s->function = i;
    for (k = 0; k <= fn->last_line - fn->first_line; k++) {
        const struct mlr_row *row = &fn->rows[k];

        if (!row->occurrences)
            continue;
        s->net = mlr_sum(s->net, row->increment);
        if (row->increment > s->largest)
            s->largest = row->increment;
        if (row->peak > s->peak)
            s->peak = row->peak;
        s->leaked = mlr_sum(s->leaked, row->leaked);
        s->at_peak = mlr_sum(s->at_peak, row->at_peak);
        s->lost = mlr_sum(s->lost, row->lost);
    }
}

static int htp_summary_order(const void *pa, const void *pb)
{
    const struct htp_summary *a = pa, *b = pb;

    if (a->net != b->net)
        return a->net > b->net ? -1 : 1;
    return (a->function > b->function) - (a->function < b->function);
}

static void htp_index_cell(const struct htp_page *p, long long v)
{
    fprintf(p->out, "<td data-v=\"%lld\">", v);
    htp_amount(p, v);
}

static void htp_index(const struct htp_page *p)
{
    const struct mlr_report *r = p->r;
    struct htp_summary *s = calloc(r->nfunctions ? r->nfunctions : 1, sizeof *s);
    unsigned long i;

    if (!s)
        return;
    for (i = 0; i < r->nfunctions; i++)
        htp_summarize(&r->functions[i], i, &s[i]);
    qsort(s, r->nfunctions, sizeof *s, htp_summary_order);
    fputs("<section id=\"index\">\n<h2>Functions</h2>\n<p class=\"hint\">By net change, "
          "largest first; click a column's title to sort by it.</p>\n<table id=\"index-table\" "
          "class=\"t\">"
          "<thead><tr><th scope=\"col\" class=\"l\" data-sort=\"text\">Function"
          "<th scope=\"col\" class=\"l\" data-sort=\"text\">File"
          "<th scope=\"col\" data-sort=\"number\">Calls"
          "<th scope=\"col\" data-sort=\"number\" aria-sort=\"descending\">Net change"
          "<th scope=\"col\" data-sort=\"number\">Largest increment"
          "<th scope=\"col\" data-sort=\"number\">Peak",
          p->out);
    htp_measured_heads(p, " data-sort=\"number\"");
    fputs("</thead>\n<tbody>\n", p->out);
    for (i = 0; i < r->nfunctions; i++) {
        const struct mlr_function *fn = &r->functions[s[i].function];

        fprintf(p->out, "<tr data-o=\"%lu\"><td class=\"l\"><a href=\"#f%lu\">", s[i].function,
                s[i].function);
        hte_text(p->out, fn->name);
        fputs("</a><td class=\"l\">", p->out);
        hte_text(p->out, htp_file(p, fn->file));
        fprintf(p->out, "<td data-v=\"%llu\">%llu", fn->calls, fn->calls);
        htp_index_cell(p, s[i].net);
        htp_index_cell(p, s[i].largest);
        htp_index_cell(p, s[i].peak);
        if (r->leaks_tracked)
            htp_index_cell(p, s[i].leaked);
        if (r->peak_tracked)
            htp_index_cell(p, s[i].at_peak);
        if (r->reach_tracked)
            htp_index_cell(p, s[i].lost);
        fputs("</tr>\n", p->out);
    }
    fputs("</tbody></table>\n</section>\n", p->out);
    free(s);
}

static void htp_title(const struct htp_page *p)
{
    int i;

    if (p->title) {
        hte_text(p->out, p->title);
        return;
    }
    fputs("memline:", p->out);
    for (i = 0; i < p->r->argc; i++) {
        fputc(' ', p->out);
        hte_text(p->out, p->r->argv[i]);
    }
    if (p->r->argc == 0) {
        fputc(' ', p->out);
        hte_text(p->out, p->report_name);
    }
}

static void htp_header(const struct htp_page *p)
{
    const struct mlr_report *r = p->r;
    unsigned long long ran = 0, lines = 0;
    unsigned long i;
    unsigned k;

    for (i = 0; i < r->nfunctions; i++)
        for (k = 0; k <= r->functions[i].last_line - r->functions[i].first_line; k++) {
            lines++;
            ran += r->functions[i].rows[k].occurrences > 0;
        }
    fputs("<header>\n<h1>", p->out);
    htp_title(p);
    fputs("</h1>\n<p class=\"meta\">", p->out);
    hte_text(p->out, r->backend);
    if (r->pid > 0)
        fprintf(p->out, " backend, process %ld; ", r->pid);
    else
        fputs(" backend, merged processes; ", p->out);
    fprintf(p->out, "%lu function%s, %llu of %llu lines ran", r->nfunctions,
            r->nfunctions == 1 ? "" : "s", ran, lines);
    if (p->file_prefix) {
        char *dir = strndup(r->functions[0].file, p->file_prefix);

        fputs(", in files under ", p->out);
        hte_text(p->out, dir ? dir : "");
        free(dir);
    }
    fputs("; from ", p->out);
    hte_text(p->out, p->report_name);
    fputs("</p>\n</header>\n<nav aria-label=\"Sections\">", p->out);
    if (p->ntimelines)
        fputs("<a href=\"#timeline\">Timeline</a>", p->out);
    fputs("<a href=\"#top\">Top lines</a>", p->out);
    htp_live_nav(p);
    fputs("<a href=\"#index\">Functions</a><a href=\"#functions\">Tables</a></nav>\n", p->out);
}

/* The largest |increment| and peak of any line: the scale of the bars. */
static void htp_heat_scale(struct htp_page *p)
{
    unsigned long i;
    unsigned k;

    p->heat_increment = p->heat_peak = 0;
    for (i = 0; i < p->r->nfunctions; i++)
        for (k = 0; k <= p->r->functions[i].last_line - p->r->functions[i].first_line; k++) {
            const struct mlr_row *row = &p->r->functions[i].rows[k];
            unsigned long long inc = row->increment < 0 ? 0 - (unsigned long long)row->increment
                                                        : (unsigned long long)row->increment;

            if (!row->occurrences)
                continue;
            if (inc > p->heat_increment)
                p->heat_increment = inc;
            if (row->peak > 0 && (unsigned long long)row->peak > p->heat_peak)
                p->heat_peak = (unsigned long long)row->peak;
        }
}

int htp_write(struct htp_page *p)
{
    htp_heat_scale(p);
    p->file_prefix = htp_common_directory(p->r);
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"memline html\">\n<title>",
          p->out);
    htp_title(p);
    fprintf(p->out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", hta_css);
    htp_header(p);
    fputs("<main>\n", p->out);
    if (p->ntimelines) {
        fputs("<section id=\"timeline\">\n<h2>Timeline</h2>\n<div class=\"chart\">\n", p->out);
        if (plot_svg(p->out, p->timelines, p->ntimelines, NULL, 1, "memline html") < 0)
            return -1;
        fputs("</div>\n</section>\n", p->out);
    }
    htp_top_lines(p, MLR_TOP_INCREMENT, "top", "Top lines by increment");
    htp_live(p);
    htp_index(p);
    htp_functions(p);
    fprintf(p->out, "</main>\n<script>\n%s</script>\n</body>\n</html>\n", hta_js);
    return 0;
}
