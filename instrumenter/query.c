/*
** query.c — facts about cursors for the walker; see query.h.
*/
#define _GNU_SOURCE
#include "query.h"

#include <stdlib.h>
#include <string.h>

static enum CXChildVisitResult add_kid(CXCursor c, CXCursor parent, CXClientData data)
{
    struct mlq_kids *k = data;

    (void)parent;
    if (k->n == k->cap) {
        size_t cap = k->cap ? k->cap * 2 : 8;
        CXCursor *v = realloc(k->v, cap * sizeof *v);
        if (!v) {
            k->failed = 1;
            return CXChildVisit_Break;
        }
        k->v = v;
        k->cap = cap;
    }
    k->v[k->n++] = c;
    return CXChildVisit_Continue;
}

int mlq_kids(CXCursor c, struct mlq_kids *k)
{
    k->n = 0;
    k->failed = 0;
    clang_visitChildren(c, add_kid, k);
    return k->failed ? -1 : 0;
}

void mlq_kids_free(struct mlq_kids *k)
{
    free(k->v);
    memset(k, 0, sizeof *k);
}

/* The only child of c, or a null cursor. */
static CXCursor only_kid(CXCursor c)
{
    struct mlq_kids k = {0};
    CXCursor r = clang_getNullCursor();

    if (mlq_kids(c, &k) == 0 && k.n == 1)
        r = k.v[0];
    mlq_kids_free(&k);
    return r;
}

/* c without parentheses and implicit conversions around it. */
static CXCursor strip(CXCursor c)
{
    while (c.kind == CXCursor_UnexposedExpr || c.kind == CXCursor_ParenExpr) {
        CXCursor k = only_kid(c);
        if (clang_Cursor_isNull(k))
            break;
        c = k;
    }
    return c;
}

static int name_in(CXCursor c, const char *const *names)
{
    CXString s = clang_getCursorSpelling(c);
    const char *name = clang_getCString(s);
    int found = 0;

    for (; name && *names && !found; names++)
        found = strcmp(name, *names) == 0;
    clang_disposeString(s);
    return found;
}

static const char *const returns_twice[] = {
    "setjmp",  "_setjmp", "__setjmp",   "sigsetjmp", "__sigsetjmp",
    "savectx", "vfork",   "getcontext", NULL,
};

/* gcc folds it in its front end, dropping the branch it guards even at
** -O0: a condition that holds it must stay as written. */
static const char *const folded_early[] = {"__builtin_constant_p", NULL};

struct scan {
    int constant; /* still only constant-foldable nodes */
    int opaque;   /* calls a returns-twice function */
    int early;    /* holds what gcc folds in its front end */
    int stmt_expr;
    int calls; /* may run code elsewhere: a call, a statement expression, asm,
               ** a variable-length array's size */
};

static enum CXChildVisitResult scan_node(CXCursor c, CXCursor parent, CXClientData data)
{
    struct scan *s = data;

    (void)parent;
    switch (c.kind) {
    case CXCursor_IntegerLiteral:
    case CXCursor_FloatingLiteral:
    case CXCursor_CharacterLiteral:
    case CXCursor_ParenExpr:
    case CXCursor_UnaryOperator:
    case CXCursor_BinaryOperator:
    case CXCursor_ConditionalOperator:
    case CXCursor_CStyleCastExpr:
    case CXCursor_UnexposedExpr:
    case CXCursor_UnaryExpr:
    case CXCursor_TypeRef:
        break;
    case CXCursor_DeclRefExpr:
        if (clang_getCursorReferenced(c).kind != CXCursor_EnumConstantDecl)
            s->constant = 0;
        break;
    case CXCursor_CallExpr:
        s->constant = 0;
        s->calls = 1;
        if (name_in(c, returns_twice))
            s->opaque = 1;
        if (name_in(c, folded_early))
            s->early = 1;
        break;
    case CXCursor_StmtExpr:
        s->constant = 0;
        s->stmt_expr = 1;
        s->calls = 1;
        break;
    case CXCursor_GCCAsmStmt:
    case CXCursor_BlockExpr:
        s->constant = 0;
        s->calls = 1;
        break;
    case CXCursor_VarDecl:
        s->constant = 0;
        if (clang_getCanonicalType(clang_getCursorType(c)).kind == CXType_VariableArray)
            s->calls = 1;
        break;
    default:
        s->constant = 0;
        break;
    }
    return CXChildVisit_Recurse;
}

static void scan_tree(CXCursor c, struct scan *s)
{
    s->constant = 1;
    s->opaque = 0;
    s->early = 0;
    s->stmt_expr = 0;
    s->calls = 0;
    scan_node(c, clang_getNullCursor(), s);
    clang_visitChildren(c, scan_node, s);
}

enum mlq_cond mlq_condition(CXCursor cond)
{
    struct scan s;
    CXEvalResult r;
    enum mlq_cond result = MLQ_DYNAMIC;

    scan_tree(cond, &s);
    if (s.opaque || s.early)
        return MLQ_OPAQUE;
    if (!s.constant && s.calls)
        return MLQ_DYNAMIC;
    /* What clang folds reading variables too (`DEBUG && v` with DEBUG 0):
    ** the compiler knows the branch dead, and so must stay free to. */
    r = clang_Cursor_Evaluate(cond);
    if (!r)
        return s.constant ? MLQ_OPAQUE : MLQ_DYNAMIC;
    switch (clang_EvalResult_getKind(r)) {
    case CXEval_Int:
        result = clang_EvalResult_getAsLongLong(r) ? MLQ_TRUE : MLQ_FALSE;
        break;
    case CXEval_Float:
        result = clang_EvalResult_getAsDouble(r) != 0 ? MLQ_TRUE : MLQ_FALSE;
        break;
    default:
        result = s.constant ? MLQ_OPAQUE : MLQ_DYNAMIC;
        break;
    }
    clang_EvalResult_dispose(r);
    return result;
}

void mlq_scan_body(CXCursor body, struct mlq_body *b)
{
    struct scan s;

    scan_tree(body, &s);
    b->returns_twice = s.opaque;
    b->stmt_expr = s.stmt_expr;
}

int mlq_has_stmt_expr(CXCursor c)
{
    struct scan s;

    scan_tree(c, &s);
    return s.stmt_expr;
}

/* Nodes that compile to nothing when they are all an expression statement
** holds: `(void)0` (assert() under NDEBUG), `(void)unused;`. */
static enum CXChildVisitResult find_code(CXCursor c, CXCursor parent, CXClientData data)
{
    int *code = data;

    (void)parent;
    switch (c.kind) {
    case CXCursor_ParenExpr:
    case CXCursor_CStyleCastExpr:
    case CXCursor_UnexposedExpr:
    case CXCursor_IntegerLiteral:
    case CXCursor_FloatingLiteral:
    case CXCursor_CharacterLiteral:
    case CXCursor_StringLiteral:
    case CXCursor_UnaryExpr:
    case CXCursor_TypeRef:
        return CXChildVisit_Recurse;
    case CXCursor_DeclRefExpr:
        if (!clang_isVolatileQualifiedType(clang_getCursorType(c)))
            return CXChildVisit_Continue;
        break;
    default:
        break;
    }
    *code = 1;
    return CXChildVisit_Break;
}

int mlq_binary_operator_is(CXCursor e, const char *op)
{
    CXTranslationUnit tu = clang_Cursor_getTranslationUnit(e);
    struct mlq_kids k = {0};
    CXToken *tokens = NULL, *left = NULL;
    unsigned n = 0, nleft = 0;
    int is = -1;

    if (e.kind != CXCursor_BinaryOperator || mlq_kids(e, &k) < 0 || k.n != 2) {
        mlq_kids_free(&k);
        return -1;
    }
    clang_tokenize(tu, clang_getCursorExtent(k.v[0]), &left, &nleft);
    clang_tokenize(tu, clang_getCursorExtent(e), &tokens, &n);
    if (nleft < n) {
        CXString s = clang_getTokenSpelling(tu, tokens[nleft]);
        const char *t = clang_getCString(s);

        is = t && strcmp(t, op) == 0;
        clang_disposeString(s);
    }
    clang_disposeTokens(tu, left, nleft);
    clang_disposeTokens(tu, tokens, n);
    mlq_kids_free(&k);
    return is;
}

int mlq_no_code(CXCursor c)
{
    int code = 0;

    find_code(c, clang_getNullCursor(), &code);
    if (!code)
        clang_visitChildren(c, find_code, &code);
    return !code;
}

int mlq_has_call(CXCursor c)
{
    struct scan s;

    scan_tree(c, &s);
    return s.calls;
}

static const char *const never_return[] = {
    "exit",
    "_exit",
    "_Exit",
    "abort",
    "quick_exit",
    "longjmp",
    "_longjmp",
    "siglongjmp",
    "__longjmp_chk",
    "pthread_exit",
    "thrd_exit",
    "err",
    "errx",
    "verr",
    "verrx",
    "__assert_fail",
    "__builtin_trap",
    "__builtin_unreachable",
    "__builtin_abort",
    "__builtin_exit",
    "__builtin_longjmp",
    "__stack_chk_fail",
    NULL,
};

static int contains_nocase(const char *s, size_t n, const char *word)
{
    size_t i, len = strlen(word);

    for (i = 0; i + len <= n; i++)
        if (strncasecmp(s + i, word, len) == 0)
            return 1;
    return 0;
}

/* Whether the declaration's own text says noreturn (`_Noreturn`, a
** NORETURN macro...): the type spelling does not show `_Noreturn`. */
static int declared_noreturn(CXTranslationUnit tu, CXCursor decl)
{
    CXSourceRange r = clang_getCursorExtent(decl);
    CXFile f1, f2;
    unsigned l, col, b, e;
    size_t size;
    const char *text;

    clang_getExpansionLocation(clang_getRangeStart(r), &f1, &l, &col, &b);
    clang_getExpansionLocation(clang_getCursorLocation(decl), &f2, &l, &col, &e);
    if (!f1 || !f2 || !clang_File_isEqual(f1, f2) || e < b)
        return 0;
    text = clang_getFileContents(tu, f1, &size);
    if (!text || e > size)
        return 0;
    return contains_nocase(text + b, e - b, "noreturn");
}

int mlq_noreturn_call(CXTranslationUnit tu, CXCursor c)
{
    struct mlq_kids k = {0};
    CXCursor callee, decl;
    int found = 0;

    c = strip(c);
    if (c.kind != CXCursor_CallExpr)
        return 0;
    if (name_in(c, never_return))
        return 1;
    if (mlq_kids(c, &k) == 0 && k.n > 0) {
        CXString t = clang_getTypeSpelling(clang_getCursorType(k.v[0]));
        const char *s = clang_getCString(t);
        found = s && strstr(s, "noreturn") != NULL;
        clang_disposeString(t);
    }
    mlq_kids_free(&k);
    if (found)
        return 1;
    callee = clang_getCursorReferenced(c);
    if (callee.kind != CXCursor_FunctionDecl)
        return 0;
    decl = clang_getCanonicalCursor(callee);
    return declared_noreturn(tu, decl) || declared_noreturn(tu, callee);
}

/* mlq_closed's walk: loops and switches entered inside the statement,
** which the jumps and labels found are local to. */
struct closed {
    CXTranslationUnit tu;
    int loops, switches;
    int open;
};

static enum CXChildVisitResult closed_node(CXCursor c, CXCursor parent, CXClientData data)
{
    struct closed *s = data, in;

    (void)parent;
    switch (c.kind) {
    case CXCursor_WhileStmt:
    case CXCursor_ForStmt:
    case CXCursor_DoStmt:
    case CXCursor_SwitchStmt:
        in = *s;
        if (c.kind == CXCursor_SwitchStmt)
            in.switches++;
        else
            in.loops++;
        clang_visitChildren(c, closed_node, &in);
        s->open = in.open;
        break;
    case CXCursor_BreakStmt:
        s->open = !s->loops && !s->switches;
        break;
    case CXCursor_ContinueStmt:
        s->open = !s->loops;
        break;
    case CXCursor_CaseStmt:
    case CXCursor_DefaultStmt:
        if (!s->switches)
            s->open = 1;
        return s->open ? CXChildVisit_Break : CXChildVisit_Recurse;
    case CXCursor_CallExpr:
        s->open = mlq_noreturn_call(s->tu, c);
        return s->open ? CXChildVisit_Break : CXChildVisit_Recurse;
    case CXCursor_ReturnStmt:
    case CXCursor_GotoStmt:
    case CXCursor_IndirectGotoStmt:
    case CXCursor_LabelStmt:
    case CXCursor_StmtExpr:
    case CXCursor_GCCAsmStmt:
    case CXCursor_UnexposedStmt:
        s->open = 1;
        break;
    default:
        return CXChildVisit_Recurse;
    }
    return s->open ? CXChildVisit_Break : CXChildVisit_Continue;
}

int mlq_closed(CXTranslationUnit tu, CXCursor c, int twice)
{
    int loop =
        c.kind == CXCursor_WhileStmt || c.kind == CXCursor_ForStmt || c.kind == CXCursor_DoStmt;
    struct closed s = {tu, loop, c.kind == CXCursor_SwitchStmt, 0};

    if (twice) {
        struct scan t;

        scan_tree(c, &t);
        if (t.opaque)
            return 0;
    }
    clang_visitChildren(c, closed_node, &s);
    return !s.open;
}

int mlq_calls_one_of(CXCursor e, const CXCursor *canon, size_t n)
{
    CXCursor callee;
    size_t i;

    e = strip(e);
    if (e.kind != CXCursor_CallExpr)
        return 0;
    callee = clang_getCursorReferenced(e);
    if (callee.kind != CXCursor_FunctionDecl)
        return 0;
    callee = clang_getCanonicalCursor(callee);
    for (i = 0; i < n; i++)
        if (clang_equalCursors(callee, canon[i]))
            return 1;
    return 0;
}

static enum CXChildVisitResult find_bit_field(CXCursor c, CXCursor parent, CXClientData data)
{
    int *found = data;

    (void)parent;
    if (c.kind == CXCursor_MemberRefExpr && clang_Cursor_isBitField(clang_getCursorReferenced(c))) {
        *found = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

int mlq_enum_value(CXCursor e)
{
    int bit_field = 0;

    e = strip(e);
    if (clang_getCanonicalType(clang_getCursorType(e)).kind != CXType_Enum)
        return 0;
    find_bit_field(e, clang_getNullCursor(), &bit_field);
    if (!bit_field)
        clang_visitChildren(e, find_bit_field, &bit_field);
    return !bit_field;
}

/* An automatic variable whose declaration runs code: it has an
** initializer, or a variable-length array's size to compute. */
static enum CXChildVisitResult find_running(CXCursor c, CXCursor parent, CXClientData data)
{
    int *found = data;
    enum CX_StorageClass sc;

    (void)parent;
    if (c.kind != CXCursor_VarDecl)
        return CXChildVisit_Continue;
    sc = clang_Cursor_getStorageClass(c);
    if ((sc == CX_SC_None || sc == CX_SC_Auto || sc == CX_SC_Register) &&
        (!clang_Cursor_isNull(clang_Cursor_getVarDeclInitializer(c)) ||
         clang_getCanonicalType(clang_getCursorType(c)).kind == CXType_VariableArray)) {
        *found = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Continue;
}

int mlq_decl_runs(CXCursor c)
{
    int found = 0;

    clang_visitChildren(c, find_running, &found);
    return found;
}

int mlq_is_label_decl(CXTranslationUnit tu, CXCursor c)
{
    CXSourceRange r = clang_getCursorExtent(c);
    CXFile f;
    unsigned l, col, b;
    size_t size;
    const char *text;

    if (c.kind != CXCursor_DeclStmt)
        return 0;
    clang_getExpansionLocation(clang_getRangeStart(r), &f, &l, &col, &b);
    text = f ? clang_getFileContents(tu, f, &size) : NULL;
    return text && b + 9 <= size && strncmp(text + b, "__label__", 9) == 0;
}
