/*
** rsp.h — expansion of @response files (prefix rsp_), exactly as gcc's
** driver (libiberty expandargv) does it: `@file` is replaced by the
** arguments read from `file`, split at white space, with 'single' and
** "double" quotes and backslash escapes; arguments read from a file may
** themselves be @files. An `@file` that cannot be read stays as it is (the
** compiler then reports it as a missing input).
*/
#ifndef MCC_RSP_H
#define MCC_RSP_H

#include "strv.h"

struct rsp_args {
    struct strv argv;  /* the expanded arguments */
    struct strv owned; /* strings read from files, freed by rsp_free */
};

/* Expand `argv[0..argc)` into `out` (which must be zeroed). */
void rsp_expand(int argc, const char *const *argv, struct rsp_args *out);
void rsp_free(struct rsp_args *args);

/* Split the text of one response file into `out`, owned by `owned`. */
void rsp_split(const char *text, struct strv *out, struct strv *owned);

#endif
