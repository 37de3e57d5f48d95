/*
** walk.c — probes for every statement of one function; see walk.h. The
** statement dispatch, blocks (runs of declarations, statements of another
** file) and the function's entry and exit; control statements are in
** walkctl.c, the edits and probe texts in walkedit.c (walkint.h).
*/
#define _GNU_SOURCE
#include "walkint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "plain.h"
#include "query.h"

static enum CXChildVisitResult find_stmt_expr(CXCursor c, CXCursor parent, CXClientData data)
{
    struct mlw *w = data;
    struct mlr_span s;
    struct mlq_kids k = {0};

    (void)parent;
    if (w->reason)
        return CXChildVisit_Break;
    if (c.kind != CXCursor_StmtExpr)
        return CXChildVisit_Recurse;
    if (mlr_cursor(w->f, c, &s) == MLR_FILE && mlq_kids(c, &k) == 0 && k.n == 1 &&
        k.v[0].kind == CXCursor_CompoundStmt)
        mlw_block(w, k.v[0], STMT_EXPR, NULL);
    mlq_kids_free(&k);
    return CXChildVisit_Continue;
}

/* Instruments the statement expressions written inside expression c. */
void mlw_stmt_exprs(struct mlw *w, CXCursor c)
{
    if (c.kind == CXCursor_StmtExpr)
        find_stmt_expr(c, clang_getNullCursor(), w);
    else
        clang_visitChildren(c, find_stmt_expr, w);
}

/* A statement probed as one piece: after it, or before it when it jumps. */
void mlw_leaf(struct mlw *w, CXCursor c, const struct mlr_span *s, int braced, size_t limit,
              int is_value, int jumps, int decl, int full)
{
    char text[224];
    unsigned k = mlw_line_index(w, s->b);
    size_t e = mlw_end_of(w, s, limit);

    if (jumps) {
        mlw_probe_before(w, text, sizeof text, k);
        mlw_open_at(w, s->b, braced, text);
        mlw_stmt_exprs(w, c);
        mlw_close_at(w, e, braced, NULL);
        return;
    }
    if (is_value || (decl && !mlq_decl_runs(c))) {
        mlw_stmt_exprs(w, c);
        return;
    }
    if (decl && !braced) {
        mlw_fail(w, s->b, "declaration as an unbraced body");
        return;
    }
    mlw_probe_after(w, text, sizeof text, k, decl && w->decl_follows, full);
    /* A tick of its own line's counts each run of the statement: a call it
    ** always evaluates once may share it, if nothing else counts there. */
    mlw_note_once(w, c, w->last_tick, 0);
    mlw_open_at(w, s->b, braced, NULL);
    mlw_stmt_exprs(w, c);
    mlw_close_at(w, e, braced, text);
}

/* A statement that only has an attribute on an empty statement
** (`__attribute__((fallthrough));`): nothing may go after it. */
static int attribute_only(const struct mlq_kids *k)
{
    return k->n == 1 && k->v[0].kind == CXCursor_NullStmt;
}

/* Whether every sub-statement of a macro-made statement is written in
** the file, so that it can be probed before and its bodies walked. */
static int bodies_in_file(struct mlw *w, const struct mlq_kids *k, size_t first_body)
{
    size_t i;

    for (i = first_body; i < k->n; i++) {
        struct mlr_span s;
        if (mlr_cursor(w->f, k->v[i], &s) != MLR_FILE)
            return 0;
    }
    return first_body < k->n;
}

/* The first body of a macro-made control statement c with children k. */
static size_t first_body_of(CXCursor c, const struct mlq_kids *k)
{
    return c.kind == CXCursor_DoStmt ? 0 : c.kind == CXCursor_ForStmt ? k->n - 1 : 1;
}

/* A loop's ticks test before they raise (probe.h): the walk counts the
** loops around it, and notes their text for the calls' ticks (mli.c). */
static void loop_stmt(struct mlw *w, enum CXCursorKind kind, const struct mlr_span *s, int braced,
                      size_t limit, const struct mlq_kids *k)
{
    mlw_note_loop(w, s);
    w->loops++;
    if (kind == CXCursor_WhileStmt)
        mlw_while_stmt(w, s, braced, limit, k);
    else if (kind == CXCursor_ForStmt)
        mlw_for_stmt(w, s, braced, limit, k);
    else
        mlw_do_stmt(w, limit, k);
    w->loops--;
}

int mlw_macro_unit(struct mlw *w, CXCursor c, int flags, const struct mlq_kids *k)
{
    enum CXCursorKind kind = c.kind;

    if (!(flags & MLR_MACRO_START) ||
        (kind != CXCursor_IfStmt && kind != CXCursor_WhileStmt && kind != CXCursor_ForStmt &&
         kind != CXCursor_SwitchStmt && kind != CXCursor_DoStmt))
        return 0;
    return kind == CXCursor_DoStmt || !bodies_in_file(w, k, first_body_of(c, k));
}

void mlw_stmt(struct mlw *w, CXCursor c, int braced, size_t limit, int is_value)
{
    struct mlr_span s;
    struct mlq_kids k = {0};
    int flags;
    enum CXCursorKind kind = c.kind;

    if (w->reason)
        return;
    flags = mlw_span_of(w, c, &s);
    if (flags == MLR_OUTSIDE)
        return;
    if (mlq_kids(c, &k) < 0) {
        w->edits->failed = 1;
        mlw_fail(w, s.b, "out of memory");
        return;
    }
    if (mlw_macro_unit(w, c, flags, &k)) {
        mlw_leaf(w, c, &s, braced, limit, is_value, 0, 0, mlw_may_allocate(w, c));
        mlq_kids_free(&k);
        return;
    }
    if ((flags & MLR_MACRO_START) && (kind == CXCursor_IfStmt || kind == CXCursor_WhileStmt ||
                                      kind == CXCursor_ForStmt || kind == CXCursor_SwitchStmt)) {
        mlw_probed_before(w, &s, braced, limit, &k, first_body_of(c, &k));
        mlq_kids_free(&k);
        return;
    }
    switch (kind) {
    case CXCursor_CompoundStmt:
        mlw_block(w, c, BLOCK, NULL);
        break;
    case CXCursor_IfStmt:
        mlw_if_stmt(w, &s, braced, limit, &k);
        break;
    case CXCursor_WhileStmt:
    case CXCursor_ForStmt:
    case CXCursor_DoStmt:
        loop_stmt(w, kind, &s, braced, limit, &k);
        break;
    case CXCursor_SwitchStmt:
        mlw_switch_stmt(w, &s, braced, limit, &k);
        break;
    case CXCursor_CaseStmt:
    case CXCursor_DefaultStmt:
    case CXCursor_LabelStmt:
        if (k.n > 0)
            mlw_stmt(w, k.v[k.n - 1], braced, limit, is_value);
        break;
    case CXCursor_NullStmt:
        break;
    case CXCursor_DeclStmt:
        if (!mlq_is_label_decl(w->f->tu, c))
            mlw_leaf(w, c, &s, braced, limit, is_value, 0, 1, mlw_may_allocate(w, c));
        break;
    case CXCursor_BreakStmt:
    case CXCursor_ContinueStmt:
    case CXCursor_GotoStmt:
    case CXCursor_IndirectGotoStmt:
        mlw_leaf(w, c, &s, braced, limit, 0, 1, 0, 0);
        break;
    case CXCursor_ReturnStmt:
        mlw_return_stmt(w, c, &s, flags, limit, &k);
        break;
    case CXCursor_GCCAsmStmt:
        mlw_leaf(w, c, &s, braced, limit, is_value, 0, 0, 1);
        break;
    case CXCursor_UnexposedStmt:
        if (!attribute_only(&k))
            mlw_fail(w, s.b, "unsupported statement");
        break;
    default:
        if (clang_isExpression(kind) && mlq_no_code(c))
            mlw_stmt_exprs(w, c); /* no code, no probe: its line never ran */
        else if (clang_isExpression(kind))
            mlw_leaf(w, c, &s, braced, limit, is_value, mlq_noreturn_call(w->f->tu, c), 0,
                     mlw_may_allocate(w, c));
        else
            mlw_fail(w, s.b, "unsupported statement (cursor kind %d)", (int)kind);
        break;
    }
    mlq_kids_free(&k);
}

/* Whether the statement at s is a macro call named like a fallthrough
** marker (FALLTHROUGH, fall_through, ...) right before a case label:
** libclang may see `((void)0)` where gcc sees the attribute, and nothing
** may go between gcc's attribute and the label. */
int mlw_fallthrough_marker(struct mlw *w, int flags, const struct mlr_span *s, CXCursor next)
{
    size_t i;

    if (!(flags & MLR_MACRO_START) ||
        (next.kind != CXCursor_CaseStmt && next.kind != CXCursor_DefaultStmt))
        return 0;
    for (i = s->b; i + 4 <= s->e; i++)
        if (strncasecmp(w->f->text + i, "fall", 4) == 0) {
            size_t j = i + 4;
            if (j < s->e && (w->f->text[j] == '_' || w->f->text[j] == ' '))
                j++;
            if (j + 7 <= s->e && strncasecmp(w->f->text + j, "through", 7) == 0)
                return 1;
        }
    return 0;
}

/* Statements k->v[a, b) of a block that come from another file, in the
** gap between the block's statements around them: none gets a probe of
** its own; if any of them runs, one probe at the end of the gap (before
** the block's next statement or its `}`) charges them to the line of the
** #include that brought them in, as a declaration if they end with one
** (C89 keeps its order). Not before a `case` label: the header may end
** with a fallthrough comment that must stay right before it; the next
** probe that runs takes what they did. */
static void foreign_run(struct mlw *w, const struct mlq_kids *k, size_t a, size_t b,
                        const struct mlr_span *gap, enum block_mode mode)
{
    char text[224];
    unsigned line = mlr_include_line(w->f, gap->b, gap->e);
    size_t x;
    int runs = 0, full = 0;

    for (x = a; x < b && !runs; x++)
        runs = k->v[x].kind != CXCursor_NullStmt &&
               (k->v[x].kind != CXCursor_DeclStmt || mlq_decl_runs(k->v[x]));
    if (!runs || line < w->first_line || (mode == STMT_EXPR && b == k->n) ||
        (b < k->n && (k->v[b].kind == CXCursor_CaseStmt || k->v[b].kind == CXCursor_DefaultStmt)))
        return;
    for (x = a; x < b && !full; x++)
        full = mlw_may_allocate(w, k->v[x]);
    mlw_probe_after(w, text, sizeof text, line - w->first_line,
                    mode != SWITCH_BODY && b < k->n && k->v[b].kind == CXCursor_DeclStmt, full);
    memmove(text, text + 1, strlen(text));
    strcat(text, " ");
    mlw_ins(w, gap->e, text);
}

/* Marks the statements of a block that come from another file (outside
** the file, or out of the block's place in it), and gives each of them the
** empty span where the block's next statement of this file starts. */
static void find_foreign(struct mlw *w, const struct mlq_kids *k, const struct mlr_span *s,
                         struct mlr_span *spans, signed char *foreign)
{
    size_t j, next, last = s->b;

    /* A macro call that makes several statements gives them overlapping
    ** spans; starts still come in order. */
    for (j = 0; j < k->n; j++) {
        foreign[j] = mlw_span_of(w, k->v[j], &spans[j]) == MLR_OUTSIDE || spans[j].b < last ||
                     spans[j].e > s->e;
        if (!foreign[j])
            last = spans[j].b;
    }
    next = s->e > s->b ? s->e - 1 : s->e;
    for (j = k->n; j-- > 0;) {
        if (foreign[j])
            spans[j].b = spans[j].e = next;
        else
            next = spans[j].b;
    }
}

/* Statements of a block, one by one; statements whose ranges overlap
** (one macro call made several) form one opaque group, and statements of
** another file another (foreign_run); straight-line runs share a tick
** (walkrun.c). `prefix` goes after the `{` and any `__label__`
** declarations. */
void mlw_block(struct mlw *w, CXCursor c, enum block_mode mode, const char *prefix)
{
    struct mlq_kids k = {0};
    struct mlr_span s, *spans = NULL;
    signed char *memo = NULL, *foreign = NULL;
    size_t i = 0, j, entry, prev_end, first, block_end;
    unsigned lent = MLW_NOT_LENT; /* by what ran right before statement i */
    int flags = mlw_span_of(w, c, &s), at_entry = w->at_entry && !w->unlent[0] && mode == BLOCK;
    int want_first_run = w->want_first_run && mode == BLOCK;
    unsigned lend_body = mode == BLOCK ? w->lend_body : 0;

    w->at_entry = w->want_first_run = 0;
    w->lend_body = 0;
    if (flags == MLR_OUTSIDE)
        return;
    block_end = s.e > s.b ? s.e - 1 : s.e;
    if (mlq_kids(c, &k) < 0 || (k.n && (!(spans = malloc(k.n * sizeof *spans)) ||
                                        !(memo = calloc(k.n, 1)) || !(foreign = calloc(k.n, 1))))) {
        w->edits->failed = 1;
        mlw_fail(w, s.b, "out of memory");
        goto done;
    }
    find_foreign(w, &k, &s, spans, foreign);
    for (j = 0; j < k.n; j++)
        w->saw_foreign |= foreign[j];
    entry = s.b + 1;
    while (i < k.n && !foreign[i] && mlq_is_label_decl(w->f->tu, k.v[i]))
        entry = spans[i++].e;
    first = i;
    if (prefix) {
        if (flags != MLR_FILE || w->f->text[s.b] != '{') {
            mlw_fail(w, s.b, "block braces made by a macro");
            goto done;
        }
        mlw_ins(w, entry, prefix);
    }
    if (mode == SWITCH_BODY)
        while (i < k.n && k.v[i].kind != CXCursor_CaseStmt && k.v[i].kind != CXCursor_DefaultStmt &&
               k.v[i].kind != CXCursor_LabelStmt)
            i++;
    prev_end = i > 0 ? spans[i - 1].e : entry;
    if (at_entry && i == first)
        lent = 0;
    else if (lend_body && i == first)
        lent = lend_body - 1;
    for (; i < k.n && !w->reason; prev_end = spans[j - 1].e, i = j) {
        size_t end = spans[i].e, limit, after;
        unsigned probes = w->probes, lender = lent;
        int is_value;
        lent = MLW_NOT_LENT;
        if (foreign[i]) {
            struct mlr_span gap;
            for (j = i + 1; j < k.n && foreign[j]; j++)
                ;
            gap.b = prev_end;
            gap.e = spans[i].b;
            foreign_run(w, &k, i, j, &gap, mode);
            continue;
        }
        for (j = i + 1; j < k.n && !foreign[j] && spans[j].b < end; j++)
            if (spans[j].e > end)
                end = spans[j].e;
        limit = j < k.n ? spans[j].b : block_end;
        is_value = mode == STMT_EXPR && j == k.n;
        w->decl_follows = j < k.n && k.v[j].kind == CXCursor_DeclStmt;
        if (j - i == 1 && mode != STMT_EXPR &&
            (after = mlw_run(w, &k, spans, foreign, memo, i, block_end, lender)) > 0) {
            if (want_first_run && i == first)
                w->first_run = w->run_made;
            j = after;
        } else if (j - i > 1) {
            struct mlr_span group;
            size_t x;
            int full = 0;
            group.b = spans[i].b;
            group.e = end;
            for (x = i; x < j && !full; x++)
                full = mlw_may_allocate(w, k.v[x]);
            mlw_leaf(w, k.v[j - 1], &group, 1, limit, is_value, 0,
                     k.v[j - 1].kind == CXCursor_DeclStmt, full);
        } else if (j == k.n || foreign[j] ||
                   !mlw_fallthrough_marker(w, mlr_cursor(w->f, k.v[i], &spans[i]), &spans[i],
                                           k.v[j])) {
            mlw_stmt(w, k.v[i], 1, limit, is_value);
            if (w->probes == probes + 1 && w->last_full && !w->unlent[w->last_full - 1] &&
                mlw_lends(w, k.v[i]))
                lent = w->last_full - 1;
        }
    }
done:
    free(foreign);
    free(memo);
    free(spans);
    mlq_kids_free(&k);
}

/* type with `restrict` spelled `__restrict`, which C89 accepts too (libclang
** spells `char *restrict`). Frees type; NULL when out of memory. */
static char *any_standard(char *type)
{
    struct mlb b = {0};
    size_t i = 0, n = type ? strlen(type) : 0;

    if (!type || !strstr(type, "restrict"))
        return type;
    while (i < n) {
        if (mlt_is_word(type, n, i, "restrict")) {
            mlb_puts(&b, "__restrict");
            i += 8;
        } else {
            mlb_append(&b, type + i++, 1);
        }
    }
    free(type);
    return mlb_take(&b);
}

/* The function's return type as a declaration can spell it, or NULL. */
static char *spell_return_type(CXCursor fn, int *is_void)
{
    CXType t = clang_getResultType(clang_getCursorType(fn));
    CXString s = clang_getTypeSpelling(t);
    const char *name = clang_getCString(s);
    char *out = NULL;

    *is_void = t.kind == CXType_Void;
    if (name && !strstr(name, "(unnamed") && !strstr(name, "(anonymous") &&
        !strstr(name, "typeof") && !strstr(name, "(lambda")) {
        if (strpbrk(name, "([")) {
            if (asprintf(&out, "__typeof__(%s)", name) < 0)
                out = NULL;
        } else {
            out = strdup(name);
        }
    }
    clang_disposeString(s);
    return any_standard(out);
}

/* Marks unlent each lent line record that another probe counts on too;
** returns 1 when it marked one (the function is walked again). */
static int unlend_shared(struct mlw *w)
{
    unsigned i;
    int marked = 0;

    for (i = 0; i < w->nlines; i++)
        if (w->lent[i] && w->line_probes[i] > 1) {
            w->unlent[i] = 1;
            marked = 1;
        }
    return marked;
}

int mlw_function(struct mlw *w, CXCursor fn, unsigned site, unsigned first_line, unsigned last_line,
                 struct mlw_runs *runs)
{
    struct mlq_kids k = {0};
    CXCursor body = clang_getNullCursor();
    struct mlr_span s;
    char entry[320];
    size_t i, nedits;
    unsigned probes, decls;
    int unused = 0;

    w->site = site;
    w->first_line = first_line;
    w->nlines = last_line - first_line + 1;
    w->runs = runs;
    free(w->line_probes);
    free(w->lent);
    free(w->unlent);
    w->line_probes = calloc(w->nlines, sizeof *w->line_probes);
    w->lent = calloc(w->nlines, 1);
    w->unlent = calloc(w->nlines, 1);
    if (!w->line_probes || !w->lent || !w->unlent) {
        w->edits->failed = 1;
        return -1;
    }
    free(w->ret_type);
    w->ret_type = spell_return_type(fn, &w->ret_void);
    if (mlq_kids(fn, &k) < 0) {
        w->edits->failed = 1;
        return -1;
    }
    for (i = 0; i < k.n; i++)
        if (k.v[i].kind == CXCursor_CompoundStmt)
            body = k.v[i];
    mlq_kids_free(&k);
    w->returns_twice = w->stmt_exprs = 0;
    if (!clang_Cursor_isNull(body)) {
        struct mlq_body b;

        mlq_scan_body(body, &b);
        w->returns_twice = b.returns_twice;
        w->stmt_exprs = b.stmt_expr;
    }
    if (clang_Cursor_isNull(body) || mlr_cursor(w->f, body, &s) != MLR_FILE ||
        w->f->text[s.b] != '{' || w->f->text[s.e - 1] != '}') {
        mlw_fail(w, 0, "the body of a selected function is made by a macro");
        return -1;
    }
    /* Nothing in the body can allocate: no frame (probe.h). */
    w->leaf = !mlw_may_allocate(w, body);
    w->all_full = w->returns_twice || w->reference;
    w->saw_foreign = 0;
    w->deferred = 0;
    w->plain = 0;
    if (!w->leaf && !w->returns_twice && (w->deferred = mlw_defer_plan(w, fn, body)) < 0)
        return -1;
    if (w->named && (w->plain = mlpl_open(w->f, body, &s, w->path, w->edits)) < 0) {
        w->edits->failed = 1;
        return -1;
    }
    nedits = w->edits->n;
    probes = w->probes;
    decls = w->decls;
again:
    mle_truncate(w->edits, nedits);
    w->probes = probes;
    w->decls = decls;
    runs->n = 0;
    runs->lines.n = 0;
    w->first_line_record = 0;
    w->run_pending = w->run_silent = 0;
    w->lend_body = 0;
    w->nonces = 0;
    w->nloop_spans = 0;
    memset(w->line_probes, 0, w->nlines * sizeof *w->line_probes);
    memset(w->lent, 0, w->nlines);
    /* The entry counts on the first line, the exit (which may charge the
    ** closing line) on the last. */
    w->line_probes[0]++;
    if (!w->leaf)
        w->line_probes[w->nlines - 1]++;
    w->last_full = 0;
    if (w->leaf)
        /* A body whose statements all produce no code, or run with the
        ** entry, has no tick: the entry's variable is then marked unused
        ** (-Wunused-variable); so has one whose calls all share the
        ** entry's record (mli.c: known after a walk, which it repeats). */
        snprintf(entry, sizeof entry,
                 " const struct memline_leaf memline__l%s = memline_enter_leaf(&memline__site_%u);",
                 unused || w->leaf_unused ? " __attribute__((unused))" : "", site);
    else if (w->deferred)
        snprintf(entry, sizeof entry,
                 " struct memline_leaf memline__l = memline_enter_leaf(&memline__site_%u);"
                 " const struct memline_marks memline__m = memline_marks_now();"
                 " struct memline_frame *memline__f ="
                 " memline_deferred_frame(&memline__site_%u, memline__m);",
                 site, site);
    else
        snprintf(entry, sizeof entry,
                 " struct memline_frame *const memline__f = memline_enter(&memline__site_%u);",
                 site);
    w->at_entry = 1;
    mlw_block(w, body, BLOCK, entry);
    if (w->reason)
        return -1;
    if (!w->leaf && w->saw_foreign && !w->all_full) {
        w->all_full = 1;
        goto again;
    }
    /* The records lent count what their lines' probes count. */
    if (unlend_shared(w))
        goto again;
    if (w->leaf && w->probes == probes && !unused && !w->ticks_calls) {
        unused = 1;
        goto again;
    }
    if (!w->leaf)
        mlw_ins(w, s.e - 1,
                w->deferred ? "memline_deferred_end(memline__f, memline__l); "
                            : "memline_exit(memline__f); ");
    if (w->plain)
        mlw_ins(w, s.e - 1, MLPL_CLOSE);
    return w->reason ? -1 : 0;
}
