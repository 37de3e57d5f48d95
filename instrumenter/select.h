/*
** select.h — which function definitions of the main file get probes
** (prefix mls_), and the table rows each one covers.
**
** Selected: definitions carrying clang's `annotate("memline")` attribute
** (MEMLINE_PROFILE on the definition or, inherited, on any prototype, even
** in a header), and definitions whose name matches one of the globs
** (fnmatch; "*" = all). Only definitions written in the main file count.
**
** Invariants: functions are in source order; first_line is the line the
** definition starts on (which includes a MEMLINE_PROFILE written before
** it), last_line the line of the body's closing brace. A definition that
** cannot carry probes (made by a macro, or an inline function with
** external linkage, which may not refer to the static site data) is
** skipped, and said so, when a glob selected it, and makes the whole file
** fail when it was annotated: the programmer asked for it by name.
*/
#ifndef MLI_SELECT_H
#define MLI_SELECT_H

#include <clang-c/Index.h>
#include <stddef.h>

#include "range.h"

struct mls_function {
    CXCursor cursor;
    char *name;
    unsigned first_line, last_line;
    /* chosen by MEMLINE_PROFILE or by a glob other than "*": the programmer
    ** named it (plain.h: only such functions get a plain copy) */
    int named;
};

struct mls_set {
    struct mls_function *v;
    CXCursor *canon; /* canonical cursors, same order */
    size_t n, cap;
    char *reason;      /* set when an annotated function cannot be instrumented */
    unsigned skipped;  /* functions a glob selected that cannot be */
    char *skipped_why; /* "line N: NAME: why; ..." of the first three,
                       ** then "; ..." */
    int failed;        /* out of memory */
};

/* Returns 0, or -1 (reason set, or failed on out of memory). */
int mls_select(const struct mlr_file *f, const char *const *globs, size_t nglobs,
               struct mls_set *set);
void mls_free(struct mls_set *set);

#endif
