/*
** calls.h — which calls of a file cannot allocate (prefix mlc_): what lets
** the walker count a line with a tick instead of the full probe, and give a
** function from which no allocation is reachable no frame (probe.h).
**
** A call cannot allocate when it calls, directly, a function that cannot:
** a `static` function defined in the file whose own calls all cannot (a
** fixed point over the file's call graph: recursion among such functions
** is fine), a builtin other than the allocators, or one of a list of C
** library functions that never allocate nor call back (memcpy, strlen,
** sqrt, the ctype table lookups, ...). Anything else may: a call through
** a pointer, of a function of another file (or an exported one of this
** file, which another object may interpose), asm.
**
** Invariant: "cannot" errs on the safe side: a function the walker then
** leaves without a frame runs nothing that can reach the malloc family.
*/
#ifndef MLI_CALLS_H
#define MLI_CALLS_H

#include <clang-c/Index.h>
#include <stddef.h>

#include "range.h"

struct mlc_set {
    CXCursor *v; /* canonical cursors of the file's functions that cannot
                 ** allocate: an open-addressing table by clang_hashCursor */
    size_t cap;  /* a power of two, or 0 */
};

/* Finds the functions of the main file that cannot allocate. Returns 0, or
** -1 when out of memory (the set is then empty: everything may). */
int mlc_find(const struct mlr_file *f, struct mlc_set *set);
void mlc_free(struct mlc_set *set);

/* Whether running c (a statement or expression) may allocate. */
int mlc_may_allocate(const struct mlc_set *set, CXCursor c);

/* Whether call expression c itself (its callee, not its arguments) may. */
int mlc_call_may_allocate(const struct mlc_set *set, CXCursor c);

#endif
