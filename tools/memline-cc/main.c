/*
** main.c — memline-cc: a drop-in C compiler that instruments the functions
** marked MEMLINE_PROFILE (or selected by MEMLINE_FUNCTIONS) and links the
** memline runtime. See memline-cc.1 and PRODUCT.md §3.
**
** This file only decides who the real compiler is: the first argument when
** it names a program rather than an option or an input (launcher mode, as
** ccache: `memline-cc gcc -c a.c`), with the compiler after it when that
** program is itself a launcher (`memline-cc ccache gcc -c a.c`, as CMake
** runs a launcher list), else $MEMLINE_CC (split at blanks), else `cc`.
** Everything else is driver.c's.
*/
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "args.h"
#include "driver.h"
#include "rsp.h"
#include "strv.h"
#include "xmem.h"

/* Set in the compiler's environment: seeing it means the "real compiler"
** is memline-cc again, which would never end. */
#define ACTIVE_VAR "MEMLINE_CC_ACTIVE"

static int names_compiler(const char *arg)
{
    struct stat st;

    if (arg[0] == '-' || arg[0] == '@' || args_looks_like_input(arg))
        return 0;
    /* an existing file that is not a program is an input without suffix */
    if (stat(arg, &st) == 0 && S_ISREG(st.st_mode) && access(arg, X_OK) != 0)
        return 0;
    return 1;
}

/* A program named memline-cc (`memline-cc memline-cc gcc ...`, a launcher
** given itself), not an option that ends so (`-I/src/memline-cc`). */
static int is_memline_cc(const char *arg)
{
    const char *slash = strrchr(arg, '/');

    return arg[0] != '-' && strcmp(slash ? slash + 1 : arg, "memline-cc") == 0;
}

/* A compiler launcher that takes the compiler as its first argument. */
static int is_launcher(const char *arg)
{
    static const char *const launchers[] = {"ccache", "distcc", "icecc"};
    const char *slash = strrchr(arg, '/');
    size_t i;

    for (i = 0; i < sizeof launchers / sizeof launchers[0]; i++)
        if (strcmp(slash ? slash + 1 : arg, launchers[i]) == 0)
            return 1;
    return 0;
}

static void compiler_from_env(struct strv *cc)
{
    const char *env = getenv("MEMLINE_CC");
    char *copy, *tok, *save = NULL;

    if (env == NULL || strspn(env, " \t") == strlen(env)) {
        strv_push(cc, "cc");
        return;
    }
    copy = xstrdup(env);
    for (tok = strtok_r(copy, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save))
        strv_push(cc, tok);
}

int main(int argc, char **argv)
{
    static struct strv cc;
    static struct rsp_args expanded;
    static struct args args;
    struct driver_command dc;
    const char *disable = getenv("MEMLINE_DISABLE");
    int first = 1;

    if (getenv(ACTIVE_VAR))
        xdie("the real compiler is memline-cc itself: set MEMLINE_CC to gcc or clang");
    setenv(ACTIVE_VAR, "1", 1);
    /* memline-cc memline-cc gcc ...: a launcher on top of CC=memline-cc */
    while (first < argc && is_memline_cc(argv[first]))
        first++;
    if (first < argc && names_compiler(argv[first])) {
        strv_push(&cc, argv[first++]);
        if (is_launcher(cc.v[0]) && first < argc && names_compiler(argv[first]))
            strv_push(&cc, argv[first++]);
    } else
        compiler_from_env(&cc);
    rsp_expand(argc - first, (const char *const *)argv + first, &expanded);
    args_classify(&args, expanded.argv.v, expanded.argv.n);
    dc.cc = cc.v;
    dc.ncc = cc.n;
    dc.given = (const char *const *)argv + first;
    dc.ngiven = (size_t)(argc - first);
    dc.args = &args;
    dc.disabled = disable && *disable && strcmp(disable, "0") != 0;
    driver_run(&dc);
}
