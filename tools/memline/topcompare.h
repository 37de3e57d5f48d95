/*
** topcompare.h — `memline top OLD.json NEW.json` (prefix tpc_): the N
** largest changes between two reports, tracemalloc's compare_to.
*/
#ifndef MEMLINE_TOPCOMPARE_H
#define MEMLINE_TOPCOMPARE_H

#include "report.h"

/* Prints the changes; returns the exit status (2 for a report that cannot
** be read or lacks the sorted column, with one line on stderr). */
int tpc_compare(const char *old_path, const char *new_path, const struct mlr_top_options *t,
                const struct mlr_text_options *opts);

/* Whether r measured what key sorts by. */
int tpc_tracked(const struct mlr_report *r, enum mlr_top_key key);

#endif
