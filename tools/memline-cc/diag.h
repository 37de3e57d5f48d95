/*
** diag.h — what memline-cc says when the instrumented copy of a file does
** not compile where the file itself does (prefix diag_).
**
** The copy starts with memline's site data, then `#line 1 "<file>"`: the
** compiler names the real file and line for everything of the user's, and
** the temporary copy only for memline's own lines. The reason given names
** the real file, the line, the compiler's message and the text of that
** line (the construct the rewrite got wrong), never a temporary path.
*/
#ifndef MCC_DIAG_H
#define MCC_DIAG_H

/* One line from the compiler's diagnostics in `errors` (a file) for the
** copy `copy` of `source` (the path as given): "FILE:LINE: MESSAGE (in
** `TEXT`)". Caller frees. */
char *diag_copy_failed(const char *errors, const char *copy, const char *source);

/* Whether the diagnostics in file `errors` mention `what`. */
int diag_mentions(const char *errors, const char *what);

/* Whether every error in `errors` is a warning that -Werror made one
** (`[-Werror=maybe-uninitialized]`, clang's `[-Werror,-Wfoo]`). */
int diag_only_warnings(const char *errors);

#endif
