/*
** runtime/scratch.h — line records that no report reads (prefix mlsc_):
** where the probes of a refused site write (code built for another probe
** version, a thread out of runtime memory), and of every frame and entry
** of a thread that does not trace (tracing.h).
**
** Each thread has its own scratch (MLSC_THREAD_LINES lines, mapped with
** MAP_NORESERVE on first need and kept with the thread's pooled state), so
** that no two threads write the same bytes; a site longer than that, and a
** refused site, whose length cannot be trusted, write into one scratch
** area the whole process shares, room for any site: what lands there is
** never read, so its contents do not matter.
*/
#ifndef MEMLINE_SCRATCH_H
#define MEMLINE_SCRATCH_H

#include <memline/probe.h>

#define MLSC_THREAD_LINES 16384

/* Scratch records for a site of n records (mlrec_nslots), its site row
** (lines[-1]) included: the thread's, or the shared area's; the process
** ends (status 127) if no scratch can be mapped. */
struct memline_line *mlsc_lines(unsigned n);

/* Whether lines are scratch records. */
int mlsc_is(const struct memline_line *lines);

/* The thread's scratch frame, on no stack, for a site it refuses (with one
** line on stderr per refused probe version; `version` equal to this
** runtime's means out of memory). */
struct memline_frame *mlsc_refuse(unsigned version);

/* A table of records by site id whose every entry but id 0 (no site's: a
** site that reads it is not registered) is scratch records fit for that
** site: the thread's, made again when *n grew past it; NULL when out of
** memory. *n becomes its length. */
struct memline_line **mlsc_table(unsigned *n);

#endif
