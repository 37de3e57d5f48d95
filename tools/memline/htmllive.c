/*
** htmllive.c — the live-heap sections of `memline html`'s page (see
** htmlpage.h), each only when the report measured it: the peak (the
** closing line of the text report, then the lines holding most of it),
** the heap by type (with the growth columns after an on-demand report) and
** the leaks with the chain that holds each. Every line named links to its
** row in the tables.
*/
#include "htmlpage.h"

#include "htmlesc.h"

#include <string.h>

/* The index of the function holding file:line named `function`, or -1. */
static long htp_find(const struct mlr_report *r, const char *file, const char *function,
                     unsigned line)
{
    unsigned long i;

    for (i = 0; i < r->nfunctions; i++) {
        const struct mlr_function *fn = &r->functions[i];

        if (line >= fn->first_line && line <= fn->last_line && strcmp(fn->name, function) == 0 &&
            strcmp(fn->file, file) == 0)
            return (long)i;
    }
    return -1;
}

static void htp_share(const struct htp_page *p, long long part, long long whole)
{
    char share[24];

    mlr_format_percent(share, part, whole);
    fprintf(p->out, "<td>%s %%", share);
}

static void htp_count(const struct htp_page *p, long long v, int sign)
{
    fprintf(p->out, sign && v > 0 ? "<td>+%lld" : "<td>%lld", v);
}

static void htp_peak(const struct htp_page *p)
{
    const struct mlr_peak *pk = &p->r->peak;
    long long part = pk->in_lines > 0 ? pk->in_lines : 0;
    char share[24];

    mlr_format_percent(share, part, pk->bytes);
    fputs("<section id=\"peak\">\n<h2>At the peak</h2>\n<p>Peak: ", p->out);
    htp_amount(p, pk->bytes);
    fprintf(p->out, " at %lld.%03lld s; ", pk->micros / 1000000, pk->micros / 1000 % 1000);
    htp_amount(p, part);
    fprintf(p->out, " of it (%s %%) from profiled lines, ", share);
    htp_amount(p, pk->elsewhere);
    fputs(" elsewhere.</p>\n</section>\n", p->out);
    htp_top_lines(p, MLR_TOP_AT_PEAK, "peak-lines", "Lines holding the peak");
}

static void htp_types(const struct htp_page *p)
{
    const struct mlr_report *r = p->r;
    long long bytes = 0, peak_bytes = 0;
    unsigned long i;

    for (i = 0; i < r->ntypes; i++) {
        bytes += r->types[i].bytes;
        peak_bytes += r->types[i].peak_bytes;
    }
    fputs("<section id=\"types\">\n<h2>Live heap by type</h2>\n<table class=\"t\">"
          "<caption>At the report and at the peak</caption><thead><tr>"
          "<th scope=\"col\">Blocks<th scope=\"col\">Bytes<th scope=\"col\">Share"
          "<th scope=\"col\">Peak blocks<th scope=\"col\">Peak bytes<th scope=\"col\">Share",
          p->out);
    if (r->types_growth)
        fputs("<th scope=\"col\">Growth<th scope=\"col\">(bytes)", p->out);
    fputs("<th scope=\"col\" class=\"l\">Type</thead>\n<tbody>\n", p->out);
    for (i = 0; i < r->ntypes; i++) {
        const struct mlr_type *t = &r->types[i];

        fputs("<tr>", p->out);
        htp_count(p, t->blocks, 0);
        htp_cell(p, t->bytes);
        htp_share(p, t->bytes, bytes);
        htp_count(p, t->peak_blocks, 0);
        htp_cell(p, t->peak_bytes);
        htp_share(p, t->peak_bytes, peak_bytes);
        if (r->types_growth) {
            htp_count(p, t->blocks_growth, 1);
            fputs(t->bytes_growth > 0 ? "<td>+" : "<td>", p->out);
            htp_amount(p, t->bytes_growth);
        }
        fputs("<td class=\"l src\">", p->out);
        hte_text(p->out, t->name);
        fputs("</tr>\n", p->out);
    }
    fputs("</tbody></table>\n</section>\n", p->out);
}

static void htp_leaks(const struct htp_page *p)
{
    const struct mlr_report *r = p->r;
    unsigned long i;
    unsigned k;

    fputs("<section id=\"leaks\">\n<h2>Leaks at exit, largest first</h2>\n<table class=\"t\">"
          "<thead><tr><th scope=\"col\" class=\"l\">Where<th scope=\"col\">Bytes"
          "<th scope=\"col\">Blocks<th scope=\"col\">Lost<th scope=\"col\" class=\"l\">Held by"
          "</thead>\n<tbody>\n",
          p->out);
    for (i = 0; i < r->nleaks; i++) {
        const struct mlr_leak *l = &r->leaks[i];
        long fn = htp_find(r, l->file, l->function, l->line);

        fputs("<tr><td class=\"l\">", p->out);
        if (fn >= 0) {
            htp_where(p, (unsigned long)fn, l->line);
        } else {
            hte_text(p->out, htp_file(p, l->file));
            fprintf(p->out, ":%u ", l->line);
            hte_text(p->out, l->function);
            fputs("()", p->out);
        }
        htp_cell(p, l->bytes);
        htp_count(p, l->blocks, 0);
        htp_cell(p, l->lost_bytes);
        fputs("<td class=\"path\">", p->out);
        for (k = 0; k < l->npath; k++) {
            if (k)
                fputs(" \xe2\x86\x92 ", p->out); /* U+2192 RIGHTWARDS ARROW */
            hte_text(p->out, l->path[k]);
        }
        if (!l->npath)
            fputs("nothing: lost", p->out);
        fputs("</tr>\n", p->out);
    }
    fputs("</tbody></table>\n</section>\n", p->out);
}

void htp_live_nav(const struct htp_page *p)
{
    if (p->r->peak_tracked)
        fputs("<a href=\"#peak\">At the peak</a>", p->out);
    if (p->r->types_tracked)
        fputs("<a href=\"#types\">By type</a>", p->out);
    if (p->r->reach_tracked && p->r->nleaks)
        fputs("<a href=\"#leaks\">Leaks</a>", p->out);
}

void htp_live(const struct htp_page *p)
{
    if (p->r->peak_tracked)
        htp_peak(p);
    if (p->r->types_tracked)
        htp_types(p);
    if (p->r->reach_tracked && p->r->nleaks)
        htp_leaks(p);
}
