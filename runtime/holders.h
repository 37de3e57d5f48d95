/*
** runtime/holders.h — the report's view of who holds a leak (prefix
** mlho_): runs the reachability scan (reach.h) and turns its result into
** the rows' `lost` and the report's leak list (report.h), each chain's
** steps named: a root as roots.h and symbols.h say, a block by the line
** that allocated it.
**
** Invariants: memory from the arena only; the rows and functions given
** are the report's, indexed by site id.
*/
#ifndef MEMLINE_HOLDERS_H
#define MEMLINE_HOLDERS_H

#include "report.h"

/* rows[id] and functions[id] for site ids 1..nsites (NULL where the
** report has no table). Adds every unreachable block to its row's lost
** and sets *leaks (largest first) and *nleaks; 0, or -1 when the scan
** could not run (nothing changed). */
int mlho_build(struct mlr_row **rows, const struct mlr_function **functions, unsigned nsites,
               const struct mlr_leak **leaks, unsigned long *nleaks);

#endif
