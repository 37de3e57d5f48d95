/*
** walkrun.c — straight-line runs (walkint.h; include/memline/probe.h):
** statements of one block that follow each other with no label between
** them and cannot allocate share one record, ticked once.
**
** A run is a head, then members, then at most one last statement that
** jumps or branches. Members are expression statements and declarations
** that run code, call nothing that may allocate, jump nowhere and hold no
** statement expression; statements that produce no code (`;`, a compiled
** out assert, a declaration without initializer) sit between members
** without ending the run. The head may carry the labels jumps come in
** by (`case 1:`); a later label ends the run. The last statement is a
** return, break, continue or goto, or an if or switch, whose value or
** condition cannot allocate: its own probe (before it jumps, or in its
** condition) is the run's tick.
**
** Closed statements (mlq_closed: they allocate nothing and leave only at
** their end) do not end a run: a member may be a do-while(0) or block
** that one macro call makes; an if or switch is a pass, whose condition
** the run counts and whose bodies are walked as usual (one that ends the
** run is its last statement); a loop is walked as usual, and its
** condition counted by the run and the body's first run when walkctl.c's
** counted_by_runs can (loop_reach). A run neither ends with a loop nor
** ticks after a pass's bodies.
**
** The run that starts the function's body runs once per call: the
** entry's count is its count, so it takes no tick at all (its last
** statement's probe is `(void)0`). That holds while no other probe counts
** on the function's first line, which mlw_function checks afterwards (it
** walks the function again without this run if one does). So does a run
** that follows, in its block, a statement whose one probe is full (`p =
** malloc(n); if (!p) return NULL;`): that probe's line record counts
** exactly the run's runs, and its Mem usage is the memory every statement
** of the run sees (the frame's, which only a full probe sets), while
** nothing else counts on that line (mlw_function walks again without
** lending it otherwise: the first line, which the entry counts; the last,
** which the exit may count; a line with two probes). So does the run that
** starts the body of an endless loop (`for (;;)`, `while (1)`), whose
** header is ticked before each pass (walkctl.c): an interpreter's fetch
** and dispatch `switch` then cost one tick, not two. Then a run of one
** statement is worth it too. Any other run of two statements or more
** gets its own record after the lines.
*/
#define _GNU_SOURCE
#include "walkint.h"

#include <stdio.h>
#include <stdlib.h>

enum run_role {
    RUN_ENDS,   /* not part of a run: the run ends before it */
    RUN_SKIP,   /* produces no code: neither counted nor ending the run */
    RUN_MEMBER, /* counted by the run's tick */
    RUN_PASS,   /* an if or switch the run goes on after: its condition is
                ** counted by the run's tick, its bodies walked as usual */
    RUN_LOOP,   /* a loop the run goes on after, walked as usual */
    RUN_LAST    /* its own probe is the run's tick; the run ends after it */
};

/* A statement under its labels (`case 1: case 2: x = 1;` is `x = 1;`). */
static CXCursor under_labels(CXCursor c)
{
    while (c.kind == CXCursor_CaseStmt || c.kind == CXCursor_DefaultStmt ||
           c.kind == CXCursor_LabelStmt) {
        struct mlq_kids k = {0};

        if (mlq_kids(c, &k) < 0 || k.n == 0) {
            mlq_kids_free(&k);
            return clang_getNullCursor();
        }
        c = k.v[k.n - 1];
        mlq_kids_free(&k);
    }
    return c;
}

int mlw_lends(struct mlw *w, CXCursor c)
{
    c = under_labels(c);
    return !clang_Cursor_isNull(c) && (clang_isExpression(c.kind) || c.kind == CXCursor_DeclStmt) &&
           !mlw_has_stmt_expr(w, c) && !mlq_noreturn_call(w->f->tu, c);
}

/* The first child of c, or a null cursor. */
static CXCursor first_kid(CXCursor c, size_t *n)
{
    struct mlq_kids k = {0};
    CXCursor first = clang_getNullCursor();

    *n = 0;
    if (mlq_kids(c, &k) == 0 && k.n > 0) {
        first = k.v[0];
        *n = k.n;
    }
    mlq_kids_free(&k);
    return first;
}

/* Whether c, which a macro call made (flags), is probed as one piece:
** what mlw_stmt walks so, or a block all of whose statements are the
** macro call (mlw_block makes them one group). */
static int macro_unit(struct mlw *w, CXCursor c, int flags, const struct mlr_span *s)
{
    struct mlq_kids k = {0};
    struct mlr_span ks;
    size_t i;
    int unit;

    if (!(flags & MLR_MACRO_START) || mlq_kids(c, &k) < 0)
        return 0;
    unit = mlw_macro_unit(w, c, flags, &k);
    if (c.kind == CXCursor_CompoundStmt)
        for (unit = k.n > 0, i = 0; i < k.n && unit; i++)
            unit = mlw_span_of(w, k.v[i], &ks) != MLR_OUTSIDE && ks.b == s->b && ks.e == s->e;
    mlq_kids_free(&k);
    return unit;
}

/* Whether c neither allocates nor leaves but at its end. */
static int closed(struct mlw *w, CXCursor c)
{
    return !mlw_may_allocate(w, c) && mlq_closed(w->f->tu, c, w->returns_twice);
}

/* What statement x of a block is to a run (`head`: the run's first). */
static enum run_role role_of(struct mlw *w, const struct mlq_kids *k, const struct mlr_span *spans,
                             const signed char *foreign, size_t x, int head, int lent)
{
    CXCursor c = k->v[x], kid;
    struct mlr_span s;
    int flags;
    size_t n;

    if (foreign[x] || (x + 1 < k->n && spans[x + 1].b < spans[x].e))
        return RUN_ENDS;
    if (c.kind == CXCursor_CaseStmt || c.kind == CXCursor_DefaultStmt ||
        c.kind == CXCursor_LabelStmt) {
        if (!head || lent)
            return RUN_ENDS; /* a jump in would run it uncounted by the lender */
        c = under_labels(c);
        if (clang_Cursor_isNull(c))
            return RUN_ENDS;
    }
    flags = mlw_span_of(w, c, &s);
    if (flags == MLR_OUTSIDE || mlw_has_stmt_expr(w, c) ||
        (x + 1 < k->n && mlw_fallthrough_marker(w, flags, &s, k->v[x + 1])))
        return RUN_ENDS;
    if (macro_unit(w, c, flags, &s))
        return closed(w, c) ? RUN_MEMBER : RUN_ENDS;
    switch (c.kind) {
    case CXCursor_NullStmt:
        return RUN_SKIP;
    case CXCursor_DeclStmt:
        if (mlq_is_label_decl(w->f->tu, c))
            return RUN_ENDS;
        if (!mlq_decl_runs(c))
            return RUN_SKIP;
        return mlw_may_allocate(w, c) ? RUN_ENDS : RUN_MEMBER;
    case CXCursor_BreakStmt:
    case CXCursor_ContinueStmt:
    case CXCursor_GotoStmt:
        return RUN_LAST;
    case CXCursor_IndirectGotoStmt:
    case CXCursor_ReturnStmt:
        return mlw_may_allocate(w, c) ? RUN_ENDS : RUN_LAST;
    case CXCursor_IfStmt:
    case CXCursor_SwitchStmt:
        kid = first_kid(c, &n);
        if ((flags & MLR_MACRO_START) || n < 2 || (c.kind == CXCursor_SwitchStmt && n != 2) ||
            mlw_may_allocate(w, kid))
            return RUN_ENDS;
        return closed(w, c) ? RUN_PASS : RUN_LAST;
    case CXCursor_WhileStmt:
    case CXCursor_ForStmt:
    case CXCursor_DoStmt:
        return !(flags & MLR_MACRO_START) && closed(w, c) ? RUN_LOOP : RUN_ENDS;
    default:
        if (!clang_isExpression(c.kind))
            return RUN_ENDS;
        if (mlq_no_code(c))
            return RUN_SKIP;
        return mlw_may_allocate(w, c) || mlq_noreturn_call(w->f->tu, c) ? RUN_ENDS : RUN_MEMBER;
    }
}

/* The line index statement x starts on, under its labels. */
static unsigned line_of(struct mlw *w, const struct mlq_kids *k, size_t x)
{
    struct mlr_span s;
    CXCursor c = under_labels(k->v[x]);

    if (clang_Cursor_isNull(c) || mlw_span_of(w, c, &s) == MLR_OUTSIDE)
        return 0;
    return mlw_line_index(w, s.b);
}

int mlw_pairs_add(struct mlw_pairs *p, unsigned a, unsigned b)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 16;
        unsigned *v = realloc(p->v, 2 * cap * sizeof *v);

        if (!v)
            return -1;
        p->v = v;
        p->cap = cap;
    }
    p->v[2 * p->n] = a;
    p->v[2 * p->n + 1] = b;
    p->n++;
    return 0;
}

void mlw_run_line(struct mlw *w, unsigned record, unsigned line)
{
    if (mlw_pairs_add(&w->runs->lines, record, line) < 0) {
        w->edits->failed = 1;
        mlw_fail(w, 0, "out of memory");
        return;
    }
    if (record < w->nlines)
        w->lent[record] = 1;
}

/* role_of, remembered in memo (0: not asked yet, else role + 1) for
** statements that do not head the run. */
static enum run_role role(struct mlw *w, const struct mlq_kids *k, const struct mlr_span *spans,
                          const signed char *foreign, signed char *memo, size_t x, int head,
                          int lent)
{
    if (head)
        return role_of(w, k, spans, foreign, x, 1, lent);
    if (!memo[x])
        memo[x] = (signed char)(role_of(w, k, spans, foreign, x, 0, lent) + 1);
    return (enum run_role)(memo[x] - 1);
}

/* Where the statement after statement x of the block starts. */
static size_t next_start(const struct mlq_kids *k, const struct mlr_span *spans, size_t x,
                         size_t block_end)
{
    return x + 1 < k->n ? spans[x + 1].b : block_end;
}

/* Walks statement x with the run of `record` pending: its first probe is
** the run's tick (LAST), or none, its line the run's (`silent`: a PASS). */
static void walk_pending(struct mlw *w, const struct mlq_kids *k, const struct mlr_span *spans,
                         size_t x, size_t block_end, unsigned record, int silent)
{
    w->run_pending = 1;
    w->run_silent = silent;
    w->run_record = record;
    mlw_stmt(w, k->v[x], 1, next_start(k, spans, x, block_end), 0);
    if (w->run_pending && !w->reason)
        mlw_fail(w, spans[x].b, "internal error: a run's %s took no probe",
                 silent ? "if or switch" : "last statement");
    w->run_pending = w->run_silent = 0;
}

size_t mlw_run(struct mlw *w, const struct mlq_kids *k, const struct mlr_span *spans,
               const signed char *foreign, signed char *memo, size_t i, size_t block_end,
               unsigned lent)
{
    size_t x, last = i, keep = i, end;
    unsigned record, counted = 0;
    int has_last = 0, is_lent = lent != MLW_NOT_LENT;
    enum run_role head = RUN_ENDS, r, last_role = RUN_ENDS;

    if (w->all_full)
        return 0;
    for (x = i; x < k->n && !has_last; x++) {
        r = role(w, k, spans, foreign, memo, x, x == i, is_lent);
        if (x == i)
            head = r;
        if (r == RUN_ENDS)
            break;
        if (r == RUN_SKIP)
            continue;
        last = x;
        last_role = r;
        has_last = r == RUN_LAST;
        counted += r == RUN_MEMBER || r == RUN_PASS;
    }
    /* Nor can a loop, whose condition has its own tick: the run ends
    ** before the loops that close it. */
    if (last_role == RUN_LOOP) {
        last_role = RUN_ENDS;
        for (x = i; x < last; x++) {
            r = role(w, k, spans, foreign, memo, x, x == i, is_lent);
            if (r != RUN_SKIP && r != RUN_LOOP) {
                last_role = r;
                keep = x;
            }
        }
        if (last_role == RUN_ENDS)
            return 0;
        last = keep;
    }
    /* An if or switch that ends the run is its last statement: the tick
    ** goes in its condition, not after its bodies. */
    if (last_role == RUN_PASS) {
        has_last = 1;
        counted--;
    }
    if (counted + (unsigned)has_last < (is_lent ? 1u : 2u))
        return 0;
    record = is_lent ? lent : w->nlines + w->runs->n++;
    for (x = i; x < last + !has_last && !w->reason; x++) {
        r = x == i ? head : role(w, k, spans, foreign, memo, x, 0, is_lent);
        if (r == RUN_MEMBER || r == RUN_PASS)
            mlw_note_once(w, under_labels(k->v[x]), record + 1, 1);
        if (r == RUN_MEMBER)
            mlw_run_line(w, record, line_of(w, k, x));
        else if (r == RUN_PASS)
            walk_pending(w, k, spans, x, block_end, record, 1);
        else if (r == RUN_LOOP) {
            w->loop_reach = record + 1;
            mlw_stmt(w, k->v[x], 1, next_start(k, spans, x, block_end), 0);
            w->loop_reach = 0;
        }
    }
    end = next_start(k, spans, last, block_end);
    w->decl_follows = last + 1 < k->n && k->v[last + 1].kind == CXCursor_DeclStmt;
    if (has_last) {
        mlw_note_once(w, under_labels(k->v[last]), record + 1, 1);
        walk_pending(w, k, spans, last, block_end, record, 0);
    } else if (!is_lent) {
        char text[224];
        mlw_probe_after(w, text, sizeof text, record, w->decl_follows, 0);
        mlw_ins(w, mlw_end_of(w, &spans[last], end), text);
    }
    /* Set last: the loops and ifs it passes make runs of their own. */
    w->run_made = record;
    return last + 1;
}
