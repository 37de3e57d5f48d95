/*
** walk.c — probes for every statement of one function; see walk.h.
*/
#define _GNU_SOURCE
#include "walk.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "query.h"

enum block_mode {
    BLOCK,       /* an ordinary `{ ... }` */
    SWITCH_BODY, /* statements before the first label are unreachable */
    STMT_EXPR    /* `({ ... })`: the last statement is the value */
};

static void stmt(struct mlw *w, CXCursor c, int braced, size_t limit, int is_value);
static void block(struct mlw *w, CXCursor c, enum block_mode mode, const char *prefix);

static void fail(struct mlw *w, size_t off, const char *fmt, ...)
{
    va_list ap;
    char msg[200];

    if (w->reason)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (asprintf(&w->reason, "line %u: %s", mlr_line(w->f, off), msg) < 0)
        w->reason = NULL;
    if (!w->reason)
        w->edits->failed = 1;
}

static void replace(struct mlw *w, size_t off, size_t del, const char *text)
{
    if (w->reason)
        return;
    if (mlr_in_macro(w->f, off) || mlr_in_macro(w->f, off + del)) {
        fail(w, off, "would insert inside a macro call");
        return;
    }
    mle_replace(w->edits, off, del, text);
}

static void ins(struct mlw *w, size_t off, const char *text)
{
    replace(w, off, 0, text);
}

static unsigned line_index(struct mlw *w, size_t off)
{
    return mlr_line(w->f, off) - w->first_line;
}

/* Whether running c may allocate: only then does the probe after it need
** to look (memline_probe); else a tick counts the line (probe.h). */
static int may_allocate(const struct mlw *w, CXCursor c)
{
    return mlc_may_allocate(w->calls, c);
}

/* The probe of line index k, an expression: the full probe (`full`: after
** what may allocate) or a tick; in a function without a frame, its tick. */
static void probe_expr(struct mlw *w, char *buf, size_t n, unsigned k, int full)
{
    w->probes++;
    if (w->leaf)
        snprintf(buf, n, "memline_leaf_tick(memline__l, %u)", k);
    else if (full || w->all_full)
        snprintf(buf, n, "memline_probe(memline__f, %u)", k);
    else
        snprintf(buf, n, "memline_tick(memline__f, %u)", k);
}

/* The probe after a statement: as a statement, or as a declaration (decl)
** where a declaration follows. */
static void probe_after(struct mlw *w, char *buf, size_t n, unsigned k, int decl, int full)
{
    char probe[96];

    probe_expr(w, probe, sizeof probe, k, full);
    if (decl)
        snprintf(buf, n, " int memline__d%u __attribute__((unused)) = ((void)%s, 0);", ++w->decls,
                 probe);
    else
        snprintf(buf, n, " %s;", probe);
}

/* One probe for the `count` lines k, k+1, ... of a run of declarations
** that call nothing: their ticks. */
static void probe_run(struct mlw *w, char *buf, size_t n, unsigned k, unsigned count, int decl)
{
    char probe[96];

    w->probes++;
    if (w->leaf)
        snprintf(probe, sizeof probe, "memline_leaf_ticks(memline__l, %u, %u)", k, count);
    else if (w->all_full)
        snprintf(probe, sizeof probe, "memline_probes(memline__f, %u, %u)", k, count);
    else
        snprintf(probe, sizeof probe, "memline_ticks(memline__f, %u, %u)", k, count);
    if (decl)
        snprintf(buf, n, " int memline__d%u __attribute__((unused)) = ((void)%s, 0);", ++w->decls,
                 probe);
    else
        snprintf(buf, n, " %s;", probe);
}

/* The probe before a statement: it takes what came before, which the
** probes before it took already, so a tick. */
static void probe_before(struct mlw *w, char *buf, size_t n, unsigned k)
{
    char probe[96];

    probe_expr(w, probe, sizeof probe, k, 0);
    snprintf(buf, n, "%s; ", probe);
}

/* Where a statement spanning s really ends: after its `;` when the `;`
** is written after the span and belongs to it (`limit` is where the next
** statement of the enclosing block starts). */
static size_t end_of(struct mlw *w, const struct mlr_span *s, size_t limit)
{
    const char *t = w->f->text;
    size_t p;

    if (s->e > s->b && t[s->e - 1] == ';')
        return s->e;
    p = mlr_skip(w->f, s->e);
    if (p < limit && p < w->f->size && t[p] == ';' && !mlr_in_macro(w->f, p))
        return p + 1;
    return s->e;
}

/* Text before a statement, with the braces an unbraced body needs. */
static void open_at(struct mlw *w, size_t b, int braced, const char *before)
{
    if (!braced)
        ins(w, b, "{ ");
    if (before)
        ins(w, b, before);
}

static void close_at(struct mlw *w, size_t e, int braced, const char *after)
{
    if (after)
        ins(w, e, after);
    if (!braced)
        ins(w, e, " }");
}

/* The widened range of c; MLR_OUTSIDE for text of another file (a
** header #included inside the function, the file included again),
** which gets no probe of its own. */
static int span_of(struct mlw *w, CXCursor c, struct mlr_span *s)
{
    return mlr_cursor(w->f, c, s);
}

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
        block(w, k.v[0], STMT_EXPR, NULL);
    mlq_kids_free(&k);
    return CXChildVisit_Continue;
}

/* Instruments the statement expressions written inside expression c. */
static void stmt_exprs(struct mlw *w, CXCursor c)
{
    if (c.kind == CXCursor_StmtExpr)
        find_stmt_expr(c, clang_getNullCursor(), w);
    else
        clang_visitChildren(c, find_stmt_expr, w);
}

/* A statement probed as one piece: after it, or before it when it jumps. */
static void leaf(struct mlw *w, CXCursor c, const struct mlr_span *s, int braced, size_t limit,
                 int is_value, int jumps, int decl, int full)
{
    char text[160];
    unsigned k = line_index(w, s->b);
    size_t e = end_of(w, s, limit);

    if (jumps) {
        probe_before(w, text, sizeof text, k);
        open_at(w, s->b, braced, text);
        stmt_exprs(w, c);
        close_at(w, e, braced, NULL);
        return;
    }
    if (is_value || (decl && !mlq_decl_runs(c))) {
        stmt_exprs(w, c);
        return;
    }
    if (decl && !braced) {
        fail(w, s->b, "declaration as an unbraced body");
        return;
    }
    probe_after(w, text, sizeof text, k, decl && w->decl_follows, full);
    open_at(w, s->b, braced, NULL);
    stmt_exprs(w, c);
    close_at(w, e, braced, text);
}

/* A statement whose condition gets no wrapping (constant, setjmp, made by
** a macro, unreadable header): one probe before it, bodies as usual. */
static void probed_before(struct mlw *w, const struct mlr_span *s, int braced, size_t limit,
                          const struct mlq_kids *k, size_t first_body)
{
    char text[160];
    size_t i;

    probe_before(w, text, sizeof text, line_index(w, s->b));
    open_at(w, s->b, braced, text);
    for (i = 0; i < first_body; i++)
        stmt_exprs(w, k->v[i]);
    for (i = first_body; i < k->n; i++)
        stmt(w, k->v[i], 0, limit, 0);
    close_at(w, end_of(w, s, limit), braced, NULL);
}

/* The `(` after keyword `kw` at s->b and its matching `)`. */
static int parens_after(struct mlw *w, size_t at, const char *kw, size_t *open, size_t *close)
{
    const char *t = w->f->text;
    size_t n = w->f->size, p;
    long q;

    if (!mlt_is_word(t, n, at, kw))
        return -1;
    p = mlt_skip_blank(t, n, at + strlen(kw));
    if (p >= n || t[p] != '(' || mlr_in_macro(w->f, p))
        return -1;
    q = mlt_match(t, n, p);
    if (q < 0 || mlr_in_macro(w->f, (size_t)q))
        return -1;
    *open = p;
    *close = (size_t)q;
    return 0;
}

/* The texts around a condition text[from, to) on line index k:
** memline_cond() around it; or, when it assigns (`(f = fopen(p)) ==
** NULL`), a probe on each side of an && and an || around it, so that the
** compiler still sees the condition itself decide the branch (clang's
** -Wconditional-uninitialized follows a variable assigned in it). */
#define COND_TEXT 256

static void cond_texts(struct mlw *w, size_t from, size_t to, unsigned k, int full,
                       char open[COND_TEXT], char close[COND_TEXT])
{
    char probe[100];

    if (mlt_assigns(w->f->text, w->f->size, from, to)) {
        probe_expr(w, probe, sizeof probe, k, full);
        snprintf(open, COND_TEXT, "(((");
        snprintf(close, COND_TEXT, ") && ((void)%s, 1)) || ((void)%s, 0))", probe, probe);
        return;
    }
    w->probes++;
    if (w->leaf)
        snprintf(open, COND_TEXT, "memline_leaf_cond(memline__l, %u, !!(", k);
    else
        snprintf(open, COND_TEXT,
                 full || w->all_full ? "memline_cond(memline__f, %u, !!("
                                     : "memline_cond_tick(memline__f, %u, !!(",
                 k);
    snprintf(close, COND_TEXT, "))");
}

static void wrap_cond(struct mlw *w, size_t from, size_t to, unsigned k, CXCursor cond)
{
    char open[COND_TEXT], close[COND_TEXT];

    cond_texts(w, from, to, k, may_allocate(w, cond), open, close);
    ins(w, from, open);
    stmt_exprs(w, cond);
    ins(w, to, close);
}

/* A loop body that starts with the probe of its (constant) header. */
static void body_first(struct mlw *w, CXCursor body, unsigned k, size_t limit)
{
    char text[160];
    struct mlr_span s;
    int flags = span_of(w, body, &s);

    if (flags == MLR_OUTSIDE)
        return;
    if (body.kind == CXCursor_CompoundStmt && flags == MLR_FILE && w->f->text[s.b] == '{') {
        probe_after(w, text, sizeof text, k, 1, 0);
        block(w, body, BLOCK, text);
        return;
    }
    probe_before(w, text, sizeof text, k);
    open_at(w, s.b, 0, text);
    stmt(w, body, 1, limit, 0);
    close_at(w, end_of(w, &s, limit), 0, NULL);
}

static void if_stmt(struct mlw *w, const struct mlr_span *s, int braced, size_t limit,
                    const struct mlq_kids *k)
{
    size_t open, close, i;

    if (k->n < 2 || parens_after(w, s->b, "if", &open, &close) < 0 ||
        mlq_condition(k->v[0]) != MLQ_DYNAMIC) {
        probed_before(w, s, braced, limit, k, 1);
        return;
    }
    wrap_cond(w, open + 1, close, line_index(w, s->b), k->v[0]);
    for (i = 1; i < k->n; i++)
        stmt(w, k->v[i], 0, limit, 0);
}

static void while_stmt(struct mlw *w, const struct mlr_span *s, int braced, size_t limit,
                       const struct mlq_kids *k)
{
    size_t open, close;
    enum mlq_cond cond = k->n == 2 ? mlq_condition(k->v[0]) : MLQ_OPAQUE;

    if (parens_after(w, s->b, "while", &open, &close) < 0)
        cond = MLQ_OPAQUE;
    if (cond == MLQ_DYNAMIC) {
        wrap_cond(w, open + 1, close, line_index(w, s->b), k->v[0]);
        stmt(w, k->v[1], 0, limit, 0);
    } else if (cond == MLQ_TRUE) {
        stmt_exprs(w, k->v[0]);
        body_first(w, k->v[1], line_index(w, s->b), limit);
    } else {
        probed_before(w, s, braced, limit, k, k->n - 1);
    }
}

static void for_stmt(struct mlw *w, const struct mlr_span *s, int braced, size_t limit,
                     const struct mlq_kids *k)
{
    const char *t = w->f->text;
    size_t n = w->f->size, semi1, semi2, close, i, nhead = k->n - 1;
    enum mlq_cond cond = MLQ_OPAQUE;
    CXCursor c = clang_getNullCursor();
    unsigned line = line_index(w, s->b);

    if (mlt_is_word(t, n, s->b, "for") &&
        mlt_for_header(t, n, mlt_skip_blank(t, n, s->b + 3), &semi1, &semi2, &close) == 0 &&
        !mlr_in_macro(w->f, semi1 + 1) && !mlr_in_macro(w->f, semi2)) {
        if (mlt_skip_blank(t, n, semi1 + 1) >= semi2) {
            cond = MLQ_TRUE;
        } else {
            for (i = 0; i < nhead; i++) {
                struct mlr_span ks;
                if (mlr_cursor(w->f, k->v[i], &ks) != MLR_OUTSIDE && ks.b > semi1 && ks.e <= semi2)
                    c = k->v[i];
            }
            if (!clang_Cursor_isNull(c))
                cond = mlq_condition(c);
        }
    }
    if (cond == MLQ_DYNAMIC) {
        char open[COND_TEXT], close[COND_TEXT];
        size_t from = mlt_skip_blank(t, n, semi1 + 1), to = semi2;
        while (to > from && (t[to - 1] == ' ' || t[to - 1] == '\t'))
            to--;
        cond_texts(w, from, to, line, may_allocate(w, c), open, close);
        ins(w, from, open);
        for (i = 0; i < nhead; i++)
            stmt_exprs(w, k->v[i]);
        ins(w, to, close);
        stmt(w, k->v[nhead], 0, limit, 0);
    } else if (cond == MLQ_TRUE) {
        for (i = 0; i < nhead; i++)
            stmt_exprs(w, k->v[i]);
        body_first(w, k->v[nhead], line, limit);
    } else {
        probed_before(w, s, braced, limit, k, nhead);
    }
}

static void do_stmt(struct mlw *w, size_t limit, const struct mlq_kids *k)
{
    struct mlr_span bs;
    size_t kw, open, close;

    if (k->n != 2 || span_of(w, k->v[0], &bs) == MLR_OUTSIDE)
        return;
    stmt(w, k->v[0], 0, limit, 0);
    kw = mlr_skip(w->f, end_of(w, &bs, limit));
    if (parens_after(w, kw, "while", &open, &close) == 0 && mlq_condition(k->v[1]) == MLQ_DYNAMIC)
        wrap_cond(w, open + 1, close, line_index(w, kw), k->v[1]);
    else
        stmt_exprs(w, k->v[1]);
}

static void switch_stmt(struct mlw *w, const struct mlr_span *s, int braced, size_t limit,
                        const struct mlq_kids *k)
{
    size_t open, close;
    struct mlb copy = {0};
    char text[200], probe[96];

    if (k->n != 2 || parens_after(w, s->b, "switch", &open, &close) < 0 ||
        mlq_condition(k->v[0]) != MLQ_DYNAMIC || mlq_has_stmt_expr(k->v[0]) ||
        mlt_flatten(&copy, w->f->text, open + 1, close) < 0 || !mlb_cstr(&copy)) {
        mlb_free(&copy);
        if (k->n == 2 && k->v[1].kind == CXCursor_CompoundStmt) {
            char before[160];
            probe_before(w, before, sizeof before, line_index(w, s->b));
            open_at(w, s->b, braced, before);
            block(w, k->v[1], SWITCH_BODY, NULL);
            close_at(w, end_of(w, s, limit), braced, NULL);
        } else {
            probed_before(w, s, braced, limit, k, 1);
        }
        return;
    }
    ins(w, open + 1, "__extension__({ __typeof__((");
    ins(w, open + 1, mlb_cstr(&copy));
    /* The promoted type (a bit-field's has no name), but an enum's own. */
    ins(w, open + 1, mlq_enum_value(k->v[0]) ? ")) memline__s = (" : ")+0) memline__s = (");
    probe_expr(w, probe, sizeof probe, line_index(w, s->b), may_allocate(w, k->v[0]));
    snprintf(text, sizeof text, "); %s; memline__s; })", probe);
    ins(w, close, text);
    mlb_free(&copy);
    if (k->v[1].kind == CXCursor_CompoundStmt)
        block(w, k->v[1], SWITCH_BODY, NULL);
    else
        stmt(w, k->v[1], 0, limit, 0);
}

static void return_stmt(struct mlw *w, CXCursor c, const struct mlr_span *s, int flags,
                        size_t limit, const struct mlq_kids *k)
{
    char head[400], tail[200], probe[96];
    unsigned line = line_index(w, s->b);
    size_t e = end_of(w, s, limit);
    int keyword = !(flags & MLR_MACRO_START) && mlt_is_word(w->f->text, w->f->size, s->b, "return");
    int tail_call =
        !w->returns_twice && k->n > 0 && mlq_calls_one_of(k->v[0], w->selected, w->nselected);
    const char *leave = w->leaf ? "" : " memline_exit(memline__f);";

    if (w->leaf || !keyword || k->n == 0 || tail_call || !may_allocate(w, k->v[0]) ||
        (!w->ret_void && !w->ret_type)) {
        /* Tick, leave, then return: keeps a tail call a tail call; a value
        ** that cannot allocate stays as written. */
        probe_expr(w, probe, sizeof probe, line, 0);
        snprintf(head, sizeof head, "{ %s;%s ", probe, leave);
        ins(w, s->b, head);
        stmt_exprs(w, c);
        ins(w, e, " }");
    } else if (w->ret_void) {
        probe_expr(w, probe, sizeof probe, line, 1);
        replace(w, s->b, 6, "{");
        stmt_exprs(w, c);
        snprintf(tail, sizeof tail, " %s;%s return; }", probe, leave);
        ins(w, e, tail);
    } else {
        size_t len = strlen(w->ret_type);
        /* `return f(), x;` must not become a declaration of two names. */
        int paren = e > s->b + 6 && w->f->text[e - 1] == ';' && !mlr_in_macro(w->f, e - 1) &&
                    mlt_bare_comma(w->f->text, w->f->size, s->b + 6, e - 1) != 0;
        /* A return in a statement expression of the value would shadow
        ** the names: this one's get the probe's number. */
        char id[16] = "";
        probe_expr(w, probe, sizeof probe, line, 1);
        if (mlq_has_stmt_expr(k->v[0]))
            snprintf(id, sizeof id, "%u", w->probes);
        /* The type by a typedef under __extension__: one C90 lacks (_Bool,
        ** long long) draws no -Wpedantic, and the value keeps its own. */
        snprintf(head, sizeof head,
                 "{ __extension__ typedef %s%smemline__t%s; memline__t%s memline__r%s =%s",
                 w->ret_type, len && w->ret_type[len - 1] == '*' ? "" : " ", id, id, id,
                 paren ? " (" : "");
        replace(w, s->b, 6, head);
        stmt_exprs(w, c);
        if (paren)
            ins(w, e - 1, ")");
        snprintf(tail, sizeof tail, " %s;%s return memline__r%s; }", probe, leave, id);
        ins(w, e, tail);
    }
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

static void stmt(struct mlw *w, CXCursor c, int braced, size_t limit, int is_value)
{
    struct mlr_span s;
    struct mlq_kids k = {0};
    int flags;
    enum CXCursorKind kind = c.kind;

    if (w->reason)
        return;
    flags = span_of(w, c, &s);
    if (flags == MLR_OUTSIDE)
        return;
    if (mlq_kids(c, &k) < 0) {
        w->edits->failed = 1;
        fail(w, s.b, "out of memory");
        return;
    }
    if ((flags & MLR_MACRO_START) &&
        (kind == CXCursor_IfStmt || kind == CXCursor_WhileStmt || kind == CXCursor_ForStmt ||
         kind == CXCursor_SwitchStmt || kind == CXCursor_DoStmt)) {
        size_t first_body = kind == CXCursor_DoStmt ? 0 : kind == CXCursor_ForStmt ? k.n - 1 : 1;
        if (kind != CXCursor_DoStmt && bodies_in_file(w, &k, first_body))
            probed_before(w, &s, braced, limit, &k, first_body);
        else
            leaf(w, c, &s, braced, limit, is_value, 0, 0, may_allocate(w, c));
        mlq_kids_free(&k);
        return;
    }
    switch (kind) {
    case CXCursor_CompoundStmt:
        block(w, c, BLOCK, NULL);
        break;
    case CXCursor_IfStmt:
        if_stmt(w, &s, braced, limit, &k);
        break;
    case CXCursor_WhileStmt:
        while_stmt(w, &s, braced, limit, &k);
        break;
    case CXCursor_ForStmt:
        for_stmt(w, &s, braced, limit, &k);
        break;
    case CXCursor_DoStmt:
        do_stmt(w, limit, &k);
        break;
    case CXCursor_SwitchStmt:
        switch_stmt(w, &s, braced, limit, &k);
        break;
    case CXCursor_CaseStmt:
    case CXCursor_DefaultStmt:
    case CXCursor_LabelStmt:
        if (k.n > 0)
            stmt(w, k.v[k.n - 1], braced, limit, is_value);
        break;
    case CXCursor_NullStmt:
        break;
    case CXCursor_DeclStmt:
        if (!mlq_is_label_decl(w->f->tu, c))
            leaf(w, c, &s, braced, limit, is_value, 0, 1, may_allocate(w, c));
        break;
    case CXCursor_BreakStmt:
    case CXCursor_ContinueStmt:
    case CXCursor_GotoStmt:
    case CXCursor_IndirectGotoStmt:
        leaf(w, c, &s, braced, limit, 0, 1, 0, 0);
        break;
    case CXCursor_ReturnStmt:
        return_stmt(w, c, &s, flags, limit, &k);
        break;
    case CXCursor_GCCAsmStmt:
        leaf(w, c, &s, braced, limit, is_value, 0, 0, 1);
        break;
    case CXCursor_UnexposedStmt:
        if (!attribute_only(&k))
            fail(w, s.b, "unsupported statement");
        break;
    default:
        if (clang_isExpression(kind) && mlq_no_code(c))
            stmt_exprs(w, c); /* no code, no probe: its line never ran */
        else if (clang_isExpression(kind))
            leaf(w, c, &s, braced, limit, is_value, mlq_noreturn_call(w->f->tu, c), 0,
                 may_allocate(w, c));
        else
            fail(w, s.b, "unsupported statement (cursor kind %d)", (int)kind);
        break;
    }
    mlq_kids_free(&k);
}

/* Whether the statement at s is a macro call named like a fallthrough
** marker (FALLTHROUGH, fall_through, ...) right before a case label:
** libclang may see `((void)0)` where gcc sees the attribute, and nothing
** may go between gcc's attribute and the label. */
static int fallthrough_marker(struct mlw *w, int flags, const struct mlr_span *s, CXCursor next)
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

/* Whether statement x of a block (spans of all) may join a run of
** declarations: it declares an automatic variable, calls nothing, is
** written in the file and shares its range with no other statement.
** memo[x] keeps the answer (0 = not asked yet, 1 = no, 2 = yes). */
static int runs_with_others(struct mlw *w, const struct mlq_kids *k, const struct mlr_span *spans,
                            signed char *memo, size_t x)
{
    struct mlr_span s;
    CXCursor c = k->v[x];

    if (!memo[x])
        memo[x] = c.kind == CXCursor_DeclStmt && (x + 1 == k->n || spans[x + 1].b >= spans[x].e) &&
                          mlq_decl_runs(c) && !mlq_has_call(c) &&
                          mlr_cursor(w->f, c, &s) == MLR_FILE && !mlq_is_label_decl(w->f->tu, c)
                      ? 2
                      : 1;
    return memo[x] == 2;
}

/* The end (exclusive) of the run of declarations that starts at statement
** a: each on the line after the previous one's first. Such declarations
** run one after the other and cannot allocate, so one probe after the
** last counts them all, as their own probes would (memline_probes). */
static size_t run_end(struct mlw *w, const struct mlq_kids *k, const struct mlr_span *spans,
                      signed char *memo, size_t a)
{
    size_t b = a + 1;

    if (!runs_with_others(w, k, spans, memo, a))
        return b;
    while (b < k->n && mlr_line(w->f, spans[b].b) == mlr_line(w->f, spans[b - 1].b) + 1 &&
           runs_with_others(w, k, spans, memo, b))
        b++;
    return b;
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
    char text[160];
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
        full = may_allocate(w, k->v[x]);
    probe_after(w, text, sizeof text, line - w->first_line,
                mode != SWITCH_BODY && b < k->n && k->v[b].kind == CXCursor_DeclStmt, full);
    memmove(text, text + 1, strlen(text));
    strcat(text, " ");
    ins(w, gap->e, text);
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
        foreign[j] =
            span_of(w, k->v[j], &spans[j]) == MLR_OUTSIDE || spans[j].b < last || spans[j].e > s->e;
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
** another file another (foreign_run). `prefix` goes after the `{` and any
** `__label__` declarations. */
static void block(struct mlw *w, CXCursor c, enum block_mode mode, const char *prefix)
{
    struct mlq_kids k = {0};
    struct mlr_span s, *spans = NULL;
    signed char *memo = NULL, *foreign = NULL;
    size_t i = 0, j, entry, prev_end;
    int flags = span_of(w, c, &s);

    if (flags == MLR_OUTSIDE)
        return;
    if (mlq_kids(c, &k) < 0 || (k.n && (!(spans = malloc(k.n * sizeof *spans)) ||
                                        !(memo = calloc(k.n, 1)) || !(foreign = calloc(k.n, 1))))) {
        w->edits->failed = 1;
        fail(w, s.b, "out of memory");
        goto done;
    }
    find_foreign(w, &k, &s, spans, foreign);
    for (j = 0; j < k.n; j++)
        w->saw_foreign |= foreign[j];
    entry = s.b + 1;
    while (i < k.n && !foreign[i] && mlq_is_label_decl(w->f->tu, k.v[i]))
        entry = spans[i++].e;
    if (prefix) {
        if (flags != MLR_FILE || w->f->text[s.b] != '{') {
            fail(w, s.b, "block braces made by a macro");
            goto done;
        }
        ins(w, entry, prefix);
    }
    if (mode == SWITCH_BODY)
        while (i < k.n && k.v[i].kind != CXCursor_CaseStmt && k.v[i].kind != CXCursor_DefaultStmt &&
               k.v[i].kind != CXCursor_LabelStmt)
            i++;
    prev_end = i > 0 ? spans[i - 1].e : entry;
    for (; i < k.n && !w->reason; prev_end = spans[j - 1].e, i = j) {
        size_t end = spans[i].e, limit;
        int is_value;
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
        limit = j < k.n ? spans[j].b : s.e > s.b ? s.e - 1 : s.e;
        is_value = mode == STMT_EXPR && j == k.n;
        w->decl_follows = j < k.n && k.v[j].kind == CXCursor_DeclStmt;
        if (j - i == 1 && mode != STMT_EXPR && (j = run_end(w, &k, spans, memo, i)) - i > 1) {
            char text[160];
            limit = j < k.n ? spans[j].b : s.e > s.b ? s.e - 1 : s.e;
            probe_run(w, text, sizeof text, line_index(w, spans[i].b), (unsigned)(j - i),
                      j < k.n && k.v[j].kind == CXCursor_DeclStmt);
            ins(w, end_of(w, &spans[j - 1], limit), text);
        } else if (j - i > 1) {
            struct mlr_span group;
            size_t x;
            int full = 0;
            group.b = spans[i].b;
            group.e = end;
            for (x = i; x < j && !full; x++)
                full = may_allocate(w, k.v[x]);
            leaf(w, k.v[j - 1], &group, 1, limit, is_value, 0, k.v[j - 1].kind == CXCursor_DeclStmt,
                 full);
        } else if (j == k.n || foreign[j] ||
                   !fallthrough_marker(w, mlr_cursor(w->f, k.v[i], &spans[i]), &spans[i], k.v[j])) {
            stmt(w, k.v[i], 1, limit, is_value);
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

int mlw_function(struct mlw *w, CXCursor fn, unsigned site, unsigned first_line)
{
    struct mlq_kids k = {0};
    CXCursor body = clang_getNullCursor();
    struct mlr_span s;
    char entry[200];
    size_t i, nedits;
    unsigned probes, decls;
    int unused = 0;

    w->first_line = first_line;
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
    w->returns_twice = !clang_Cursor_isNull(body) && mlq_calls_returns_twice(body);
    if (clang_Cursor_isNull(body) || mlr_cursor(w->f, body, &s) != MLR_FILE ||
        w->f->text[s.b] != '{' || w->f->text[s.e - 1] != '}') {
        fail(w, 0, "the body of a selected function is made by a macro");
        return -1;
    }
    /* Nothing in the body can allocate: no frame (probe.h). */
    w->leaf = !may_allocate(w, body);
    w->all_full = w->returns_twice;
    w->saw_foreign = 0;
    nedits = w->edits->n;
    probes = w->probes;
    decls = w->decls;
again:
    if (w->leaf)
        /* A body whose statements all produce no code has no tick: the
        ** entry's variable is then marked unused (-Wunused-variable). */
        snprintf(entry, sizeof entry,
                 " const struct memline_leaf memline__l%s = memline_enter_leaf(&memline__site_%u);",
                 unused ? " __attribute__((unused))" : "", site);
    else
        snprintf(entry, sizeof entry,
                 " struct memline_frame *const memline__f = memline_enter(&memline__site_%u);",
                 site);
    block(w, body, BLOCK, entry);
    if (!w->leaf && w->saw_foreign && !w->all_full && !w->reason) {
        mle_truncate(w->edits, nedits);
        w->probes = probes;
        w->decls = decls;
        w->all_full = 1;
        goto again;
    }
    if (w->leaf && w->probes == probes && !unused && !w->reason) {
        mle_truncate(w->edits, nedits);
        w->decls = decls;
        unused = 1;
        goto again;
    }
    if (!w->leaf)
        ins(w, s.e - 1, "memline_exit(memline__f); ");
    return w->reason ? -1 : 0;
}
