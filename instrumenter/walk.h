/*
** walk.h — the statement walker (prefix mlw_): turns one selected function
** definition into edits that insert memline probes (include/memline/
** probe.h shows the emitted forms). Its parts are walk.c, walkctl.c and
** walkedit.c and walkrun.c (walkint.h).
**
** What goes where, per statement, with K = line - first_line of the line
** the statement starts on:
**  - entry declarations after the body's `{` (after `__label__` decls),
**    memline_exit() before its closing `}`; around them, in a function
**    the programmer named that has a loop, the plain copy of the body
**    that runs while tracing is stopped (plain.h); a leaf's entry and a
**    frame pushed before the first call that may allocate, for a
**    function that defers its frame (walkdefer.c);
**  - a probe after each expression statement and each declaration that
**    runs code (an automatic variable with an initializer or a VLA; `int
**    n;` runs nothing and gets none): a declaration itself when another
**    declaration follows; one for a straight-line run of them
**    (walkrun.c), none for the run that starts the body;
**  - conditions of if/while/for/do wrapped in memline_cond(); a constant
**    condition stays constant (compilers use it for -Wreturn-type and dead
**    code), so an infinite loop probes at the start of its body and a
**    constant `if` probes before itself; `switch` probes after evaluating
**    its controlling expression;
**  - a probe before break/continue/goto and calls of noreturn functions;
**    `return` through a temporary of the function's return type, or
**    probe-then-return for tail calls of instrumented functions (not in a
**    function that calls setjmp: there the callee may jump back into the
**    function after its frame was exited, and no tail call is made anyway);
**  - nothing inside a macro call: a statement made by a macro is one
**    opaque statement probed after (or before, when it is a jump).
**
** Invariants: insertions never contain a newline (but the plain copy,
** whose #line directives give the lines after it their own numbers); an
** unbraced body that gets an insertion outside its own text is wrapped in
** braces, and only leaf statements are, so `else` binding never changes;
** a declaration is never wrapped; after the first failure (reason set)
** nothing more is added and the caller must not use the edits.
*/
#ifndef MLI_WALK_H
#define MLI_WALK_H

#include <clang-c/Index.h>

#include "calls.h"
#include "edit.h"
#include "range.h"

/* `n` pairs of numbers, in v[2 * n]. */
struct mlw_pairs {
    unsigned *v;
    size_t n, cap;
};

struct mlw {
    struct mlr_file *f;
    const char *path; /* the file's name in #line */
    struct mle_list *edits;
    const CXCursor *selected; /* canonical cursors of every selected function */
    size_t nselected;
    const struct mlc_set *calls; /* the file's functions that cannot allocate */
    unsigned decls;              /* memline__dN names used so far */
    unsigned probes;             /* probes inserted so far */
    char *reason;                /* first failure (malloc'd), "line N: why" */
    /* the function being walked */
    unsigned site; /* its memline__site_N */
    unsigned first_line;
    char *ret_type; /* spelled return type; NULL when it cannot be spelled */
    int ret_void;
    int returns_twice; /* it calls setjmp or another returns-twice function */
    int stmt_exprs;    /* its body holds a statement expression */
    int reference;     /* mli_options.reference: every function all_full */
    int leaf;          /* nothing it runs can allocate: no frame, ticks only */
    /* it enters as a leaf and makes its frame at the first full probe
    ** that finds a change (walkdefer.c): ticks are a leaf's */
    int deferred;
    int named; /* the programmer named it (select.h): it may get a plain copy */
    int plain; /* it runs a plain copy of its body while stopped (plain.h) */
    /* Every probe full: what may allocate may go unprobed (statements of
    ** another file, a setjmp that returns again), so a probe that looks
    ** cannot count on the one before it having looked. */
    int all_full;
    int saw_foreign; /* the walk met statements of another file */
    /* the statement being walked is followed in its block by a declaration:
    ** a probe after it must be a declaration too (C89); else it is a
    ** statement, which no jump past it can skip (-Wjump-misses-init) */
    int decl_follows;
    /* Straight-line runs (walkrun.c) of the function walked */
    struct mlw_runs *runs; /* its pairs and records */
    unsigned nlines;       /* its lines: run records come after them */
    int at_entry;          /* the next block is the body: the entry counts its run */
    unsigned lend_body;    /* the line record + 1 whose tick counts each pass
                           ** of the next block (an endless loop's header,
                           ** before its body): its first run takes it, 0: none */
    /* Records lent to runs (walkrun.c): the entry's (the first line's) to
    ** the run that starts the body, and that of a statement whose one
    ** probe is full to the run after it, which then hold the same runs and
    ** the same memory while nothing else counts on the line. Per line, as
    ** many as nlines: */
    unsigned *line_probes; /* the probes that count on it, entry and exit too */
    unsigned char *lent;   /* its record counts a run */
    unsigned char *unlent; /* it counts more than its probe: lend it no more */
    unsigned last_full;    /* the last probe's line + 1 when it was full, else 0 */
    unsigned last_tick;    /* the last probe's record + 1 when it was a tick, else 0 */
    int run_pending;       /* the next probe is the tick of a run of record */
    unsigned run_record;   /* (a line's, lent: no tick) */
    int run_silent;        /* ... and is no probe: the run ticks later */
    unsigned run_made;     /* the record of the run mlw_run finished last */
    /* the record + 1 of the statements on the first line (walkedit.c), 0: none yet */
    unsigned first_line_record;
    /* A loop of a run whose condition the run and its body's first run
    ** count (walkctl.c): the run's record + 1 while it is walked, and the
    ** body block's first run, asked for and found (0: none) */
    unsigned loop_reach;
    unsigned loops;              /* loops around the statement walked */
    struct mlr_span *loop_spans; /* the function's loops, for its calls' ticks */
    size_t nloop_spans, cap_loop_spans;
    int want_first_run;
    unsigned first_run;
    /* its calls of functions counted by their callers will tick
    ** (bycaller.h): the entry is used */
    int ticks_calls;
    /* ... and what runs once each time a record counts (the conditions
    ** and statements that got a tick of their own, walkctl.c and walk.c;
    ** the statements of runs, walkrun.c), whose record a call evaluated
    ** once each time may share (mli.c) */
    struct mlw_once *onces;
    size_t nonces, cap_onces;
    int leaf_unused; /* a leaf whose calls all share its entry's record */
};

/* Code that runs once each time `record` counts: a condition ticked once
** before each test or a statement ticked after each run (`by_run` 0: when
** nothing else ticks the record), or a statement of a straight-line run,
** whose record counts its passes (1). */
struct mlw_once {
    CXCursor at;
    unsigned record;
    int by_run;
};

/* Appends (a, b); -1 when out of memory (nothing added). */
int mlw_pairs_add(struct mlw_pairs *p, unsigned a, unsigned b);

/* Whether the text at offset lies in a loop of the function walked last
** with its calls ticked: a tick there tests before it raises (probe.h). */
int mlw_in_loop(const struct mlw *w, size_t offset);

/* The text of a tick on record k of the function walked: a leaf's (a
** deferred function's, before its frame, too) or a frame's, in a loop's
** form (it tests before it raises) or not. */
void mlw_tick_text(const struct mlw *w, char *buf, size_t n, unsigned k, int in_loop);

/* A function's records after its lines (include/memline/probe.h): `n` of
** them; `lines`, pairs (record, line index), its straight-line runs; and
** `links`, pairs (record, site number), its calls of functions counted by
** their callers (bycaller.h). */
struct mlw_runs {
    unsigned n;
    struct mlw_pairs lines, links;
};

/* Adds the edits for function definition `fn`, whose site is
** memline__site_<site> and whose table has the lines first_line to
** last_line, and fills runs (empty, owned by the caller). Returns 0, or
** -1 with w->reason set. */
int mlw_function(struct mlw *w, CXCursor fn, unsigned site, unsigned first_line, unsigned last_line,
                 struct mlw_runs *runs);

#endif
