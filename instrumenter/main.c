/*
** main.c — memline-instrument: prints a C file with memline probes
** inserted, for people and scripts (memline-cc calls the mli library
** in-process instead).
**
**   memline-instrument [--functions GLOB,...] [--predefined FILE] [--stats]
**                      [--allocations] [--types] [--reference] FILE.c
**                      [-- COMPILER ARGS...]
**
** --predefined FILE: the real compiler's predefined macros, as `cc -dM -E
** -x c /dev/null` prints them, for the file's own text (as memline-cc
** gives them); without it, the file sees libclang's.
**
** --allocations: instead of the file, one line per allocation call of the
** selected functions with the type it allocates, as memline infers it
** (alloctype.h): "FILE:LINE: in FUNCTION(): CALLEE -> TYPE". --types:
** tag those calls in the rewritten file, as memline-cc does with
** MEMLINE_TYPES=1 (typetags.h). --reference: every statement its own probe
** (mli.h), the counts tests hold the default rewrite's against.
**
** The rewritten file goes to stdout. When nothing is selected, or the file
** cannot be instrumented, the file goes to stdout unchanged, and in the
** second case one line on stderr says why. The exit status is 0 in all
** three cases (the output always compiles as the input would); 1 for a
** usage error or an unreadable file.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mli.h"

static const char usage[] =
    "usage: memline-instrument [--functions GLOB,...] [--predefined FILE] [--stats]\n"
    "                          [--allocations] [--types] [--reference] FILE.c [-- COMPILER "
    "ARGS...]\n";

/* Splits a comma-separated glob list into `globs` (pointers into `list`). */
static size_t split_globs(char *list, const char **globs, size_t max)
{
    size_t n = 0;
    char *save = NULL, *tok;

    for (tok = strtok_r(list, ",", &save); tok && n < max; tok = strtok_r(NULL, ",", &save))
        globs[n++] = tok;
    return n;
}

static int print_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    char buf[65536];
    size_t n;

    if (!fp) {
        fprintf(stderr, "memline-instrument: %s: %s\n", path, strerror(errno));
        return 1;
    }
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
        fwrite(buf, 1, n, stdout);
    fclose(fp);
    return 0;
}

int main(int argc, char **argv)
{
    const char *globs[256];
    size_t nglobs = 0;
    const char *path = NULL;
    int i, stats = 0, allocations = 0, types = 0, reference = 0, rc;
    const char *predefined = NULL;
    char *macros = NULL;
    size_t macros_length = 0;
    struct mli_options opts;
    struct mli_result r;
    FILE *probe;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else if (strcmp(argv[i], "--functions") == 0 && i + 1 < argc) {
            nglobs += split_globs(argv[++i], globs + nglobs, 256 - nglobs);
        } else if (strncmp(argv[i], "--functions=", 12) == 0) {
            nglobs += split_globs(argv[i] + 12, globs + nglobs, 256 - nglobs);
        } else if (strcmp(argv[i], "--predefined") == 0 && i + 1 < argc) {
            predefined = argv[++i];
        } else if (strcmp(argv[i], "--stats") == 0) {
            stats = 1;
        } else if (strcmp(argv[i], "--allocations") == 0) {
            allocations = 1;
        } else if (strcmp(argv[i], "--types") == 0) {
            types = 1;
        } else if (strcmp(argv[i], "--reference") == 0) {
            reference = 1;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage, stdout);
            return 0;
        } else if (argv[i][0] == '-' || path) {
            fputs(usage, stderr);
            return 1;
        } else {
            path = argv[i];
        }
    }
    if (!path) {
        fputs(usage, stderr);
        return 1;
    }
    probe = fopen(path, "rb");
    if (!probe) {
        fprintf(stderr, "memline-instrument: %s: %s\n", path, strerror(errno));
        return 1;
    }
    fclose(probe);
    memset(&opts, 0, sizeof opts);
    opts.functions = globs;
    opts.nfunctions = nglobs;
    opts.list_allocations = allocations;
    opts.tag_types = types;
    opts.reference = reference;
    if (predefined) {
        if (!(macros = mlb_read_file(predefined, &macros_length))) {
            fprintf(stderr, "memline-instrument: %s: %s\n", predefined, strerror(errno));
            return 1;
        }
        opts.predefined = macros;
        opts.predefined_length = macros_length;
    }
    if (!mli_wants(path, NULL, 0, (const char *const *)argv + i, (size_t)(argc - i), &opts))
        return allocations ? 0 : print_file(path);
    mli_rewrite(path, NULL, 0, (const char *const *)argv + i, (size_t)(argc - i), &opts, &r);
    if (allocations) {
        if (r.allocations)
            fputs(r.allocations, stdout);
        if (r.status == MLI_UNCHANGED)
            fprintf(stderr, "memline-instrument: %s: not instrumented: %s\n", path,
                    r.reason ? r.reason : "unknown reason");
        rc = 0;
    } else if (r.status == MLI_REWRITTEN) {
        fwrite(r.text, 1, r.length, stdout);
        if (stats)
            fprintf(stderr, "memline-instrument: %s: %u functions, %u probes\n", path, r.functions,
                    r.probes);
        rc = 0;
    } else {
        if (r.status == MLI_UNCHANGED)
            fprintf(stderr, "memline-instrument: %s: not instrumented: %s\n", path,
                    r.reason ? r.reason : "unknown reason");
        rc = print_file(path);
    }
    mli_result_free(&r);
    free(macros);
    return rc;
}
