/*
** mli.c — the instrumenter's entry points (see mli.h): a cheap textual
** test, then parse with libclang, refuse on any error diagnostic, select
** the functions, walk them into edits and emit the rewritten file (the
** cheap test, mli_wants, is in wants.c).
**
** Invariant: every path fills the result; anything short of a complete,
** consistent rewrite is MLI_UNCHANGED with a one-line reason.
*/
#define _GNU_SOURCE
#include "mli.h"

#include <clang-c/Index.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "buf.h"
#include "bycaller.h"
#include "edit.h"
#include "emit.h"
#include "headers.h"
#include "inlinehint.h"
#include "macros.h"
#include "query.h"
#include "range.h"
#include "select.h"
#include "typetags.h"
#include "walk.h"

/* One line: newlines in `s` become spaces. */
static char *one_line(char *s)
{
    char *p;

    for (p = s; p && *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    return s;
}

static int unchanged(struct mli_result *r, const char *reason)
{
    r->status = MLI_UNCHANGED;
    r->reason = one_line(strdup(reason));
    if (!r->reason) {
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

/* The first error diagnostic, as "FILE:LINE: message", or NULL. */
static char *first_error(CXTranslationUnit tu)
{
    unsigned i, n = clang_getNumDiagnostics(tu);
    char *msg = NULL;

    for (i = 0; i < n && !msg; i++) {
        CXDiagnostic d = clang_getDiagnostic(tu, i);
        if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
            CXString text = clang_getDiagnosticSpelling(d);
            CXString name;
            CXFile file;
            unsigned line = 0;
            clang_getExpansionLocation(clang_getDiagnosticLocation(d), &file, &line, NULL, NULL);
            name = clang_getFileName(file);
            if (asprintf(&msg, "libclang: %s:%u: %s",
                         clang_getCString(name) ? clang_getCString(name) : "?", line,
                         clang_getCString(text)) < 0)
                msg = strdup("error");
            clang_disposeString(name);
            clang_disposeString(text);
        }
        clang_disposeDiagnostic(d);
    }
    return msg;
}

struct declared {
    const struct mli_options *opts;
    unsigned found; /* bit i: library[i] is declared */
};

static enum CXChildVisitResult find_declared(CXCursor c, CXCursor parent, CXClientData data)
{
    struct declared *d = data;
    CXString s;
    size_t i;

    (void)parent;
    if (c.kind != CXCursor_FunctionDecl)
        return CXChildVisit_Continue;
    s = clang_getCursorSpelling(c);
    for (i = 0; clang_getCString(s) && i < d->opts->nlibrary && i < 32; i++)
        if (strcmp(clang_getCString(s), d->opts->library[i]) == 0)
            d->found |= 1u << i;
    clang_disposeString(s);
    return CXChildVisit_Continue;
}

/* Whether `word` is an identifier somewhere in text[0, n). */
static int names(const char *text, size_t n, const char *word)
{
    size_t len = strlen(word);
    const char *p = text, *end = text + n;

    while ((p = memmem(p, (size_t)(end - p), word, len)) != NULL) {
        if ((p == text || !mlt_is_ident(p[-1])) && (p + len == end || !mlt_is_ident(p[len])))
            return 1;
        p += len;
    }
    return 0;
}

/* The library functions the file names without any file-scope
** declaration of them in the translation unit (implicit declarations are
** not among its children). */
static unsigned undeclared(CXTranslationUnit tu, const struct mlr_file *f,
                           const struct mli_options *opts)
{
    struct declared d;
    unsigned result = 0;
    size_t i;

    if (!opts || opts->nlibrary == 0)
        return 0;
    d.opts = opts;
    d.found = 0;
    clang_visitChildren(clang_getTranslationUnitCursor(tu), find_declared, &d);
    for (i = 0; i < opts->nlibrary && i < 32; i++)
        if (!(d.found & (1u << i)) && names(f->text, f->size, opts->library[i]))
            result |= 1u << i;
    return result;
}

/* Whether call c, just walked, shares the tick of a record that counts
** exactly its evaluations and nothing else (bycaller.h: the report adds
** the whole record to the callee's entry), and which record that is: the
** one of a run whose statement evaluates it once per pass, unless a full
** probe lent it (its line's charges are in it; a leaf's entry lends one
** that has none); or of a condition that evaluates it once per test, or
** a statement once per run, whose tick nothing else ticks (a run's
** record, or a line's that no other probe counts on). */
static int shared_tick(const struct mlw *w, const struct mlbc_call *c, unsigned *record)
{
    size_t i;

    for (i = 0; i < w->nonces; i++) {
        unsigned r = w->onces[i].record;
        int alone = w->onces[i].by_run ? r >= w->nlines || w->leaf
                                       : r >= w->nlines || w->line_probes[r] == 1;

        if (alone && mlbc_once_in(w->f, w->onces[i].at, c->begin, c->end)) {
            *record = r;
            return 1;
        }
    }
    return 0;
}

/* The second walk of selected function i, whose n calls of functions
** counted by their callers each tick a record of its own or share one
** (shared_tick). A leaf left with no tick at all is walked once more, its
** entry's variable marked unused. Returns -1 when out of memory. */
static int walk_caller(struct mlw *w, const struct mls_set *set, struct mlw_runs *runs, size_t i,
                       const struct mlbc_call *calls, size_t n)
{
    size_t base = w->edits->n, c;
    unsigned probes = w->probes, decls = w->decls, *records = malloc((n ? n : 1) * sizeof *records);
    unsigned char *shared = malloc(n ? n : 1);
    int rc = 0, own;

    if (!records || !shared) {
        free(records);
        free(shared);
        return -1;
    }
    w->leaf_unused = 0;
again:
    for (c = 0; c < n; c++)
        mle_insert(w->edits, calls[c].end, ")");
    w->ticks_calls = n > 0;
    w->named = set->v[i].named;
    mlw_function(w, set->v[i].cursor, (unsigned)i + 1, set->v[i].first_line, set->v[i].last_line,
                 runs);
    for (own = 0, c = 0; c < n; c++) {
        shared[c] = (unsigned char)shared_tick(w, &calls[c], &records[c]);
        own += !shared[c];
    }
    if (n && w->leaf && !w->leaf_unused && !own && w->probes == probes && !w->reason) {
        mle_truncate(w->edits, base);
        w->probes = probes;
        w->decls = decls;
        w->leaf_unused = 1;
        goto again;
    }
    for (c = 0; c < n && rc == 0; c++) {
        char text[96], tick[64];

        if (shared[c]) {
            mle_insert(w->edits, calls[c].begin, "(");
        } else {
            records[c] = w->nlines + runs->n++;
            mlw_tick_text(w, tick, sizeof tick, records[c], mlw_in_loop(w, calls[c].begin));
            snprintf(text, sizeof text, "((void)%s, ", tick);
            mle_insert(w->edits, calls[c].begin, text);
        }
        rc = mlw_pairs_add(&runs->links, records[c], (unsigned)calls[c].callee + 1);
    }
    w->leaf_unused = 0;
    free(records);
    free(shared);
    return rc;
}

/* The walker's edits for every selected function, in two walks when some
** are counted by their callers (bycaller.h): the first tells which, the
** second leaves those as written, keeping their runs from the first, and
** makes each of their calls `(tick, call)` on a record of the caller's.
** Closing texts go in before the caller's walk and opening ones after,
** so that they sit inside the walker's own at the same offsets. With
** `hint`, small leaves get `__inline__` (inlinehint.h). Returns -1 when
** out of memory; a failure to instrument is in w->reason. */
static int walk_all(struct mlw *w, const struct mls_set *set, struct mlw_runs *runs,
                    struct mlbc_plan *plan, int hint)
{
    struct mlbc_walked *walked = calloc(set->n ? set->n : 1, sizeof *walked);
    size_t base = w->edits->n, i, c = 0, k;
    unsigned probes;
    int rc = 0;

    if (!walked)
        return -1;
    for (i = 0; i < set->n && !w->reason; i++) {
        probes = w->probes;
        w->named = set->v[i].named;
        mlw_function(w, set->v[i].cursor, (unsigned)i + 1, set->v[i].first_line,
                     set->v[i].last_line, &runs[i]);
        walked[i].leaf = w->leaf;
        walked[i].quiet = w->probes == probes;
        walked[i].all_full = w->all_full;
        walked[i].probes = w->probes - probes;
    }
    if (!w->reason && !w->reference && mlbc_plan(w->f, set, walked, plan) == 0 && plan->ncalls) {
        mle_truncate(w->edits, base);
        w->probes = w->decls = 0;
        for (i = 0; i < set->n && !w->reason && rc == 0; i++) {
            if (plan->counted[i])
                continue;
            for (k = c; k < plan->ncalls && plan->calls[k].caller == i; k++)
                ;
            rc = walk_caller(w, set, &runs[i], i, plan->calls + c, k - c);
            c = k;
        }
        w->ticks_calls = 0;
    }
    if (rc == 0 && !w->reason && hint && mlih_hint(w->f, set, walked, plan->counted, w->edits) < 0)
        rc = -1;
    free(walked);
    return w->edits->failed ? -1 : rc;
}

/* Walks the selected functions and emits; the translation unit is valid.
** text/size: the file as written (NULL: as libclang read it). */
static int instrument(CXTranslationUnit tu, const char *path, const char *text, size_t size,
                      const struct mli_options *opts, int hint, struct mli_result *r)
{
    struct mlr_file f;
    struct mls_set set = {0};
    struct mle_list edits = {0};
    struct mlw w;
    struct mlc_set calls = {0};
    static const struct mltt_list untagged;
    struct mltt_list tags = {0};
    const struct mltt_list *tagged = &untagged;
    struct mlb out = {0};
    struct mlw_runs *runs = NULL;
    struct mlbc_plan plan = {0};
    size_t i;
    int rc = 0;

    memset(&w, 0, sizeof w);
    w.reference = opts && opts->reference;
    if (mlr_init(&f, tu, path, text, size) < 0) {
        rc = unchanged(r, "libclang did not keep the file's text");
        goto done;
    }
    if (mlt_has_ident_prefix(f.text, f.size, "memline__")) {
        /* The rewrite declares memline__ names in every function. */
        rc = unchanged(r, "already instrumented (the file uses memline__ names)");
        goto done;
    }
    if (mls_select(&f, opts ? opts->functions : NULL, opts ? opts->nfunctions : 0, &set) < 0) {
        if (set.failed)
            goto oom;
        rc = unchanged(r, set.reason);
        goto done;
    }
    r->skipped = set.skipped;
    r->skipped_why = set.skipped_why;
    set.skipped_why = NULL;
    if (set.n == 0) {
        r->status = MLI_NOTHING;
        goto done;
    }
    if (opts && (opts->list_allocations || opts->tag_types)) {
        if (mltt_scan(&f, path, &set, &tags) < 0)
            goto oom;
        if (opts->list_allocations)
            r->allocations = mlb_take(&tags.listing);
        if (opts->tag_types)
            tagged = &tags;
    }
    mltt_closes(tagged, &edits);
    if (mlc_find(&f, &calls) < 0)
        goto oom;
    w.f = &f;
    w.path = path;
    w.edits = &edits;
    w.calls = &calls;
    w.selected = set.canon;
    w.nselected = set.n;
    if (!(runs = calloc(set.n, sizeof *runs)) || walk_all(&w, &set, runs, &plan, hint) < 0)
        goto oom;
    if (edits.failed)
        goto oom;
    if (w.reason) {
        rc = unchanged(r, w.reason);
        goto done;
    }
    mltt_opens(tagged, &edits);
    if (mlo_emit(&out, &f, path, &set, runs, tagged, &edits) < 0) {
        rc = unchanged(r, "internal error: overlapping edits");
        goto done;
    }
    if (out.failed || edits.failed)
        goto oom;
    r->status = MLI_REWRITTEN;
    r->length = out.len;
    r->text = mlb_take(&out);
    r->functions = (unsigned)set.n;
    r->probes = w.probes + (unsigned)plan.ncalls;
    r->undeclared = undeclared(tu, &f, opts);
    goto done;
oom:
    unchanged(r, "out of memory");
    errno = ENOMEM;
    rc = -1;
done:
    for (i = 0; runs && i < set.n; i++) {
        free(runs[i].lines.v);
        free(runs[i].links.v);
    }
    free(runs);
    mlbc_free(&plan);
    mlb_free(&out);
    mle_free(&edits);
    free(w.reason);
    free(w.ret_type);
    free(w.line_probes);
    free(w.onces);
    free(w.loop_spans);
    free(w.lent);
    free(w.unlent);
    mls_free(&set);
    mlc_free(&calls);
    mltt_free(&tags);
    mlr_free(&f);
    return rc;
}

/* The header that defines the real compiler's macros for the file's text. */
#define MLI_PREDEFINED "/memline/predefined.h"

/* The texts libclang parses instead of what is on disk: the file with the
** real compiler's macros (macros.h), the project's headers likewise, and
** the header that defines those macros. */
struct unsaved {
    struct CXUnsavedFile *v;
    char **owned; /* per entry: what to free (name and text), or NULL */
    unsigned n, cap;
    const struct mlm_set *macros;
    int failed;
};

static void add_unsaved(struct unsaved *u, const char *name, const char *text, size_t len,
                        char *owned_name, char *owned_text)
{
    if (u->n + 2 > u->cap) {
        unsigned cap = u->cap ? 2 * u->cap : 8;
        struct CXUnsavedFile *v = realloc(u->v, cap * sizeof *v);
        char **owned = v ? realloc(u->owned, 2 * cap * sizeof *owned) : NULL;

        if (v)
            u->v = v;
        if (!owned) {
            u->failed = 1;
            free(owned_name);
            free(owned_text);
            return;
        }
        u->owned = owned;
        u->cap = cap;
    }
    u->v[u->n].Filename = name;
    u->v[u->n].Contents = text;
    u->v[u->n].Length = (unsigned long)len;
    u->owned[2 * u->n] = owned_name;
    u->owned[2 * u->n + 1] = owned_text;
    u->n++;
}

static void free_unsaved(struct unsaved *u)
{
    unsigned i;

    for (i = 0; i < 2 * u->n; i++)
        free(u->owned[i]);
    free(u->owned);
    free(u->v);
}

/* A project header: with the real compiler's macros, when it names one. */
static int alias_header(void *ctx, const char *path, const char *text, size_t len)
{
    struct unsaved *u = ctx;
    int failed = 0;
    char *aliased = mlm_alias(u->macros, text, len, &failed), *name;

    if (aliased) {
        if (!(name = strdup(path))) {
            free(aliased);
            failed = 1;
        } else {
            add_unsaved(u, name, aliased, len, name, aliased);
        }
    }
    if (failed)
        u->failed = 1;
    return u->failed ? -1 : MLF_DONE;
}

int mli_rewrite(const char *path, const char *contents, size_t length, const char *const *args,
                size_t nargs, const struct mli_options *opts, struct mli_result *result)
{
    struct mla_argv argv;
    struct mlm_set macros = {0};
    struct unsaved unsaved = {0};
    CXIndex index;
    CXTranslationUnit tu = NULL;
    enum CXErrorCode err;
    char *error, reason[64], *own = NULL, *aliased = NULL;
    int rc, failed = 0;

    memset(result, 0, sizeof *result);
    if (mla_build(&argv, args, nargs, opts ? opts->resource_dir : NULL) < 0)
        goto oom;
    if (opts && opts->predefined) {
        if (!contents && (own = mlb_read_file(path, &length)) != NULL)
            contents = own;
        if (mlm_init(&macros, opts->predefined, opts->predefined_length,
                     (const char *const *)argv.v, argv.n) < 0 ||
            mla_append(&argv, "-include") < 0 || mla_append(&argv, MLI_PREDEFINED) < 0)
            goto oom;
        unsaved.macros = &macros;
        add_unsaved(&unsaved, MLI_PREDEFINED, macros.header, macros.header_len, NULL, NULL);
        if (contents && !(aliased = mlm_alias(&macros, contents, length, &failed)) && failed)
            goto oom;
        if (contents &&
            mlf_walk(path, contents, length, args, nargs, 1, alias_header, &unsaved) == -1)
            goto oom;
    }
    if (contents)
        add_unsaved(&unsaved, path, aliased ? aliased : contents, length, NULL, NULL);
    if (unsaved.failed)
        goto oom;
    index = clang_createIndex(0, 0);
    err = clang_parseTranslationUnit2(index, path, (const char *const *)argv.v, (int)argv.n,
                                      unsaved.v, unsaved.n,
                                      CXTranslationUnit_DetailedPreprocessingRecord |
                                          CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles,
                                      &tu);
    if (err != CXError_Success || !tu) {
        snprintf(reason, sizeof reason, "libclang could not parse the file (error %d)", (int)err);
        rc = unchanged(result, reason);
    } else if ((error = first_error(tu)) != NULL) {
        rc = unchanged(result, error);
        free(error);
    } else {
        rc = instrument(tu, path, contents, length, opts, !mlih_warns_inline(args, nargs), result);
    }
    if (tu)
        clang_disposeTranslationUnit(tu);
    clang_disposeIndex(index);
    goto done;
oom:
    unchanged(result, "out of memory");
    errno = ENOMEM;
    rc = -1;
done:
    mla_free(&argv);
    mlm_free(&macros);
    free_unsaved(&unsaved);
    free(aliased);
    free(own);
    return rc;
}

void mli_result_free(struct mli_result *result)
{
    free(result->text);
    free(result->reason);
    free(result->skipped_why);
    free(result->allocations);
    memset(result, 0, sizeof *result);
}
