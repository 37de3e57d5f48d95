/*
** wants.c — mli_wants (see mli.h): the cheap textual test run before
** parsing. A file is worth parsing when MEMLINE_FUNCTIONS globs are given,
** or when `MEMLINE_PROFILE` appears in its text or in a header it includes
** with quotes (headers.h), followed recursively: the annotation may sit on
** a prototype in the file's own header (PRODUCT.md). A walk that reaches a
** bound answers yes (parse, and let libclang decide), as does a file that
** cannot be read.
*/
#define _GNU_SOURCE
#include "mli.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "headers.h"

#define WANTS_WORD "MEMLINE_PROFILE"

static int contains(const char *s, size_t n, const char *word)
{
    return memmem(s, n, word, strlen(word)) != NULL;
}

static int annotated(void *ctx, const char *path, const char *text, size_t len)
{
    (void)ctx;
    (void)path;
    return contains(text, len, WANTS_WORD);
}

int mli_wants(const char *path, const char *contents, size_t length, const char *const *args,
              size_t nargs, const struct mli_options *opts)
{
    char *own = NULL;
    int wanted = 1;

    if (opts && opts->nfunctions > 0)
        return 1;
    if (!contents) {
        if (!(own = mlb_read_file(path, &length)))
            return 1; /* let mli_rewrite report it */
        contents = own;
    }
    /* A bound, an unreadable header, out of memory: parse, and let
    ** libclang or mli_rewrite decide. */
    if (!contains(contents, length, WANTS_WORD))
        wanted = mlf_walk(path, contents, length, args, nargs, 0, annotated, NULL) != MLF_DONE;
    free(own);
    return wanted;
}
