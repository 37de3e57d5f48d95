/*
** textopts.h — the command-line spelling of the report's text options
** (prefix txo_): --unit, --precision, --columns, as `memline report` and
** `memline diff` take them. Values are those of MEMLINE_UNIT,
** MEMLINE_PRECISION and MEMLINE_COLUMNS (PRODUCT.md §4), case ignored.
**
** Each function returns 0, or -1 after printing one line on stderr that
** names the command, the option and the accepted values.
*/
#ifndef MEMLINE_TEXTOPTS_H
#define MEMLINE_TEXTOPTS_H

#include "report.h"

int txo_unit(const char *command, const char *value, enum mlr_unit *unit);
int txo_precision(const char *command, const char *value, int *precision);

/* Replaces opts' columns with a comma-separated list (duplicates once). */
int txo_columns(const char *command, const char *value, struct mlr_text_options *opts);

/* Appends `column` unless it is already listed. */
void txo_add_column(struct mlr_text_options *opts, enum mlr_column column);

/* Nonzero if opts lists `column`. */
int txo_has_column(const struct mlr_text_options *opts, enum mlr_column column);

#endif
