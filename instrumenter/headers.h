/*
** headers.h — the project's own headers a C file includes (prefix mlf_),
** found from its text alone, before any parse: mli_wants looks in them for
** MEMLINE_PROFILE, mli_rewrite gives them the real compiler's macros.
**
** `#include "name"` is resolved as gcc resolves it: in the including
** file's directory, then in the -iquote directories, then in the -I
** directories, each in command-line order; `#include <name>` (when asked
** for) in the -I directories only; `-include name` in the working
** directory. System directories (-isystem, -idirafter, the compiler's own)
** are never looked into: what is there is not the project's. Directives
** are found by their text alone (comments and #if are not understood): one
** header too many only costs a read.
**
** Bounds: each header is read at most once per walk (by device and inode),
** at most MLF_DEPTH includes deep and MLF_BYTES in all.
*/
#ifndef MLI_HEADERS_H
#define MLI_HEADERS_H

#include <stddef.h>

#define MLF_DEPTH 32
#define MLF_BYTES (64UL << 20)

/* What the walk met: `path` as found (relative to the working directory
** when the directory was), and its text. A nonzero return stops the walk
** and is what mlf_walk returns. */
typedef int (*mlf_visitor)(void *ctx, const char *path, const char *text, size_t len);

enum {
    MLF_DONE = 0,  /* every header found was visited */
    MLF_BOUND = -2 /* a bound was reached, or a header found could not be read */
};

/* Walks what `path` (whose text is text[0, len)) includes, recursively,
** headers before what they include; `angle`: follow `#include <...>` too.
** Returns a visitor's nonzero value, MLF_DONE, MLF_BOUND, or -1 when out of
** memory. */
int mlf_walk(const char *path, const char *text, size_t len, const char *const *args, size_t nargs,
             int angle, mlf_visitor visit, void *ctx);

#endif
