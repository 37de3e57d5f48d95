/*
** topcompare.c — the largest changes between two reports (see
** topcompare.h), matched by file, function and line.
**
** Each report is read a function at a time (jsonstream.h) into items: the
** value of every line (function, file) that ran, with copies of its file
** and function names and, by line, its text. Memory is that of the items,
** well under the size of the reports, not of their whole models; files
** are the sums of their functions (Peak: the largest), as mlr_top sums
** them.
*/
#define _GNU_SOURCE
#include "topcompare.h"

#include "grow.h"
#include "jsonstream.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tpc_item {
    const char *file, *function; /* function NULL by file */
    unsigned line;               /* 0 for a function or a file */
    long long value;
    const char *text; /* by line */
};

/* The items of one report, and the strings they point to. */
struct tpc_set {
    struct mlr_top_options t;
    struct tpc_item *v;
    size_t n, cap;
    char **owned;
    size_t nowned, owned_cap;
    struct mlr_top_row *rows; /* one function's, for mlr_top */
    size_t rows_cap;
    int failed;
};

static const char *tpc_own(struct tpc_set *s, const char *text)
{
    char *copy;

    if (s->failed ||
        grow_room((void **)&s->owned, &s->owned_cap, s->nowned + 1, sizeof *s->owned) ||
        !(copy = strdup(text))) {
        s->failed = 1;
        return "";
    }
    s->owned[s->nowned++] = copy;
    return copy;
}

static int tpc_visit(void *ctx, const struct mlr_function *fn, unsigned long index,
                     const struct mlr_report *r)
{
    struct tpc_set *s = ctx;
    struct mlr_report one = *r;
    struct mlr_top_options all = s->t;
    unsigned nrows = fn->last_line - fn->first_line + 1, got, k;
    const char *file, *name = NULL;
    long long total;

    (void)index;
    one.nfunctions = 1;
    one.functions = fn;
    if (all.by == MLR_TOP_FILE)
        all.by = MLR_TOP_FUNCTION;
    all.n = all.by == MLR_TOP_LINE ? nrows : 1;
    all.every = 1;
    if (grow_room((void **)&s->rows, &s->rows_cap, all.n, sizeof *s->rows)) {
        s->failed = 1;
        return 1;
    }
    got = mlr_top(&one, &all, s->rows, all.n, &total);
    file = tpc_own(s, fn->file);
    if (s->t.by != MLR_TOP_FILE)
        name = tpc_own(s, fn->name);
    if (grow_room((void **)&s->v, &s->cap, s->n + got, sizeof *s->v)) {
        s->failed = 1;
        return 1;
    }
    for (k = 0; k < got; k++) {
        const struct mlr_top_row *row = &s->rows[k];
        int by_line = s->t.by == MLR_TOP_LINE;

        s->v[s->n++] =
            (struct tpc_item){file, name, by_line ? fn->first_line + row->line : 0, row->value,
                              by_line ? tpc_own(s, fn->rows[row->line].text) : NULL};
    }
    return s->failed;
}

static int tpc_item_compare(const void *pa, const void *pb)
{
    const struct tpc_item *a = pa, *b = pb;
    int c = strcmp(a->file, b->file);

    if (c == 0 && a->function && b->function)
        c = strcmp(a->function, b->function);
    return c ? c : (a->line > b->line) - (a->line < b->line);
}

/* Reads one report into s, sorted for matching, files summed. */
static int tpc_read(const char *path, struct tpc_set *s)
{
    struct jr_report header;
    char err[1024];
    size_t i, n = 0;
    int status = 0;

    if (js_read(path, &header, tpc_visit, s, err, sizeof err) != 0) {
        fprintf(stderr, "memline top: %s\n", s->failed ? "out of memory" : err);
        return 2;
    }
    if (!tpc_tracked(&header.report, s->t.key)) {
        fprintf(stderr, "memline top: %s has no %s data to sort by\n", path,
                mlr_top_key_name(s->t.key));
        status = 2;
    }
    jr_free(&header);
    qsort(s->v, s->n, sizeof *s->v, tpc_item_compare);
    for (i = 0; s->t.by == MLR_TOP_FILE && i < s->n; i++) {
        if (n && strcmp(s->v[n - 1].file, s->v[i].file) == 0) {
            struct tpc_item *into = &s->v[n - 1];

            into->value = s->t.key == MLR_TOP_PEAK
                              ? (s->v[i].value > into->value ? s->v[i].value : into->value)
                              : mlr_sum(into->value, s->v[i].value);
        } else {
            s->v[n++] = s->v[i];
        }
    }
    if (s->t.by == MLR_TOP_FILE)
        s->n = n;
    return status;
}

static void tpc_free(struct tpc_set *s)
{
    while (s->nowned)
        free(s->owned[--s->nowned]);
    free(s->owned);
    free(s->v);
    free(s->rows);
}

struct tpc_change {
    const struct tpc_item *old, *new;
    long long change;
};

static int tpc_change_compare(const void *pa, const void *pb)
{
    const struct tpc_change *a = pa, *b = pb;
    long long x = a->change < 0 ? -a->change : a->change,
              y = b->change < 0 ? -b->change : b->change;

    if (x != y)
        return x > y ? -1 : 1;
    return tpc_item_compare(a->new ? a->new : a->old, b->new ? b->new : b->old);
}

static void tpc_write_amount(long long v, const struct mlr_top_options *t,
                             const struct mlr_text_options *opts, int sign)
{
    char cell[64], text[72];

    if (t->key == MLR_TOP_ALLOCS)
        snprintf(text, sizeof text, sign ? "%+lld" : "%lld", v);
    else
        snprintf(text, sizeof text, "%s%s", sign && v >= 0 ? "+" : "",
                 mlr_amount_text(cell, v, opts));
    printf("%14s", text);
}

static void tpc_write(const struct tpc_change *changes, size_t n, const struct mlr_top_options *t,
                      const struct mlr_text_options *opts)
{
    static const char *const by[] = {"lines", "functions", "files"};
    size_t k;

    printf("Top %zu changes of %s by %s (of %zu that changed)\n", n < t->n ? n : (size_t)t->n,
           by[t->by], mlr_top_key_name(t->key), n);
    printf("%14s%14s%14s   Where\n", "Old", "New", "Change");
    for (k = 0; k < n && k < t->n; k++) {
        const struct tpc_item *it = changes[k].new ? changes[k].new : changes[k].old;

        tpc_write_amount(changes[k].old ? changes[k].old->value : 0, t, opts, 0);
        tpc_write_amount(changes[k].new ? changes[k].new->value : 0, t, opts, 0);
        tpc_write_amount(changes[k].change, t, opts, 1);
        printf("   %s", it->file);
        if (it->line)
            printf(":%u", it->line);
        if (it->function)
            printf(" %s()", it->function);
        if (it->text) {
            const char *s = it->text;

            while (*s == ' ' || *s == '\t')
                s++;
            printf("   %s", s);
        }
        putchar('\n');
    }
}

int tpc_compare(const char *old_path, const char *new_path, const struct mlr_top_options *t,
                const struct mlr_text_options *opts)
{
    struct tpc_set a = {*t, NULL, 0, 0, NULL, 0, 0, NULL, 0, 0}, b = a;
    struct tpc_change *changes = NULL;
    size_t i = 0, j = 0, n = 0;
    int status = tpc_read(old_path, &a);

    if (status == 0)
        status = tpc_read(new_path, &b);
    if (status == 0 && !(changes = malloc((a.n + b.n + 1) * sizeof *changes))) {
        fprintf(stderr, "memline top: out of memory\n");
        status = 2;
    }
    while (status == 0 && (i < a.n || j < b.n)) {
        int c = i == a.n ? 1 : j == b.n ? -1 : tpc_item_compare(&a.v[i], &b.v[j]);
        struct tpc_change ch = {c <= 0 ? &a.v[i] : NULL, c >= 0 ? &b.v[j] : NULL, 0};

        ch.change = (ch.new ? ch.new->value : 0) - (ch.old ? ch.old->value : 0);
        i += c <= 0;
        j += c >= 0;
        if (ch.change)
            changes[n++] = ch;
    }
    if (status == 0) {
        qsort(changes, n, sizeof *changes, tpc_change_compare);
        tpc_write(changes, n, t, opts);
    }
    free(changes);
    tpc_free(&a);
    tpc_free(&b);
    return status;
}

int tpc_tracked(const struct mlr_report *r, enum mlr_top_key key)
{
    return key == MLR_TOP_LEAKED    ? r->leaks_tracked
           : key == MLR_TOP_AT_PEAK ? r->peak_tracked
           : key == MLR_TOP_LOST    ? r->reach_tracked
                                    : 1;
}
