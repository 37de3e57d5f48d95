/*
** args.h — the command line libclang parses a file with (prefix mla_),
** derived from the compiler arguments the file is built with.
**
** libclang is not gcc: options it does not know, -Werror, dependency-file
** options (libclang would really write the .d file) and output options
** must not reach it. Only options that change what the preprocessor and
** parser see are kept (include paths, macros, -std, target and
** optimisation macros, signedness of char, ...); everything else is
** dropped, with the value of an option that takes a separate one. Then
** come the flags that keep libclang as lenient as gcc 12,
** -DMEMLINE_INSTRUMENTING=1 (memline.h) and the clang resource directory
** (builtin headers), found reliably. (libclang keeps
** its own __GNUC__ of 4: claiming gcc 12's makes glibc's headers use
** attributes that libclang 14 rejects; the file's own text sees the real
** compiler's, see macros.h.)
**
** Invariant: the result always starts with "-x c" and never contains
** -Werror, -M* or -o.
*/
#ifndef MLI_ARGS_H
#define MLI_ARGS_H

#include <stddef.h>

struct mla_argv {
    char **v;
    size_t n;
    int failed; /* out of memory */
};

/* Builds `out` from the compiler arguments; resource_dir may be NULL
** (then mla_resource_dir() decides). Returns 0, or -1 on out of memory. */
int mla_build(struct mla_argv *out, const char *const *args, size_t nargs,
              const char *resource_dir);
void mla_free(struct mla_argv *a);

/* Appends one argument; returns 0, or -1 on out of memory. */
int mla_append(struct mla_argv *a, const char *arg);

/* The clang resource directory for the libclang in use: the one found at
** build time when it still holds include/stddef.h, else one next to the
** loaded libclang, else NULL. The string is static or malloc'd once. */
const char *mla_resource_dir(void);

#endif
