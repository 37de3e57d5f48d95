/*
** runtime/holders.c — who holds a leak, for the report (holders.h).
**
** Per line of a table, the scan's blocks give a count and the largest
** reachable block; the leak list has one entry per line with a block,
** sorted by merging runs (the arena has no free, the list may be long).
** A stack root is named after the innermost profiled frame whose entry
** lies below the word: the function that owns that part of the stack
** (or a callee of it that is not profiled).
*/
#include "holders.h"
#include "arena.h"
#include "fstack.h"
#include "reach.h"
#include "records.h"
#include "symbols.h"

#include <stdio.h>
#include <string.h>

struct mlho_line {
    long long blocks, bytes, best_bytes;
    unsigned best;
    int has_best;
};

struct mlho_scan {
    struct mlr_row **rows;
    const struct mlr_function **functions;
    struct mlho_line **lines;
    unsigned nsites;
    unsigned long nleaking;
};

static unsigned mlho_nrows(const struct mlr_function *fn)
{
    return fn->last_line - fn->first_line + 1;
}

static void mlho_visit(void *ctx, unsigned index, unsigned site, unsigned line, long long bytes,
                       int reachable)
{
    struct mlho_scan *sc = ctx;
    struct mlho_line *l;

    if (site > sc->nsites || !sc->rows[site] || !sc->lines[site] ||
        line >= mlho_nrows(sc->functions[site]))
        return;
    l = &sc->lines[site][line];
    if (!l->blocks++)
        sc->nleaking++;
    l->bytes += bytes;
    if (!reachable)
        sc->rows[site][line].lost += bytes;
    else if (!l->has_best || bytes > l->best_bytes) {
        l->best = index;
        l->best_bytes = bytes;
        l->has_best = 1;
    }
}

static const char *mlho_text(const char *s)
{
    size_t n = strlen(s) + 1;
    char *copy = mla_alloc(n);

    return copy ? memcpy(copy, s, n) : "?";
}

static void mlho_stack_name(uintptr_t word, char *buf, size_t size)
{
    struct mlfs_stack *frames = mlrec_frames();
    const struct mlfs_slot *slot, *owner = NULL;

    for (slot = frames ? frames->top : NULL; slot; slot = mlfs_below((struct mlfs_slot *)slot))
        if (slot->entry < word && (!owner || slot->entry > owner->entry))
            owner = slot;
    if (owner && owner->frame.site && owner->frame.site->function)
        snprintf(buf, size, "stack of %s()", owner->frame.site->function);
    else
        snprintf(buf, size, "stack");
}

static const char *mlho_hop(const struct mlho_scan *sc, const struct mlrc_hop *h, int last)
{
    char buf[512];

    if (h->is_root) {
        switch (h->root->kind) {
        case MLRO_REGISTERS:
            return "a register";
        case MLRO_TLS:
            return "thread-local storage";
        case MLRO_STACK:
            mlho_stack_name(h->word, buf, sizeof buf);
            break;
        default:
            mlsy_name(h->root->object, h->root->object_base, h->word, buf, sizeof buf);
        }
    } else if (last) {
        return "this block";
    } else if (h->site && h->site <= sc->nsites && sc->functions[h->site]) {
        const struct mlr_function *fn = sc->functions[h->site];

        snprintf(buf, sizeof buf, "block from %s:%u +%lld", fn->file, fn->first_line + h->line,
                 h->offset);
    } else {
        snprintf(buf, sizeof buf, "block (not profiled) +%lld", h->offset);
    }
    return mlho_text(buf);
}

static void mlho_path(const struct mlho_scan *sc, unsigned index, struct mlr_leak *leak)
{
    struct mlrc_hop hops[MLRC_MAX_HOPS];
    unsigned skipped, k, n = 0;
    int nhops = mlrc_path(index, hops, &skipped);
    const char **path;
    char buf[64];

    if (nhops <= 0 || !(path = mla_alloc(((size_t)nhops + 1) * sizeof *path)))
        return;
    for (k = 0; k < (unsigned)nhops; k++) {
        if (k + 1 == (unsigned)nhops && skipped) {
            snprintf(buf, sizeof buf, "(%u more blocks)", skipped);
            path[n++] = mlho_text(buf);
        }
        path[n++] = mlho_hop(sc, &hops[k], k + 1 == (unsigned)nhops);
    }
    leak->path = path;
    leak->npath = n;
}

/* Sorts leaks[0, n) with mlr_leak_order, tmp as scratch. */
static void mlho_sort(struct mlr_leak *leaks, struct mlr_leak *tmp, unsigned long n)
{
    unsigned long width, i;

    for (width = 1; width < n; width *= 2) {
        for (i = 0; i < n; i += 2 * width) {
            unsigned long a = i, mid = i + width < n ? i + width : n, b = mid,
                          end = i + 2 * width < n ? i + 2 * width : n, k = i;

            while (a < mid || b < end)
                tmp[k++] = b >= end || (a < mid && mlr_leak_order(&leaks[a], &leaks[b]) <= 0)
                               ? leaks[a++]
                               : leaks[b++];
        }
        memcpy(leaks, tmp, n * sizeof *leaks);
    }
}

int mlho_build(struct mlr_row **rows, const struct mlr_function **functions, unsigned nsites,
               const struct mlr_leak **leaks, unsigned long *nleaks)
{
    struct mlho_scan sc = {rows, functions, NULL, nsites, 0};
    struct mlr_leak *list, *tmp;
    unsigned site, k;
    unsigned long n = 0;

    if (!(sc.lines = mla_alloc(((size_t)nsites + 1) * sizeof *sc.lines)))
        return -1;
    for (site = 1; site <= nsites; site++)
        if (rows[site] && functions[site])
            sc.lines[site] = mla_alloc(mlho_nrows(functions[site]) * sizeof **sc.lines);
    if (mlrc_scan() != 0)
        return -1;
    mlrc_each(mlho_visit, &sc);
    list = mla_alloc((sc.nleaking ? sc.nleaking : 1) * sizeof *list);
    tmp = mla_alloc((sc.nleaking ? sc.nleaking : 1) * sizeof *tmp);
    if (!list || !tmp)
        return -1;
    for (site = 1; site <= nsites; site++)
        for (k = 0; sc.lines[site] && k < mlho_nrows(functions[site]); k++) {
            const struct mlho_line *l = &sc.lines[site][k];
            struct mlr_leak *leak = &list[n];

            if (!l->blocks || n == sc.nleaking)
                continue;
            *leak = (struct mlr_leak){functions[site]->file,
                                      functions[site]->name,
                                      functions[site]->first_line + k,
                                      l->bytes,
                                      l->blocks,
                                      rows[site][k].lost,
                                      0,
                                      NULL};
            if (l->has_best)
                mlho_path(&sc, l->best, leak);
            n++;
        }
    mlho_sort(list, tmp, n);
    *leaks = list;
    *nleaks = n;
    return 0;
}
