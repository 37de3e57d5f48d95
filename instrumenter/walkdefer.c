/*
** walkdefer.c — deferred frames (walkint.h; include/memline/probe.h): a
** function that often returns before anything allocates enters as a leaf
** with the thread's marks in its own variables, and makes its frame with
** them at the first full probe that finds the thread's heap changed.
**
** The full probes after what may allocate are the walker's, as with a
** frame; only their texts differ (walkedit.c, walkctl.c). A function
** defers only when each call in it that may allocate is written in the
** file outside any macro call, with no asm or block in the body (they may
** allocate and are no calls): what it runs that may allocate is then
** seen, and so is each way out of the function after it (a `return` a
** macro made could leave with a change no probe saw, which a frame would
** count as an unexited call). A `return` that leaves before its value is
** evaluated (a tail call) has its calls left alone, since they run after
** the exit, as they do with a frame.
**
** Whether deferring is worth it is a guess from the body's structure
** (jumps aside): some path leaves or ends the body before any call that
** may allocate (`if (!p) return NULL;`, a branch that allocates only
** sometimes). A function whose first statement allocates always would
** only pay for a leaf's entry on top of its frame's. Nor do functions
** declared `inline` and those with more than MLW_DEFER_MAX_CALLS calls
** that may allocate: every inlined copy and every deferred probe is code
** to compile (deferring every function that could took gcc 20 % more
** instructions on libiberty's cp-demangle.c, whose d_append_char is
** inlined hundreds of times and d_print_comp_inner has 245 calls that
** may allocate).
*/
#define _GNU_SOURCE
#include "walkint.h"

#include <stdio.h>

#include "query.h"

/* Each such call's probe is two tests, a call and the leaf's own probe
** to compile, and each exit a test: a function with more such calls (one
** that does enough per call for its frame to cost it little) keeps its
** frame from the entry. On cp-demangle.c (gcc -O2 -g, cc1's instructions,
** 12.04 billion with frames made before the first such call and at most
** 8 of them): 13.45 billion with at most 8, 12.95 with 4, 12.67 with 2;
** bench/workloads/engine.c runs the same with all three. */
#define MLW_DEFER_MAX_CALLS 2

/* What a statement leaves to what follows it, by its structure. */
enum reach {
    REACH_ALLOCATES, /* every path through it calls what may allocate first */
    REACH_FALLS,     /* some path reaches its end without such a call */
    REACH_EXITS      /* some path leaves the function without one */
};

struct plan {
    struct mlw *w;
    unsigned calls; /* that may allocate */
    int refused;
};

/* A return statement whose value runs after the exit (mlw_leaves_first). */
static int leaves_first(struct mlw *w, CXCursor c)
{
    struct mlr_span s;
    struct mlq_kids k = {0};
    int flags = mlw_span_of(w, c, &s), first;

    if (flags == MLR_OUTSIDE || mlq_kids(c, &k) < 0) {
        mlq_kids_free(&k);
        return 0;
    }
    first = mlw_leaves_first(w, &s, flags, &k);
    mlq_kids_free(&k);
    return first;
}

static enum CXChildVisitResult find_calls(CXCursor c, CXCursor parent, CXClientData data)
{
    struct plan *p = data;
    struct mlw *w = p->w;
    struct mlr_span s;

    (void)parent;
    if (c.kind == CXCursor_GCCAsmStmt || c.kind == CXCursor_BlockExpr) {
        p->refused = 1;
        return CXChildVisit_Break;
    }
    if (c.kind == CXCursor_ReturnStmt && leaves_first(w, c))
        return CXChildVisit_Continue;
    if (c.kind == CXCursor_CallExpr && mlc_call_may_allocate(w->calls, c)) {
        if (mlw_span_of(w, c, &s) != MLR_FILE || mlr_in_macro(w->f, s.b) ||
            mlr_in_macro(w->f, s.e) || p->calls++ == MLW_DEFER_MAX_CALLS) {
            p->refused = 1;
            return CXChildVisit_Break;
        }
    }
    return CXChildVisit_Recurse;
}

static enum CXChildVisitResult find_return(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    if (c.kind == CXCursor_ReturnStmt) {
        *(int *)data = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

static enum reach reach_of(struct mlw *w, CXCursor c);

/* The statements of k from `from` on, one after the other. */
static enum reach reach_list(struct mlw *w, const struct mlq_kids *k, size_t from)
{
    size_t i;

    for (i = from; i < k->n; i++) {
        enum reach r = reach_of(w, k->v[i]);
        if (r != REACH_FALLS)
            return r;
    }
    return REACH_FALLS;
}

/* The better of two paths. */
static enum reach either(enum reach a, enum reach b)
{
    return a > b ? a : b;
}

static enum reach reach_kids(struct mlw *w, CXCursor c)
{
    struct mlq_kids k = {0};
    enum reach r = REACH_ALLOCATES, body;
    size_t i;

    if (mlq_kids(c, &k) < 0 || k.n == 0)
        goto done;
    switch (c.kind) {
    case CXCursor_CompoundStmt:
        r = reach_list(w, &k, 0);
        break;
    case CXCursor_IfStmt:
        if (k.n < 2 || mlw_may_allocate(w, k.v[0]))
            break;
        r = either(reach_of(w, k.v[1]), k.n > 2 ? reach_of(w, k.v[2]) : REACH_FALLS);
        break;
    case CXCursor_WhileStmt:
    case CXCursor_ForStmt:
    case CXCursor_SwitchStmt:
        /* The header, then the body: a loop's taken to run (a loop that
        ** allocates in its body allocates when it is worth profiling), a
        ** switch may pick no case that allocates. */
        for (i = 0; i + 1 < k.n; i++)
            if (mlw_may_allocate(w, k.v[i]))
                goto done;
        body = reach_of(w, k.v[k.n - 1]);
        r = c.kind == CXCursor_SwitchStmt ? either(body, REACH_FALLS) : body;
        break;
    case CXCursor_DoStmt:
        r = reach_of(w, k.v[0]);
        break;
    case CXCursor_CaseStmt:
    case CXCursor_DefaultStmt:
    case CXCursor_LabelStmt:
        r = reach_of(w, k.v[k.n - 1]);
        break;
    default:
        break;
    }
done:
    mlq_kids_free(&k);
    return r;
}

static enum reach reach_of(struct mlw *w, CXCursor c)
{
    int returns = 0;

    if (c.kind == CXCursor_ReturnStmt && leaves_first(w, c))
        return REACH_EXITS;
    if (!mlw_may_allocate(w, c)) {
        find_return(c, clang_getNullCursor(), &returns);
        if (!returns)
            clang_visitChildren(c, find_return, &returns);
        return returns ? REACH_EXITS : REACH_FALLS;
    }
    return reach_kids(w, c);
}

int mlw_defer_plan(struct mlw *w, CXCursor fn, CXCursor body)
{
    struct plan p;

    if (clang_Cursor_isFunctionInlined(fn) || reach_of(w, body) == REACH_ALLOCATES)
        return 0;
    p.w = w;
    p.calls = 0;
    p.refused = 0;
    clang_visitChildren(body, find_calls, &p);
    if (w->reason)
        return -1;
    return p.refused ? 0 : 1;
}
