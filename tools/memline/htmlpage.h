/*
** htmlpage.h — the page of `memline html` (prefix htp_): one
** self-contained HTML file for a report (PRODUCT.md §7).
**
** The page in order: the title and the run; the timeline chart (when
** given); the top lines by increment (`memline top`'s first screen); the
** peak, the heap by type and the leaks (when the report has them); the
** index of functions, sortable by script and printed in net-change order;
** then every function's table. htmlpage.c writes the frame, the top lines
** and the index, htmlfunc.c the tables, htmllive.c the live-heap sections.
**
** Invariants: every byte that comes from the report (source, names,
** command line) or the command line goes through hte_text; nothing on the
** page refers to another file or the network (the Content-Security-Policy
** forbids it too); function i's table has id "fI" and its line L the row
** id "fILL", the targets of every link on the page.
*/
#ifndef MEMLINE_HTMLPAGE_H
#define MEMLINE_HTMLPAGE_H

#include "report.h"

#include <stdio.h>

struct htp_page {
    FILE *out;
    const struct mlr_report *r;
    struct mlr_text_options opts; /* unit and precision of the amounts */
    const char *title;            /* NULL: "memline: " and the command line */
    const char *report_name;      /* the JSON file, as given */
    char *const *timelines;       /* data files of `memline run`, embedded as a chart */
    size_t ntimelines;
    unsigned top;       /* lines in the top sections */
    size_t file_prefix; /* length of the directory every file is in, left out of names */
    unsigned long long heat_increment; /* the largest |increment| of any line: a full bar */
    unsigned long long heat_peak;      /* the largest peak of any line (0 if none above 0) */
};

/* Writes the whole page. Returns 0, or -1 after one line on stderr (a
** timeline that cannot be read, or no memory). */
int htp_write(struct htp_page *p);

/* An amount as the text table prints it, without padding. */
void htp_amount(const struct htp_page *p, long long bytes);

/* A file's name without the directory all of the report's files share. */
const char *htp_file(const struct htp_page *p, const char *file);

/* A table cell holding an amount. */
void htp_cell(const struct htp_page *p, long long bytes);

/* The headings and the cells of the columns a report may lack: Leaked, At
** peak and Lost, each when measured; `attributes` go into each <th>. */
void htp_measured_heads(const struct htp_page *p, const char *attributes);
void htp_measured_cells(const struct htp_page *p, const struct mlr_row *row);

/* "<a href="#fILL">FILE:LINE</a> NAME()" for line `line` of function fn. */
void htp_where(const struct htp_page *p, unsigned long fn, unsigned line);

/* A ranked table of the `top` largest lines by key, with its header line. */
void htp_top_lines(const struct htp_page *p, enum mlr_top_key key, const char *id,
                   const char *heading);

/* The tables of every function (htmlfunc.c). */
void htp_functions(const struct htp_page *p);

/* The sections of the peak, the heap by type and the leaks, each when the
** report has it (htmllive.c); htp_live_nav lists their links. */
void htp_live(const struct htp_page *p);
void htp_live_nav(const struct htp_page *p);

#endif
