/*
** runtime/scratch.h — line records that no report reads (prefix mlsc_):
** where the probes of a refused site write (code built for another probe
** version, a thread out of runtime memory), and of every frame and entry
** of a thread that does not trace (tracing.h).
**
** The scratch area is one mapping (MAP_NORESERVE) with room for any site
** and its site row, shared by every thread: what lands there is never
** read, so its contents do not matter.
*/
#ifndef MEMLINE_SCRATCH_H
#define MEMLINE_SCRATCH_H

#include <memline/probe.h>

/* The scratch records (lines[-1], the site row, included); the process
** ends (status 127) if they cannot be mapped. */
struct memline_line *mlsc_lines(void);

/* The thread's scratch frame, on no stack, for a site it refuses (with one
** line on stderr per refused probe version; `version` equal to this
** runtime's means out of memory). */
struct memline_frame *mlsc_refuse(unsigned version);

/* A table of records by site id, n long, whose every entry but id 0 (no
** site's: a site that reads it is not registered) is the scratch: the
** thread's, made again when n grew; NULL when out of memory. *n becomes
** its length. */
struct memline_line **mlsc_table(unsigned *n);

#endif
