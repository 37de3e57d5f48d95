/*
** datafile.h — the memline timeline data file (`memline run` writes it,
** `memline plot` and `memline peak` read it): one record a line, in the
** spirit of mprof's .dat files.
**
**   VERSION 1                         format version (optional; 1 if absent)
**   CMDLINE <command line>            the program and its arguments, quoted
**   START <seconds>                   Unix time of t = 0
**   INTERVAL <seconds>                RSS sampling interval
**   CHILDREN <0|1>                    1: MEM includes the descendants' RSS
**   MEM <bytes> <t>                   resident set size at t seconds
**   HEAP <bytes> <t>                  live heap (memline-cc programs only)
**   FUNC <name> <heap> <t0> <heap> <t1>
**                                     a profiled function ran from t0 to t1,
**                                     with the live heap at entry and exit
**   END <t> exit <code>  |  END <t> signal <number>
**                                     how and when the program ended
**
** Sizes are integer bytes; times are seconds since START. Blank lines and
** lines starting with '#' are ignored; any other line that is not one of
** the records above makes the whole file invalid. Records need not be in
** time order (the program's threads write concurrently).
*/
#ifndef MEMLINE_DATAFILE_H
#define MEMLINE_DATAFILE_H

#include <stddef.h>
#include <stdio.h>

#define DF_VERSION 1

struct df_sample {
    double t;
    long long bytes;
};

struct df_series {
    struct df_sample *v; /* in file order until df_sort() */
    size_t n, cap;
};

/* Fields in the order of the FUNC record. */
struct df_call {
    char *name;
    long long heap_start;
    double t_start;
    long long heap_end;
    double t_end;
};

struct df_file {
    char *cmdline; /* NULL when absent */
    double start, interval;
    int include_children;
    struct df_series mem, heap;
    struct df_call *calls;
    size_t ncalls, capcalls;
    int ended;      /* an END record was seen */
    double end_t;   /* ... its time */
    int end_signal; /* nonzero: killed by this signal */
    int end_code;   /* otherwise: exit code */
};

/* Reads `path` into *f (zeroed first). On failure returns -1, frees what
** was read, and puts a one-line message naming the file and line in err. */
int df_read(const char *path, struct df_file *f, char *err, size_t errlen);

/* The same, from an open stream; `name` is used in messages. */
int df_parse(FILE *in, const char *name, struct df_file *f, char *err, size_t errlen);

void df_free(struct df_file *f);

/* Sorts both series by time (stable for equal times). */
void df_sort(struct df_file *f);

/* The last time anything happened: the END record, else the latest
** sample or call end; 0 for an empty file. */
double df_duration(const struct df_file *f);

/* The first largest sample; 0 when the series is empty. */
int df_peak(const struct df_series *s, struct df_sample *peak);

/* Writers: one record each, in the format above. */
void df_write_header(FILE *out, const char *cmdline, double start, double interval,
                     int include_children);
void df_write_mem(FILE *out, long long bytes, double t);
void df_write_heap(FILE *out, long long bytes, double t);
void df_write_call(FILE *out, const struct df_call *call);
void df_write_end(FILE *out, double t, int signal, int code);

#endif
