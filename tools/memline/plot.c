/*
** plot.c — `memline plot FILE... [-o OUT.svg] [--title T]`: draws recorded
** runs as one self-contained SVG chart (no script, no external resource).
**
** Layout, top to bottom: the title; the bracket band (one lane per level
** of nested or concurrent profiled calls, each call a bracket labelled with
** its name and duration); the chart, where each file has one colour, RSS is
** a solid line and the live heap a dashed one, calls are shaded spans and
** each curve's peak is a labelled dot; the time axis; the legend.
**
** Every element the tests look for carries a class: "curve rss", "curve
** heap", "bracket", "span", "peak".
*/
#define _GNU_SOURCE
#include "commands.h"
#include "plot.h"

#include "axis.h"
#include "brackets.h"
#include "datafile.h"
#include "htmlesc.h"
#include "outname.h"
#include "svg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PLOT_USAGE "usage: memline plot FILE... [-o OUT.svg] [--title TITLE]"
#define PLOT_WIDTH 960.0
#define PLOT_CHART_HEIGHT 380.0
#define PLOT_LANE 22.0
#define PLOT_MAX_LANES 6
#define PLOT_FONT "DejaVu Sans, Helvetica, Arial, sans-serif"

static const char *const plot_colors[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e",
                                          "#9467bd", "#8c564b", "#e377c2", "#17becf"};

#define PLOT_COLOR(i) plot_colors[(i) % (sizeof plot_colors / sizeof plot_colors[0])]

struct plot {
    FILE *out;
    const struct df_file *files;
    char *const *paths;
    size_t nfiles;
    struct axis x, y;
    double left, right, top, bottom; /* the chart's pixel box */
    double band_top, height;
    struct bracket_set brackets;
    int any_rss, any_heap;
};

static double plot_x(const struct plot *p, double t)
{
    return p->left + t / axis_end(&p->x) * (p->right - p->left);
}

static double plot_y(const struct plot *p, double bytes)
{
    return p->bottom - bytes / axis_end(&p->y) * (p->bottom - p->top);
}

static void plot_text(const struct plot *p, double x, double y, const char *anchor,
                      const char *attrs, const char *text)
{
    fprintf(p->out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" %s>", x, y, anchor, attrs);
    hte_text(p->out, text);
    fputs("</text>\n", p->out);
}

static const char *plot_basename(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash && slash[1] ? slash + 1 : path;
}

static void plot_title(const struct plot *p, const char *title)
{
    char buf[160];

    if (!title && p->nfiles == 1)
        title = p->files[0].cmdline ? p->files[0].cmdline : p->paths[0];
    if (!title) {
        snprintf(buf, sizeof buf, "memory over time: %zu runs", p->nfiles);
        title = buf;
    } else if (strlen(title) > 110) {
        size_t cut = 105;

        while (cut > 0 && ((unsigned char)title[cut] & 0xc0) == 0x80)
            cut--;
        snprintf(buf, sizeof buf, "%.*s ...", (int)cut, title);
        title = buf;
    }
    plot_text(p, p->left, 28, "start", "font-size=\"16\" font-weight=\"bold\" fill=\"#222\"",
              title);
}

static void plot_axes(const struct plot *p)
{
    char label[64];

    fprintf(p->out, "<g class=\"grid\" stroke=\"#e4e4e4\" stroke-width=\"1\">\n");
    for (int i = 1; i <= p->y.ticks; i++) {
        double y = plot_y(p, i * p->y.step * p->y.scale);

        fprintf(p->out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n", p->left, y,
                p->right, y);
    }
    for (int i = 1; i <= p->x.ticks; i++) {
        double x = plot_x(p, i * p->x.step * p->x.scale);

        fprintf(p->out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n", x, p->top, x,
                p->bottom);
    }
    fprintf(p->out, "</g>\n<g class=\"axes\" font-size=\"12\" fill=\"#444\">\n");
    fprintf(p->out,
            "<path d=\"M%.1f,%.1f V%.1f H%.1f\" fill=\"none\" stroke=\"#444\" "
            "stroke-width=\"1\"/>\n",
            p->left, p->top, p->bottom, p->right);
    for (int i = 0; i <= p->y.ticks; i++) {
        axis_tick_label(&p->y, i, label, sizeof label);
        plot_text(p, p->left - 8, plot_y(p, i * p->y.step * p->y.scale) + 4, "end", "", label);
    }
    for (int i = 0; i <= p->x.ticks; i++) {
        axis_tick_label(&p->x, i, label, sizeof label);
        plot_text(p, plot_x(p, i * p->x.step * p->x.scale), p->bottom + 18, "middle", "", label);
    }
    snprintf(label, sizeof label, "time (%s)", p->x.unit);
    plot_text(p, (p->left + p->right) / 2, p->bottom + 38, "middle", "font-size=\"13\"", label);
    snprintf(label, sizeof label, "memory (%s)", p->y.unit);
    fprintf(p->out,
            "<text transform=\"translate(18 %.1f) rotate(-90)\" text-anchor=\"middle\" "
            "font-size=\"13\">%s</text>\n</g>\n",
            (p->top + p->bottom) / 2, label);
}

/* Shaded spans under single calls; not for groups (mostly gaps), nor when
** several runs overlap (their colours would mix into mud). */
static void plot_spans(const struct plot *p)
{
    if (p->nfiles > 1)
        return;
    fprintf(p->out, "<g class=\"spans\">\n");
    for (size_t i = 0; i < p->brackets.n; i++) {
        const struct bracket *b = &p->brackets.v[i];
        double x0 = plot_x(p, b->t_start), x1 = plot_x(p, b->t_end);

        if (b->calls > 1)
            continue;
        fprintf(p->out,
                "<rect class=\"span\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                "fill=\"%s\" fill-opacity=\"0.08\"/>\n",
                x0, p->top, x1 - x0 < 1 ? 1 : x1 - x0, p->bottom - p->top, PLOT_COLOR(b->file));
    }
    fprintf(p->out, "</g>\n");
}

static void plot_curve(const struct plot *p, const struct df_series *s, size_t file, int heap)
{
    if (s->n == 0)
        return;
    fprintf(p->out,
            "<path class=\"curve %s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s d=\"",
            heap ? "heap" : "rss", PLOT_COLOR(file), heap ? "1.6" : "2",
            heap ? " stroke-dasharray=\"6 3\"" : " stroke-linejoin=\"round\"");
    /* RSS is sampled, so its samples are joined; the live heap is exact
    ** and only changes where a sample was taken, so it is drawn in steps. */
    fprintf(p->out, "M%.1f,%.1f", plot_x(p, s->v[0].t), plot_y(p, (double)s->v[0].bytes));
    for (size_t i = 1; i < s->n; i++)
        if (heap)
            fprintf(p->out, " H%.1f V%.1f", plot_x(p, s->v[i].t), plot_y(p, (double)s->v[i].bytes));
        else
            fprintf(p->out, " L%.1f,%.1f", plot_x(p, s->v[i].t), plot_y(p, (double)s->v[i].bytes));
    fprintf(p->out, "\"/>\n");
}

/* "name 1.25 s" for one call, "name ×N (1.25 s)" for a group, where the
** time is what the calls took together; just the name when `with_time` is 0. */
static void plot_bracket_label(const struct bracket *b, int with_time, char *buf, size_t n)
{
    char busy[32];

    axis_format_seconds(b->busy, busy, sizeof busy);
    if (b->calls > 1 && with_time)
        snprintf(buf, n, "%s \xc3\x97%zu (%s)", b->name, b->calls, busy);
    else if (b->calls > 1)
        snprintf(buf, n, "%s \xc3\x97%zu", b->name, b->calls);
    else if (with_time)
        snprintf(buf, n, "%s %s", b->name, busy);
    else
        snprintf(buf, n, "%s", b->name);
}

static void plot_bracket(const struct plot *p, const struct bracket *b)
{
    double x0 = plot_x(p, b->t_start), x1 = plot_x(p, b->t_end);
    double px_per_s = (p->right - p->left) / axis_end(&p->x);
    double lane_top = p->band_top + b->lane * PLOT_LANE;
    char label[256], heap0[32], heap1[32], duration[32];

    if (x1 - x0 < 1)
        x1 = x0 + 1;
    axis_format_bytes((double)b->heap_start, heap0, sizeof heap0);
    axis_format_bytes((double)b->heap_end, heap1, sizeof heap1);
    axis_format_seconds(b->busy, duration, sizeof duration);
    fprintf(p->out, "<g class=\"bracket\" stroke=\"%s\" fill=\"%s\">\n<title>", PLOT_COLOR(b->file),
            PLOT_COLOR(b->file));
    hte_text(p->out, b->name);
    if (b->calls > 1) {
        char span[32];

        axis_format_seconds(b->t_end - b->t_start, span, sizeof span);
        fprintf(p->out, ": %zu calls, %s in all over %s", b->calls, duration, span);
    } else {
        fprintf(p->out, ": %s", duration);
    }
    fprintf(p->out, ", live heap %s at entry, %s at exit</title>\n", heap0, heap1);
    /* A group of calls is dotted: its bracket spans gaps between calls. */
    fprintf(p->out,
            "<path d=\"M%.1f,%.1f V%.1f H%.1f V%.1f\" fill=\"none\" stroke-width=\"1.5\"%s/>\n", x0,
            lane_top + 21, lane_top + 15, x1, lane_top + 21,
            b->calls > 1 ? " stroke-dasharray=\"2 2\"" : "");
    /* The label goes over the bracket when it fits, else starts at the
    ** bracket and runs into the free room after it, else is shortened to
    ** the name, else left to the tooltip. */
    for (int with_time = 1; with_time >= 0; with_time--) {
        double w;

        plot_bracket_label(b, with_time, label, sizeof label);
        w = svg_text_width(label, 11);
        if (w + 4 <= x1 - x0) {
            plot_text(p, (x0 + x1) / 2, lane_top + 11, "middle", "font-size=\"11\" stroke=\"none\"",
                      label);
            break;
        }
        if (w + 6 <= b->room * px_per_s && x0 + w <= PLOT_WIDTH - 4) {
            plot_text(p, x0, lane_top + 11, "start", "font-size=\"11\" stroke=\"none\"", label);
            break;
        }
    }
    fprintf(p->out, "</g>\n");
}

static void plot_peak(const struct plot *p, const struct df_series *s, size_t file, int heap)
{
    struct df_sample peak;
    char size[32], when[32], label[96];
    double x, y, ly, w;
    int right_side;

    if (!df_peak(s, &peak))
        return;
    x = plot_x(p, peak.t);
    y = plot_y(p, (double)peak.bytes);
    axis_format_bytes((double)peak.bytes, size, sizeof size);
    axis_format_seconds(peak.t, when, sizeof when);
    snprintf(label, sizeof label, "peak %s %s at %s", heap ? "heap" : "RSS", size, when);
    w = svg_text_width(label, 12);
    right_side = x + 10 + w <= p->right;
    /* RSS labels sit above their dot, heap labels below, so that both
    ** peaks of one run can be read when they coincide. */
    ly = heap ? y + 20 : y - 10;
    if (ly - 12 < p->top)
        ly = y + 20;
    if (ly > p->bottom - 4)
        ly = y - 10;
    fprintf(p->out,
            "<g class=\"peak\">\n<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" fill=\"%s\" "
            "stroke=\"white\" stroke-width=\"1.5\"/>\n",
            x, y, heap ? "3.5" : "4.5", PLOT_COLOR(file));
    fprintf(p->out,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"16\" fill=\"white\" "
            "fill-opacity=\"0.8\"/>\n",
            right_side ? x + 8 : x - 10 - w, ly - 12, w + 4);
    plot_text(p, right_side ? x + 10 : x - 8, ly, right_side ? "start" : "end",
              "font-size=\"12\" font-weight=\"bold\" fill=\"#222\"", label);
    fprintf(p->out, "</g>\n");
}

/* One legend entry: a line (dashed or not) or a shaded box, then text. */
static double plot_legend_item(const struct plot *p, double x, const char *color, int dashed,
                               int box, const char *text)
{
    double y = p->height - 14;

    if (box)
        fprintf(p->out,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"22\" height=\"12\" fill=\"%s\" "
                "fill-opacity=\"0.15\" stroke=\"%s\"/>\n",
                x, y - 10, color, color);
    else
        fprintf(p->out,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                "stroke-width=\"2\"%s/>\n",
                x, y - 4, x + 22, y - 4, color, dashed ? " stroke-dasharray=\"6 3\"" : "");
    plot_text(p, x + 28, y, "start", "font-size=\"12\" fill=\"#333\"", text);
    return x + 28 + svg_text_width(text, 12) + 18;
}

static void plot_legend(const struct plot *p)
{
    const char *key = p->nfiles == 1 ? PLOT_COLOR(0) : "#666";
    double x = p->left;

    fprintf(p->out, "<g class=\"legend\">\n");
    if (p->nfiles > 1)
        for (size_t f = 0; f < p->nfiles; f++)
            x = plot_legend_item(p, x, PLOT_COLOR(f), 0, 0, plot_basename(p->paths[f]));
    if (p->any_rss)
        x = plot_legend_item(p, x, key, 0, 0, "RSS");
    if (p->any_heap)
        x = plot_legend_item(p, x, key, 1, 0, "live heap");
    if (p->brackets.n && p->nfiles == 1)
        x = plot_legend_item(p, x, key, 0, 1, "profiled call");
    if (p->brackets.hidden) {
        char note[64];

        snprintf(note, sizeof note, "%zu deeper call%s not shown", p->brackets.hidden,
                 p->brackets.hidden == 1 ? "" : "s");
        plot_text(p, p->right, p->height - 14, "end", "font-size=\"12\" fill=\"#666\"", note);
    }
    fprintf(p->out, "</g>\n");
}

static double plot_max_bytes(const struct df_file *f, double max)
{
    for (size_t i = 0; i < f->mem.n; i++)
        if (f->mem.v[i].bytes > max)
            max = (double)f->mem.v[i].bytes;
    for (size_t i = 0; i < f->heap.n; i++)
        if (f->heap.v[i].bytes > max)
            max = (double)f->heap.v[i].bytes;
    return max;
}

/* Scales, bracket layout and the page geometry, which depends on the
** number of bracket lanes. */
static int plot_layout(struct plot *p)
{
    double max_t = 0, max_bytes = 0;

    for (size_t f = 0; f < p->nfiles; f++) {
        double t = df_duration(&p->files[f]);

        max_t = t > max_t ? t : max_t;
        max_bytes = plot_max_bytes(&p->files[f], max_bytes);
        p->any_rss |= p->files[f].mem.n > 0;
        p->any_heap |= p->files[f].heap.n > 0;
    }
    axis_seconds(&p->x, max_t, 10);
    /* 8% headroom keeps the peak's label inside the chart. */
    axis_bytes(&p->y, max_bytes * 1.08, 6);
    p->left = 72;
    p->right = PLOT_WIDTH - 28;
    if (brackets_layout(&p->brackets, p->files, p->nfiles, axis_end(&p->x) / (p->right - p->left),
                        axis_end(&p->x), PLOT_MAX_LANES) < 0)
        return -1;
    p->band_top = 44;
    p->top = p->band_top + p->brackets.lanes * PLOT_LANE + 10;
    p->bottom = p->top + PLOT_CHART_HEIGHT;
    p->height = p->bottom + 72;
    return 0;
}

static int plot_write(struct plot *p, const char *title, int embedded)
{
    if (plot_layout(p) < 0)
        return -1;
    if (!embedded)
        fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", p->out);
    fprintf(p->out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
            "viewBox=\"0 0 %.0f %.0f\" font-family=\"%s\">\n"
            "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
            PLOT_WIDTH, p->height, PLOT_WIDTH, p->height, PLOT_FONT);
    plot_title(p, title);
    plot_spans(p);
    plot_axes(p);
    for (size_t f = 0; f < p->nfiles; f++) {
        plot_curve(p, &p->files[f].mem, f, 0);
        plot_curve(p, &p->files[f].heap, f, 1);
    }
    fprintf(p->out, "<g class=\"brackets\">\n");
    for (size_t i = 0; i < p->brackets.n; i++)
        plot_bracket(p, &p->brackets.v[i]);
    fprintf(p->out, "</g>\n");
    for (size_t f = 0; f < p->nfiles; f++) {
        plot_peak(p, &p->files[f].mem, f, 0);
        plot_peak(p, &p->files[f].heap, f, 1);
    }
    plot_legend(p);
    fprintf(p->out, "</svg>\n");
    brackets_free(&p->brackets);
    return 0;
}

int plot_svg(FILE *out, char *const *paths, size_t n, const char *title, int embedded,
             const char *command)
{
    struct df_file *files = calloc(n, sizeof *files);
    struct plot p;
    char err[512];
    int rc = 0;
    size_t loaded = 0;

    if (!files)
        return -1;
    for (; loaded < n && rc == 0; loaded++) {
        if (df_read(paths[loaded], &files[loaded], err, sizeof err) < 0) {
            fprintf(stderr, "%s: %s\n", command, err);
            rc = -1;
        } else if (files[loaded].mem.n + files[loaded].heap.n == 0) {
            fprintf(stderr, "%s: %s: no MEM or HEAP samples to plot\n", command, paths[loaded]);
            rc = -1;
        } else {
            df_sort(&files[loaded]);
        }
    }
    if (rc == 0) {
        memset(&p, 0, sizeof p);
        p.files = files;
        p.paths = paths;
        p.nfiles = n;
        p.out = out;
        if (plot_write(&p, title, embedded) < 0) {
            fprintf(stderr, "%s: out of memory laying out the chart\n", command);
            rc = -1;
        }
    }
    for (size_t i = 0; i < loaded; i++)
        df_free(&files[i]);
    free(files);
    return rc;
}

/* The chart is drawn in memory first, so that an unreadable data file is
** reported as such and leaves no output file behind. */
static int plot_run(char **paths, size_t n, const char *output, const char *title)
{
    char *svg = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&svg, &len), *out;
    int rc;

    if (!mem)
        return 1;
    rc = plot_svg(mem, paths, n, title, 0, "memline plot") < 0;
    if ((ferror(mem) | fclose(mem)) != 0)
        rc = 1;
    if (rc == 0) {
        out = fopen(output, "w");
        rc = !out;
        if (out) {
            rc = fwrite(svg, 1, len, out) != len;
            rc |= (ferror(out) | fclose(out)) != 0;
        }
        if (rc)
            fprintf(stderr, "memline plot: cannot write '%s'\n", output);
    }
    free(svg);
    return rc;
}

int plot_main(int argc, char **argv)
{
    char **paths = calloc((size_t)argc, sizeof *paths);
    const char *output = NULL, *title = NULL;
    char *default_output = NULL;
    size_t n = 0;
    int rc;

    if (!paths)
        return 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
            output = argv[++i];
        } else if (strcmp(argv[i], "--title") == 0 && i + 1 < argc) {
            title = argv[++i];
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            printf("%s\n", PLOT_USAGE);
            free(paths);
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "memline plot: unknown option '%s'; %s\n", argv[i], PLOT_USAGE);
            free(paths);
            return 2;
        } else {
            paths[n++] = argv[i];
        }
    }
    if (n == 0) {
        fprintf(stderr, "memline plot: no data file given; %s\n", PLOT_USAGE);
        free(paths);
        return 2;
    }
    if (!output)
        output = default_output = outname_for(paths[0], ".dat", ".svg");
    rc = output ? plot_run(paths, n, output, title) : 1;
    if (rc == 0)
        fprintf(stderr, "memline plot: wrote %s\n", output);
    free(default_output);
    free(paths);
    return rc;
}
