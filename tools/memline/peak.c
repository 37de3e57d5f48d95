/*
** peak.c — `memline peak FILE...`: one line per data file with the peak
** resident set size and, for memline-cc programs, the peak live heap:
**
**   run.dat: peak RSS 41.3 MiB at 0.52 s, peak heap 40.0 MiB at 0.50 s
**
** A file that cannot be read is reported on stderr and the others are
** still printed; the exit status is 1 if any file failed.
*/
#include "commands.h"

#include "axis.h"
#include "datafile.h"

#include <stdio.h>
#include <string.h>

#define PEAK_USAGE "usage: memline peak FILE..."

static void peak_print(const char *what, const struct df_series *s, const char **sep)
{
    struct df_sample peak;
    char size[32], when[32];

    if (!df_peak(s, &peak))
        return;
    axis_format_bytes((double)peak.bytes, size, sizeof size);
    axis_format_seconds(peak.t, when, sizeof when);
    printf("%speak %s %s at %s", *sep, what, size, when);
    *sep = ", ";
}

static int peak_file(const char *path)
{
    struct df_file f;
    char err[512];
    const char *sep = " ";

    if (df_read(path, &f, err, sizeof err) < 0) {
        fprintf(stderr, "memline peak: %s\n", err);
        return 1;
    }
    printf("%s:", path);
    peak_print("RSS", &f.mem, &sep);
    peak_print("heap", &f.heap, &sep);
    printf("%s\n", f.mem.n + f.heap.n ? "" : " no samples");
    df_free(&f);
    return 0;
}

int peak_main(int argc, char **argv)
{
    int rc = 0;

    if (argc < 2) {
        fprintf(stderr, "memline peak: no data file given; %s\n", PEAK_USAGE);
        return 2;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        printf("%s\n", PEAK_USAGE);
        return 0;
    }
    for (int i = 1; i < argc; i++)
        rc |= peak_file(argv[i]);
    return rc;
}
