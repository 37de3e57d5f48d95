/*
** bycaller.h — functions counted by their callers (prefix mlbc_).
**
** A selected function from which no allocation is reachable and whose
** every statement runs with its entry (walkrun.c: no probe besides the
** entry) needs no instrumentation of its own when each of its calls is
** counted where it is made: its body stays as written (so the compiler
** inlines it as in a plain build), and each call `g(x)` in an
** instrumented caller becomes `(memline_tick(memline__f, R), g(x))`, a
** tick of a record R of the caller's that the runtime adds to g's entry
** (include/memline/probe.h, links).
**
** Such a function g is `static`, only ever called (no other use of its
** name in the file: its address goes nowhere), calls no other candidate
** (its calls would have no record to tick), and each call of it is
** written in the file outside any macro call, in a selected function that
** keeps its instrumentation, where all probes are not full (no setjmp, no
** statements of another file), not in the arguments of a `__builtin_`
** (`__builtin_constant_p(g(1))` must stay what it was) and, in a function
** with a frame, not in the value of a `return`, which runs after the
** frame's exit. A call evaluated once each time a record of the caller's
** counts (a condition's own tick: `if (g(x) < k)`; a straight-line run's,
** for a call in one of its statements) shares that record, and the call
** stays as written (mli.c).
*/
#ifndef MLI_BYCALLER_H
#define MLI_BYCALLER_H

#include <clang-c/Index.h>
#include <stddef.h>

#include "range.h"
#include "select.h"

/* What the first walk found out about selected function i. */
struct mlbc_walked {
    int leaf;        /* no frame */
    int quiet;       /* no probe besides its entry */
    int all_full;    /* every probe full */
    unsigned probes; /* probes besides its entry */
};

/* A call of a function counted by its callers: [begin, end) in the file. */
struct mlbc_call {
    size_t caller, callee; /* indices in the selected set */
    size_t begin, end;
};

struct mlbc_plan {
    signed char *counted;    /* per selected function: counted by its callers */
    struct mlbc_call *calls; /* by caller, then position */
    size_t ncalls, cap;
};

/* Decides which selected functions are counted by their callers and lists
** their calls. Returns 0, or -1 when out of memory (nothing is counted). */
int mlbc_plan(const struct mlr_file *f, const struct mls_set *set, const struct mlbc_walked *walked,
              struct mlbc_plan *p);
void mlbc_free(struct mlbc_plan *p);

/* Whether the call at [begin, end) is evaluated exactly once each time
** expression or statement e runs: it lies in e through operands that
** always are (not the right of && or ||, not a branch of ?:, nothing under
** sizeof or in a statement expression; of an if or switch, only the
** condition; all of a declaration's initializers, of a return's value). */
int mlbc_once_in(const struct mlr_file *f, CXCursor e, size_t begin, size_t end);

#endif
