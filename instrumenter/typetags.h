/*
** typetags.h — the by-type view's part of the rewrite (prefix mltt_): the
** allocation calls of the selected functions with what they allocate
** (alloctype.h), listed for memline-instrument --allocations and, with
** MEMLINE_TYPES=1, tagged (include/memline/probe.h):
**
**     struct node *n = memline_typed(malloc(sizeof *n), &memline__type_1);
**     char *s = memline_typed_string(strdup(t), &memline__type_2);
**
** with one `static struct memline_type memline__type_N = {"struct node",
** 0};` per type name of the file in the site data (emit.h).
**
** Only calls whose text is the file's own are tagged (not one a macro
** makes: its text is not there to wrap), and only those of known type.
** The wrapper must be innermost at the call's ends: its closing text is
** added before the walker's edits (mltt_closes), its opening text after
** them (mltt_opens); edits at one offset apply in the order added.
*/
#ifndef MLI_TYPETAGS_H
#define MLI_TYPETAGS_H

#include "buf.h"
#include "edit.h"
#include "range.h"
#include "select.h"

struct mltt_tag {
    size_t b, e; /* the call's text */
    unsigned id; /* memline__type_<id> */
    int string;  /* memline_typed_string */
};

struct mltt_list {
    struct mltt_tag *v;
    size_t n, cap;
    char **names; /* names[id - 1] */
    size_t nnames, names_cap;
    struct mlb listing; /* memline-instrument --allocations */
    int failed;
};

/* Scans the selected functions of f. Returns 0, or -1 when out of memory. */
int mltt_scan(const struct mlr_file *f, const char *path, const struct mls_set *set,
              struct mltt_list *l);

void mltt_closes(const struct mltt_list *l, struct mle_list *edits);
void mltt_opens(const struct mltt_list *l, struct mle_list *edits);

/* The type structs, for the site data. */
void mltt_emit(struct mlb *out, const struct mltt_list *l);

void mltt_free(struct mltt_list *l);

#endif
