/*
** inlinehint.h — small leaves get back the inlining their instrumentation
** cost them (prefix mlih_).
**
** At -O2 gcc inlines a static function not declared inline only while its
** body stays under a small size limit (max-inline-insns-auto); a leaf's
** entry and ticks (probe.h) push bodies as small as a binary search's over
** it, and the calls a plain build inlined stay calls, each with the
** leaf's entry. `__inline__` (a spelling every C dialect gcc and clang
** accept knows) lets the larger limit for functions declared inline apply:
** the leaf is inlined where a plain build inlined it, its ticks with it.
** It changes what the compiler may inline, nothing the program does.
**
** A selected function gets the hint, at the start of its definition, when
** it was walked as a leaf and keeps its instrumentation (one counted by
** its callers stays as written), has at most MLIH_MAX_PROBES probes, has
** internal linkage, is neither inline nor variadic, carries no attribute
** but `annotate` (MEMLINE_PROFILE) on any declaration (gcc warns of an
** inline definition after `noinline`), is named in the file outside its
** declarations and its own body (an unused static inline function is one
** gcc's -Wunused-function keeps quiet about) but at most MLIH_MAX_USES times
** (each use inlined is a copy to compile: the build's cost; the count
** reads the text, so a name in #if'd-out code or in a macro's body counts
** too), its definition starts in the file's own text (not in a macro
** call), and the compile does not ask for -Winline (which warns of every
** inline function left out of line).
*/
#ifndef MLI_INLINEHINT_H
#define MLI_INLINEHINT_H

#include <stddef.h>

#include "bycaller.h"
#include "edit.h"
#include "range.h"
#include "select.h"

#define MLIH_MAX_PROBES 4
#define MLIH_MAX_USES 2

/* Adds `__inline__ ` before each selected function that gets the hint.
** walked: the first walk's findings; counted: per function, counted by its
** callers (NULL: none is). Returns 0, or -1 when out of memory (no hint
** is then added). */
int mlih_hint(const struct mlr_file *f, const struct mls_set *set, const struct mlbc_walked *walked,
              const signed char *counted, struct mle_list *edits);

/* Whether the compiler arguments ask for -Winline (the last of -Winline and
** -Wno-inline wins). */
int mlih_warns_inline(const char *const *args, size_t nargs);

#endif
