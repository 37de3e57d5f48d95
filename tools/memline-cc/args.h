/*
** args.h — classification of a C compiler command line (prefix args_).
**
** memline-cc must know, for every argument it was given, what gcc (or
** clang) would make of it: an input and its language, the output, a
** dependency-file option, a link-only option, an option that changes how
** a C file is parsed, or anything else. It never interprets more than
** that: every argument it does not need to touch reaches the real compiler
** unchanged, in its original order.
**
** Invariants: items cover argv exactly, in order, without overlap; an
** option that takes a separate argument (`-o FILE`) is one item of count 2;
** inputs are everything gcc treats as an input file, including "-".
*/
#ifndef MCC_ARGS_H
#define MCC_ARGS_H

#include <stddef.h>

enum args_stage {
    ARGS_LINK,      /* no -c, -S or -E: compile and link */
    ARGS_ASSEMBLE,  /* -c */
    ARGS_COMPILE,   /* -S */
    ARGS_PREPROCESS /* -E (wins over -S, which wins over -c) */
};

enum args_lang {
    ARGS_LANG_C,      /* a C source: a candidate for instrumentation */
    ARGS_LANG_SOURCE, /* another translated input: C++, assembler, .i, header */
    ARGS_LANG_LINKER  /* an object, archive, shared library or unknown file */
};

enum args_role {
    ARGS_ROLE_INPUT,  /* an input file, or "-" for standard input */
    ARGS_ROLE_OUTPUT, /* -o FILE */
    ARGS_ROLE_DEPS,   /* -MD -MMD -MF -MT -MQ -MP -MG, -Wp,-MD,FILE */
    ARGS_ROLE_LINK,   /* meaningful only when linking: -l -L -Wl, -shared... */
    ARGS_ROLE_COMPILE /* everything else: given to every compiler command */
};

struct args_item {
    enum args_role role;
    size_t index;        /* its first argv entry */
    size_t count;        /* argv entries: 1, or 2 for a separate argument */
    const char *value;   /* the option's argument, or the input's path */
    enum args_lang lang; /* inputs: the language gcc gives it */
    int parse;           /* affects parsing: also given to the instrumenter */
};

enum args_deps {
    ARGS_DEPS_NONE,
    ARGS_DEPS_MD, /* -MD: every header */
    ARGS_DEPS_MMD /* -MMD: user headers only */
};

struct args {
    const char *const *argv;
    size_t argc;
    struct args_item *items;
    size_t nitems;
    enum args_stage stage;
    const char *output;    /* -o, or NULL */
    enum args_deps deps;   /* -MD / -MMD (also via -Wp,) */
    int deps_via_wp;       /* given as -Wp,-MD,FILE */
    const char *deps_file; /* -MF FILE (or the -Wp, file), or NULL */
    int deps_targets;      /* number of -MT / -MQ */
    size_t ninputs;        /* inputs of every language */
    size_t nsources;       /* inputs the compiler translates (C and other) */
    int links;             /* the command links (inputs, no -c/-S/-E/-M...) */
    int no_runtime;        /* -static -nostdlib -nodefaultlibs -nolibc -r */
    /* Why nothing may be instrumented (-M, -fsyntax-only, --version, -###,
    ** no source input, -o with several outputs...), or NULL. */
    const char *passthrough;
};

/* Classify argv[0..argc) (the compiler's arguments, without the compiler
** itself). The struct keeps pointers into argv. */
void args_classify(struct args *a, const char *const *argv, size_t argc);
void args_free(struct args *a);

/* The language gcc infers from a file name when no -x is in force. */
enum args_lang args_lang_of(const char *path);

/* What gcc names an output derived from input `path` in the current
** directory: its base name with the extension replaced by `suffix`
** (".o", ".s", ".d"); "-" gives "-.o". Caller frees. */
char *args_default_output(const char *path, const char *suffix);

/* Is `arg` a file the compiler would take as an input (by its name)?
** Used to tell `memline-cc gcc -c a.c` from `memline-cc a.c`. */
int args_looks_like_input(const char *arg);

#endif
