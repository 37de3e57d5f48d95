/*
** plain.c — the plain copy of a function's body, run while tracing is
** stopped (see plain.h).
*/
#define _GNU_SOURCE
#include "plain.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "text.h"

struct scan {
    const struct mlr_file *f;
    int loop;       /* the body has a loop */
    int refused;    /* the copy would not run as the body does */
    int failed;     /* out of memory */
    size_t *labels; /* offsets of label names (definitions and uses) */
    size_t n, cap;
};

static int push_label(struct scan *k, size_t off)
{
    if (k->n == k->cap) {
        size_t cap = k->cap ? 2 * k->cap : 16;
        size_t *v = realloc(k->labels, cap * sizeof *v);

        if (!v)
            return -1;
        k->labels = v;
        k->cap = cap;
    }
    k->labels[k->n++] = off;
    return 0;
}

/* Records the label name of c (a label or a reference to one) written at
** its start in the file, outside any macro call; refuses one that is not. */
static void note_label(struct scan *k, CXCursor c)
{
    CXString name = clang_getCursorSpelling(c);
    const char *s = clang_getCString(name);
    size_t len = s ? strlen(s) : 0;
    struct mlr_span sp;
    int flags = mlr_cursor(k->f, c, &sp);

    if (flags == MLR_OUTSIDE || (flags & MLR_MACRO_START) || !len || sp.b + len > k->f->size ||
        memcmp(k->f->text + sp.b, s, len) != 0 ||
        (sp.b + len < k->f->size && mlt_is_ident(k->f->text[sp.b + len])))
        k->refused = 1;
    else if (push_label(k, sp.b) < 0)
        k->failed = 1;
    clang_disposeString(name);
}

static enum CXChildVisitResult scan_step(CXCursor c, CXCursor parent, CXClientData data)
{
    struct scan *k = data;

    (void)parent;
    switch (c.kind) {
    case CXCursor_ForStmt:
    case CXCursor_WhileStmt:
    case CXCursor_DoStmt:
        k->loop = 1;
        break;
    case CXCursor_VarDecl:
        if (clang_Cursor_getStorageClass(c) == CX_SC_Static)
            k->refused = 1;
        break;
    case CXCursor_FunctionDecl:
        if (clang_isCursorDefinition(c))
            k->refused = 1;
        break;
    case CXCursor_GCCAsmStmt:
    case CXCursor_MSAsmStmt:
    case CXCursor_AddrLabelExpr:
        k->refused = 1;
        break;
    case CXCursor_LabelStmt:
    case CXCursor_LabelRef:
        note_label(k, c);
        break;
    default:
        break;
    }
    return k->refused || k->failed ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/* Whether the directives in text[b, e) are conditionals only, each group
** opened and closed inside. */
static int balanced_conditionals(const char *text, size_t b, size_t e)
{
    static const char *const opening[] = {"if", "ifdef", "ifndef"};
    static const char *const inner[] = {"elif", "else", "elifdef", "elifndef"};
    size_t i, j, len, w;
    long depth = 0;

    for (i = b; i < e; i++) {
        if (text[i] != '\n')
            continue;
        for (j = i + 1; j < e && (text[j] == ' ' || text[j] == '\t'); j++)
            ;
        if (j >= e || text[j] != '#')
            continue;
        for (j++; j < e && (text[j] == ' ' || text[j] == '\t'); j++)
            ;
        for (len = 0; j + len < e && mlt_is_ident(text[j + len]); len++)
            ;
        for (w = 0; w < 3; w++)
            if (strlen(opening[w]) == len && memcmp(text + j, opening[w], len) == 0)
                break;
        if (w < 3) {
            depth++;
            continue;
        }
        if (len == 5 && memcmp(text + j, "endif", 5) == 0) {
            if (--depth < 0)
                return 0;
            continue;
        }
        for (w = 0; w < 4; w++)
            if (strlen(inner[w]) == len && memcmp(text + j, inner[w], len) == 0)
                break;
        if (w == 4 || depth == 0)
            return 0;
    }
    return depth == 0;
}

static int by_offset(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;

    return x < y ? -1 : x > y;
}

/* Appends `#line L "NAME"` on a line of its own for the `{` at the body's
** start as the compiler sees it: a #line of the file's own (a generated parser's) may
** have renamed and renumbered it; else NAME is `path`, as emit.c spells it. */
static void line_directive(struct mlb *b, const struct mlr_file *f, CXCursor body, const char *path)
{
    CXString presumed, real = clang_getFileName(f->file);
    unsigned line, col;
    const char *name;

    clang_getPresumedLocation(clang_getRangeStart(clang_getCursorExtent(body)), &presumed, &line,
                              &col);
    name = clang_getCString(presumed);
    if (!name || (clang_getCString(real) && strcmp(name, clang_getCString(real)) == 0))
        name = path;
    mlb_printf(b, "\n#line %u \"", line);
    mlt_escape(b, name, strlen(name));
    mlb_puts(b, "\"\n");
    clang_disposeString(presumed);
    clang_disposeString(real);
}

int mlpl_open(const struct mlr_file *f, CXCursor body, const struct mlr_span *s, const char *path,
              struct mle_list *edits)
{
    struct scan k = {0};
    struct mlb b = {0};
    char *text;
    size_t at, i;

    k.f = f;
    /* A NUL byte (which compilers skip) would end the inserted text. */
    if (memchr(f->text + s->b, 0, s->e - s->b) ||
        memmem(f->text + s->b, s->e - s->b, "__label__", 9) ||
        !balanced_conditionals(f->text, s->b, s->e))
        return 0;
    clang_visitChildren(body, scan_step, &k);
    if (k.failed || !k.loop || k.refused) {
        free(k.labels);
        return k.failed ? -1 : 0;
    }
    if (k.n)
        qsort(k.labels, k.n, sizeof *k.labels, by_offset);
    mlb_puts(&b, " if (memline_stopped()) {");
    line_directive(&b, f, body, path);
    for (at = s->b + 1, i = 0; i < k.n; i++) {
        if (i > 0 && k.labels[i] == k.labels[i - 1])
            continue;
        mlb_append(&b, f->text + at, k.labels[i] - at);
        mlb_puts(&b, "memline__p");
        at = k.labels[i];
    }
    mlb_append(&b, f->text + at, s->e - 1 - at);
    line_directive(&b, f, body, path);
    mlb_puts(&b, "} else {");
    free(k.labels);
    if (!(text = mlb_take(&b)))
        return -1;
    mle_insert(edits, s->b + 1, text);
    free(text);
    return edits->failed ? -1 : 1;
}
