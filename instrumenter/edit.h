/*
** edit.h — an edit list over the original text (prefix mle_): insertions
** and replacements at byte offsets, applied in one pass.
**
** Invariants: edits at the same offset are applied in the order they were
** added, so callers add an opening text before what it encloses and a
** closing text after; a replacement never overlaps another edit (mle_apply
** fails instead). Texts are copied.
*/
#ifndef MLI_EDIT_H
#define MLI_EDIT_H

#include <stddef.h>

#include "buf.h"

struct mle_edit {
    size_t off; /* where, in the original text */
    size_t del; /* original bytes replaced (0 = insertion) */
    size_t seq; /* order of addition */
    char *text;
};

struct mle_list {
    struct mle_edit *v;
    size_t n, cap;
    int failed; /* out of memory */
};

void mle_insert(struct mle_list *l, size_t off, const char *text);
void mle_replace(struct mle_list *l, size_t off, size_t del, const char *text);
/* Appends s[0, n) with the edits applied to b. Returns -1 when two edits
** overlap or one lies outside the text. */
int mle_apply(struct mle_list *l, const char *s, size_t n, struct mlb *b);
/* Drops the edits added after the first n (before any mle_apply). */
void mle_truncate(struct mle_list *l, size_t n);
void mle_free(struct mle_list *l);

#endif
