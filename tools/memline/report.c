/*
** report.c — `memline report FILE.json [--unit U] [--precision N]
** [--columns LIST] [--top N]`: prints a JSON report as the text tables,
** byte for byte as the runtime prints them with the same MEMLINE_UNIT,
** MEMLINE_PRECISION, MEMLINE_COLUMNS and MEMLINE_TOP (it runs the runtime's own
** formatter, runtime/report_text.c). A report with per-line leaks gets the
** Leaked column, as the runtime adds it when leaks are tracked; one with
** the peak's composition gets At peak (it was asked for) and the closing
** peak line.
**
** Exit status: 0, 2 for a usage error or a file that cannot be read or is
** not a report (one line on stderr naming the file and where), 1 when
** stdout cannot be written.
*/
#include "commands.h"

#include "jsonread.h"
#include "settings.h"
#include "textopts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define REPORT_USAGE                                                                               \
    "usage: memline report FILE.json [--unit U] [--precision N] [--columns LIST] [--top N]"

/* A column the runtime adds when it measured its data (`tracked`; Lost
** only when asked); asked for without the data, one line on stderr and -1. */
static int report_column(struct mlr_text_options *opts, enum mlr_column column, int tracked,
                         const char *path, const char *data, const char *setting)
{
    if (tracked && column == MLR_COLUMN_LEAKED)
        mls_add_leaked_column(opts);
    else if (tracked && column != MLR_COLUMN_LOST)
        txo_add_column(opts, column);
    else if (!tracked && txo_has_column(opts, column)) {
        fprintf(stderr, "memline report: %s has no %s (run the program with %s)\n", path, data,
                setting);
        return -1;
    }
    return 0;
}

int report_main(int argc, char **argv)
{
    struct mlr_text_options opts;
    const char *path = NULL;
    struct jr_report r;
    struct mlo_out o;
    char err[1024];
    int fd = STDOUT_FILENO, i, status;

    mlr_text_defaults(&opts);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];

        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            printf("%s\n", REPORT_USAGE);
            return 0;
        }
        if ((strcmp(a, "--unit") == 0 || strcmp(a, "--precision") == 0 ||
             strcmp(a, "--columns") == 0 || strcmp(a, "--top") == 0) &&
            i + 1 == argc) {
            fprintf(stderr, "memline report: %s needs a value; %s\n", a, REPORT_USAGE);
            return 2;
        }
        if (strcmp(a, "--unit") == 0) {
            if (txo_unit("report", argv[++i], &opts.unit) != 0)
                return 2;
        } else if (strcmp(a, "--precision") == 0) {
            if (txo_precision("report", argv[++i], &opts.precision) != 0)
                return 2;
        } else if (strcmp(a, "--columns") == 0) {
            if (txo_columns("report", argv[++i], &opts) != 0)
                return 2;
        } else if (strcmp(a, "--top") == 0) {
            char *end;
            unsigned long n = strtoul(argv[++i], &end, 10);

            if (*end || end == argv[i] || n > MLR_MAX_TOP) {
                fprintf(stderr, "memline report: --top '%s' is not valid (accepted: 0 to %d)\n",
                        argv[i], MLR_MAX_TOP);
                return 2;
            }
            opts.top = (unsigned)n;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "memline report: unknown option '%s'; %s\n", a, REPORT_USAGE);
            return 2;
        } else if (path) {
            fprintf(stderr, "memline report: one report at a time ('%s' and '%s'); %s\n", path, a,
                    REPORT_USAGE);
            return 2;
        } else {
            path = a;
        }
    }
    if (!path) {
        fprintf(stderr, "memline report: no report given; %s\n", REPORT_USAGE);
        return 2;
    }
    if (jr_read_file(path, &r, err, sizeof err) != 0) {
        fprintf(stderr, "memline report: %s\n", err);
        return 2;
    }
    if (report_column(&opts, MLR_COLUMN_LEAKED, r.report.leaks_tracked, path, "leak data",
                      "MEMLINE_LEAKS=1") != 0 ||
        report_column(&opts, MLR_COLUMN_AT_PEAK, r.report.peak_tracked, path, "peak data",
                      "MEMLINE_COLUMNS=at_peak") != 0 ||
        report_column(&opts, MLR_COLUMN_LOST, r.report.reach_tracked, path, "reachability data",
                      "MEMLINE_LEAKS=1") != 0) {
        jr_free(&r);
        return 2;
    }
    mlo_init(&o, mlo_fd_sink, &fd);
    mlr_write_text(&o, &r.report, &opts);
    status = mlo_finish(&o) == 0 ? 0 : 1;
    if (status)
        perror("memline report: writing the report");
    jr_free(&r);
    return status;
}
