/*
** emit.h — assembles the rewritten file (prefix mlo_): the probe header
** and the site data (each profiled line's text and the struct
** memline_site definitions, and the type tags' struct memline_type), a
** `#line 1` back to the original path, then
** the original text with the edits applied.
**
** Invariants: the original text keeps every line where it was (the edits
** add no newline but a plain copy's, between #line directives (plain.h),
** and everything else added goes before `#line 1`); a UTF-8 BOM
** stays the file's first bytes; the site data comes before any of the
** user's text, so no macro of the file can change it, and is defined
** once, without a tentative definition (a C++-compat warning); it
** compiles silently from C89 to C17 (overlong strings are allowed by a
** diagnostic pragma, other bytes are escaped).
*/
#ifndef MLI_EMIT_H
#define MLI_EMIT_H

#include "buf.h"
#include "edit.h"
#include "range.h"
#include "select.h"
#include "typetags.h"
#include "walk.h"

/* Returns 0, or -1 when the edits overlap (a bug: the caller reports it).
** `runs` holds each selected function's straight-line runs (walk.h),
** `types` the type tags' names (typetags.h). */
int mlo_emit(struct mlb *out, const struct mlr_file *f, const char *path, const struct mls_set *set,
             const struct mlw_runs *runs, const struct mltt_list *types, struct mle_list *edits);

#endif
