/*
** macros.h — the real compiler's predefined macros for the user's code
** (prefix mlm_).
**
** libclang predefines what clang does (__GNUC__ 4, __clang__, ...), gcc
** what gcc does (__GNUC__ 12, __SANITIZE_ADDRESS__, ...): an `#if` on them
** inside a function would make the rewriter probe one branch while the
** compiler compiles the other. libclang cannot simply be given gcc's set:
** glibc's headers then use gcc 12's attributes, which clang 14 rejects. So
** only the project's text (the file and the headers it includes from the
** project, headers.h) sees the real compiler's macros: in the text given
** to libclang (not in the text emitted), every predefined name of either
** compiler is replaced by an alias of the same length (offsets and lines
** stay as they are), and a header included first defines each alias as the
** real compiler defines the name; a name only clang predefines gets an
** alias nobody defines. System headers keep clang's own macros.
**
** Limits: names shorter than 6 characters (unix, linux, _LP64, __k8,
** which both compilers define alike) keep clang's values, and so do the
** __has_builtin / __has_attribute family, which are not macros.
*/
#ifndef MLI_MACROS_H
#define MLI_MACROS_H

#include <stddef.h>

struct mlm_name {
    char *name;
    char *alias;      /* same length as name */
    const char *rest; /* what follows the name in the real compiler's
                      ** #define ("(c) c ## L", " 12"), or NULL */
};

struct mlm_set {
    struct mlm_name *v; /* sorted by name */
    size_t n;
    char *header; /* defines every alias the real compiler defines */
    size_t header_len;
    char *defines; /* copy of the real compiler's -dM text (rest points in) */
};

/* Builds the set from the real compiler's `-dM -E` output and the names
** clang predefines (args: the libclang command line). Returns 0, or -1
** when out of memory or when libclang cannot parse an empty file. */
int mlm_init(struct mlm_set *m, const char *defines, size_t len, const char *const *args,
             size_t nargs);
void mlm_free(struct mlm_set *m);

/* text[0, len) with every predefined name replaced by its alias, or NULL
** when nothing is replaced (*failed set when out of memory). */
char *mlm_alias(const struct mlm_set *m, const char *text, size_t len, int *failed);

#endif
