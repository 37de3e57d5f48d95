/*
** runtime/types.h — the heap by type (prefix mlty_), MEMLINE_TYPES=1: the
** registry of type names the rewriter tags allocation calls with
** (include/memline/probe.h, struct memline_type), and the entry point
** that tags a block.
**
** A name gets a small id on its first block, by name, so that the same
** type in two files (or in an object loaded again) is one type; the
** registry keeps its own copy of the name (an object may be unloaded).
** Id 0 is "(unknown)": blocks of profiled lines without a tag. Beyond
** MLTY_MAX - 1 names, blocks stay unknown.
**
** The live and peak bytes and blocks per type are cells of atpeak.h (its
** types site); leaks.c keeps each block's type in the owner table.
*/
#ifndef MEMLINE_TYPES_H
#define MEMLINE_TYPES_H

#define MLTY_MAX 4096

/* Turns tagging on (after mlk_start and mlap_start). */
void mlty_start(void);

/* The name of type id (id < MLTY_MAX); NULL for an id never given out. */
const char *mlty_name(unsigned id);

/* The number of ids given out so far, plus one for id 0. */
unsigned mlty_count(void);

struct mlr_type;

/* The rows of a report's heap by type, in arena memory, in mlr_type_order:
** every type with blocks now or at the peak, "(unknown)" and "(not
** profiled)" (the rest of the live heap). After an on-demand report
** (`remember`: numbered ones), later reports carry each type's growth
** since it (*growth set). Returns the number of rows, or -1 if the tables
** were busy (see leaks.h) or memory ran out. */
long mlty_rows(int remember, struct mlr_type **rows, int *growth);

/* Around fork(): the registry's lock is held across it. */
void mlty_fork_prepare(void);
void mlty_fork_parent(void);
void mlty_fork_child(void);

#endif
