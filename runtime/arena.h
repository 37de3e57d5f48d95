/*
** runtime/arena.h — the runtime's own memory (prefix mla_).
**
** The runtime never uses the heap it measures: its records, registry and
** report model come from mmap, in 1 MiB chunks carved by a bump pointer.
** Nothing is ever returned to the system; callers recycle what they can
** (thread records are pooled), so the total stays bounded by the number of
** profiled functions times the number of threads alive at once, plus
** one 1 MiB reserve for when mmap fails, plus what reports build.
*/
#ifndef MEMLINE_ARENA_H
#define MEMLINE_ARENA_H

#include <stddef.h>

/* size bytes of zeroed, 16-byte aligned memory, or NULL if mmap fails.
** Thread-safe. */
void *mla_alloc(size_t size);

/* Bytes handed out so far for the runtime's own data. The reserve chunk and
** the untouched rest of the current chunk are address space, not memory:
** their pages are never touched, so they are not counted. */
size_t mla_overhead(void);

/* Around fork(): hold the arena's lock across it (the caller has blocked
** signals, see guard.h). */
void mla_fork_prepare(void);
void mla_fork_parent(void);
void mla_fork_child(void);

#endif
