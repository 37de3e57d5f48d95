/*
** range.c — the main file, its macro calls and widened cursor ranges; see
** range.h.
*/
#include "range.h"

#include <stdlib.h>
#include <string.h>

struct collect {
    struct mlr_file *f;
    size_t macro_cap, include_cap;
    int failed;
};

/* Appends [b, e) to a list of spans; returns -1 when out of memory. */
static int push_span(struct mlr_span **v, size_t *n, size_t *cap, size_t b, size_t e)
{
    if (*n == *cap) {
        size_t grown = *cap ? *cap * 2 : 256;
        struct mlr_span *p = realloc(*v, grown * sizeof *p);
        if (!p)
            return -1;
        *v = p;
        *cap = grown;
    }
    (*v)[*n].b = b;
    (*v)[*n].e = e > b ? e : b + 1;
    (*n)++;
    return 0;
}

/* Macro calls and #include directives written in the main file's first
** inclusion (a second inclusion has the same bytes at other locations). */
static enum CXChildVisitResult collect_entity(CXCursor c, CXCursor parent, CXClientData data)
{
    struct collect *k = data;
    struct mlr_file *f = k->f;
    CXSourceRange r;
    size_t b, e;
    int failed = 0;

    (void)parent;
    if (c.kind != CXCursor_MacroExpansion && c.kind != CXCursor_InclusionDirective)
        return CXChildVisit_Continue;
    r = clang_getCursorExtent(c);
    if (!clang_Location_isFromMainFile(clang_getRangeStart(r)) ||
        !mlr_location(f, clang_getRangeStart(r), &b) || !mlr_location(f, clang_getRangeEnd(r), &e))
        return CXChildVisit_Continue;
    if (c.kind == CXCursor_MacroExpansion)
        failed = push_span(&f->macros, &f->nmacros, &k->macro_cap, b, e);
    else
        failed = push_span(&f->includes, &f->nincludes, &k->include_cap, b, e);
    if (failed) {
        k->failed = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Continue;
}

/* The text the main file's #if directives skipped, directives included. */
static int collect_skipped(struct mlr_file *f)
{
    CXSourceRangeList *list = clang_getSkippedRanges(f->tu, f->file);
    size_t cap = 0, b, e;
    unsigned i;
    int rc = 0;

    if (!list)
        return 0;
    for (i = 0; i < list->count && rc == 0; i++)
        if (mlr_location(f, clang_getRangeStart(list->ranges[i]), &b) &&
            mlr_location(f, clang_getRangeEnd(list->ranges[i]), &e))
            rc = push_span(&f->skipped, &f->nskipped, &cap, b, e);
    clang_disposeSourceRangeList(list);
    return rc;
}

static int by_start(const void *a, const void *b)
{
    const struct mlr_span *x = a, *y = b;

    if (x->b != y->b)
        return x->b < y->b ? -1 : 1;
    return x->e > y->e ? -1 : x->e < y->e;
}

/* Sorts spans and folds nested or overlapping ones into the outer. */
static void fold(struct mlr_span *v, size_t *count)
{
    size_t i, n = 0;

    if (*count == 0)
        return;
    qsort(v, *count, sizeof *v, by_start);
    for (i = 0; i < *count; i++) {
        if (n > 0 && v[i].b < v[n - 1].e) {
            if (v[i].e > v[n - 1].e)
                v[n - 1].e = v[i].e;
            continue;
        }
        v[n++] = v[i];
    }
    *count = n;
}

int mlr_init(struct mlr_file *f, CXTranslationUnit tu, const char *path, const char *text,
             size_t size)
{
    struct collect k;

    memset(f, 0, sizeof *f);
    f->tu = tu;
    f->file = clang_getFile(tu, path);
    if (!f->file)
        return -1;
    f->text = clang_getFileContents(tu, f->file, &f->size);
    if (text && f->text && size == f->size)
        f->text = text;
    if (!f->text || mlt_lines_init(&f->lines, f->text, f->size) < 0)
        return -1;
    k.f = f;
    k.macro_cap = k.include_cap = 0;
    k.failed = 0;
    clang_visitChildren(clang_getTranslationUnitCursor(tu), collect_entity, &k);
    if (k.failed || collect_skipped(f) < 0)
        return -1;
    fold(f->macros, &f->nmacros);
    fold(f->skipped, &f->nskipped);
    fold(f->includes, &f->nincludes);
    return 0;
}

void mlr_free(struct mlr_file *f)
{
    mlt_lines_free(&f->lines);
    free(f->macros);
    free(f->skipped);
    free(f->includes);
    f->macros = f->skipped = f->includes = NULL;
    f->nmacros = f->nskipped = f->nincludes = 0;
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

/* The span of v[0, n) containing off (start <= off < end), or NULL. */
static const struct mlr_span *span_at(const struct mlr_span *v, size_t n, size_t off)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].e <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < n && v[lo].b <= off)
        return &v[lo];
    return NULL;
}

static const struct mlr_span *call_at(const struct mlr_file *f, size_t off)
{
    return span_at(f->macros, f->nmacros, off);
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
    /* Text this inclusion skipped: the same bytes included again. */
    if (span_at(f->skipped, f->nskipped, s->b) ||
        (s->e > s->b && span_at(f->skipped, f->nskipped, s->e - 1)))
        return MLR_OUTSIDE;
    return flags;
}

unsigned mlr_line(const struct mlr_file *f, size_t off)
{
    return mlt_line_of(&f->lines, off);
}

size_t mlr_skip(const struct mlr_file *f, size_t off)
{
    for (;;) {
        const struct mlr_span *skip;
        size_t next = mlt_skip_blank(f->text, f->size, off);

        if ((skip = span_at(f->skipped, f->nskipped, next)) != NULL)
            next = skip->e;
        else
            next = mlt_skip_directive(f->text, f->size, next);
        if (next == off)
            return off;
        off = next;
    }
}

unsigned mlr_include_line(const struct mlr_file *f, size_t b, size_t e)
{
    size_t i;
    unsigned line = 0;

    for (i = 0; i < f->nincludes && f->includes[i].b < e; i++)
        if (f->includes[i].b >= b)
            line = mlr_line(f, f->includes[i].b);
    return line;
}
