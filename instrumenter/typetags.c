/*
** typetags.c — allocation calls listed and tagged; see typetags.h.
*/
#define _GNU_SOURCE
#include "typetags.h"
#include "alloctype.h"
#include "query.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mltt_scan {
    const struct mlr_file *f;
    const char *path;
    const char *function;
    struct mltt_list *l;
};

/* The id of a type name, added when new; 0 when out of memory. */
static unsigned mltt_id(struct mltt_list *l, const char *name)
{
    size_t i;

    for (i = 0; i < l->nnames; i++)
        if (strcmp(l->names[i], name) == 0)
            return (unsigned)i + 1;
    if (l->nnames == l->names_cap) {
        size_t cap = l->names_cap ? 2 * l->names_cap : 8;
        char **bigger = realloc(l->names, cap * sizeof *bigger);

        if (!bigger)
            return 0;
        l->names = bigger;
        l->names_cap = cap;
    }
    if (!(l->names[l->nnames] = strdup(name)))
        return 0;
    return (unsigned)++l->nnames;
}

static void mltt_call(void *ctx, const struct mlat_call *c)
{
    struct mltt_scan *s = ctx;
    struct mltt_list *l = s->l;
    struct mlr_span span;
    size_t off;
    unsigned id;

    if (!mlr_location(s->f, clang_getCursorLocation(c->call), &off))
        return;
    mlb_printf(&l->listing, "%s:%u: in %s(): %s -> %s\n", s->path, mlr_line(s->f, off), s->function,
               c->callee, c->type ? c->type : "(unknown)");
    if (!c->type || mlr_cursor(s->f, c->call, &span) != MLR_FILE)
        return;
    if (!(id = mltt_id(l, c->type))) {
        l->failed = 1;
        return;
    }
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        struct mltt_tag *bigger = realloc(l->v, cap * sizeof *bigger);

        if (!bigger) {
            l->failed = 1;
            return;
        }
        l->v = bigger;
        l->cap = cap;
    }
    l->v[l->n++] = (struct mltt_tag){span.b, span.e, id, c->string};
}

int mltt_scan(const struct mlr_file *f, const char *path, const struct mls_set *set,
              struct mltt_list *l)
{
    struct mlq_kids k = {0};
    size_t i, j;
    int rc = 0;

    for (i = 0; i < set->n && rc == 0; i++) {
        CXString name = clang_getCursorSpelling(set->v[i].cursor);
        struct mltt_scan s = {f, path, clang_getCString(name), l};

        if (mlq_kids(set->v[i].cursor, &k) < 0)
            rc = -1;
        for (j = 0; rc == 0 && j < k.n; j++)
            if (k.v[j].kind == CXCursor_CompoundStmt)
                rc = mlat_scan(set->v[i].cursor, k.v[j], mltt_call, &s);
        clang_disposeString(name);
    }
    mlq_kids_free(&k);
    return rc < 0 || l->failed || l->listing.failed ? -1 : 0;
}

void mltt_closes(const struct mltt_list *l, struct mle_list *edits)
{
    char text[48];
    size_t i;

    for (i = 0; i < l->n; i++) {
        snprintf(text, sizeof text, ", &memline__type_%u)", l->v[i].id);
        mle_insert(edits, l->v[i].e, text);
    }
}

void mltt_opens(const struct mltt_list *l, struct mle_list *edits)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        mle_insert(edits, l->v[i].b, l->v[i].string ? "memline_typed_string(" : "memline_typed(");
}

void mltt_emit(struct mlb *out, const struct mltt_list *l)
{
    size_t i;

    for (i = 0; i < l->nnames; i++) {
        mlb_printf(out, "static struct memline_type memline__type_%zu = { \"", i + 1);
        mlt_escape(out, l->names[i], strlen(l->names[i]));
        mlb_puts(out, "\", 0 };\n");
    }
}

void mltt_free(struct mltt_list *l)
{
    size_t i;

    for (i = 0; i < l->nnames; i++)
        free(l->names[i]);
    free(l->names);
    free(l->v);
    mlb_free(&l->listing);
    memset(l, 0, sizeof *l);
}
