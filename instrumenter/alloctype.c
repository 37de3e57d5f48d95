/*
** alloctype.c — the type an allocation call allocates; see alloctype.h.
**
** One recursive walk of the body keeps the chain of cursors from the body
** down to the current one, so that a call can look at what its value goes
** into (libclang gives no parent for expressions). Parentheses and
** implicit conversions (unexposed expressions) between the call and its
** destination are looked through.
*/
#define _GNU_SOURCE
#include "alloctype.h"
#include "query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MLAT_DEPTH 256

/* The allocators: where the count (or -1) and the size are. */
static const struct {
    const char *name;
    int count, size;
} mlat_allocators[] = {
    {"malloc", -1, 0},        {"calloc", 0, 1},  {"realloc", -1, 1}, {"reallocarray", 1, 2},
    {"aligned_alloc", -1, 1}, {"valloc", -1, 0}, {"pvalloc", -1, 0}, {"memalign", -1, 1},
};

static const char *const mlat_strings[] = {"strdup", "strndup", "__strdup", "__strndup"};

struct mlat_walk {
    CXCursor fn;
    CXCursor chain[MLAT_DEPTH];
    int depth;
    mlat_visitor visit;
    void *ctx;
    int failed;
};

static int mlat_is(CXCursor c, enum CXCursorKind kind)
{
    return clang_getCursorKind(c) == kind;
}

/* e without the parentheses and implicit conversions around it. */
static CXCursor mlat_strip(CXCursor e)
{
    struct mlq_kids k = {0};

    while ((mlat_is(e, CXCursor_ParenExpr) || mlat_is(e, CXCursor_UnexposedExpr)) &&
           mlq_kids(e, &k) == 0 && k.n == 1)
        e = k.v[0];
    mlq_kids_free(&k);
    return e;
}

/* The spellings of c's tokens joined by single spaces (malloc'd). */
static char *mlat_text(CXCursor c, unsigned from, unsigned to)
{
    CXTranslationUnit tu = clang_Cursor_getTranslationUnit(c);
    CXToken *tokens = NULL;
    unsigned n = 0, i;
    size_t len = 0, cap = 64;
    char *out = malloc(cap);

    if (!out)
        return NULL;
    out[0] = '\0';
    clang_tokenize(tu, clang_getCursorExtent(c), &tokens, &n);
    for (i = from; i < n && i < to; i++) {
        CXString s = clang_getTokenSpelling(tu, tokens[i]);
        const char *t = clang_getCString(s);
        size_t tl = strlen(t);

        if (len + tl + 2 > cap) {
            char *bigger = realloc(out, cap = 2 * (len + tl + 2));

            if (!bigger) {
                clang_disposeString(s);
                free(out);
                out = NULL;
                break;
            }
            out = bigger;
        }
        if (len)
            out[len++] = ' ';
        memcpy(out + len, t, tl + 1);
        len += tl;
        clang_disposeString(s);
    }
    clang_disposeTokens(tu, tokens, n);
    return out;
}

static int mlat_first_token_is(CXCursor c, const char *word)
{
    char *t = mlat_text(c, 0, 1);
    int yes = t && strcmp(t, word) == 0;

    free(t);
    return yes;
}

/* Whether e (stripped) is `sizeof ...`. */
static int mlat_is_sizeof(CXCursor e)
{
    return mlat_is(e, CXCursor_UnaryExpr) && mlat_first_token_is(e, "sizeof");
}

/* Whether e (stripped) is a multiplication; a product a macro makes
** (XNEWVEC(T, N)) is not seen (mlq_binary_operator_is). */
static int mlat_multiplies(CXCursor e)
{
    return mlq_binary_operator_is(e, "*") == 1;
}

/* The type a sizeof measures, spelled (malloc'd), or NULL. */
static char *mlat_sizeof_type(CXCursor e)
{
    struct mlq_kids k = {0};
    char *name = NULL;

    if (mlq_kids(e, &k) == 0 && k.n == 1) {
        CXString s = clang_getTypeSpelling(clang_getCursorType(k.v[0]));

        name = strdup(clang_getCString(s));
        clang_disposeString(s);
    } else if (k.n == 0) {
        /* sizeof(double): a builtin type has no cursor; its tokens say it. */
        char *t = mlat_text(e, 0, ~0u);
        size_t n = t ? strlen(t) : 0;

        if (t && n > 11 && strncmp(t, "sizeof ( ", 9) == 0 && strcmp(t + n - 2, " )") == 0) {
            t[n - 2] = '\0';
            name = strdup(t + 9);
        }
        free(t);
    }
    mlq_kids_free(&k);
    return name;
}

/* The sizeof in a size expression: itself, or a factor of a product. */
static char *mlat_size_type(CXCursor size)
{
    struct mlq_kids k = {0};
    char *name = NULL;
    size_t i;

    size = mlat_strip(size);
    if (mlat_is_sizeof(size))
        return mlat_sizeof_type(size);
    if (mlat_multiplies(size) && mlq_kids(size, &k) == 0)
        for (i = 0; i < k.n && !name; i++)
            if (mlat_is_sizeof(mlat_strip(k.v[i])))
                name = mlat_sizeof_type(mlat_strip(k.v[i]));
    mlq_kids_free(&k);
    return name;
}

/* "const struct node" -> "struct node" (in place). */
static void mlat_unqualify(char *name)
{
    static const char *const qualifiers[] = {"const ", "volatile ", "restrict "};
    size_t i, n;

    for (i = 0; i < sizeof qualifiers / sizeof qualifiers[0]; i++)
        if (strncmp(name, qualifiers[i], n = strlen(qualifiers[i])) == 0) {
            memmove(name, name + n, strlen(name + n) + 1);
            i = (size_t)-1;
        }
}

/* The pointee of a destination type: its spelling (malloc'd) and whether
** it is a scalar; NULL for void or a non-pointer. */
static char *mlat_pointee(CXType dest, int *scalar)
{
    CXType p = clang_getPointeeType(clang_getCanonicalType(dest));
    CXType named = clang_getPointeeType(dest);
    CXString s;
    char *name;

    if (p.kind == CXType_Invalid || p.kind == CXType_Void)
        return NULL;
    if (named.kind == CXType_Invalid)
        named = p;
    *scalar = (p.kind >= CXType_FirstBuiltin && p.kind <= CXType_LastBuiltin) ||
              p.kind == CXType_Pointer || p.kind == CXType_Enum;
    s = clang_getTypeSpelling(named);
    name = strdup(clang_getCString(s));
    clang_disposeString(s);
    if (name)
        mlat_unqualify(name);
    return name;
}

/* The type the call's value goes into, if a pointer: the nearest
** ancestor that is not parentheses or an implicit conversion. */
static int mlat_destination(const struct mlat_walk *w, CXType *dest)
{
    int i = w->depth - 1;
    CXCursor below = w->chain[i];
    struct mlq_kids k = {0};
    int found = 0;

    for (i--; i >= 0; below = w->chain[i--]) {
        CXCursor a = w->chain[i];

        if (mlat_is(a, CXCursor_ParenExpr) || mlat_is(a, CXCursor_UnexposedExpr))
            continue;
        if (mlat_is(a, CXCursor_CStyleCastExpr) || mlat_is(a, CXCursor_VarDecl)) {
            *dest = clang_getCursorType(a);
            found = 1;
        } else if (mlat_is(a, CXCursor_BinaryOperator) && mlq_kids(a, &k) == 0 && k.n == 2 &&
                   clang_equalCursors(k.v[1], below) &&
                   clang_getCursorType(a).kind == CXType_Pointer) {
            /* `lhs = call`: an assignment has the type of its left side;
            ** a comparison has int. */
            *dest = clang_getCursorType(a);
            found = 1;
        } else if (mlat_is(a, CXCursor_ReturnStmt)) {
            *dest = clang_getResultType(clang_getCursorType(w->fn));
            found = 1;
        }
        break;
    }
    mlq_kids_free(&k);
    return found;
}

static int mlat_index(const char *name)
{
    size_t i;

    for (i = 0; i < sizeof mlat_allocators / sizeof mlat_allocators[0]; i++)
        if (strcmp(name, mlat_allocators[i].name) == 0)
            return (int)i;
    return -1;
}

static int mlat_string_function(const char *name)
{
    size_t i;

    for (i = 0; i < sizeof mlat_strings / sizeof mlat_strings[0]; i++)
        if (strcmp(name, mlat_strings[i]) == 0)
            return 1;
    return 0;
}

/* Whether the count argument is the literal 1. */
static int mlat_count_is_one(CXCursor count)
{
    char *t = mlat_text(mlat_strip(count), 0, ~0u);
    int yes = t && (strcmp(t, "1") == 0 || strcmp(t, "1u") == 0 || strcmp(t, "1U") == 0);

    free(t);
    return yes;
}

/* "T" or "T[]" (malloc'd) from a name and whether several are asked for. */
static char *mlat_spell(char *name, int several)
{
    char *out = NULL;

    if (name && several && asprintf(&out, "%s[]", name) < 0)
        out = NULL;
    else if (name && !several)
        return name;
    free(name);
    return out;
}

static void mlat_consider(struct mlat_walk *w, CXCursor call)
{
    CXCursor callee = clang_getCursorReferenced(call);
    CXType result = clang_getCanonicalType(clang_getCursorType(call));
    struct mlat_call c = {call, NULL, NULL, 0};
    CXString s;
    CXType dest;
    int which, scalar = 0, several = 0, nargs = clang_Cursor_getNumArguments(call);
    CXCursor size = clang_getNullCursor();
    char *name = NULL;

    if (!mlat_is(callee, CXCursor_FunctionDecl))
        return;
    s = clang_getCursorSpelling(callee);
    c.callee = clang_getCString(s);
    which = mlat_index(c.callee);
    if (mlat_string_function(c.callee)) {
        c.string = 1;
        if (!(c.type = strdup("char[] (string)")))
            w->failed = 1;
        w->visit(w->ctx, &c);
        free(c.type);
        clang_disposeString(s);
        return;
    }
    if (result.kind != CXType_Pointer || clang_getPointeeType(result).kind != CXType_Void) {
        clang_disposeString(s);
        return;
    }
    if (which >= 0) {
        int count = mlat_allocators[which].count, at = mlat_allocators[which].size;

        if (at < nargs)
            size = clang_Cursor_getArgument(call, (unsigned)at);
        if (count >= 0 && count < nargs)
            several = !mlat_count_is_one(clang_Cursor_getArgument(call, (unsigned)count));
    } else if (nargs > 0) {
        size = clang_Cursor_getArgument(call, 0);
    }
    if (!clang_Cursor_isNull(size))
        several |= mlat_multiplies(mlat_strip(size));
    if (mlat_destination(w, &dest) && (name = mlat_pointee(dest, &scalar))) {
        if (scalar && !clang_Cursor_isNull(size) && !mlat_is_sizeof(mlat_strip(size)))
            several = 1;
    } else if (which >= 0 && !clang_Cursor_isNull(size)) {
        name = mlat_size_type(size);
        if (name)
            mlat_unqualify(name);
    } else if (which < 0) {
        /* A function returning void * whose value goes nowhere typed. */
        clang_disposeString(s);
        return;
    }
    c.type = mlat_spell(name, several);
    w->visit(w->ctx, &c);
    free(c.type);
    clang_disposeString(s);
}

static enum CXChildVisitResult mlat_step(CXCursor c, CXCursor parent, CXClientData data)
{
    struct mlat_walk *w = data;

    (void)parent;
    if (w->depth == MLAT_DEPTH || w->failed)
        return CXChildVisit_Continue;
    w->chain[w->depth++] = c;
    if (mlat_is(c, CXCursor_CallExpr))
        mlat_consider(w, c);
    clang_visitChildren(c, mlat_step, w);
    w->depth--;
    return CXChildVisit_Continue;
}

int mlat_scan(CXCursor fn, CXCursor body, mlat_visitor visit, void *ctx)
{
    struct mlat_walk *w = calloc(1, sizeof *w);
    int failed;

    if (!w)
        return -1;
    w->fn = fn;
    w->visit = visit;
    w->ctx = ctx;
    w->chain[w->depth++] = body;
    clang_visitChildren(body, mlat_step, w);
    failed = w->failed;
    free(w);
    return failed ? -1 : 0;
}
