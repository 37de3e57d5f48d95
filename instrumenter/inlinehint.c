/*
** inlinehint.c — the inline hint for small leaves; see inlinehint.h.
*/
#include "inlinehint.h"
#include "text.h"

#include <clang-c/Index.h>
#include <stdlib.h>
#include <string.h>

struct scan {
    const struct mlr_file *f;
    const struct mls_set *set;
    const signed char *candidate;
    size_t *decls; /* per function: its declarations, the definition included */
};

static enum CXChildVisitResult find_attribute(CXCursor c, CXCursor parent, CXClientData data)
{
    int *attributed = data;

    (void)parent;
    if (clang_isAttribute(c.kind) && c.kind != CXCursor_AnnotateAttr) {
        *attributed = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Continue;
}

/* Counts the declarations of the candidates written in the file (whose
** names it spells); a declaration anywhere with an attribute drops its
** function. */
static enum CXChildVisitResult count_decls(CXCursor c, CXCursor parent, CXClientData data)
{
    struct scan *s = data;
    CXCursor canon;
    size_t i, off;

    (void)parent;
    if (c.kind != CXCursor_FunctionDecl || clang_getCursorLinkage(c) != CXLinkage_Internal)
        return CXChildVisit_Continue;
    canon = clang_getCanonicalCursor(c);
    for (i = 0; i < s->set->n; i++)
        if (s->candidate[i] && clang_equalCursors(s->set->canon[i], canon)) {
            int attributed = 0;

            if (s->decls[i] != (size_t)-1 && mlr_location(s->f, clang_getCursorLocation(c), &off))
                s->decls[i]++;
            clang_visitChildren(c, find_attribute, &attributed);
            if (attributed)
                s->decls[i] = (size_t)-1;
            break;
        }
    return CXChildVisit_Continue;
}

/* The first tests, on the definition alone, whose text is *def. */
static int may_hint(const struct mlr_file *f, CXCursor fn, const struct mlbc_walked *walked,
                    struct mlr_span *def)
{
    int attributed = 0;

    if (!walked->leaf || walked->probes > MLIH_MAX_PROBES ||
        clang_getCursorLinkage(fn) != CXLinkage_Internal || clang_Cursor_isFunctionInlined(fn) ||
        clang_Cursor_isVariadic(fn) || mlr_cursor(f, fn, def) != MLR_FILE)
        return 0;
    clang_visitChildren(fn, find_attribute, &attributed);
    return !attributed;
}

/* Uses of function i's name outside its definition and its declarations
** (a call of itself is no use: gcc calls such a function unused), or -1
** when it cannot get the hint. */
static long uses_of(const struct scan *s, size_t i, const struct mlr_span *def, size_t spelled)
{
    const char *name = s->set->v[i].name;
    size_t inside = 0;

    if (s->decls[i] == (size_t)-1 || s->decls[i] == 0 ||
        mlt_count_names(s->f->text + def->b, def->e - def->b, &name, 1, &inside) < 0 ||
        spelled < inside + (s->decls[i] - 1))
        return -1;
    return (long)(spelled - inside - (s->decls[i] - 1));
}

int mlih_hint(const struct mlr_file *f, const struct mls_set *set, const struct mlbc_walked *walked,
              const signed char *counted, struct mle_list *edits)
{
    size_t n = set->n ? set->n : 1, i, *spelled = calloc(n, sizeof *spelled);
    struct mlr_span *def = calloc(n, sizeof *def);
    signed char *candidate = calloc(n, 1);
    const char **names = calloc(n, sizeof *names);
    struct scan s = {f, set, candidate, calloc(n, sizeof *s.decls)};
    int any = 0, rc = -1;
    long uses;

    if (!def || !spelled || !candidate || !names || !s.decls)
        goto done;
    for (i = 0; i < set->n; i++)
        if ((!counted || !counted[i]) && may_hint(f, set->v[i].cursor, &walked[i], &def[i])) {
            candidate[i] = 1;
            names[i] = set->v[i].name;
            any = 1;
        }
    if (any) {
        clang_visitChildren(clang_getTranslationUnitCursor(f->tu), count_decls, &s);
        if (mlt_count_names(f->text, f->size, names, set->n, spelled) < 0)
            goto done;
    }
    for (i = 0; i < set->n; i++)
        if (candidate[i] && (uses = uses_of(&s, i, &def[i], spelled[i])) >= 1 &&
            uses <= MLIH_MAX_USES)
            mle_insert(edits, def[i].b, "__inline__ ");
    rc = 0;
done:
    free(def);
    free(spelled);
    free(candidate);
    free(names);
    free(s.decls);
    return rc;
}

int mlih_warns_inline(const char *const *args, size_t nargs)
{
    int warns = 0;
    size_t i;

    for (i = 0; i < nargs; i++)
        if (strcmp(args[i], "-Winline") == 0 || strcmp(args[i], "-Werror=inline") == 0)
            warns = 1;
        else if (strcmp(args[i], "-Wno-inline") == 0)
            warns = 0;
    return warns;
}
