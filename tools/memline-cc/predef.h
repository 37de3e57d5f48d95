/*
** predef.h — the real compiler's predefined macros (prefix predef_), which
** the rewriter gives to the file's own text (instrumenter/macros.h), so
** that an `#if __GNUC__ >= 5` inside a function picks the branch the real
** compiler compiles.
**
** They come from `CC OPTIONS -dM -E -x c /dev/null`, run once per
** memline-cc process (all sources of one command share the options), with
** the command's options that decide predefined macros (-O, -std, -f, -m,
** -pthread, ...) and without those that define the project's own (-D, -U,
** -include, -imacros) or name files and stages.
*/
#ifndef MCC_PREDEF_H
#define MCC_PREDEF_H

#include <stddef.h>

#include "driver.h"

/* The `#define` lines, or NULL when the compiler cannot print them (the
** rewriter then keeps libclang's own). Lives until exit. */
const char *predef_macros(const struct driver_command *dc, size_t *len);

#endif
