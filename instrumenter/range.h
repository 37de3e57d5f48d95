/*
** range.h — the main file as the rewriter sees it (prefix mlr_): its
** bytes, its lines, the extents of the macro calls and #include
** directives written in it, the text its #if directives skip, and the
** byte range a cursor covers once widened to whole macro calls.
**
** "The main file" is its first inclusion, the one being compiled: a file
** that includes itself has the same bytes a second time, and what comes
** from there is another file's text for the rewriter (MLR_OUTSIDE).
**
** Invariants: `macros` are the outermost macro calls of the main file,
** sorted and disjoint (a call inside another call's arguments is folded
** into it). A widened range never starts or ends strictly inside one of
** them, so an insertion at either end never lands inside a macro call.
** `skipped` and `includes` are sorted and disjoint.
*/
#ifndef MLI_RANGE_H
#define MLI_RANGE_H

#include <clang-c/Index.h>
#include <stddef.h>

#include "text.h"

struct mlr_span {
    size_t b, e;
};

struct mlr_file {
    CXTranslationUnit tu;
    CXFile file;
    const char *text; /* the file as written (not ours to free) */
    size_t size;
    struct mlt_lines lines;
    struct mlr_span *macros;
    size_t nmacros;
    struct mlr_span *skipped; /* text of #if branches not taken */
    size_t nskipped;
    struct mlr_span *includes; /* #include directives */
    size_t nincludes;
};

/* `text` (may be NULL: the contents libclang read) is the file as
** written, when libclang parsed another text of the same length (macros.h).
** Returns 0, or -1 on out of memory or when `path` is not the main file. */
int mlr_init(struct mlr_file *f, CXTranslationUnit tu, const char *path, const char *text,
             size_t size);
void mlr_free(struct mlr_file *f);

enum {
    MLR_OUTSIDE = -1,    /* not in the main file (another file, or its text
                         ** included a second time) */
    MLR_FILE = 0,        /* both ends written in the file */
    MLR_MACRO_START = 1, /* the start comes from a macro call */
    MLR_MACRO_END = 2    /* the end comes from a macro call */
};

/* The widened byte range of cursor c: a combination of the flags above,
** or MLR_OUTSIDE. */
int mlr_cursor(const struct mlr_file *f, CXCursor c, struct mlr_span *s);

/* Whether off lies strictly inside a macro call. */
int mlr_in_macro(const struct mlr_file *f, size_t off);

/* Whether the location is in the main file (expansion location). */
int mlr_location(const struct mlr_file *f, CXSourceLocation loc, size_t *off);

unsigned mlr_line(const struct mlr_file *f, size_t off);

/* The first offset at or after off that is not white space, a comment, a
** directive that brings in no text, or text an #if skipped. */
size_t mlr_skip(const struct mlr_file *f, size_t off);

/* The line of the last #include directive that starts in [b, e), or 0. */
unsigned mlr_include_line(const struct mlr_file *f, size_t b, size_t e);

#endif
