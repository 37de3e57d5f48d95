/*
** rewrite.c — the rewrite step (see rewrite.h). MEMLINE_FUNCTIONS is read
** here, once: a comma-separated list of globs handed to the instrumenter;
** and MEMLINE_TYPES (tag allocation calls with their type).
*/
#define _GNU_SOURCE
#include "rewrite.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "install.h"
#include "mli.h"
#include "temp.h"
#include "xmem.h"

static int write_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    int ok;

    if (f == NULL)
        return -1;
    ok = fwrite(text, 1, len, f) == len;
    return fclose(f) == 0 && ok ? 0 : -1;
}

void rewrite_load(struct rewrite_source *src, const char *path)
{
    memset(src, 0, sizeof *src);
    src->path = path;
    src->name = path;
    if (strcmp(path, "-") == 0) {
        src->name = "<stdin>";
        src->contents = xread_stream(stdin, &src->length);
        if (src->contents == NULL)
            xdie("cannot read standard input: %s", strerror(errno));
        src->stdin_copy = temp_path("stdin");
        if (write_file(src->stdin_copy, src->contents, src->length) != 0)
            xdie("cannot write %s: %s", src->stdin_copy, strerror(errno));
    } else {
        FILE *f = fopen(path, "rb");

        if (f) {
            src->contents = xread_stream(f, &src->length);
            fclose(f);
        }
    }
}

void rewrite_unload(struct rewrite_source *src)
{
    free(src->contents);
    src->contents = NULL;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? slash + 1 : path;
}

/* MEMLINE_FUNCTIONS=glob,glob: split once, kept for the process. */
static void selection(struct mli_options *opts)
{
    static char *copy;
    static const char **globs;
    static size_t nglobs;
    const char *env = getenv("MEMLINE_FUNCTIONS");

    if (copy == NULL && env && *env) {
        char *tok, *save = NULL;

        copy = xstrdup(env);
        globs = xmalloc((strlen(env) / 2 + 1) * sizeof *globs);
        for (tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save))
            globs[nglobs++] = tok;
    }
    opts->functions = globs;
    opts->nfunctions = nglobs;
}

/* MEMLINE_TYPES=1: allocation calls are tagged with their type; any other
** value but 0 or empty is a one-line warning. */
static int types_wanted(void)
{
    static int decided = -1;
    const char *env;

    if (decided >= 0)
        return decided;
    env = getenv("MEMLINE_TYPES");
    decided = env && strcmp(env, "1") == 0;
    if (env && *env && strcmp(env, "1") != 0 && strcmp(env, "0") != 0)
        xwarn("MEMLINE_TYPES: '%s' is not 1 or 0; not tagging types", env);
    return decided;
}

/* mkdir -p: creates dir and its missing parents; 0 or -1 (errno set). */
static int make_dirs(const char *dir)
{
    char *path = xstrdup(dir), *p = path;
    int rc = 0;

    while (rc == 0 && *p) {
        char *slash = strchr(p + (*p == '/'), '/');
        char saved = slash ? '/' : '\0';

        if (slash)
            *slash = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            rc = -1;
        if (!slash)
            break;
        *slash = saved;
        p = slash + 1;
    }
    free(path);
    return rc;
}

/* MEMLINE_KEEP=DIR: DIR/<base name>, replaced atomically so that parallel
** compiles of equal base names never leave a torn file; DIR is made if
** missing. */
static void keep_copy(const struct rewrite_source *src, const char *text, size_t len)
{
    const char *dir = getenv("MEMLINE_KEEP");
    char *path, *tmp;

    if (dir == NULL || *dir == '\0')
        return;
    path = xasprintf("%s/%s", dir, src->stdin_copy ? "stdin.c" : base_name(src->path));
    tmp = xasprintf("%s.%ld.tmp", path, (long)getpid());
    if (make_dirs(dir) != 0 || write_file(tmp, text, len) != 0 || rename(tmp, path) != 0) {
        xwarn("MEMLINE_KEEP: cannot write %s: %s", path, strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    free(path);
}

/* The rewriter module, loaded on first use; NULL with `why` set when it
** cannot be loaded (the file is then compiled as-is, with a warning). */
static const struct mli_module *rewriter(const char **why)
{
    static const struct mli_module *module;
    static char *failure;
    const char *path;
    void *handle;

    if (module || failure) {
        *why = failure;
        return module;
    }
    path = install_rewriter();
    handle = path ? dlopen(path, RTLD_NOW | RTLD_LOCAL) : NULL;
    if (handle)
        module = dlsym(handle, MLI_MODULE_SYMBOL);
    if (module && module->version != MLI_MODULE_VERSION)
        module = NULL;
    if (!module)
        failure = xasprintf("cannot load the instrumenter: %s",
                            path == NULL ? "libmemline-rewrite.so is missing"
                            : handle     ? "it is of another version"
                                         : dlerror());
    *why = failure;
    return module;
}

int rewrite_wanted(const struct rewrite_source *src, const char *const *args, size_t nargs)
{
    struct mli_options opts = {0};

    if (src->contents == NULL)
        return 0; /* unreadable: the compiler will say so */
    selection(&opts);
    return mli_wants(src->name, src->contents, src->length, args, nargs, &opts);
}

void rewrite_source(const struct rewrite_source *src, const char *const *args, size_t nargs,
                    const struct rewrite_compiler *cc, struct rewrite_result *result)
{
    const struct mli_module *mli;
    const char *why;
    struct mli_options opts = {0};
    struct mli_result r = {0};

    memset(result, 0, sizeof *result);
    result->outcome = REWRITE_PLAIN;
    selection(&opts);
    opts.predefined = cc->macros;
    opts.predefined_length = cc->macros_length;
    opts.library = cc->library;
    opts.nlibrary = cc->nlibrary;
    opts.tag_types = types_wanted();
    mli = rewriter(&why);
    if (!mli) {
        result->outcome = REWRITE_UNCHANGED;
        result->reason = xstrdup(why);
        return;
    }
    if (mli->rewrite(src->name, src->contents, src->length, args, nargs, &opts, &r) != 0)
        xdie("%s: %s", src->name, strerror(errno));
    if (r.skipped > 0 && r.status != MLI_UNCHANGED)
        result->skipped = xasprintf("%u selected function%s not instrumented: %s", r.skipped,
                                    r.skipped > 1 ? "s" : "", r.skipped_why ? r.skipped_why : "");
    if (r.status == MLI_REWRITTEN) {
        /* at a stable path, so that ccache sees the same compile again */
        const char *copy =
            temp_stable_file(src->stdin_copy ? "<stdin>" : base_name(src->path), r.text, r.length);

        keep_copy(src, r.text, r.length);
        result->outcome = REWRITE_INSTRUMENTED;
        result->copy = copy;
        result->undeclared = r.undeclared;
    } else if (r.status == MLI_UNCHANGED) {
        result->outcome = REWRITE_UNCHANGED;
        result->reason = xstrdup(r.reason ? r.reason : "unknown reason");
    }
    mli->result_free(&r);
}
