/*
** html.c — `memline html REPORT.json [-o OUT.html] [--timeline FILE.dat]
** [--title T] [--top N] [--unit U] [--precision N]`: one self-contained
** HTML page for a report (htmlpage.h writes it), opened straight from
** disk. Default output: REPORT.html beside REPORT.json.
**
** The page is written to a temporary file beside the output and renamed
** over it when complete, so a failure (an unreadable timeline, a full
** disk) leaves no half page and an older page untouched. Exit status 0,
** 2 for a usage error or a report or timeline that cannot be read, 1 when
** the page cannot be written.
*/
#define _GNU_SOURCE
#include "commands.h"

#include "htmlpage.h"
#include "jsonread.h"
#include "outname.h"
#include "textopts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HTML_USAGE                                                                                 \
    "usage: memline html REPORT.json [-o OUT.html] [--timeline FILE.dat] [--title T] [--top N] "   \
    "[--unit U] [--precision N]"
#define HTML_DEFAULT_TOP 10

static int html_write(struct htp_page *page, const char *output)
{
    size_t n = strlen(output);
    char *partial = malloc(n + sizeof ".partial-XXXXXX");
    int fd, rc = 0;

    if (!partial)
        return 1;
    memcpy(partial, output, n);
    memcpy(partial + n, ".partial-XXXXXX", sizeof ".partial-XXXXXX");
    fd = mkstemp(partial);
    if (fd >= 0) {
        mode_t mask = umask(0); /* mkstemp's 0600, made what fopen would give */

        umask(mask);
        fchmod(fd, 0666 & ~mask);
    }
    if (fd < 0 || !(page->out = fdopen(fd, "w"))) {
        fprintf(stderr, "memline html: cannot write '%s'\n", output);
        if (fd >= 0) {
            close(fd);
            unlink(partial);
        }
        free(partial);
        return 1;
    }
    if (htp_write(page) < 0)
        rc = 2;
    if ((ferror(page->out) | fclose(page->out)) != 0 && rc == 0) {
        fprintf(stderr, "memline html: cannot write '%s'\n", output);
        rc = 1;
    }
    if (rc == 0 && rename(partial, output) != 0) {
        fprintf(stderr, "memline html: cannot write '%s'\n", output);
        rc = 1;
    }
    if (rc)
        unlink(partial);
    free(partial);
    return rc;
}

/* The value of option argv[*i], or NULL after the usage error. */
static const char *html_value(int argc, char **argv, int *i)
{
    if (*i + 1 == argc) {
        fprintf(stderr, "memline html: %s needs a value; %s\n", argv[*i], HTML_USAGE);
        return NULL;
    }
    return argv[++*i];
}

static int html_top(const char *value, unsigned *top)
{
    char *end;
    unsigned long n = strtoul(value, &end, 10);

    if (*end || end == value || value[0] == '-' || n > MLR_MAX_TOP) {
        fprintf(stderr, "memline html: --top '%s' is not valid (accepted: 0 to %d)\n", value,
                MLR_MAX_TOP);
        return -1;
    }
    *top = (unsigned)n;
    return 0;
}

/* Reads the options into page; returns 0, 2 for a usage error, or -1 for
** --help (printed). */
static int html_options(int argc, char **argv, struct htp_page *page, const char **path,
                        const char **output, char **timelines)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;

        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            printf("%s\n", HTML_USAGE);
            return -1;
        }
        if (a[0] != '-' || a[1] == '\0') {
            if (*path) {
                fprintf(stderr, "memline html: one report at a time ('%s' and '%s'); %s\n", *path,
                        a, HTML_USAGE);
                return 2;
            }
            *path = a;
            continue;
        }
        if (strcmp(a, "-o") && strcmp(a, "--timeline") && strcmp(a, "--title") &&
            strcmp(a, "--top") && strcmp(a, "--unit") && strcmp(a, "--precision")) {
            fprintf(stderr, "memline html: unknown option '%s'; %s\n", a, HTML_USAGE);
            return 2;
        }
        if (!(v = html_value(argc, argv, &i)))
            return 2;
        if (strcmp(a, "-o") == 0)
            *output = v;
        else if (strcmp(a, "--timeline") == 0)
            timelines[page->ntimelines++] = (char *)v;
        else if (strcmp(a, "--title") == 0)
            page->title = v;
        else if (strcmp(a, "--top") == 0    ? html_top(v, &page->top)
                 : strcmp(a, "--unit") == 0 ? txo_unit("html", v, &page->opts.unit)
                                            : txo_precision("html", v, &page->opts.precision))
            return 2;
    }
    if (!*path) {
        fprintf(stderr, "memline html: no report given; %s\n", HTML_USAGE);
        return 2;
    }
    return 0;
}

int html_main(int argc, char **argv)
{
    struct htp_page page = {0};
    const char *path = NULL, *output = NULL;
    char **timelines = calloc((size_t)argc, sizeof *timelines);
    char *default_output = NULL, err[1024];
    struct jr_report r;
    int rc;

    if (!timelines)
        return 1;
    mlr_text_defaults(&page.opts);
    page.top = HTML_DEFAULT_TOP;
    rc = html_options(argc, argv, &page, &path, &output, timelines);
    if (rc) {
        free(timelines);
        return rc < 0 ? 0 : rc;
    }
    if (jr_read_file(path, &r, err, sizeof err) != 0) {
        fprintf(stderr, "memline html: %s\n", err);
        free(timelines);
        return 2;
    }
    if (!output)
        output = default_output = outname_for(path, ".json", ".html");
    page.r = &r.report;
    page.report_name = path;
    page.timelines = timelines;
    rc = output ? html_write(&page, output) : 1;
    if (rc == 0)
        fprintf(stderr, "memline html: wrote %s\n", output);
    free(default_output);
    free(timelines);
    jr_free(&r);
    return rc;
}
