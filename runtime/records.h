/*
** runtime/records.h — the site registry and the per-thread line records
** (prefix mlrec_).
**
** Each profiled function (struct memline_site) gets an id on its first
** entry, under a mutex; the registry keeps its own copy of the site's
** description, by id and by identity (file, function, lines), so that the
** same function loaded again shares its id and records, and texts can be
** copied when their object is unloaded (unload.h). Each thread owns one
** array of record blocks indexed by site id; a block holds one struct
** memline_line per source line of the site and one per straight-line run
** (probe.h), after one for the site itself (the site row). Only the owning thread writes its blocks, so probes
** take no lock. Each thread also owns its stack of profiled frames
** (fstack.h). When a thread exits (pthread key destructor) its blocks are
** added into a process-wide table of dead threads' records, zeroed, its
** frames are dropped, and its whole state is pooled for the next thread. A report adds the dead
** table and every live thread's blocks.
**
** All memory comes from arena.h. The mutex is never taken inside malloc.
*/
#ifndef MEMLINE_RECORDS_H
#define MEMLINE_RECORDS_H

#include "api.h"
#include "fstack.h"

#include <memline/probe.h>

/* A thread's records: blocks[id] for each site id it entered; and its
** profiled frames. */
struct mlrec_thread {
    struct memline_line **blocks;
    unsigned nblocks;
    struct mlfs_stack frames;
    void *altstack;                   /* signal stack (crash.h), kept when pooled */
    struct mlapi_cell api;            /* the thread's share of the C API's peak */
    struct memline_line *scratch;     /* scratch.h: records no report reads, kept when pooled */
    struct mlrec_thread *next, *prev; /* live list, or pool */
};

/* Gives s an id if it has none: the id of a site registered before with
** the same file, function and lines (the same code loaded again after a
** dlclose, or linked twice), else a new one, whose description the
** registry copies. Returns 0, or -1 (nothing done) when the site was built
** for another MEMLINE_PROBE_VERSION or is malformed. */
int mlrec_register(struct memline_site *s);

/* Before an object is unloaded: the registry's descriptions that point
** into it (`inside` says which pointers do) get their own copies of the
** texts, so that reports outlive the object. */
void mlrec_detach(int (*inside)(const void *p, void *ctx), void *ctx);

/* The most records a site may have (its lines and runs): what the shared
** scratch area (scratch.h) has room for. */
#define MLREC_MAX_SLOTS (1u << 20)

/* Number of lines of a registered site. */
static inline unsigned mlrec_nlines(const struct memline_site *s)
{
    return s->last_line - s->first_line + 1;
}

/* Number of records of a registered site: its lines', then its runs'
** (probe.h). */
static inline unsigned mlrec_nslots(const struct memline_site *s)
{
    return mlrec_nlines(s) + s->nruns;
}

/* The line index that record counts on: a line's own, or the line of
** the first pair (run_lines) of a record after the lines; 0 when it has
** none. For the slow paths: a search of the pairs. */
unsigned mlrec_line_of(const struct memline_site *s, unsigned record);

struct memline_line *mlrec_lines_slow(struct memline_site *s);

/* The calling thread's records for registered site s (zeroed when new),
** or NULL when out of memory. Before the first line, lines[-1] is the
** site row: its `occurrences` counts calls that left without passing
** memline_exit (frames.c). */
static inline struct memline_line *mlrec_lines(struct memline_site *s)
{
    struct mlrec_thread *t = (struct mlrec_thread *)memline_tls.state;

    if (t && s->id < t->nblocks && t->blocks[s->id])
        return t->blocks[s->id];
    return mlrec_lines_slow(s);
}

/* The calling thread's frame stack, or NULL before its first profiled
** call. */
static inline struct mlfs_stack *mlrec_frames(void)
{
    struct mlrec_thread *t = (struct mlrec_thread *)memline_tls.state;

    return t ? &t->frames : NULL;
}

/* Called once per registered site with its records summed over all
** threads, dead and alive (`merged`, arena memory of mlrec_nslots(s)
** records, the caller's to keep, and merged[-1], the site row); the
** entry of a function counted by its callers holds the records that
** count its calls (probe.h, links). Holds the registry lock meanwhile. */
typedef void (*mlrec_visitor)(void *ctx, const struct memline_site *s,
                              const struct memline_line *merged);
void mlrec_merge(mlrec_visitor visit, void *ctx);

/* The largest of floor and the live threads' peak cells (api.h). */
long long mlrec_api_peak(long long floor);

/* Number of registered sites. */
unsigned mlrec_count(void);

/* The most records (mlrec_nslots) of any registered site. */
extern unsigned mlrec_longest;

/* The registered site with that id, or NULL. */
const struct memline_site *mlrec_site(unsigned id);

/* Adds the records of n lines of src into dst (sums and maxima). */
void mlrec_add(struct memline_line *dst, const struct memline_line *src, unsigned n);

/* Around fork(): the child keeps only the forking thread, with every
** record zeroed and its frames kept. */
void mlrec_fork_prepare(void);
void mlrec_fork_parent(void);
void mlrec_fork_child(void);

#endif
