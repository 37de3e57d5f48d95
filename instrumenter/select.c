/*
** select.c — selection of the functions to instrument; see select.h.
*/
#define _GNU_SOURCE
#include "select.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"

struct walk {
    const struct mlr_file *f;
    const char *const *globs;
    size_t nglobs;
    struct mls_set *set;
};

static enum CXChildVisitResult is_memline_attr(CXCursor c, CXCursor parent, CXClientData data)
{
    int *found = data;
    CXString s;

    (void)parent;
    if (c.kind != CXCursor_AnnotateAttr)
        return CXChildVisit_Continue;
    s = clang_getCursorSpelling(c);
    if (clang_getCString(s) && strcmp(clang_getCString(s), "memline") == 0)
        *found = 1;
    clang_disposeString(s);
    return *found ? CXChildVisit_Break : CXChildVisit_Continue;
}

/* 0: no glob matches name; 1: only "*" does; 2: another glob does. */
static int matches(const struct walk *k, const char *name)
{
    size_t i;
    int m = 0;

    for (i = 0; i < k->nglobs && m < 2; i++)
        if (fnmatch(k->globs[i], name, 0) == 0)
            m = strcmp(k->globs[i], "*") == 0 ? 1 : 2;
    return m;
}

/* The body's span, when the definition can carry probes at all. */
static const char *unusable(const struct walk *k, CXCursor fn, struct mlr_span *def,
                            struct mlr_span *body)
{
    struct mlq_kids kids = {0};
    CXCursor b = clang_getNullCursor();
    size_t i;
    int flags;

    if (clang_Cursor_isFunctionInlined(fn) && clang_getCursorLinkage(fn) == CXLinkage_External)
        return "an inline function with external linkage cannot refer to the probe data";
    if (mlq_kids(fn, &kids) == 0)
        for (i = 0; i < kids.n; i++)
            if (kids.v[i].kind == CXCursor_CompoundStmt)
                b = kids.v[i];
    mlq_kids_free(&kids);
    if (clang_Cursor_isNull(b))
        return "no body";
    flags = mlr_cursor(k->f, fn, def);
    if (flags == MLR_OUTSIDE || mlr_cursor(k->f, b, body) != MLR_FILE ||
        k->f->text[body->b] != '{' || k->f->text[body->e - 1] != '}')
        return "the definition is made by a macro";
    return NULL;
}

static int add(struct mls_set *set, CXCursor fn, const char *name, unsigned first, unsigned last,
               int named)
{
    if (set->n == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 16;
        struct mls_function *v = realloc(set->v, cap * sizeof *v);
        CXCursor *c = v ? realloc(set->canon, cap * sizeof *c) : NULL;
        if (v)
            set->v = v;
        if (!c)
            return -1;
        set->canon = c;
        set->cap = cap;
    }
    set->v[set->n].cursor = fn;
    set->v[set->n].name = strdup(name);
    if (!set->v[set->n].name)
        return -1;
    set->v[set->n].first_line = first;
    set->v[set->n].last_line = last;
    set->v[set->n].named = named;
    set->canon[set->n] = clang_getCanonicalCursor(fn);
    set->n++;
    return 0;
}

#define MLS_SKIPPED_SHOWN 3

/* A glob selected `name`, which cannot be instrumented. */
static void skip(struct mls_set *set, unsigned line, const char *name, const char *why)
{
    char *more;
    int r;

    if (++set->skipped > MLS_SKIPPED_SHOWN + 1)
        return;
    if (set->skipped > MLS_SKIPPED_SHOWN)
        r = asprintf(&more, "%s; ...", set->skipped_why);
    else
        r = asprintf(&more, "%s%sline %u: %s: %s", set->skipped_why ? set->skipped_why : "",
                     set->skipped_why ? "; " : "", line, name, why);
    if (r < 0) {
        set->failed = 1;
        return;
    }
    free(set->skipped_why);
    set->skipped_why = more;
}

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData data)
{
    struct walk *k = data;
    struct mls_set *set = k->set;
    struct mlr_span def, body;
    size_t off;
    int annotated = 0, match;
    const char *why;
    CXString s;
    const char *name;
    enum CXChildVisitResult next = CXChildVisit_Continue;

    (void)parent;
    if (c.kind != CXCursor_FunctionDecl || !clang_isCursorDefinition(c) ||
        !mlr_location(k->f, clang_getCursorLocation(c), &off))
        return CXChildVisit_Continue;
    clang_visitChildren(c, is_memline_attr, &annotated);
    s = clang_getCursorSpelling(c);
    name = clang_getCString(s);
    match = name ? matches(k, name) : 0;
    if (!name || (!annotated && !match)) {
        clang_disposeString(s);
        return CXChildVisit_Continue;
    }
    why = unusable(k, c, &def, &body);
    if (why && annotated) {
        if (asprintf(&set->reason, "line %u: cannot instrument %s: %s", mlr_line(k->f, off), name,
                     why) < 0)
            set->failed = 1;
        next = CXChildVisit_Break;
    } else if (why) {
        skip(set, mlr_line(k->f, off), name, why);
    } else if (add(set, c, name, mlr_line(k->f, def.b), mlr_line(k->f, body.e - 1),
                   annotated || match == 2) < 0) {
        set->failed = 1;
        next = CXChildVisit_Break;
    }
    clang_disposeString(s);
    return next;
}

int mls_select(const struct mlr_file *f, const char *const *globs, size_t nglobs,
               struct mls_set *set)
{
    struct walk k;

    memset(set, 0, sizeof *set);
    k.f = f;
    k.globs = globs;
    k.nglobs = nglobs;
    k.set = set;
    clang_visitChildren(clang_getTranslationUnitCursor(f->tu), visit, &k);
    return set->reason || set->failed ? -1 : 0;
}

void mls_free(struct mls_set *set)
{
    size_t i;

    for (i = 0; i < set->n; i++)
        free(set->v[i].name);
    free(set->v);
    free(set->canon);
    free(set->reason);
    free(set->skipped_why);
    memset(set, 0, sizeof *set);
}
