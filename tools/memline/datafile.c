/*
** datafile.c — reads and writes the timeline data file (format in
** datafile.h).
**
** The reader is strict: every line is a known record with the right number
** of well-formed fields, or the file is rejected with "<file>:<line>: what
** was expected". A file that parses always has finite, non-negative times
** and sizes, and calls that end no earlier than they start, so that the
** plot never has to second-guess its input.
*/
#define _GNU_SOURCE
#include "datafile.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define DF_MAX_FIELDS 8

struct df_reader {
    const char *name;
    size_t line;
    char *err;
    size_t errlen;
};

static int df_fail(struct df_reader *r, const char *fmt, ...)
{
    va_list ap;
    int n = snprintf(r->err, r->errlen, "%s:%zu: ", r->name, r->line);

    va_start(ap, fmt);
    if (n >= 0 && (size_t)n < r->errlen)
        vsnprintf(r->err + n, r->errlen - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

static int df_bytes(const char *s, long long *v)
{
    char *end;

    errno = 0;
    *v = strtoll(s, &end, 10);
    return errno == 0 && end != s && *end == '\0' && *v >= 0 ? 0 : -1;
}

static int df_seconds(const char *s, double *v)
{
    char *end;

    errno = 0;
    *v = strtod(s, &end);
    return errno == 0 && end != s && *end == '\0' && isfinite(*v) && *v >= 0 ? 0 : -1;
}

static int df_push_sample(struct df_series *s, long long bytes, double t)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 256;
        struct df_sample *v = realloc(s->v, cap * sizeof *v);

        if (!v)
            return -1;
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n].t = t;
    s->v[s->n].bytes = bytes;
    s->n++;
    return 0;
}

static int df_push_call(struct df_file *f, const struct df_call *c)
{
    if (f->ncalls == f->capcalls) {
        size_t cap = f->capcalls ? 2 * f->capcalls : 64;
        struct df_call *v = realloc(f->calls, cap * sizeof *v);

        if (!v)
            return -1;
        f->calls = v;
        f->capcalls = cap;
    }
    f->calls[f->ncalls] = *c;
    f->calls[f->ncalls].name = strdup(c->name);
    if (!f->calls[f->ncalls].name)
        return -1;
    f->ncalls++;
    return 0;
}

/* Splits `line` in place on blanks; returns the number of fields. */
static int df_split(char *line, char **field)
{
    int n = 0;
    char *save = NULL;

    for (char *tok = strtok_r(line, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
        if (n == DF_MAX_FIELDS)
            return DF_MAX_FIELDS + 1;
        field[n++] = tok;
    }
    return n;
}

/* A sample record: "<KEY> <bytes> <t>". */
static int df_sample_record(struct df_reader *r, struct df_series *s, char **field, int n)
{
    long long bytes;
    double t;

    if (n != 3 || df_bytes(field[1], &bytes) || df_seconds(field[2], &t))
        return df_fail(r, "expected '%s <bytes> <seconds>'", field[0]);
    return df_push_sample(s, bytes, t) ? df_fail(r, "out of memory") : 0;
}

static int df_call_record(struct df_reader *r, struct df_file *f, char **field, int n)
{
    struct df_call c;

    if (n != 6 || df_bytes(field[2], &c.heap_start) || df_seconds(field[3], &c.t_start) ||
        df_bytes(field[4], &c.heap_end) || df_seconds(field[5], &c.t_end))
        return df_fail(r, "expected 'FUNC <name> <bytes> <seconds> <bytes> <seconds>'");
    if (c.t_end < c.t_start)
        return df_fail(r, "FUNC %s ends (%s s) before it starts (%s s)", field[1], field[5],
                       field[3]);
    c.name = field[1];
    return df_push_call(f, &c) ? df_fail(r, "out of memory") : 0;
}

static int df_end_record(struct df_reader *r, struct df_file *f, char **field, int n)
{
    long long v;
    int is_signal = n == 4 && strcmp(field[2], "signal") == 0;

    if (n != 4 || df_seconds(field[1], &f->end_t) ||
        (!is_signal && strcmp(field[2], "exit") != 0) || df_bytes(field[3], &v) || v > 255)
        return df_fail(r, "expected 'END <seconds> exit <code>' or 'END <seconds> signal <n>'");
    f->ended = 1;
    f->end_signal = is_signal ? (int)v : 0;
    f->end_code = is_signal ? 0 : (int)v;
    return 0;
}

static int df_header_record(struct df_reader *r, struct df_file *f, char **field, int n)
{
    long long v;

    if (strcmp(field[0], "VERSION") == 0) {
        if (n != 2 || df_bytes(field[1], &v))
            return df_fail(r, "expected 'VERSION <number>'");
        if (v != DF_VERSION)
            return df_fail(r, "version %lld is not supported (this memline reads version %d)", v,
                           DF_VERSION);
        return 0;
    }
    if (strcmp(field[0], "START") == 0)
        return n == 2 && !df_seconds(field[1], &f->start)
                   ? 0
                   : df_fail(r, "expected 'START <seconds>'");
    if (strcmp(field[0], "INTERVAL") == 0)
        return n == 2 && !df_seconds(field[1], &f->interval)
                   ? 0
                   : df_fail(r, "expected 'INTERVAL <seconds>'");
    if (n != 2 || df_bytes(field[1], &v) || v > 1)
        return df_fail(r, "expected 'CHILDREN 0' or 'CHILDREN 1'");
    f->include_children = (int)v;
    return 0;
}

static int df_line(struct df_reader *r, struct df_file *f, char *line)
{
    char *field[DF_MAX_FIELDS];
    int n;

    line[strcspn(line, "\r\n")] = '\0';
    if (strncmp(line, "CMDLINE", 7) == 0 && (line[7] == ' ' || line[7] == '\0')) {
        free(f->cmdline);
        f->cmdline = strdup(line[7] ? line + 8 : "");
        return f->cmdline ? 0 : df_fail(r, "out of memory");
    }
    n = df_split(line, field);
    if (n == 0 || field[0][0] == '#')
        return 0;
    if (strcmp(field[0], "MEM") == 0)
        return df_sample_record(r, &f->mem, field, n);
    if (strcmp(field[0], "HEAP") == 0)
        return df_sample_record(r, &f->heap, field, n);
    if (strcmp(field[0], "FUNC") == 0)
        return df_call_record(r, f, field, n);
    if (strcmp(field[0], "END") == 0)
        return df_end_record(r, f, field, n);
    if (strcmp(field[0], "VERSION") == 0 || strcmp(field[0], "START") == 0 ||
        strcmp(field[0], "INTERVAL") == 0 || strcmp(field[0], "CHILDREN") == 0)
        return df_header_record(r, f, field, n);
    return df_fail(r, "unknown record '%.40s' (expected MEM, HEAP, FUNC, END, CMDLINE, ...)",
                   field[0]);
}

int df_parse(FILE *in, const char *name, struct df_file *f, char *err, size_t errlen)
{
    struct df_reader r = {name, 0, err, errlen};
    char *line = NULL;
    size_t cap = 0;
    int rc = 0;

    memset(f, 0, sizeof *f);
    while (rc == 0 && getline(&line, &cap, in) >= 0) {
        r.line++;
        rc = df_line(&r, f, line);
    }
    if (rc == 0 && ferror(in)) {
        snprintf(err, errlen, "%s: %s", name, strerror(errno));
        rc = -1;
    }
    free(line);
    if (rc)
        df_free(f);
    return rc;
}

int df_read(const char *path, struct df_file *f, char *err, size_t errlen)
{
    FILE *in = fopen(path, "r");
    int rc;

    if (!in) {
        memset(f, 0, sizeof *f);
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    rc = df_parse(in, path, f, err, errlen);
    fclose(in);
    return rc;
}

void df_free(struct df_file *f)
{
    for (size_t i = 0; i < f->ncalls; i++)
        free(f->calls[i].name);
    free(f->calls);
    free(f->mem.v);
    free(f->heap.v);
    free(f->cmdline);
    memset(f, 0, sizeof *f);
}

/* Insertion sort: samples arrive almost sorted, and it is stable. */
static void df_sort_series(struct df_series *s)
{
    for (size_t i = 1; i < s->n; i++) {
        struct df_sample x = s->v[i];
        size_t j = i;

        for (; j > 0 && s->v[j - 1].t > x.t; j--)
            s->v[j] = s->v[j - 1];
        s->v[j] = x;
    }
}

void df_sort(struct df_file *f)
{
    df_sort_series(&f->mem);
    df_sort_series(&f->heap);
}

static double df_series_end(const struct df_series *s, double t)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].t > t)
            t = s->v[i].t;
    return t;
}

double df_duration(const struct df_file *f)
{
    double t = f->ended ? f->end_t : 0;

    t = df_series_end(&f->mem, t);
    t = df_series_end(&f->heap, t);
    for (size_t i = 0; i < f->ncalls; i++)
        if (f->calls[i].t_end > t)
            t = f->calls[i].t_end;
    return t;
}

int df_peak(const struct df_series *s, struct df_sample *peak)
{
    if (s->n == 0)
        return 0;
    *peak = s->v[0];
    for (size_t i = 1; i < s->n; i++)
        if (s->v[i].bytes > peak->bytes)
            *peak = s->v[i];
    return 1;
}

void df_write_header(FILE *out, const char *cmdline, double start, double interval,
                     int include_children)
{
    fprintf(out, "VERSION %d\nCMDLINE %s\nSTART %.6f\nINTERVAL %.6f\nCHILDREN %d\n", DF_VERSION,
            cmdline, start, interval, include_children ? 1 : 0);
}

void df_write_mem(FILE *out, long long bytes, double t)
{
    fprintf(out, "MEM %lld %.6f\n", bytes, t);
}

void df_write_heap(FILE *out, long long bytes, double t)
{
    fprintf(out, "HEAP %lld %.6f\n", bytes, t);
}

void df_write_call(FILE *out, const struct df_call *c)
{
    fprintf(out, "FUNC %s %lld %.6f %lld %.6f\n", c->name, c->heap_start, c->t_start, c->heap_end,
            c->t_end);
}

void df_write_end(FILE *out, double t, int signal, int code)
{
    if (signal)
        fprintf(out, "END %.6f signal %d\n", t, signal);
    else
        fprintf(out, "END %.6f exit %d\n", t, code);
}
