/*
** walkedit.c — what the walker writes (walkint.h): edits that fail
** cleanly inside a macro call, the texts of the probes, and where a
** statement really ends.
*/
#define _GNU_SOURCE
#include "walkint.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void mlw_fail(struct mlw *w, size_t off, const char *fmt, ...)
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

void mlw_replace(struct mlw *w, size_t off, size_t del, const char *text)
{
    if (w->reason)
        return;
    if (mlr_in_macro(w->f, off) || mlr_in_macro(w->f, off + del)) {
        mlw_fail(w, off, "would insert inside a macro call");
        return;
    }
    mle_replace(w->edits, off, del, text);
}

void mlw_ins(struct mlw *w, size_t off, const char *text)
{
    mlw_replace(w, off, 0, text);
}

unsigned mlw_line_index(struct mlw *w, size_t off)
{
    return mlr_line(w->f, off) - w->first_line;
}

/* Whether running c may allocate: only then does the probe after it need
** to look (memline_probe); else a tick counts the line (probe.h). */
int mlw_may_allocate(const struct mlw *w, CXCursor c)
{
    return mlc_may_allocate(w->calls, c);
}

/* The probe of line index k, an expression: the full probe (`full`: after
** what may allocate) or a tick; in a function without a frame, its tick;
** the tick of a pending run (walkrun.c), which never follows what may
** allocate. */
int mlw_run_probe(struct mlw *w, unsigned *k)
{
    int none;

    if (!w->run_pending)
        return 0;
    none = mlw_next_probe_none(w);
    w->run_pending = w->run_silent = 0;
    mlw_run_line(w, w->run_record, *k);
    if (none)
        return 1;
    *k = w->run_record;
    return 0;
}

int mlw_next_probe_none(const struct mlw *w)
{
    return w->run_pending && (w->run_record < w->nlines || w->run_silent);
}

void mlw_counted(struct mlw *w, unsigned k, int full)
{
    w->probes++;
    if (k < w->nlines)
        w->line_probes[k]++;
    w->last_full = full && k < w->nlines ? k + 1 : 0;
    w->last_tick = full ? 0 : k + 1;
}

void mlw_note_once(struct mlw *w, CXCursor c, unsigned tick, int by_run)
{
    if (!tick || !w->ticks_calls || w->reason)
        return;
    if (w->nonces == w->cap_onces) {
        size_t cap = w->cap_onces ? 2 * w->cap_onces : 16;
        struct mlw_once *v = realloc(w->onces, cap * sizeof *v);

        if (!v) {
            /* Without the note the calls keep ticks of their own. */
            return;
        }
        w->onces = v;
        w->cap_onces = cap;
    }
    w->onces[w->nonces].at = c;
    w->onces[w->nonces].record = tick - 1;
    w->onces[w->nonces++].by_run = by_run;
}

int mlw_has_stmt_expr(const struct mlw *w, CXCursor c)
{
    return w->stmt_exprs && mlq_has_stmt_expr(c);
}

void mlw_note_loop(struct mlw *w, const struct mlr_span *s)
{
    if (!w->ticks_calls)
        return;
    if (w->nloop_spans == w->cap_loop_spans) {
        size_t cap = w->cap_loop_spans ? 2 * w->cap_loop_spans : 8;
        struct mlr_span *v = realloc(w->loop_spans, cap * sizeof *v);

        if (!v) {
            /* Without the note the calls' ticks raise as outside loops. */
            return;
        }
        w->loop_spans = v;
        w->cap_loop_spans = cap;
    }
    w->loop_spans[w->nloop_spans++] = *s;
}

int mlw_in_loop(const struct mlw *w, size_t offset)
{
    size_t i;

    for (i = 0; i < w->nloop_spans; i++)
        if (offset >= w->loop_spans[i].b && offset < w->loop_spans[i].e)
            return 1;
    return 0;
}

void mlw_tick_text(const struct mlw *w, char *buf, size_t n, unsigned k, int in_loop)
{
    int leaf = w->leaf || w->deferred;

    snprintf(buf, n, "memline_%s%s(memline__%c, %u)", leaf ? "leaf_" : "",
             in_loop ? "loop_tick" : "tick", leaf ? 'l' : 'f', k);
}

unsigned mlw_line_record(struct mlw *w, unsigned k)
{
    if (k != 0)
        return k;
    if (!w->first_line_record) {
        w->first_line_record = w->nlines + w->runs->n++ + 1;
        mlw_run_line(w, w->first_line_record - 1, 0);
    }
    return w->first_line_record - 1;
}

/* The probe's text, a full one a return's probe and exit in one when
** `leave`; returns 1 for a full probe. */
static int probe_text(struct mlw *w, char *buf, size_t n, unsigned k, int full, int leave)
{
    if (mlw_run_probe(w, &k)) {
        w->last_tick = 0;
        snprintf(buf, n, "(void)0");
        return 0;
    }
    k = mlw_line_record(w, k);
    full = !w->leaf && (full || w->all_full);
    mlw_counted(w, k, full);
    if (!full) {
        mlw_tick_text(w, buf, n, k, w->loops > 0);
        return 0;
    }
    if (w->deferred) {
        snprintf(buf, n,
                 "memline_deferred_%s(memline__f, memline__l, memline__m, &memline__site_%u, %u)",
                 leave ? "return" : "probe", w->site, k);
        return 1;
    }
    snprintf(buf, n, leave ? "memline_return(memline__f, %u)" : "memline_probe(memline__f, %u)", k);
    return 1;
}

void mlw_probe_expr(struct mlw *w, char *buf, size_t n, unsigned k, int full)
{
    probe_text(w, buf, n, k, full, 0);
}

/* The probe of a `return`'s line k, then the function's exit, as
** statements: a full probe and the exit are one call (memline_return). */
void mlw_probe_leave(struct mlw *w, char *buf, size_t n, unsigned k, int full)
{
    char probe[128];

    if (probe_text(w, probe, sizeof probe, k, full, 1) || w->leaf)
        snprintf(buf, n, "%s;", probe);
    else
        snprintf(buf, n, "%s; %s(memline__f);", probe,
                 w->deferred ? "memline_deferred_exit" : "memline_exit");
}

/* The probe after a statement: as a statement, or as a declaration (decl)
** where a declaration follows. */
void mlw_probe_after(struct mlw *w, char *buf, size_t n, unsigned k, int decl, int full)
{
    char probe[128];

    mlw_probe_expr(w, probe, sizeof probe, k, full);
    if (decl)
        snprintf(buf, n, " int memline__d%u __attribute__((unused)) = ((void)%s, 0);", ++w->decls,
                 probe);
    else
        snprintf(buf, n, " %s;", probe);
}

/* The probe before a statement: it takes what came before, which the
** probes before it took already, so a tick. */
void mlw_probe_before(struct mlw *w, char *buf, size_t n, unsigned k)
{
    char probe[128];

    mlw_probe_expr(w, probe, sizeof probe, k, 0);
    snprintf(buf, n, "%s; ", probe);
}

/* Where a statement spanning s really ends: after its `;` when the `;`
** is written after the span and belongs to it (`limit` is where the next
** statement of the enclosing block starts). */
size_t mlw_end_of(struct mlw *w, const struct mlr_span *s, size_t limit)
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
void mlw_open_at(struct mlw *w, size_t b, int braced, const char *before)
{
    if (!braced)
        mlw_ins(w, b, "{ ");
    if (before)
        mlw_ins(w, b, before);
}

void mlw_close_at(struct mlw *w, size_t e, int braced, const char *after)
{
    if (after)
        mlw_ins(w, e, after);
    if (!braced)
        mlw_ins(w, e, " }");
}

/* The widened range of c; MLR_OUTSIDE for text of another file (a
** header #included inside the function, the file included again),
** which gets no probe of its own. */
int mlw_span_of(struct mlw *w, CXCursor c, struct mlr_span *s)
{
    return mlr_cursor(w->f, c, s);
}
