/*
** query.h — questions the walker asks about a cursor (prefix mlq_): its
** children, whether a condition is a constant or calls setjmp, whether a
** call never returns or is a call of an instrumented function, whether an
** expression is an enum value, whether a declaration declares an automatic
** variable.
**
** Invariants: answers err on the safe side for the walker: "constant"
** for conditions both gcc and clang fold (literals, enum constants, sizeof
** and operators on them) and for call-free ones clang folds although they
** read a variable (`0 && v`): left unwrapped, they stay as the compiler
** knew them; "noreturn" from the callee's type, its
** declaration's text or a list of well-known libc functions.
*/
#ifndef MLI_QUERY_H
#define MLI_QUERY_H

#include <clang-c/Index.h>
#include <stddef.h>

struct mlq_kids {
    CXCursor *v;
    size_t n, cap;
    int failed;
};

/* The direct children of c (reuses k's storage). Returns -1 on OOM. */
int mlq_kids(CXCursor c, struct mlq_kids *k);
void mlq_kids_free(struct mlq_kids *k);

enum mlq_cond {
    MLQ_DYNAMIC, /* an ordinary condition: wrap it */
    MLQ_TRUE,    /* constant, nonzero */
    MLQ_FALSE,   /* constant, zero */
    MLQ_OPAQUE   /* must not be wrapped (setjmp and friends, __builtin_constant_p) */
};

enum mlq_cond mlq_condition(CXCursor cond);

/* Whether the subtree holds a GNU statement expression. */
int mlq_has_stmt_expr(CXCursor c);

/* Whether running the subtree may run code elsewhere (a call, a
** statement expression, asm, a variable-length array's size): what could
** allocate. */
int mlq_has_call(CXCursor c);

/* Whether binary operator e's operator is spelled `op`: the first token
** after its left operand (libclang 14 does not name a binary operator's
** operator). 1, 0, or -1 when it cannot be told. Inside a macro's
** expansion the tokens are the call's, not the definition's. */
int mlq_binary_operator_is(CXCursor e, const char *op);

/* Whether expression statement c compiles to nothing: casts, parentheses,
** literals, sizeof and reads of non-volatile variables only (`(void)0`, as
** assert() expands under NDEBUG; `(void)unused;`). */
int mlq_no_code(CXCursor c);

/* What a function's body holds, in one scan: a call of setjmp or another
** function that returns twice, a statement expression (mlq_has_stmt_expr
** of a statement inside it is then worth asking). */
struct mlq_body {
    int returns_twice, stmt_expr;
};

void mlq_scan_body(CXCursor body, struct mlq_body *b);

/* Whether expression statement c is a call that never returns. */
int mlq_noreturn_call(CXTranslationUnit tu, CXCursor c);

/* Whether control that enters statement c always leaves it at its end:
** no return, goto, label, statement expression or asm in it, no break,
** continue or case label but of a loop or switch inside it or c itself,
** no call that never returns or returns twice (`twice`: 0 when the
** caller knows c calls none of the latter, which saves a scan). */
int mlq_closed(CXTranslationUnit tu, CXCursor c, int twice);

/* Whether expression e (parentheses and implicit conversions aside) is a
** direct call of one of the functions in `canon` (canonical cursors). */
int mlq_calls_one_of(CXCursor e, const CXCursor *canon, size_t n);

/* Whether expression e has an enum type and reads no bit-field: the type
** __typeof__ can copy (gcc refuses it a bit-field) and compilers check an
** enum switch against (every enumerator handled, no fall off the end). */
int mlq_enum_value(CXCursor e);

/* Whether declaration statement c runs code: it declares a variable of
** automatic storage with an initializer or a variable-length array type
** (`int n;` and `static int t[] = {...};` run nothing). And whether it is a
** `__label__` declaration. */
int mlq_decl_runs(CXCursor c);
int mlq_is_label_decl(CXTranslationUnit tu, CXCursor c);

#endif
