/*
** mli.h — the instrumenter's library API (prefix mli_), as called in-process
** by memline-cc and by the memline-instrument command.
**
** Given a C source file and the flags it is compiled with, mli_rewrite()
** returns the same translation unit with memline probes inserted in every
** selected function (see include/memline/probe.h for what is emitted), line
** numbers unchanged. It never returns a broken file: when the file cannot be
** instrumented safely the result is MLI_UNCHANGED with a one-line reason.
*/
#ifndef MLI_H
#define MLI_H

#include <stddef.h>

enum mli_status {
    MLI_REWRITTEN, /* text holds the instrumented file */
    MLI_NOTHING,   /* parsed fine, no function selected: compile as-is */
    MLI_UNCHANGED  /* cannot instrument: compile as-is, warn with reason */
};

struct mli_options {
    /* Extra selection (MEMLINE_FUNCTIONS): shell globs on function names,
    ** "*" selects every function defined in the main file. */
    const char *const *functions;
    size_t nfunctions;
    /* clang resource directory; NULL = the one found at build time. */
    const char *resource_dir;
    /* The real compiler's predefined macros as its `-dM -E` prints them,
    ** for the file's own text to see (macros.h); NULL: libclang's own. */
    const char *predefined;
    size_t predefined_length;
    /* Library functions (at most 32) to look for in the file without a
    ** declaration (see mli_result.undeclared). */
    const char *const *library;
    size_t nlibrary;
    /* List the allocation calls of the selected functions with the type
    ** each allocates (alloctype.h) in mli_result.allocations. */
    int list_allocations;
    /* MEMLINE_TYPES=1: tag each allocation call of known type
    ** (typetags.h), for the runtime's heap by type. */
    int tag_types;
    /* Every statement its own probe: no straight-line runs, no records lent
    ** or shared, no function counted by its callers. Slower to build and
    ** run; its counts are the ones every rewrite must give (tests compare
    ** them, tests/instrumenter/counts.sh). */
    int reference;
};

struct mli_result {
    enum mli_status status;
    char *text;         /* MLI_REWRITTEN: the new file (NUL-terminated) */
    size_t length;      /* its length in bytes */
    char *reason;       /* MLI_UNCHANGED: one line, no trailing newline */
    unsigned functions; /* functions instrumented */
    unsigned probes;    /* probes inserted */
    /* MLI_REWRITTEN: bit i set when the file names library[i] but nothing
    ** declares it, so that a call relies on the compiler's implicit
    ** declaration (a compiler treating it as a builtin knows its real
    ** prototype; one told not to would call an `int` function). */
    unsigned undeclared;
    /* MLI_REWRITTEN and MLI_NOTHING: functions a glob selected that cannot
    ** be instrumented (made by a macro, ...), and why for the first three:
    ** "line N: NAME: why; ..." (NULL when none). */
    unsigned skipped;
    char *skipped_why;
    /* With list_allocations: one line per allocation call, in source
    ** order: "FILE:LINE: in FUNCTION(): CALLEE -> TYPE" ("(unknown)"). */
    char *allocations;
};

/* Cheap textual test: may `path` (or `contents`, when not NULL) hold
** something to instrument under `opts`? Looks for MEMLINE_PROFILE in the
** file and in the headers it includes with quotes, found through the
** file's directory and the -iquote and -I directories of `args` (the
** compiler arguments, as for mli_rewrite). False means: compile as-is
** without parsing. */
int mli_wants(const char *path, const char *contents, size_t length, const char *const *args,
              size_t nargs, const struct mli_options *opts);

/* Rewrite `path`. `args` are the compiler arguments that affect parsing
** (-I, -D, -U, -std, -include, -isystem, -iquote, ...); the caller strips
** outputs and dependency-file options. `contents` (may be NULL) replaces the
** file's contents, e.g. for stdin input. Returns 0, or -1 with errno set on
** a system failure (out of memory); the result is always filled. */
int mli_rewrite(const char *path, const char *contents, size_t length, const char *const *args,
                size_t nargs, const struct mli_options *opts, struct mli_result *result);

void mli_result_free(struct mli_result *result);

/* The rewriter as a module (libmemline-rewrite.so, see module.c): its one
** exported symbol, MLI_MODULE_SYMBOL, is this table. */
#define MLI_MODULE_VERSION 3
#define MLI_MODULE_ENTRY mli_module_entry
#define MLI_MODULE_SYMBOL "mli_module_entry"

struct mli_module {
    int version; /* MLI_MODULE_VERSION */
    int (*rewrite)(const char *path, const char *contents, size_t length, const char *const *args,
                   size_t nargs, const struct mli_options *opts, struct mli_result *result);
    void (*result_free)(struct mli_result *result);
};

#endif
