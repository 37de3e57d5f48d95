/*
** bycaller.c — functions counted by their callers; see bycaller.h. One
** walk over the translation unit (system headers aside) counts each
** selected function's calls and other uses of its name, and notes each
** call of a candidate with what its place allows.
*/
#include "bycaller.h"
#include "query.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

#define NONE ((size_t)-1)

struct scan {
    const struct mlr_file *f;
    const struct mls_set *set;
    const struct mlbc_walked *walked;
    size_t *index, cap;           /* open addressing: set index + 1 by canonical cursor */
    size_t *calls_of, *names_of;  /* per function: calls of it, uses of its name */
    size_t *decls_of;             /* its declarations, the definition included */
    signed char *candidate;       /* per function */
    signed char *calls_candidate; /* per function: its body calls a candidate */
    struct mlbc_call *calls;      /* the calls of candidates */
    signed char *call_ok;         /* per call: its place allows counting it */
    size_t ncalls, cap_calls;
    int failed;
};

struct place {
    struct scan *s;
    size_t caller;  /* the selected function whose body this is, or NONE */
    int in_return;  /* inside the value of a `return` */
    int in_builtin; /* inside the arguments of a __builtin_ */
};

static size_t lookup(const struct scan *s, CXCursor c)
{
    size_t h, i;

    if (clang_Cursor_isNull(c) || c.kind != CXCursor_FunctionDecl || !s->cap)
        return NONE;
    c = clang_getCanonicalCursor(c);
    for (h = clang_hashCursor(c) & (s->cap - 1);; h = (h + 1) & (s->cap - 1)) {
        i = s->index[h];
        if (!i)
            return NONE;
        if (clang_equalCursors(s->set->canon[i - 1], c))
            return i - 1;
    }
}

static int build_index(struct scan *s)
{
    size_t i, h, n = s->set->n;

    for (s->cap = 16; s->cap < 2 * n; s->cap *= 2)
        ;
    if (!(s->index = calloc(s->cap, sizeof *s->index)))
        return -1;
    for (i = 0; i < n; i++) {
        for (h = clang_hashCursor(s->set->canon[i]) & (s->cap - 1); s->index[h];
             h = (h + 1) & (s->cap - 1))
            ;
        s->index[h] = i + 1;
    }
    return 0;
}

/* How often each candidate's name is spelled in the file's code: a use
** libclang shows no cursor for (a cleanup attribute) must not go
** uncounted. */
static int count_spellings(struct scan *s, size_t *spelled)
{
    const char **names = calloc(s->set->n ? s->set->n : 1, sizeof *names);
    size_t j;
    int rc;

    if (!names)
        return -1;
    for (j = 0; j < s->set->n; j++)
        if (s->candidate[j])
            names[j] = s->set->v[j].name;
    rc = mlt_count_names(s->f->text, s->f->size, names, s->set->n, spelled);
    free(names);
    return rc;
}

static int is_builtin(CXCursor callee)
{
    CXString name = clang_getCursorSpelling(callee);
    const char *n = clang_getCString(name);
    int yes = n && strncmp(n, "__builtin_", 10) == 0;

    clang_disposeString(name);
    return yes;
}

/* Whether the call at c may become `(tick, call)`: written in the file,
** neither end in a macro call. */
static int wrappable(const struct scan *s, CXCursor c, struct mlbc_call *call)
{
    struct mlr_span span;

    if (mlr_cursor(s->f, c, &span) != MLR_FILE || span.e <= span.b || mlr_in_macro(s->f, span.b) ||
        mlr_in_macro(s->f, span.e))
        return 0;
    call->begin = span.b;
    call->end = span.e;
    return 1;
}

static void note_call(struct scan *s, const struct place *p, CXCursor c, size_t callee)
{
    struct mlbc_call call = {p->caller, callee, 0, 0};
    int ok;

    if (s->ncalls == s->cap_calls) {
        size_t cap = s->cap_calls ? 2 * s->cap_calls : 64;
        struct mlbc_call *calls = realloc(s->calls, cap * sizeof *calls);
        signed char *call_ok = calls ? realloc(s->call_ok, cap) : NULL;

        if (calls)
            s->calls = calls;
        if (!call_ok) {
            s->failed = 1;
            return;
        }
        s->call_ok = call_ok;
        s->cap_calls = cap;
    }
    ok = p->caller != NONE && !s->walked[p->caller].all_full && !p->in_builtin &&
         !(p->in_return && !s->walked[p->caller].leaf) && wrappable(s, c, &call);
    s->calls[s->ncalls] = call;
    s->call_ok[s->ncalls++] = (signed char)ok;
    if (p->caller != NONE)
        s->calls_candidate[p->caller] = 1;
}

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData data)
{
    const struct place *p = data;
    struct scan *s = p->s;
    struct place inner = *p;
    size_t i;

    (void)parent;
    if (s->failed)
        return CXChildVisit_Break;
    if (clang_Location_isInSystemHeader(clang_getCursorLocation(c)))
        return CXChildVisit_Continue;
    switch (c.kind) {
    case CXCursor_FunctionDecl:
        i = lookup(s, c);
        if (i != NONE)
            s->decls_of[i]++;
        inner.caller = i != NONE && clang_equalCursors(c, s->set->v[i].cursor) ? i : NONE;
        inner.in_return = inner.in_builtin = 0;
        break;
    case CXCursor_ReturnStmt:
        inner.in_return = 1;
        break;
    case CXCursor_CallExpr:
        i = lookup(s, clang_getCursorReferenced(c));
        if (i != NONE) {
            s->calls_of[i]++;
            if (s->candidate[i])
                note_call(s, p, c, i);
        } else if (is_builtin(clang_getCursorReferenced(c))) {
            inner.in_builtin = 1;
        }
        break;
    case CXCursor_DeclRefExpr:
        i = lookup(s, clang_getCursorReferenced(c));
        if (i != NONE)
            s->names_of[i]++;
        break;
    default:
        break;
    }
    clang_visitChildren(c, visit, &inner);
    return CXChildVisit_Continue;
}

static int by_place(const void *a, const void *b)
{
    const struct mlbc_call *x = a, *y = b;

    if (x->caller != y->caller)
        return x->caller < y->caller ? -1 : 1;
    return x->begin < y->begin ? -1 : x->begin > y->begin;
}

int mlbc_plan(const struct mlr_file *f, const struct mls_set *set, const struct mlbc_walked *walked,
              struct mlbc_plan *p)
{
    struct scan s;
    struct place top;
    size_t i, n = set->n, out = 0, *spelled;
    int any = 0;

    memset(p, 0, sizeof *p);
    memset(&s, 0, sizeof s);
    s.f = f;
    s.set = set;
    s.walked = walked;
    if (!(p->counted = calloc(n ? n : 1, 1)))
        return -1;
    s.calls_of = calloc(n ? n : 1, sizeof *s.calls_of);
    s.names_of = calloc(n ? n : 1, sizeof *s.names_of);
    s.decls_of = calloc(n ? n : 1, sizeof *s.decls_of);
    spelled = calloc(n ? n : 1, sizeof *spelled);
    s.candidate = calloc(n ? n : 1, 1);
    s.calls_candidate = calloc(n ? n : 1, 1);
    if (!s.calls_of || !s.names_of || !s.candidate || !s.calls_candidate || build_index(&s) < 0)
        s.failed = 1;
    for (i = 0; i < n && !s.failed; i++) {
        s.candidate[i] = walked[i].leaf && walked[i].quiet &&
                         clang_getCursorLinkage(set->v[i].cursor) == CXLinkage_Internal;
        any |= s.candidate[i];
    }
    if (any && !s.failed) {
        top.s = &s;
        top.caller = NONE;
        top.in_return = top.in_builtin = 0;
        clang_visitChildren(clang_getTranslationUnitCursor(f->tu), visit, &top);
        if (count_spellings(&s, spelled) < 0)
            s.failed = 1;
    }
    for (i = 0; i < n && !s.failed; i++)
        p->counted[i] = s.candidate[i] && !s.calls_candidate[i] && s.calls_of[i] == s.names_of[i] &&
                        spelled[i] == s.calls_of[i] + s.decls_of[i];
    for (i = 0; i < s.ncalls && !s.failed; i++)
        if (!s.call_ok[i] || p->counted[s.calls[i].caller])
            p->counted[s.calls[i].callee] = 0;
    for (i = 0; i < s.ncalls && !s.failed; i++)
        if (p->counted[s.calls[i].callee])
            s.calls[out++] = s.calls[i];
    if (s.failed)
        memset(p->counted, 0, n ? n : 1);
    else if (out)
        qsort(s.calls, out, sizeof *s.calls, by_place);
    p->calls = s.calls;
    p->ncalls = s.failed ? 0 : out;
    p->cap = s.cap_calls;
    free(s.index);
    free(s.calls_of);
    free(s.names_of);
    free(s.decls_of);
    free(spelled);
    free(s.candidate);
    free(s.calls_candidate);
    free(s.call_ok);
    return s.failed ? -1 : 0;
}

void mlbc_free(struct mlbc_plan *p)
{
    free(p->counted);
    free(p->calls);
    memset(p, 0, sizeof *p);
}

int mlbc_once_in(const struct mlr_file *f, CXCursor e, size_t begin, size_t end)
{
    struct mlq_kids k = {0};
    struct mlr_span s;
    size_t i, once = 0;
    int found = 0;

    if (mlr_cursor(f, e, &s) != MLR_FILE || s.b > begin || s.e < end)
        return 0;
    if (e.kind == CXCursor_CallExpr && s.b == begin && s.e == end)
        return 1;
    if (mlq_kids(e, &k) < 0)
        return 0;
    switch (e.kind) {
    case CXCursor_UnexposedExpr:
        /* An implicit conversion; not __builtin_choose_expr or `a ?: b`,
        ** which libclang 14 does not expose either. */
        once = k.n == 1;
        break;
    case CXCursor_ParenExpr:
    case CXCursor_CStyleCastExpr:
    case CXCursor_UnaryOperator:
    case CXCursor_MemberRefExpr:
    case CXCursor_ArraySubscriptExpr:
    case CXCursor_CompoundAssignOperator:
    case CXCursor_CallExpr:
    case CXCursor_DeclStmt:
    case CXCursor_VarDecl:
    case CXCursor_ReturnStmt:
        once = k.n;
        break;
    case CXCursor_IfStmt:
    case CXCursor_SwitchStmt:
        /* The condition, not the bodies. */
        once = 1;
        break;
    case CXCursor_BinaryOperator:
        /* The left operand always runs once, the right unless && or ||. */
        once = mlq_binary_operator_is(e, "&&") == 0 && mlq_binary_operator_is(e, "||") == 0 ? 2 : 1;
        break;
    case CXCursor_ConditionalOperator:
        once = 1;
        break;
    default:
        break;
    }
    for (i = 0; i < once && i < k.n && !found; i++)
        found = mlbc_once_in(f, k.v[i], begin, end);
    mlq_kids_free(&k);
    return found;
}
