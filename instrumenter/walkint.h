/*
** walkint.h — the statement walker's parts (walk.h), shared by walk.c
** (dispatch and blocks), walkctl.c (control statements) and walkedit.c
** (edits and probe texts). Not used outside them.
**
** Every function takes the walker state of walk.h and does nothing once
** w->reason is set (the first failure).
*/
#ifndef MLI_WALKINT_H
#define MLI_WALKINT_H

#include "query.h"
#include "walk.h"

enum block_mode {
    BLOCK,       /* an ordinary `{ ... }` */
    SWITCH_BODY, /* statements before the first label are unreachable */
    STMT_EXPR    /* `({ ... })`: the last statement is the value */
};

/* walk.c: a statement (`braced`: it is not an unbraced body; `limit`:
** where the next statement of the enclosing block starts; `is_value`: the
** last statement of a statement expression), a block, and the statement
** expressions written inside expression c. */
void mlw_stmt(struct mlw *w, CXCursor c, int braced, size_t limit, int is_value);
void mlw_block(struct mlw *w, CXCursor c, enum block_mode mode, const char *prefix);
void mlw_stmt_exprs(struct mlw *w, CXCursor c);

/* walkedit.c: the first failure ("line N: why"); edits, refused inside a
** macro call; the line index of an offset. */
void mlw_fail(struct mlw *w, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void mlw_replace(struct mlw *w, size_t off, size_t del, const char *text);
void mlw_ins(struct mlw *w, size_t off, const char *text);
unsigned mlw_line_index(struct mlw *w, size_t off);

/* Whether running c may allocate: only then does the probe after it need
** to look (memline_probe); else a tick counts the line (probe.h). */
int mlw_may_allocate(const struct mlw *w, CXCursor c);

/* Probe texts into buf[n] for line index k: an expression (a full probe
** when `full`, else a tick; a leaf's tick without a frame); a `return`'s
** probe and the exit, as statements (`leave`); after a statement, as a
** statement or as a declaration (`decl`); before a statement (a tick).
** While a run is pending (walkrun.c) the first probe is its tick. */
void mlw_probe_expr(struct mlw *w, char *buf, size_t n, unsigned k, int full);
void mlw_probe_leave(struct mlw *w, char *buf, size_t n, unsigned k, int full);
void mlw_probe_after(struct mlw *w, char *buf, size_t n, unsigned k, int decl, int full);
void mlw_probe_before(struct mlw *w, char *buf, size_t n, unsigned k);

/* The line index k a probe counts on, made the pending run's record
** (walkrun.c) if one is pending, which the probe then takes; returns 1
** when that record is lent (the entry's, or a line's), which needs no
** probe at all. */
int mlw_run_probe(struct mlw *w, unsigned *k);

/* The record a probe of line index k counts on: its line's, but on the
** first line, whose record counts the calls (the entry's, probe.h): a
** statement written there gets a record of its own after the lines, one
** per function, which the report adds to the line as it adds a run's. */
unsigned mlw_line_record(struct mlw *w, unsigned k);

/* Whether the next probe is none (mlw_run_probe would return 1). */
int mlw_next_probe_none(const struct mlw *w);

/* Counts a probe inserted on record k (a line's below nlines), full or a
** tick (walk.h's line_probes and last_full). */
void mlw_counted(struct mlw *w, unsigned k, int full);

/* Notes, while the walk ticks calls (walk.h), that c runs once each time
** record tick - 1 counts (0: nothing to note): a condition with a tick of
** its own, or (by_run) a statement of a run of that record. */
void mlw_note_once(struct mlw *w, CXCursor c, unsigned tick, int by_run);

/* Whether statement c of the function holds a statement expression: no
** scan at all in a body without one (walk.h's stmt_exprs). */
int mlw_has_stmt_expr(const struct mlw *w, CXCursor c);

/* Notes, while the walk ticks calls, that s is a loop (mlw_in_loop). */
void mlw_note_loop(struct mlw *w, const struct mlr_span *s);

/* Where a statement spanning s really ends (after its `;`); text before
** and after it, with the braces an unbraced body needs; c's widened range
** (MLR_OUTSIDE for text of another file, which gets no probe). */
size_t mlw_end_of(struct mlw *w, const struct mlr_span *s, size_t limit);
void mlw_open_at(struct mlw *w, size_t b, int braced, const char *before);
void mlw_close_at(struct mlw *w, size_t e, int braced, const char *after);
int mlw_span_of(struct mlw *w, CXCursor c, struct mlr_span *s);

/* walk.c: whether c, which a macro call made (flags from mlr_cursor; k
** its children), is walked as one piece, probed after it: a do, or an if,
** while, for or switch a body of which the macro wrote. */
int mlw_macro_unit(struct mlw *w, CXCursor c, int flags, const struct mlq_kids *k);

/* walk.c: whether the statement at s (flags from mlr_cursor) is a
** fallthrough marker before `next`, a case label, and gets nothing. */
int mlw_fallthrough_marker(struct mlw *w, int flags, const struct mlr_span *s, CXCursor next);

/* walkrun.c: the straight-line run that starts at statement i of a block
** (spans, foreign as mlw_block has them; memo zeroed per block;
** block_end where its `}` is; lent: the record that counts what runs
** right before i, which then counts the run too: 0, the entry's, when the
** block is the body and i its first statement; a line's, after a
** statement whose one probe is full; MLW_NOT_LENT): instruments it and
** returns the index after it, or 0 when no run starts there. mlw_run_line
** adds a pair. */
#define MLW_NOT_LENT (~0u)
/* Whether statement c (under its labels), walked with one full probe,
** has that probe after it, the last thing it runs: an expression or a
** declaration. */
int mlw_lends(struct mlw *w, CXCursor c);
size_t mlw_run(struct mlw *w, const struct mlq_kids *k, const struct mlr_span *spans,
               const signed char *foreign, signed char *memo, size_t i, size_t block_end,
               unsigned lent);
void mlw_run_line(struct mlw *w, unsigned record, unsigned line);

/* walkctl.c: a statement whose condition gets no wrapping (one probe
** before it, bodies k->v[first_body...] as usual), and each control
** statement with its span s and children k. */
void mlw_probed_before(struct mlw *w, const struct mlr_span *s, int braced, size_t limit,
                       const struct mlq_kids *k, size_t first_body);
void mlw_if_stmt(struct mlw *w, const struct mlr_span *s, int braced, size_t limit,
                 const struct mlq_kids *k);
void mlw_while_stmt(struct mlw *w, const struct mlr_span *s, int braced, size_t limit,
                    const struct mlq_kids *k);
void mlw_for_stmt(struct mlw *w, const struct mlr_span *s, int braced, size_t limit,
                  const struct mlq_kids *k);
void mlw_do_stmt(struct mlw *w, size_t limit, const struct mlq_kids *k);
void mlw_switch_stmt(struct mlw *w, const struct mlr_span *s, int braced, size_t limit,
                     const struct mlq_kids *k);
void mlw_return_stmt(struct mlw *w, CXCursor c, const struct mlr_span *s, int flags, size_t limit,
                     const struct mlq_kids *k);

/* Whether return statement s (flags, children k) leaves the function
** before its value is evaluated (a tail call stays one; a value that
** cannot allocate, or whose type cannot be spelled, stays as written). */
int mlw_leaves_first(struct mlw *w, const struct mlr_span *s, int flags, const struct mlq_kids *k);

/* walkdefer.c: deferred frames (probe.h). Whether function body `body`
** (of a function that is no leaf and calls no setjmp) defers its frame:
** every call in it that may allocate is seen (walkdefer.c), and some path
** leaves or ends the body before any. Returns 1, 0, or -1 with w->reason
** set. */
int mlw_defer_plan(struct mlw *w, CXCursor fn, CXCursor body);

#endif
