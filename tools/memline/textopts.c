/*
** textopts.c — parsing of --unit, --precision and --columns (textopts.h).
*/
#include "textopts.h"
#include "settings.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

struct txo_name {
    const char *name;
    int value;
};

static const struct txo_name txo_units[] = {{"auto", MLR_UNIT_AUTO}, {"B", MLR_UNIT_B},
                                            {"KiB", MLR_UNIT_KIB},   {"MiB", MLR_UNIT_MIB},
                                            {"GiB", MLR_UNIT_GIB},   {NULL, 0}};

static int txo_find(const struct txo_name *names, const char *s, size_t n)
{
    for (int i = 0; names[i].name; i++)
        if (strlen(names[i].name) == n && strncasecmp(names[i].name, s, n) == 0)
            return names[i].value;
    return -1;
}

int txo_unit(const char *command, const char *value, enum mlr_unit *unit)
{
    int found = txo_find(txo_units, value, strlen(value));

    if (found < 0) {
        fprintf(stderr,
                "memline %s: --unit '%s' is not valid (accepted: auto, B, KiB, MiB or GiB)\n",
                command, value);
        return -1;
    }
    *unit = (enum mlr_unit)found;
    return 0;
}

int txo_precision(const char *command, const char *value, int *precision)
{
    if (value[0] >= '0' && value[0] <= '0' + MLR_MAX_PRECISION && value[1] == '\0') {
        *precision = value[0] - '0';
        return 0;
    }
    fprintf(stderr, "memline %s: --precision '%s' is not valid (accepted: 0 to %d)\n", command,
            value, MLR_MAX_PRECISION);
    return -1;
}

int txo_has_column(const struct mlr_text_options *opts, enum mlr_column column)
{
    for (int i = 0; i < opts->ncolumns; i++)
        if (opts->columns[i] == column)
            return 1;
    return 0;
}

void txo_add_column(struct mlr_text_options *opts, enum mlr_column column)
{
    if (!txo_has_column(opts, column) && opts->ncolumns < MLR_MAX_COLUMNS)
        opts->columns[opts->ncolumns++] = column;
}

int txo_columns(const char *command, const char *value, struct mlr_text_options *opts)
{
    const char *bad;
    size_t badlen;

    if (mls_parse_columns(value, opts, &bad, &badlen) == 0)
        return 0;
    fprintf(stderr,
            "memline %s: --columns '%s' is not valid (unknown column '%.*s'; accepted: "
            "peak, allocs, frees, leaked, at_peak or lost, separated by commas)\n",
            command, value, (int)badlen, bad);
    return -1;
}
