/*
** alloctype.h — what an allocation call allocates (prefix mlat_), the
** type memline's by-type view (issue 14) tags a block with, inferred from
** the call's text in the function's own file:
**
**  - strdup, strndup: `char[] (string)`;
**  - malloc, calloc, realloc, reallocarray, aligned_alloc, and any other
**    function returning `void *` (allocation wrappers: xmalloc,
**    g_malloc, sqlite3_malloc) whose result goes into a `T *`: T, from
**    the destination (`T *p = ...`, `p->items = ...`, `return ...` of a
**    function returning `T *`) or a cast (`(T *)malloc(...)`);
**  - the allocators (not other functions) without such a destination:
**    T from a `sizeof` in the size (`malloc(sizeof *n)`,
**    `calloc(n, sizeof(struct node))`).
**
** T becomes `T[]` when the call asks for several: a count that is not the
** literal 1 (calloc, reallocarray), a size that multiplies
** (`n * sizeof(double)`), or a size that is not a sizeof for a scalar T
** (`char *buf = malloc(len + 1)` is `char[]`; a struct with a size of its
** own is a struct with trailing data, still `struct T`; a product a
** macro computes is not seen). Qualifiers are dropped. A `void *` destination, a call whose result is passed on, and
** anything else is left unknown (NULL).
*/
#ifndef MLI_ALLOCTYPE_H
#define MLI_ALLOCTYPE_H

#include <clang-c/Index.h>

struct mlat_call {
    CXCursor call;
    const char *callee; /* the function's name */
    char *type;         /* malloc'd; NULL when unknown */
    int string;         /* strdup and friends: the call returns char * */
};

/* Called for each allocation call under `body` (a function definition's
** body; `fn` is the function). */
typedef void (*mlat_visitor)(void *ctx, const struct mlat_call *c);

/* Returns 0, or -1 when out of memory. */
int mlat_scan(CXCursor fn, CXCursor body, mlat_visitor visit, void *ctx);

#endif
