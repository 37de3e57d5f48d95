/*
** htmlfunc.c — every function's table on `memline html`'s page (see
** htmlpage.h): the columns of the text table, all of them (Peak, Allocs
** and Frees always; Leaked, At peak and Lost when the report measured
** them), the numbers as the text report prints them, and a bar behind
** Increment (released memory in its own colour) and Peak, scaled to the
** largest of the whole report. A line that never ran shows its number and
** its text only, greyed.
**
** Each table is a section the browser lays out only when it scrolls near
** (content-visibility), sized beforehand from its number of rows so that
** the scroll bar is right: thousands of tables open at once. Optional end
** tags (</td>) are left out to keep the page near the JSON's size; </tr>
** ends each row so that the newline after it is no cell's text.
*/
#include "htmlpage.h"

#include "htmlesc.h"

#define HTP_ROW_PX 20 /* a row's height in the style's font, about */
#define HTP_HEAD_PX 90

/* Percent of the full bar (|v| of full, both at most 2^63), at least 1 for
** anything above 0. */
static unsigned htp_bar(long long v, unsigned long long full)
{
    unsigned long long a = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
    double w;

    if (full == 0 || a == 0)
        return 0;
    w = 100.0 * (double)a / (double)full;
    return w >= 100.0 ? 100 : w < 1.0 ? 1 : (unsigned)w + (w > (unsigned)w);
}

static void htp_heat_cell(const struct htp_page *p, long long v, unsigned long long full,
                          const char *kind)
{
    unsigned w = htp_bar(v, full);

    if (w)
        fprintf(p->out, "<td class=\"h%s\" style=\"--w:%u%%\">", v < 0 ? " n" : kind, w);
    else
        fputs("<td>", p->out);
    htp_amount(p, v);
}

/* Columns after Occurrences. */
static int htp_extra_columns(const struct mlr_report *r)
{
    return 3 + (r->leaks_tracked != 0) + (r->peak_tracked != 0) + (r->reach_tracked != 0);
}

static void htp_table_head(const struct htp_page *p)
{
    fputs("<table class=\"t\"><thead><tr><th scope=\"col\">Line #<th scope=\"col\">Mem usage"
          "<th scope=\"col\">Increment<th scope=\"col\">Occurrences<th scope=\"col\">Peak"
          "<th scope=\"col\">Allocs<th scope=\"col\">Frees",
          p->out);
    htp_measured_heads(p, "");
    fputs("<th scope=\"col\" class=\"src\">Line Contents</thead>\n<tbody>\n", p->out);
}

static void htp_row(const struct htp_page *p, unsigned long fn, unsigned line,
                    const struct mlr_row *row)
{
    const struct mlr_report *r = p->r;

    if (!row->occurrences) {
        fprintf(p->out, "<tr class=\"nr\" id=\"f%luL%u\"><td>%u<td colspan=\"%d\">", fn, line, line,
                3 + htp_extra_columns(r));
    } else {
        fprintf(p->out, "<tr id=\"f%luL%u\"><td>%u", fn, line, line);
        htp_cell(p, row->mem_usage);
        htp_heat_cell(p, row->increment, p->heat_increment, "");
        fprintf(p->out, "<td>%llu", row->occurrences);
        htp_heat_cell(p, row->peak, p->heat_peak, " p");
        fprintf(p->out, "<td>%llu<td>%llu", row->allocs, row->frees);
        htp_measured_cells(p, row);
    }
    fputs("<td class=\"src\">", p->out);
    hte_text(p->out, row->text);
    fputs("</tr>\n", p->out);
}

static void htp_function(const struct htp_page *p, unsigned long i)
{
    const struct mlr_function *fn = &p->r->functions[i];
    unsigned nrows = fn->last_line - fn->first_line + 1, k;

    fprintf(p->out,
            "<section class=\"fn\" id=\"f%lu\" style=\"contain-intrinsic-size:auto %upx\">\n"
            "<h3>",
            i, HTP_HEAD_PX + nrows * HTP_ROW_PX);
    hte_text(p->out, fn->name);
    fputs("()</h3>\n<p class=\"where\">", p->out);
    hte_text(p->out, htp_file(p, fn->file));
    fprintf(p->out, ", lines %u to %u; %llu call%s", fn->first_line, fn->last_line, fn->calls,
            fn->calls == 1 ? "" : "s");
    if (fn->unexited)
        fprintf(p->out, ", %llu of them left without returning", fn->unexited);
    fputs("</p>\n", p->out);
    htp_table_head(p);
    for (k = 0; k < nrows; k++)
        htp_row(p, i, fn->first_line + k, &fn->rows[k]);
    fputs("</tbody></table>\n</section>\n", p->out);
}

void htp_functions(const struct htp_page *p)
{
    unsigned long i;

    fputs("<section id=\"functions\">\n<h2>Tables</h2>\n", p->out);
    for (i = 0; i < p->r->nfunctions; i++)
        htp_function(p, i);
    fputs("</section>\n", p->out);
}
