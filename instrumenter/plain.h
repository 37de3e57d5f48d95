/*
** plain.h — the plain copy of a function's body (prefix mlpl_), which the
** function runs instead of its instrumented body while tracing is stopped
** (memline_stop(), MEMLINE_START=0; include/memline/probe.h): a stopped
** program then pays for one test per call, not for a probe per line.
**
** The body `{ S }` becomes
**
**   { if (memline_stopped()) {
**   #line L "f.c"
**    S'
**   #line L "f.c"
**   } else { <the instrumented S> } }
**
** where L and "f.c" are the line and file the compiler sees at the `{`
** (the file's own #line directives included) and S' is S as written, its
** labels renamed (memline__pNAME): both copies keep the file's numbers.
**
** Only bodies with a loop get a copy (elsewhere a stopped call runs a few
** probes; a copy would double what the compiler reads for little), and
** only where running S' is running S: no static local (each copy would
** have its own), asm (it may define symbols), label address (`&&l` may
** outlive the call and be jumped to from the other copy), nested
** function, local label declaration or label made by a macro, and no
** directive but balanced conditionals (#if ... #endif) nor NUL byte in
** the body's text.
*/
#ifndef MLI_PLAIN_H
#define MLI_PLAIN_H

#include <clang-c/Index.h>

#include "edit.h"
#include "range.h"

/* Adds the opening of the copy at body `s` (the `{ ... }` of cursor
** `body`) to `edits`, for the file named `path` in #line. Returns 1 when
** the copy was made (the caller then adds mlpl_close() once the
** instrumented body's edits at its end are in), 0 when the body gets
** none, -1 when out of memory. */
int mlpl_open(const struct mlr_file *f, CXCursor body, const struct mlr_span *s, const char *path,
              struct mle_list *edits);

/* The text that closes the instrumented body's `else` block, inserted
** before the body's `}` after everything else there. */
#define MLPL_CLOSE "} "

#endif
