/*
** calls.c — the calls that cannot allocate; see calls.h.
**
** One pass over the bodies of the file's static functions gives each its
** direct callees among them and whether it calls anything else that may
** allocate; then a fixed point: a function cannot allocate while none of
** its callees can.
*/
#define _GNU_SOURCE
#include "calls.h"

#include <stdlib.h>
#include <string.h>

/* Declared in a system header, these neither allocate nor call back. */
static const char *const library[] = {
    "memcpy",
    "memmove",
    "memset",
    "memcmp",
    "memchr",
    "memrchr",
    "strlen",
    "strnlen",
    "strcmp",
    "strncmp",
    "strchr",
    "strrchr",
    "strstr",
    "strcpy",
    "strncpy",
    "strcat",
    "strncat",
    "strspn",
    "strcspn",
    "strpbrk",
    "strcasecmp",
    "strncasecmp",
    "abs",
    "labs",
    "llabs",
    "toupper",
    "tolower",
    "isalnum",
    "isalpha",
    "isblank",
    "iscntrl",
    "isdigit",
    "isgraph",
    "islower",
    "isprint",
    "ispunct",
    "isspace",
    "isupper",
    "isxdigit",
    "__ctype_b_loc",
    "__ctype_tolower_loc",
    "__ctype_toupper_loc",
    "__errno_location",
    "sqrt",
    "sqrtf",
    "cbrt",
    "sin",
    "cos",
    "tan",
    "asin",
    "acos",
    "atan",
    "atan2",
    "sinh",
    "cosh",
    "tanh",
    "exp",
    "exp2",
    "log",
    "log2",
    "log10",
    "pow",
    "fabs",
    "fabsf",
    "floor",
    "floorf",
    "ceil",
    "ceilf",
    "round",
    "trunc",
    "fmod",
    "fmin",
    "fmax",
    "ldexp",
    "frexp",
    "modf",
    "hypot",
    "__memcpy_chk",
    "__memmove_chk",
    "__memset_chk",
    "__strcpy_chk",
    NULL,
};

/* Builtins that allocate; every other __builtin_ cannot. */
static const char *const allocating_builtins[] = {
    "__builtin_malloc", "__builtin_calloc",  "__builtin_realloc",       "__builtin_free",
    "__builtin_strdup", "__builtin_strndup", "__builtin_aligned_alloc", NULL,
};

static int listed(const char *name, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(name, *list) == 0)
            return 1;
    return 0;
}

/* The table, by clang_hashCursor: the slot of c (found, or where it goes). */
static size_t set_slot(const struct mlc_set *s, CXCursor c)
{
    size_t i;

    for (i = clang_hashCursor(c) & (s->cap - 1); !clang_Cursor_isNull(s->v[i]);
         i = (i + 1) & (s->cap - 1))
        if (clang_equalCursors(s->v[i], c))
            break;
    return i;
}

static size_t set_put(struct mlc_set *s, CXCursor c)
{
    size_t i = set_slot(s, c);

    s->v[i] = c;
    return i;
}

static int set_has(const struct mlc_set *s, CXCursor c)
{
    return s->cap > 0 && !clang_Cursor_isNull(s->v[set_slot(s, c)]);
}

static int set_init(struct mlc_set *s, size_t n)
{
    size_t i;

    for (s->cap = 16; s->cap < 2 * n + 2; s->cap *= 2)
        ;
    if (!(s->v = malloc(s->cap * sizeof *s->v))) {
        s->cap = 0;
        return -1;
    }
    for (i = 0; i < s->cap; i++)
        s->v[i] = clang_getNullCursor();
    return 0;
}

/* What a direct call of `callee` (a FunctionDecl) is known to do. */
enum callee_kind { CALLEE_FREE, CALLEE_CANDIDATE, CALLEE_MAY };

static enum callee_kind classify(const struct mlc_set *candidates, CXCursor call)
{
    CXCursor callee = clang_getCursorReferenced(call);
    CXString name;
    enum callee_kind kind = CALLEE_MAY;
    const char *n;

    if (callee.kind != CXCursor_FunctionDecl)
        return CALLEE_MAY; /* through a pointer */
    callee = clang_getCanonicalCursor(callee);
    if (set_has(candidates, callee))
        return CALLEE_CANDIDATE;
    name = clang_getCursorSpelling(callee);
    n = clang_getCString(name);
    if (n && strncmp(n, "__builtin_", 10) == 0)
        kind = listed(n, allocating_builtins) ? CALLEE_MAY : CALLEE_FREE;
    else if (n && listed(n, library) &&
             clang_Location_isInSystemHeader(clang_getCursorLocation(callee)))
        kind = CALLEE_FREE;
    clang_disposeString(name);
    return kind;
}

/* A static function of the file, its callees among them (by index), and
** whether it calls what may allocate. */
struct fn {
    CXCursor canon, body;
    size_t *callees;
    size_t ncallees, cap;
    int may;
};

struct graph {
    const struct mlr_file *f;
    struct fn *v;
    size_t n, cap;
    struct mlc_set candidates;
    size_t *index; /* per slot of candidates: the function's index in v */
    struct fn *current;
    int failed;
};

static enum CXChildVisitResult find_functions(CXCursor c, CXCursor parent, CXClientData data)
{
    struct graph *g = data;
    size_t off;

    (void)parent;
    if (c.kind != CXCursor_FunctionDecl || !clang_isCursorDefinition(c) ||
        clang_Cursor_getStorageClass(c) != CX_SC_Static ||
        !mlr_location(g->f, clang_getCursorLocation(c), &off))
        return CXChildVisit_Continue;
    if (g->n == g->cap) {
        size_t cap = g->cap ? 2 * g->cap : 64;
        struct fn *v = realloc(g->v, cap * sizeof *v);
        if (!v) {
            g->failed = 1;
            return CXChildVisit_Break;
        }
        g->v = v;
        g->cap = cap;
    }
    memset(&g->v[g->n], 0, sizeof g->v[g->n]);
    g->v[g->n].canon = clang_getCanonicalCursor(c);
    g->v[g->n].body = c;
    g->n++;
    return CXChildVisit_Continue;
}

static void add_callee(struct graph *g, struct fn *fn, CXCursor callee)
{
    if (fn->ncallees == fn->cap) {
        size_t cap = fn->cap ? 2 * fn->cap : 8;
        size_t *v = realloc(fn->callees, cap * sizeof *v);
        if (!v) {
            g->failed = 1;
            fn->may = 1;
            return;
        }
        fn->callees = v;
        fn->cap = cap;
    }
    fn->callees[fn->ncallees++] = g->index[set_slot(&g->candidates, callee)];
}

static enum CXChildVisitResult find_calls(CXCursor c, CXCursor parent, CXClientData data)
{
    struct graph *g = data;
    struct fn *fn = g->current;

    (void)parent;
    if (c.kind == CXCursor_GCCAsmStmt || c.kind == CXCursor_BlockExpr) {
        fn->may = 1;
        return CXChildVisit_Break;
    }
    if (c.kind == CXCursor_CallExpr) {
        switch (classify(&g->candidates, c)) {
        case CALLEE_MAY:
            fn->may = 1;
            return CXChildVisit_Break;
        case CALLEE_CANDIDATE:
            add_callee(g, fn, clang_getCanonicalCursor(clang_getCursorReferenced(c)));
            break;
        case CALLEE_FREE:
            break;
        }
    }
    return CXChildVisit_Recurse;
}

int mlc_find(const struct mlr_file *f, struct mlc_set *set)
{
    struct graph g;
    size_t i, k;
    int changed = 1, rc = 0;

    memset(&g, 0, sizeof g);
    memset(set, 0, sizeof *set);
    g.f = f;
    clang_visitChildren(clang_getTranslationUnitCursor(f->tu), find_functions, &g);
    if (g.failed || set_init(&g.candidates, g.n) < 0 ||
        !(g.index = malloc(g.candidates.cap * sizeof *g.index)))
        goto fail;
    for (i = 0; i < g.n; i++)
        g.index[set_put(&g.candidates, g.v[i].canon)] = i;
    for (i = 0; i < g.n && !g.failed; i++) {
        g.current = &g.v[i];
        clang_visitChildren(g.v[i].body, find_calls, &g);
    }
    if (g.failed)
        goto fail;
    while (changed) {
        changed = 0;
        for (i = 0; i < g.n; i++) {
            struct fn *fn = &g.v[i];
            for (k = 0; k < fn->ncallees && !fn->may; k++)
                if (g.v[fn->callees[k]].may) {
                    fn->may = 1;
                    changed = 1;
                }
        }
    }
    if (set_init(set, g.n) < 0)
        goto fail;
    for (i = 0; i < g.n; i++)
        if (!g.v[i].may)
            set_put(set, g.v[i].canon);
    goto done;
fail:
    mlc_free(set);
    rc = -1;
done:
    for (i = 0; i < g.n; i++)
        free(g.v[i].callees);
    free(g.v);
    free(g.index);
    mlc_free(&g.candidates);
    return rc;
}

void mlc_free(struct mlc_set *set)
{
    free(set->v);
    memset(set, 0, sizeof *set);
}

struct scan {
    const struct mlc_set *set;
    int may;
};

static enum CXChildVisitResult find_allocating(CXCursor c, CXCursor parent, CXClientData data)
{
    struct scan *s = data;

    (void)parent;
    if (c.kind == CXCursor_GCCAsmStmt || c.kind == CXCursor_BlockExpr ||
        (c.kind == CXCursor_CallExpr && classify(s->set, c) == CALLEE_MAY)) {
        s->may = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

int mlc_may_allocate(const struct mlc_set *set, CXCursor c)
{
    struct scan s;

    s.set = set;
    s.may = 0;
    find_allocating(c, clang_getNullCursor(), &s);
    if (!s.may)
        clang_visitChildren(c, find_allocating, &s);
    return s.may;
}

int mlc_call_may_allocate(const struct mlc_set *set, CXCursor c)
{
    return classify(set, c) == CALLEE_MAY;
}
