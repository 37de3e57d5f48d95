/*
** driver.h — what memline-cc runs for one command line (prefix driver_).
**
** Given the real compiler and the arguments (as given, and classified
** after @file expansion), the driver instruments what it can and runs the
** compiler so that the outcome is the real compiler's: same outputs and
** names, same dependency files, same diagnostics and exit status, plus the
** runtime on every link. It never returns: it becomes the compiler, or
** ends as the last compiler run ended.
*/
#ifndef MCC_DRIVER_H
#define MCC_DRIVER_H

#include <stddef.h>

#include "args.h"

struct driver_command {
    const char *const *cc; /* the real compiler, possibly several words */
    size_t ncc;
    const char *const *given; /* arguments as given (@files unexpanded) */
    size_t ngiven;
    const struct args *args; /* the expanded arguments, classified */
    int disabled;            /* MEMLINE_DISABLE: instrument nothing, add no runtime */
};

void driver_run(const struct driver_command *dc) __attribute__((noreturn));

#endif
