/*
** range.c — the main file, its macro calls and widened cursor ranges; see
** range.h.
*/
#include "range.h"

#include <stdlib.h>
#include <string.h>

struct collect {
    struct mlr_file *f;
    size_t cap;
    int failed;
};

static enum CXChildVisitResult collect_macro(CXCursor c, CXCursor parent, CXClientData data)
{
    struct collect *k = data;
    struct mlr_file *f = k->f;
    CXSourceRange r;
    size_t b, e;

    (void)parent;
    if (c.kind != CXCursor_MacroExpansion)
        return CXChildVisit_Continue;
    r = clang_getCursorExtent(c);
    if (!mlr_location(f, clang_getRangeStart(r), &b) || !mlr_location(f, clang_getRangeEnd(r), &e))
        return CXChildVisit_Continue;
    if (f->nmacros == k->cap) {
        size_t cap = k->cap ? k->cap * 2 : 256;
        struct mlr_span *v = realloc(f->macros, cap * sizeof *v);
        if (!v) {
            k->failed = 1;
            return CXChildVisit_Break;
        }
        f->macros = v;
        k->cap = cap;
    }
    f->macros[f->nmacros].b = b;
    f->macros[f->nmacros].e = e > b ? e : b + 1;
    f->nmacros++;
    return CXChildVisit_Continue;
}

static int by_start(const void *a, const void *b)
{
    const struct mlr_span *x = a, *y = b;

    if (x->b != y->b)
        return x->b < y->b ? -1 : 1;
    return x->e > y->e ? -1 : x->e < y->e;
}

/* Sorts the calls and folds nested or overlapping ones into the outer. */
static void fold(struct mlr_file *f)
{
    size_t i, n = 0;

    if (f->nmacros == 0)
        return;
    qsort(f->macros, f->nmacros, sizeof *f->macros, by_start);
    for (i = 0; i < f->nmacros; i++) {
        if (n > 0 && f->macros[i].b < f->macros[n - 1].e) {
            if (f->macros[i].e > f->macros[n - 1].e)
                f->macros[n - 1].e = f->macros[i].e;
            continue;
        }
        f->macros[n++] = f->macros[i];
    }
    f->nmacros = n;
}

int mlr_init(struct mlr_file *f, CXTranslationUnit tu, const char *path)
{
    struct collect k;

    memset(f, 0, sizeof *f);
    f->tu = tu;
    f->file = clang_getFile(tu, path);
    if (!f->file)
        return -1;
    f->text = clang_getFileContents(tu, f->file, &f->size);
    if (!f->text || mlt_lines_init(&f->lines, f->text, f->size) < 0)
        return -1;
    k.f = f;
    k.cap = 0;
    k.failed = 0;
    clang_visitChildren(clang_getTranslationUnitCursor(tu), collect_macro, &k);
    if (k.failed)
        return -1;
    fold(f);
    return 0;
}

void mlr_free(struct mlr_file *f)
{
    mlt_lines_free(&f->lines);
    free(f->macros);
    f->macros = NULL;
    f->nmacros = 0;
}

int mlr_location(const struct mlr_file *f, CXSourceLocation loc, size_t *off)
{
    CXFile file;
    unsigned line, col, o;

    clang_getExpansionLocation(loc, &file, &line, &col, &o);
    if (!file || !clang_File_isEqual(file, f->file) || o > f->size)
        return 0;
    *off = o;
    return 1;
}

/* The macro call containing off (start <= off < end), or NULL. */
static const struct mlr_span *call_at(const struct mlr_file *f, size_t off)
{
    size_t lo = 0, hi = f->nmacros;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->macros[mid].e <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < f->nmacros && f->macros[lo].b <= off)
        return &f->macros[lo];
    return NULL;
}

int mlr_in_macro(const struct mlr_file *f, size_t off)
{
    const struct mlr_span *m = call_at(f, off);

    return m && m->b < off;
}

int mlr_cursor(const struct mlr_file *f, CXCursor c, struct mlr_span *s)
{
    CXSourceRange r = clang_getCursorExtent(c);
    CXSourceLocation start = clang_getRangeStart(r), end = clang_getRangeEnd(r);
    const struct mlr_span *m;
    int flags = MLR_FILE;

    if (!mlr_location(f, start, &s->b) || !mlr_location(f, end, &s->e))
        return MLR_OUTSIDE;
    if (!clang_Location_isFromMainFile(start)) {
        flags |= MLR_MACRO_START;
        m = call_at(f, s->b);
        if (!m)
            return MLR_OUTSIDE;
        s->b = m->b;
    } else if ((m = call_at(f, s->b)) != NULL && m->b < s->b) {
        flags |= MLR_MACRO_START;
        s->b = m->b;
    }
    if (!clang_Location_isFromMainFile(end)) {
        flags |= MLR_MACRO_END;
        m = call_at(f, s->e);
        if (!m)
            return MLR_OUTSIDE;
        s->e = m->e;
    } else if ((m = call_at(f, s->e)) != NULL && m->b < s->e) {
        flags |= MLR_MACRO_END;
        s->e = m->e;
    }
    if (s->e < s->b)
        s->e = s->b;
    return flags;
}

unsigned mlr_line(const struct mlr_file *f, size_t off)
{
    return mlt_line_of(&f->lines, off);
}
