/*
** walkctl.c — the walker's control statements (walkint.h): if, while,
** for, do and switch, whose conditions are wrapped (memline_cond) or
** probed before, and return, probed before it leaves.
*/
#define _GNU_SOURCE
#include "walkint.h"

#include <stdio.h>
#include <string.h>

#include "query.h"

/* A statement whose condition gets no wrapping (constant, setjmp, made by
** a macro, unreadable header): one probe before it, bodies as usual. */
void mlw_probed_before(struct mlw *w, const struct mlr_span *s, int braced, size_t limit,
                       const struct mlq_kids *k, size_t first_body)
{
    char text[224];
    size_t i;

    mlw_probe_before(w, text, sizeof text, mlw_line_index(w, s->b));
    mlw_open_at(w, s->b, braced, text);
    for (i = 0; i < first_body; i++)
        mlw_stmt_exprs(w, k->v[i]);
    for (i = first_body; i < k->n; i++)
        mlw_stmt(w, k->v[i], 0, limit, 0);
    mlw_close_at(w, mlw_end_of(w, s, limit), braced, NULL);
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
** -Wconditional-uninitialized follows a variable assigned in it).
** w->last_tick: the condition's record + 1 when it has a tick of its own
** (ticked once each time it is tested, before), else 0. */
#define COND_TEXT 320

static void cond_texts(struct mlw *w, size_t from, size_t to, unsigned k, int full,
                       char open[COND_TEXT], char close[COND_TEXT])
{
    char probe[128];

    if (mlt_assigns(w->f->text, w->f->size, from, to)) {
        mlw_probe_expr(w, probe, sizeof probe, k, full);
        snprintf(open, COND_TEXT, "(((");
        snprintf(close, COND_TEXT, ") && ((void)%s, 1)) || ((void)%s, 0))", probe, probe);
        w->last_tick = 0;
        return;
    }
    if (mlw_run_probe(w, &k)) {
        open[0] = close[0] = '\0';
        w->last_tick = 0;
        return;
    }
    k = mlw_line_record(w, k);
    full = !w->leaf && (full || w->all_full);
    mlw_counted(w, k, full);
    if (w->leaf || (w->deferred && !full))
        snprintf(open, COND_TEXT,
                 w->loops ? "memline_leaf_loop_cond(memline__l, %u, !!("
                          : "memline_leaf_cond(memline__l, %u, !!(",
                 k);
    else if (w->deferred)
        snprintf(
            open, COND_TEXT,
            "memline_deferred_cond(memline__f, memline__l, memline__m, &memline__site_%u, %u, !!(",
            w->site, k);
    else
        snprintf(open, COND_TEXT,
                 full       ? "memline_cond(memline__f, %u, !!("
                 : w->loops ? "memline_loop_cond_tick(memline__f, %u, !!("
                            : "memline_cond_tick(memline__f, %u, !!(",
                 k);
    snprintf(close, COND_TEXT, "))");
}

static void wrap_cond(struct mlw *w, size_t from, size_t to, unsigned k, CXCursor cond)
{
    char open[COND_TEXT], close[COND_TEXT];

    cond_texts(w, from, to, k, mlw_may_allocate(w, cond), open, close);
    mlw_note_once(w, cond, w->last_tick, 0);
    if (open[0])
        mlw_ins(w, from, open);
    mlw_stmt_exprs(w, cond);
    if (close[0])
        mlw_ins(w, to, close);
}

/* A loop body that starts with the probe of its (constant) header. */
static void body_first(struct mlw *w, CXCursor body, unsigned k, size_t limit)
{
    char text[224];
    struct mlr_span s;
    int flags = mlw_span_of(w, body, &s);

    if (flags == MLR_OUTSIDE)
        return;
    if (body.kind == CXCursor_CompoundStmt && flags == MLR_FILE && w->f->text[s.b] == '{') {
        mlw_probe_after(w, text, sizeof text, k, 1, 0);
        /* The tick before each pass counts the run that starts the body. */
        if (w->last_tick == k + 1 && !w->unlent[k])
            w->lend_body = k + 1;
        mlw_block(w, body, BLOCK, text);
        return;
    }
    mlw_probe_before(w, text, sizeof text, k);
    mlw_open_at(w, s.b, 0, text);
    mlw_stmt(w, body, 1, limit, 0);
    mlw_close_at(w, mlw_end_of(w, &s, limit), 0, NULL);
}

/* A loop whose body is a block that starts with a straight-line run and
** that no break or continue leaves: its condition is tested once each
** time the run around the loop reaches it (reach: that run's record + 1)
** and once after each pass of the body, so those two records count its
** line, with the memory they saw, which nothing in the loop changes (the
** loop is that run's RUN_LOOP, which allocates nothing). A do's condition
** is tested after each pass only (reach 0): the body's run counts it when
** the body and the condition call nothing that may allocate (the
** condition nothing at all). Walks the body; returns 1 when the records
** count the line, 0 when the condition needs its own probe. */
static int counted_by_runs(struct mlw *w, unsigned reach, CXCursor body, CXCursor cond,
                           unsigned line, size_t limit)
{
    int is_do = clang_Cursor_isNull(cond) == 0;

    if ((!reach && (!is_do || mlq_has_call(cond) || mlw_may_allocate(w, body))) ||
        body.kind != CXCursor_CompoundStmt || !mlq_closed(w->f->tu, body, w->returns_twice)) {
        mlw_stmt(w, body, 0, limit, 0);
        return 0;
    }
    w->want_first_run = 1;
    w->first_run = 0;
    mlw_stmt(w, body, 0, limit, 0);
    w->want_first_run = 0;
    if (!w->first_run)
        return 0;
    if (reach && !is_do)
        mlw_run_line(w, reach - 1, line);
    mlw_run_line(w, w->first_run, line);
    return 1;
}

void mlw_if_stmt(struct mlw *w, const struct mlr_span *s, int braced, size_t limit,
                 const struct mlq_kids *k)
{
    size_t open, close, i;

    if (k->n < 2 || parens_after(w, s->b, "if", &open, &close) < 0 ||
        mlq_condition(k->v[0]) != MLQ_DYNAMIC) {
        mlw_probed_before(w, s, braced, limit, k, 1);
        return;
    }
    wrap_cond(w, open + 1, close, mlw_line_index(w, s->b), k->v[0]);
    for (i = 1; i < k->n; i++)
        mlw_stmt(w, k->v[i], 0, limit, 0);
}

void mlw_while_stmt(struct mlw *w, const struct mlr_span *s, int braced, size_t limit,
                    const struct mlq_kids *k)
{
    size_t open, close;
    enum mlq_cond cond = k->n == 2 ? mlq_condition(k->v[0]) : MLQ_OPAQUE;
    unsigned reach = w->loop_reach;

    w->loop_reach = 0;
    if (parens_after(w, s->b, "while", &open, &close) < 0)
        cond = MLQ_OPAQUE;
    if (cond == MLQ_DYNAMIC) {
        if (!counted_by_runs(w, reach, k->v[1], clang_getNullCursor(), mlw_line_index(w, s->b),
                             limit))
            wrap_cond(w, open + 1, close, mlw_line_index(w, s->b), k->v[0]);
    } else if (cond == MLQ_TRUE) {
        mlw_stmt_exprs(w, k->v[0]);
        body_first(w, k->v[1], mlw_line_index(w, s->b), limit);
    } else {
        mlw_probed_before(w, s, braced, limit, k, k->n - 1);
    }
}

void mlw_for_stmt(struct mlw *w, const struct mlr_span *s, int braced, size_t limit,
                  const struct mlq_kids *k)
{
    const char *t = w->f->text;
    size_t n = w->f->size, semi1, semi2, close, i, nhead = k->n - 1;
    enum mlq_cond cond = MLQ_OPAQUE;
    CXCursor c = clang_getNullCursor();
    unsigned line = mlw_line_index(w, s->b), reach = w->loop_reach;

    w->loop_reach = 0;
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
        if (counted_by_runs(w, reach, k->v[nhead], clang_getNullCursor(), line, limit))
            return;
        cond_texts(w, from, to, line, mlw_may_allocate(w, c), open, close);
        mlw_note_once(w, c, w->last_tick, 0);
        mlw_ins(w, from, open);
        for (i = 0; i < nhead; i++)
            mlw_stmt_exprs(w, k->v[i]);
        mlw_ins(w, to, close);
    } else if (cond == MLQ_TRUE) {
        for (i = 0; i < nhead; i++)
            mlw_stmt_exprs(w, k->v[i]);
        body_first(w, k->v[nhead], line, limit);
    } else {
        mlw_probed_before(w, s, braced, limit, k, nhead);
    }
}

void mlw_do_stmt(struct mlw *w, size_t limit, const struct mlq_kids *k)
{
    struct mlr_span bs;
    size_t kw, open, close;
    unsigned reach = w->loop_reach;

    w->loop_reach = 0;
    if (k->n != 2 || mlw_span_of(w, k->v[0], &bs) == MLR_OUTSIDE)
        return;
    kw = mlr_skip(w->f, mlw_end_of(w, &bs, limit));
    if (parens_after(w, kw, "while", &open, &close) == 0 && mlq_condition(k->v[1]) == MLQ_DYNAMIC) {
        if (!counted_by_runs(w, reach, k->v[0], k->v[1], mlw_line_index(w, kw), limit))
            wrap_cond(w, open + 1, close, mlw_line_index(w, kw), k->v[1]);
    } else {
        mlw_stmt(w, k->v[0], 0, limit, 0);
        mlw_stmt_exprs(w, k->v[1]);
    }
}

void mlw_switch_stmt(struct mlw *w, const struct mlr_span *s, int braced, size_t limit,
                     const struct mlq_kids *k)
{
    size_t open, close;
    struct mlb copy = {0};
    char text[256], probe[128];

    if (k->n == 2 && mlw_next_probe_none(w)) {
        /* The run counts the line: the value needs no wrapping. */
        unsigned line = mlw_line_index(w, s->b);
        mlw_run_probe(w, &line);
        mlw_stmt_exprs(w, k->v[0]);
        if (k->v[1].kind == CXCursor_CompoundStmt)
            mlw_block(w, k->v[1], SWITCH_BODY, NULL);
        else
            mlw_stmt(w, k->v[1], 0, limit, 0);
        return;
    }
    if (k->n != 2 || parens_after(w, s->b, "switch", &open, &close) < 0 ||
        mlq_condition(k->v[0]) != MLQ_DYNAMIC || mlw_has_stmt_expr(w, k->v[0]) ||
        mlt_flatten(&copy, w->f->text, open + 1, close) < 0 || !mlb_cstr(&copy)) {
        mlb_free(&copy);
        if (k->n == 2 && k->v[1].kind == CXCursor_CompoundStmt) {
            char before[224];
            mlw_probe_before(w, before, sizeof before, mlw_line_index(w, s->b));
            mlw_open_at(w, s->b, braced, before);
            mlw_block(w, k->v[1], SWITCH_BODY, NULL);
            mlw_close_at(w, mlw_end_of(w, s, limit), braced, NULL);
        } else {
            mlw_probed_before(w, s, braced, limit, k, 1);
        }
        return;
    }
    mlw_ins(w, open + 1, "__extension__({ __typeof__((");
    mlw_ins(w, open + 1, mlb_cstr(&copy));
    /* The promoted type (a bit-field's has no name), but an enum's own. */
    mlw_ins(w, open + 1, mlq_enum_value(k->v[0]) ? ")) memline__s = (" : ")+0) memline__s = (");
    mlw_probe_expr(w, probe, sizeof probe, mlw_line_index(w, s->b), mlw_may_allocate(w, k->v[0]));
    snprintf(text, sizeof text, "); %s; memline__s; })", probe);
    mlw_ins(w, close, text);
    mlb_free(&copy);
    if (k->v[1].kind == CXCursor_CompoundStmt)
        mlw_block(w, k->v[1], SWITCH_BODY, NULL);
    else
        mlw_stmt(w, k->v[1], 0, limit, 0);
}

int mlw_leaves_first(struct mlw *w, const struct mlr_span *s, int flags, const struct mlq_kids *k)
{
    int keyword = !(flags & MLR_MACRO_START) && mlt_is_word(w->f->text, w->f->size, s->b, "return");
    int tail_call =
        !w->returns_twice && k->n > 0 && mlq_calls_one_of(k->v[0], w->selected, w->nselected);

    return w->leaf || !keyword || k->n == 0 || tail_call || !mlw_may_allocate(w, k->v[0]) ||
           (!w->ret_void && !w->ret_type);
}

void mlw_return_stmt(struct mlw *w, CXCursor c, const struct mlr_span *s, int flags, size_t limit,
                     const struct mlq_kids *k)
{
    char head[400], tail[200], probe[160];
    unsigned line = mlw_line_index(w, s->b);
    size_t e = mlw_end_of(w, s, limit);

    if (mlw_leaves_first(w, s, flags, k)) {
        /* Tick, leave, then return: keeps a tail call a tail call; a value
        ** that cannot allocate stays as written. */
        mlw_probe_leave(w, probe, sizeof probe, line, 0);
        snprintf(head, sizeof head, "{ %s ", probe);
        mlw_ins(w, s->b, head);
        mlw_stmt_exprs(w, c);
        mlw_ins(w, e, " }");
    } else if (w->ret_void) {
        mlw_probe_leave(w, probe, sizeof probe, line, 1);
        mlw_replace(w, s->b, 6, "{");
        mlw_stmt_exprs(w, c);
        snprintf(tail, sizeof tail, " %s return; }", probe);
        mlw_ins(w, e, tail);
    } else {
        size_t len = strlen(w->ret_type);
        /* `return f(), x;` must not become a declaration of two names. */
        int paren = e > s->b + 6 && w->f->text[e - 1] == ';' && !mlr_in_macro(w->f, e - 1) &&
                    mlt_bare_comma(w->f->text, w->f->size, s->b + 6, e - 1) != 0;
        /* A return in a statement expression of the value would shadow
        ** the names: this one's get the probe's number. */
        char id[16] = "";
        mlw_probe_leave(w, probe, sizeof probe, line, 1);
        if (mlw_has_stmt_expr(w, k->v[0]))
            snprintf(id, sizeof id, "%u", w->probes);
        /* The type by a typedef under __extension__: one C90 lacks (_Bool,
        ** long long) draws no -Wpedantic, and the value keeps its own. */
        snprintf(head, sizeof head,
                 "{ __extension__ typedef %s%smemline__t%s; memline__t%s memline__r%s =%s",
                 w->ret_type, len && w->ret_type[len - 1] == '*' ? "" : " ", id, id, id,
                 paren ? " (" : "");
        mlw_replace(w, s->b, 6, head);
        mlw_stmt_exprs(w, c);
        if (paren)
            mlw_ins(w, e - 1, ")");
        snprintf(tail, sizeof tail, " %s return memline__r%s; }", probe, id);
        mlw_ins(w, e, tail);
    }
}
