/*
** macros.c — aliases for the real compiler's predefined macros; see
** macros.h.
*/
#define _GNU_SOURCE
#include "macros.h"

#include <clang-c/Index.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "text.h"

#define MLM_SHORTEST 6
#define MLM_EMPTY "/memline/predefined-probe.c"

struct names {
    struct mlm_name *v;
    size_t n, cap;
    int failed;
};

static void add(struct names *k, const char *name, size_t len, const char *rest)
{
    if (k->failed || len < MLM_SHORTEST)
        return;
    if (k->n == k->cap) {
        size_t cap = k->cap ? 2 * k->cap : 512;
        struct mlm_name *v = realloc(k->v, cap * sizeof *v);
        if (!v) {
            k->failed = 1;
            return;
        }
        k->v = v;
        k->cap = cap;
    }
    k->v[k->n].name = strndup(name, len);
    k->v[k->n].alias = NULL;
    k->v[k->n].rest = rest;
    if (!k->v[k->n].name)
        k->failed = 1;
    else
        k->n++;
}

/* The `#define NAME rest` lines of the real compiler's -dM output; rest
** is cut at the end of its line in place. */
static void add_defines(struct names *k, char *text)
{
    char *line = text;

    while (line && *line) {
        char *eol = strchr(line, '\n'), *name;
        size_t len = 0;

        if (eol)
            *eol = '\0';
        if (strncmp(line, "#define ", 8) == 0) {
            name = line + 8;
            while (mlt_is_ident(name[len]))
                len++;
            add(k, name, len, name + len);
        }
        line = eol ? eol + 1 : NULL;
    }
}

/* A macro clang itself predefines: defined in no file, and not in the
** part of the predefines that the command line's -D options make. */
static enum CXChildVisitResult add_builtin(CXCursor c, CXCursor parent, CXClientData data)
{
    CXFile file;
    CXString s, presumed;
    int from_options;

    (void)parent;
    if (c.kind != CXCursor_MacroDefinition)
        return CXChildVisit_Continue;
    clang_getExpansionLocation(clang_getCursorLocation(c), &file, NULL, NULL, NULL);
    if (file)
        return CXChildVisit_Continue;
    clang_getPresumedLocation(clang_getCursorLocation(c), &presumed, NULL, NULL);
    from_options =
        clang_getCString(presumed) && strcmp(clang_getCString(presumed), "<command line>") == 0;
    clang_disposeString(presumed);
    if (from_options)
        return CXChildVisit_Continue;
    s = clang_getCursorSpelling(c);
    if (clang_getCString(s))
        add(data, clang_getCString(s), strlen(clang_getCString(s)), NULL);
    clang_disposeString(s);
    return CXChildVisit_Continue;
}

/* The names clang predefines for this command line: the macro
** definitions of an empty file that come from no file. */
static int add_clang_names(struct names *k, const char *const *args, size_t nargs)
{
    CXIndex index = clang_createIndex(0, 0);
    struct CXUnsavedFile empty;
    CXTranslationUnit tu = NULL;

    empty.Filename = MLM_EMPTY;
    empty.Contents = "";
    empty.Length = 0;
    if (clang_parseTranslationUnit2(index, MLM_EMPTY, args, (int)nargs, &empty, 1,
                                    CXTranslationUnit_DetailedPreprocessingRecord,
                                    &tu) == CXError_Success &&
        tu) {
        clang_visitChildren(clang_getTranslationUnitCursor(tu), add_builtin, k);
        clang_disposeTranslationUnit(tu);
    } else {
        k->failed = 1;
    }
    clang_disposeIndex(index);
    return k->failed ? -1 : 0;
}

static int by_name(const void *a, const void *b)
{
    const struct mlm_name *x = a, *y = b;
    int c = strcmp(x->name, y->name);

    /* the real compiler's definition first, so that it survives dedup */
    return c ? c : (x->rest == NULL) - (y->rest == NULL);
}

/* "__ml" and a base-36 number as wide as the rest of the name; NULL when
** the numbers of that width ran out. */
static char *make_alias(size_t len, size_t number)
{
    static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    char *a = malloc(len + 1);
    size_t i;

    if (!a)
        return NULL;
    memcpy(a, "__ml", 4);
    for (i = len; i > 4; i--) {
        a[i - 1] = digits[number % 36];
        number /= 36;
    }
    a[len] = '\0';
    if (number) {
        free(a);
        return NULL;
    }
    return a;
}

static const struct mlm_name *find(const struct mlm_set *m, const char *s, size_t len)
{
    size_t lo = 0, hi = m->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strncmp(m->v[mid].name, s, len);
        if (c == 0 && m->v[mid].name[len])
            c = 1;
        if (c == 0)
            return &m->v[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Gives every name an alias (numbered per length) and drops duplicates
** and the names no alias fits. */
static void assign_aliases(struct mlm_set *m)
{
    size_t used[64] = {0}, i, n = 0;

    qsort(m->v, m->n, sizeof *m->v, by_name);
    for (i = 0; i < m->n; i++) {
        struct mlm_name *x = &m->v[i];
        size_t len = strlen(x->name);

        if ((n > 0 && strcmp(m->v[n - 1].name, x->name) == 0) || len >= 64) {
            free(x->name);
            continue;
        }
        x->alias = make_alias(len, used[len]++);
        if (!x->alias) {
            free(x->name);
            continue;
        }
        m->v[n++] = *x;
    }
    m->n = n;
}

int mlm_init(struct mlm_set *m, const char *defines, size_t len, const char *const *args,
             size_t nargs)
{
    struct names k = {0};
    struct mlb header = {0};
    size_t i;
    int failed = 0;

    memset(m, 0, sizeof *m);
    if (!(m->defines = strndup(defines, len)))
        return -1;
    add_defines(&k, m->defines);
    if (add_clang_names(&k, args, nargs) < 0 || k.failed) {
        m->v = k.v;
        m->n = k.n;
        mlm_free(m);
        return -1;
    }
    m->v = k.v;
    m->n = k.n;
    assign_aliases(m);
    for (i = 0; i < m->n; i++)
        if (m->v[i].rest)
            mlb_printf(&header, "#define %s%s\n", m->v[i].alias, m->v[i].rest);
    if (header.failed) {
        mlb_free(&header);
        mlm_free(m);
        return -1;
    }
    m->header_len = header.len;
    m->header = mlb_take(&header);
    if (m->header) {
        /* the definitions refer to each other (__WCHAR_MIN__) */
        char *aliased = mlm_alias(m, m->header, m->header_len, &failed);
        if (aliased) {
            free(m->header);
            m->header = aliased;
        }
    }
    if (failed || !m->header) {
        mlm_free(m);
        return -1;
    }
    return 0;
}

void mlm_free(struct mlm_set *m)
{
    size_t i;

    for (i = 0; i < m->n; i++) {
        free(m->v[i].name);
        free(m->v[i].alias);
    }
    free(m->v);
    free(m->header);
    free(m->defines);
    memset(m, 0, sizeof *m);
}

char *mlm_alias(const struct mlm_set *m, const char *text, size_t len, int *failed)
{
    const struct mlm_name *x;
    char *out = NULL;
    size_t i = 0;

    while (i < len) {
        size_t b = i;

        if (!mlt_is_ident(text[i])) {
            i++;
            continue;
        }
        while (i < len && mlt_is_ident(text[i]))
            i++;
        if (text[b] >= '0' && text[b] <= '9')
            continue; /* a number's digits and suffix */
        if (!(x = find(m, text + b, i - b)))
            continue;
        if (!out) {
            if (!(out = malloc(len + 1))) {
                *failed = 1;
                return NULL;
            }
            memcpy(out, text, len);
            out[len] = '\0';
        }
        memcpy(out + b, x->alias, i - b);
    }
    return out;
}
