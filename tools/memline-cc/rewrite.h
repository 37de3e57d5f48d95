/*
** rewrite.h — the rewrite step of memline-cc (prefix rewrite_): one C
** source in, an instrumented temporary copy out.
**
** The source is read once; mli_wants() decides cheaply (from its text and
** the text of the headers it includes with quotes) whether to parse it at
** all, and only then mli_rewrite() runs. The copy keeps the source's base
** name (so that every name the compiler derives from it is unchanged), in
** a temporary directory named after its contents (temp_stable_file: the
** same path on a rebuild, for ccache), and starts with a #line naming the
** real file. MEMLINE_KEEP=DIR also leaves a copy in DIR.
*/
#ifndef MCC_REWRITE_H
#define MCC_REWRITE_H

#include <stddef.h>

enum rewrite_outcome {
    REWRITE_PLAIN,        /* nothing to instrument: compile the original */
    REWRITE_INSTRUMENTED, /* compile `copy` instead */
    REWRITE_UNCHANGED     /* cannot instrument: compile the original, warn */
};

struct rewrite_source {
    const char *path; /* as given to the compiler; "-" for stdin */
    const char *name; /* as the compiler names it: "<stdin>" for "-" */
    char *contents;   /* NULL when it cannot be read */
    size_t length;
    const char *stdin_copy; /* "-": temporary holding what stdin gave */
};

struct rewrite_result {
    enum rewrite_outcome outcome;
    const char *copy;    /* REWRITE_INSTRUMENTED: the temporary source */
    unsigned undeclared; /* REWRITE_INSTRUMENTED: bit i: library[i] is
                         ** named but never declared (mli.h) */
    char *reason;        /* REWRITE_UNCHANGED: one line */
    char *skipped;       /* selected functions that cannot be instrumented,
                         ** and why (one line), or NULL */
};

/* What the real compiler brings to a rewrite. */
struct rewrite_compiler {
    const char *macros; /* its predefined macros (predef.h), or NULL */
    size_t macros_length;
    const char *const *library; /* functions it may know as builtins */
    size_t nlibrary;
};

/* Read `path` ("-" reads standard input, once, into a temporary). */
void rewrite_load(struct rewrite_source *src, const char *path);
void rewrite_unload(struct rewrite_source *src);

/* Whether `src` (parsed with args[0..nargs)) may hold something to
** instrument: the cheap text scan, mli_wants(). */
int rewrite_wanted(const struct rewrite_source *src, const char *const *args, size_t nargs);

/* Instrument `src`, parsed with args[0..nargs), for compiler `cc`. */
void rewrite_source(const struct rewrite_source *src, const char *const *args, size_t nargs,
                    const struct rewrite_compiler *cc, struct rewrite_result *result);

#endif
