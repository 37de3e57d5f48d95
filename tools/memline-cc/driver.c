/*
** driver.c — planning and running the compiler commands (see driver.h).
**
** Plan for one command line:
**  - nothing to instrument: become the compiler, with the arguments as
**    given, `-isystem <prefix>/include` when something is compiled (so
**    <memline.h> is found) and the runtime when linking;
**  - -c / -S: each instrumented source is compiled on its own, from its
**    copy, to the output the real source would have produced; the other
**    inputs go to one compiler run with everything else as given;
**  - linking: each instrumented source is compiled to a temporary object
**    that takes the source's place in the link command.
** The dependency file of an instrumented source comes from the compiler
** preprocessing the real source (-E, see depfile.h), so it is byte for byte
** what a plain compile writes.
** An instrumented compile runs with its diagnostics captured: if it fails,
** the original source is compiled instead (its diagnostics, its verdict)
** and a success then says, in one warning, that the file is not profiled.
** Warnings of memline-cc itself are printed only once the command
** succeeded, so a broken file shows nothing but the compiler's own words;
** under MEMLINE_STRICT=1 they are errors: the command then fails (status
** 1) and its outputs that hold an uninstrumented file are removed.
** An instrumented copy is compiled with the allocation functions not
** treated as builtins (see `allocators`), so -O2 keeps every allocation the
** source makes on the line that makes it.
**
** The runtime goes first in the link command, between
** -Wl,--push-state,--no-as-needed and -Wl,--pop-state, so libmemline.so
** is a DT_NEEDED entry ahead of libc (its malloc interposes libc's) and the
** project's own --as-needed state is untouched. It is left out with
** -static, -nostdlib, -nodefaultlibs, -nolibc and -r.
*/
#define _GNU_SOURCE
#include "driver.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "depfile.h"
#include "diag.h"
#include "predef.h"
#include "install.h"
#include "rewrite.h"
#include "proc.h"
#include "strv.h"
#include "temp.h"
#include "xmem.h"

/* The optimizer knows these functions and may drop a malloc/free pair or
** move a free across a probe; an instrumented file must allocate exactly
** what its source says, line by line: -fno-builtin-NAME. Except for a
** function the file calls without declaring it: gcc then gives the call
** the builtin's prototype, which -fno-builtin would turn into `int NAME()`
** (a pointer cut to 32 bits). */
static const char *const allocators[] = {"malloc", "calloc",  "realloc",      "free",
                                         "strdup", "strndup", "aligned_alloc"};
#define NALLOCATORS (sizeof allocators / sizeof allocators[0])

/* MEMLINE_PROBES: unset, ticks inline and full probes as calls (see
** memline/probe.h: cheap to compile and to run); `inline`, full probes
** inline too (fastest to run, slower to compile); `call`, everything a call
** into the runtime. Read once; a bad value warns and counts as unset. */
enum probe_mode { PROBES_DEFAULT, PROBES_INLINE, PROBES_CALL };

static enum probe_mode probe_mode(void)
{
    static int decided = -1;
    const char *env;

    if (decided >= 0)
        return (enum probe_mode)decided;
    env = getenv("MEMLINE_PROBES");
    decided = PROBES_DEFAULT;
    if (env != NULL && strcmp(env, "call") == 0)
        decided = PROBES_CALL;
    else if (env != NULL && strcmp(env, "inline") == 0)
        decided = PROBES_INLINE;
    else if (env != NULL && *env != '\0')
        xwarn("MEMLINE_PROBES: '%s' is not one of inline, call; using the default", env);
    return (enum probe_mode)decided;
}

struct input {
    const struct args_item *item;
    struct rewrite_source src;
    struct rewrite_result rw;
};

/* Strings built for commands stay reachable until exit. */
static struct strv owned;
/* What should have been instrumented and was not: the reasons, and the
** outputs that hold it uninstrumented. */
static struct strv missed, missed_outputs;

static const char *own(char *s)
{
    strv_push(&owned, s);
    return s;
}

static void push_item(struct strv *cmd, const struct args *a, const struct args_item *it)
{
    strv_push_all(cmd, a->argv + it->index, it->count);
}

static int is_arg(const struct args *a, const struct args_item *it, const char *prefix)
{
    return strncmp(a->argv[it->index], prefix, strlen(prefix)) == 0;
}

static void push_runtime(struct strv *cmd)
{
    const char *runtime = install_runtime();

    if (runtime == NULL)
        xdie("cannot find the runtime libmemline.so next to %s (in ../lib)", install_self());
    strv_push(cmd, "-Wl,--push-state,--no-as-needed");
    strv_push(cmd, runtime);
    strv_push(cmd, "-Wl,--pop-state");
    strv_push(cmd, own(xasprintf("-Wl,-rpath,%s", install_lib_dir())));
}

static int wants_runtime(const struct driver_command *dc)
{
    return dc->args->links && !dc->args->no_runtime && !dc->disabled;
}

static void push_include(struct strv *cmd)
{
    strv_push(cmd, "-isystem");
    strv_push(cmd, install_include_dir());
}

/* Captured diagnostics lose the terminal; keep their colours. */
static void push_colour(struct strv *cmd, const struct args *a)
{
    size_t i;

    if (!isatty(2))
        return;
    for (i = 0; i < a->argc; i++)
        if (strstr(a->argv[i], "diagnostics-color") || strstr(a->argv[i], "color-diagnostics"))
            return;
    strv_push(cmd, "-fdiagnostics-color=always");
}

/* MEMLINE_STRICT=1: what should be instrumented and is not is an error.
** Read once; a bad value warns and counts as unset. */
static int strict(void)
{
    static int decided = -1;
    const char *env;

    if (decided >= 0)
        return decided;
    env = getenv("MEMLINE_STRICT");
    decided = env != NULL && strcmp(env, "1") == 0;
    if (env != NULL && *env != '\0' && strcmp(env, "0") != 0 && strcmp(env, "1") != 0)
        xwarn("MEMLINE_STRICT: '%s' is not one of 0, 1; using 0", env);
    return decided;
}

/* The file the compiler writes what `in` compiles into. */
static const char *final_output(const struct driver_command *dc, const struct input *in)
{
    const struct args *a = dc->args;

    if (a->output)
        return a->output;
    if (a->stage == ARGS_LINK)
        return "a.out";
    return own(args_default_output(in->src.path, a->stage == ARGS_COMPILE ? ".s" : ".o"));
}

/* Said once the command succeeded, so that a broken file shows nothing but
** the compiler's own words. */
static void report_missed(const struct driver_command *dc, const struct input *in, char *reason)
{
    strv_push(&missed, own(reason));
    strv_push(&missed_outputs, final_output(dc, in));
}

static void finish(int status) __attribute__((noreturn));
static void finish(int status)
{
    size_t i;

    if (!proc_ok(status) || missed.n == 0)
        proc_finish(status);
    for (i = 0; i < missed.n; i++)
        fprintf(stderr, "memline-cc: %s: %s\n", strict() ? "error" : "warning", missed.v[i]);
    if (!strict())
        proc_finish(status);
    for (i = 0; i < missed_outputs.n; i++)
        unlink(missed_outputs.v[i]);
    exit(1);
}

static char *dir_of(const char *path, int slash)
{
    const char *last = strrchr(path, '/');

    if (last == NULL)
        return xstrdup(slash ? "" : ".");
    if (last == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(last - path) + (slash ? 1 : 0));
}

static void copy_to_stderr(const char *path)
{
    FILE *f = fopen(path, "rb");
    char buf[8192];
    size_t n;

    if (f == NULL)
        return;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        fwrite(buf, 1, n, stderr);
    fclose(f);
    fflush(stderr);
}

/* The dependency options for the real source, with gcc's defaults made
** explicit (the compile may go to a temporary object, or be a -E run). */
static void push_deps(struct strv *cmd, const struct args *a, const char *source)
{
    size_t i;

    for (i = 0; i < a->nitems; i++)
        if (a->items[i].role == ARGS_ROLE_DEPS)
            push_item(cmd, a, &a->items[i]);
    if (a->deps_via_wp)
        return;
    if (a->deps_file == NULL) {
        strv_push(cmd, "-MF");
        strv_push(cmd, own(depfile_default_path(a, source)));
    }
    if (a->deps_targets == 0) {
        strv_push(cmd, "-MQ");
        strv_push(cmd, own(depfile_default_target(a, source)));
    }
}

/* `-x` for a C file compiled on its own, only where its name does not say
** C or a -x of the command is in force: distcc preprocesses here and sends
** the .i to its host with the options, where `-x c` would make gcc
** preprocess it again (and -Wpedantic reject its line markers). */
static void push_language(struct strv *cmd, const struct args *a, const char *path)
{
    int by_name = args_lang_of(path) == ARGS_LANG_C;
    size_t i;

    for (i = 0; i < a->nitems; i++)
        if (a->items[i].role == ARGS_ROLE_COMPILE && is_arg(a, &a->items[i], "-x")) {
            strv_push(cmd, "-x");
            strv_push(cmd, by_name ? "none" : "c");
            return;
        }
    if (!by_name) {
        strv_push(cmd, "-x");
        strv_push(cmd, "c");
    }
}

/* One source compiled on its own: from its instrumented copy, or (copy ==
** NULL) from the original, which then also writes the dependencies. */
static void build_compile(struct strv *cmd, const struct driver_command *dc, const struct input *in,
                          const char *out, const char *copy)
{
    const struct args *a = dc->args;
    int linking = a->stage == ARGS_LINK;
    size_t i;

    strv_push_all(cmd, dc->cc, dc->ncc);
    for (i = 0; i < a->nitems; i++) {
        const struct args_item *it = &a->items[i];

        if (it->role == ARGS_ROLE_COMPILE || (it->role == ARGS_ROLE_LINK && !linking))
            push_item(cmd, a, it);
    }
    if (linking)
        strv_push(cmd, "-c");
    if (a->deps != ARGS_DEPS_NONE && copy == NULL)
        push_deps(cmd, a, in->src.path);
    if (copy) {
        size_t k;

        for (k = 0; k < NALLOCATORS; k++)
            if (!(in->rw.undeclared & (1u << k)))
                strv_push(cmd, own(xasprintf("-fno-builtin-%s", allocators[k])));
        if (probe_mode() == PROBES_CALL)
            strv_push(cmd, "-DMEMLINE_PROBE_CALLS");
        else if (probe_mode() == PROBES_INLINE)
            strv_push(cmd, "-DMEMLINE_PROBE_INLINE");
        strv_push(cmd, "-iquote");
        strv_push(cmd, own(dir_of(in->src.path, 0)));
        strv_push(cmd, own(xasprintf("-fdebug-prefix-map=%s=%s", own(dir_of(copy, 1)),
                                     own(dir_of(in->src.stdin_copy ? "" : in->src.path, 1)))));
        push_colour(cmd, a);
    }
    push_include(cmd);
    push_language(cmd, a, copy ? copy : in->src.path);
    strv_push(cmd, copy ? copy : in->src.path);
    strv_push(cmd, "-o");
    strv_push(cmd, out);
}

/* The dependency file of an instrumented source, from the real source. */
static int write_deps(const struct driver_command *dc, const struct input *in)
{
    const struct args *a = dc->args;
    struct strv cmd = {0};
    size_t i;
    int status;

    strv_push_all(&cmd, dc->cc, dc->ncc);
    for (i = 0; i < a->nitems; i++)
        if (a->items[i].role == ARGS_ROLE_COMPILE)
            push_item(&cmd, a, &a->items[i]);
    push_deps(&cmd, a, in->src.path);
    push_include(&cmd);
    strv_push(&cmd, "-E");
    strv_push(&cmd, "-x");
    strv_push(&cmd, "c");
    strv_push(&cmd, in->src.path);
    strv_push(&cmd, "-o");
    strv_push(&cmd, "/dev/null");
    status = proc_run(cmd.v, in->src.stdin_copy, NULL);
    strv_free(&cmd);
    return status;
}

/* Compile one instrumented source to `out`; returns the wait status. */
/* What the compiler says of the file itself (compiled to nowhere): for
** when the copy's diagnostics hold a warning the probes may have caused
** (gcc -O2's -Wmaybe-uninitialized follows paths through a probe's slow
** call), the file's own words instead. */
static const char *plain_diagnostics(const struct driver_command *dc, const struct input *in,
                                     const char *path)
{
    struct strv cmd = {0};
    struct args quiet = *dc->args;
    struct driver_command plain = *dc;

    quiet.deps = ARGS_DEPS_NONE;
    plain.args = &quiet;
    build_compile(&cmd, &plain, in, "/dev/null", NULL);
    proc_run(cmd.v, in->src.stdin_copy, path);
    strv_free(&cmd);
    return path;
}

static int compile_instrumented(const struct driver_command *dc, const struct input *in,
                                const char *out)
{
    const char *errors = temp_path("stderr"), *plain_errors = temp_path("stderr");
    struct strv cmd = {0};
    int status;

    build_compile(&cmd, dc, in, out, in->rw.copy);
    status = proc_run(cmd.v, NULL, errors);
    strv_free(&cmd);
    if (WIFSIGNALED(status) && WTERMSIG(status) != SIGSEGV && WTERMSIG(status) != SIGABRT)
        proc_finish(status); /* interrupted, not a compiler crash */
    if (proc_ok(status)) {
        copy_to_stderr(diag_mentions(errors, "-Wmaybe-uninitialized")
                           ? plain_diagnostics(dc, in, plain_errors)
                           : errors);
        return dc->args->deps != ARGS_DEPS_NONE ? write_deps(dc, in) : status;
    }
    build_compile(&cmd, dc, in, out, NULL);
    status = proc_run(cmd.v, in->src.stdin_copy, plain_errors);
    strv_free(&cmd);
    if (proc_ok(status) && diag_only_warnings(errors)) {
        /* The file compiles without a warning under the same -Werror: the
        ** warnings are the probes' (gcc -O2's -Wmaybe-uninitialized sees a
        ** path through a probe's slow call). The instrumented object, with
        ** the file's own diagnostics. */
        build_compile(&cmd, dc, in, out, in->rw.copy);
        strv_push(&cmd, "-Wno-error");
        if (proc_ok(proc_run(cmd.v, NULL, "/dev/null"))) {
            strv_free(&cmd);
            copy_to_stderr(plain_errors);
            return status;
        }
        strv_free(&cmd);
        build_compile(&cmd, dc, in, out, NULL);
        status = proc_run(cmd.v, in->src.stdin_copy, "/dev/null");
        strv_free(&cmd);
    }
    copy_to_stderr(plain_errors);
    if (proc_ok(status)) {
        char *why = diag_copy_failed(errors, in->rw.copy, in->src.name);

        report_missed(dc, in,
                      xasprintf("%s: not instrumented: the instrumented copy did not compile: %s",
                                in->src.name, why));
        free(why);
    }
    return status;
}

static const char *stdin_copy_of(const struct input *inputs, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (inputs[i].src.stdin_copy)
            return inputs[i].src.stdin_copy;
    return NULL;
}

/* Nothing instrumented: the compiler with the arguments as given. */
static void run_plain(const struct driver_command *dc, const char *stdin_copy)
    __attribute__((noreturn));
static void run_plain(const struct driver_command *dc, const char *stdin_copy)
{
    struct strv cmd = {0};

    strv_push_all(&cmd, dc->cc, dc->ncc);
    if (wants_runtime(dc))
        push_runtime(&cmd);
    strv_push_all(&cmd, dc->given, dc->ngiven);
    if (dc->args->nsources > 0)
        push_include(&cmd);
    if (missed.n == 0)
        proc_exec(cmd.v, stdin_copy);
    finish(proc_run(cmd.v, stdin_copy, NULL));
}

/* -c / -S with instrumented sources. */
static void run_separately(const struct driver_command *dc, struct input *inputs, size_t n)
    __attribute__((noreturn));
static void run_separately(const struct driver_command *dc, struct input *inputs, size_t n)
{
    const struct args *a = dc->args;
    const char *suffix = a->stage == ARGS_COMPILE ? ".s" : ".o";
    struct strv rest = {0};
    size_t i, k = 0, rest_inputs = 0, rest_sources = 0;
    int status = 0, st;

    for (i = 0; i < n; i++) {
        if (inputs[i].rw.outcome != REWRITE_INSTRUMENTED)
            continue;
        st = compile_instrumented(dc, &inputs[i],
                                  a->output ? a->output
                                            : own(args_default_output(inputs[i].src.path, suffix)));
        if (proc_ok(status))
            status = st;
    }
    strv_push_all(&rest, dc->cc, dc->ncc);
    for (i = 0; i < a->nitems; i++) {
        const struct args_item *it = &a->items[i];

        if (it->role == ARGS_ROLE_INPUT) {
            if (inputs[k++].rw.outcome == REWRITE_INSTRUMENTED)
                continue;
            rest_inputs++;
            rest_sources += it->lang != ARGS_LANG_LINKER;
        }
        push_item(&rest, a, it);
    }
    if (rest_inputs > 0) {
        if (rest_sources > 0)
            push_include(&rest);
        st = proc_run(rest.v, stdin_copy_of(inputs, n), NULL);
        if (proc_ok(status))
            status = st;
    }
    strv_free(&rest);
    finish(status);
}

/* Linking with instrumented sources: their objects take their places. */
static void run_link(const struct driver_command *dc, struct input *inputs, size_t n)
    __attribute__((noreturn));
static void run_link(const struct driver_command *dc, struct input *inputs, size_t n)
{
    const struct args *a = dc->args;
    struct strv cmd = {0};
    const char *lang = NULL; /* the -x in force */
    size_t i, k = 0, sources = 0;
    const char **objects = xmalloc(n * sizeof *objects);
    int status;

    for (i = 0; i < n; i++) {
        objects[i] = NULL;
        if (inputs[i].rw.outcome != REWRITE_INSTRUMENTED)
            continue;
        objects[i] = own(args_default_output(inputs[i].rw.copy, ".o"));
        objects[i] = temp_path(objects[i]);
        status = compile_instrumented(dc, &inputs[i], objects[i]);
        if (!proc_ok(status))
            finish(status);
    }
    strv_push_all(&cmd, dc->cc, dc->ncc);
    if (wants_runtime(dc))
        push_runtime(&cmd);
    for (i = 0; i < a->nitems; i++) {
        const struct args_item *it = &a->items[i];

        if (it->role == ARGS_ROLE_COMPILE && is_arg(a, it, "-x"))
            lang = it->value;
        if (it->role == ARGS_ROLE_INPUT) {
            const char *object = objects[k++];

            if (object) {
                int switched = lang && strcmp(lang, "none") != 0;

                if (switched)
                    strv_push(&cmd, "-xnone");
                strv_push(&cmd, object);
                if (switched)
                    strv_push(&cmd, own(xasprintf("-x%s", lang)));
                continue;
            }
        }
        if (it->role == ARGS_ROLE_INPUT && it->lang != ARGS_LANG_LINKER)
            sources++;
        push_item(&cmd, a, it);
    }
    if (sources > 0)
        push_include(&cmd);
    status = proc_run(cmd.v, stdin_copy_of(inputs, n), NULL);
    strv_free(&cmd);
    free(objects);
    finish(status);
}

void driver_run(const struct driver_command *dc)
{
    const struct args *a = dc->args;
    struct input *inputs = xmalloc((a->ninputs ? a->ninputs : 1) * sizeof *inputs);
    struct strv parse = {0};
    size_t i, n = 0, instrumented = 0, skip;

    if (a->passthrough || dc->disabled)
        run_plain(dc, NULL);
    strv_push(&parse, "-x");
    strv_push(&parse, "c");
    for (i = 0; i < a->nitems; i++)
        if (a->items[i].parse)
            push_item(&parse, a, &a->items[i]);
    push_include(&parse); /* as in every compile: <memline.h> */
    for (i = 0; i < a->nitems; i++) {
        const struct args_item *it = &a->items[i];
        struct input *in;

        if (it->role != ARGS_ROLE_INPUT)
            continue;
        in = &inputs[n++];
        memset(in, 0, sizeof *in);
        in->item = it;
        if (it->lang != ARGS_LANG_C)
            continue;
        rewrite_load(&in->src, it->value);
        /* "-x c" only when the language did not come from the name */
        skip = args_lang_of(it->value) == ARGS_LANG_C ? 2 : 0;
        if (rewrite_wanted(&in->src, parse.v + skip, parse.n - skip)) {
            struct rewrite_compiler cc = {NULL, 0, allocators, NALLOCATORS};

            cc.macros = predef_macros(dc, &cc.macros_length);
            rewrite_source(&in->src, parse.v + skip, parse.n - skip, &cc, &in->rw);
        }
        rewrite_unload(&in->src);
        if (in->rw.outcome == REWRITE_INSTRUMENTED)
            instrumented++;
        else if (in->rw.outcome == REWRITE_UNCHANGED)
            report_missed(dc, in,
                          xasprintf("%s: not instrumented: %s", in->src.name, in->rw.reason));
        if (in->rw.skipped)
            report_missed(dc, in, xasprintf("%s: %s", in->src.name, in->rw.skipped));
    }
    strv_free(&parse);
    if (instrumented == 0)
        run_plain(dc, stdin_copy_of(inputs, n));
    if (a->stage == ARGS_LINK)
        run_link(dc, inputs, n);
    run_separately(dc, inputs, n);
}
