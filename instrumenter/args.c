/*
** args.c — compiler arguments to libclang arguments; see args.h.
*/
#define _GNU_SOURCE
#include "args.h"

#include <clang-c/Index.h>
#include <dirent.h>
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef MLI_RESOURCE_DIR
#define MLI_RESOURCE_DIR ""
#endif

/* Options kept with their value, joined (-Idir) or separate (-I dir). */
static const char *const with_value[] = {
    "-I",        "-D",         "-U",       "-include",     "-imacros",           "-isystem",
    "-iquote",   "-idirafter", "-iprefix", "-iwithprefix", "-iwithprefixbefore", "-isysroot",
    "--sysroot", "-target",
};

/* Options kept as they are. */
static const char *const exact[] = {
    "-nostdinc",
    "-ansi",
    "-pthread",
    "-ffreestanding",
    "-fno-builtin",
    "-fsigned-char",
    "-funsigned-char",
    "-fno-signed-char",
    "-fno-unsigned-char",
    "-fshort-enums",
    "-fshort-wchar",
    "-fms-extensions",
    "-fgnu89-inline",
    "-fno-gnu89-inline",
    "-fPIC",
    "-fpic",
    "-fPIE",
    "-fpie",
    "-fno-pic",
    "-fno-PIC",
    "-fno-pie",
    "-fno-PIE",
    "-fopenmp",
    "-fopenmp-simd",
    "-ffast-math",
    "-fno-fast-math",
    "-fwrapv",
    "-m32",
    "-m64",
    "-mx32",
    "-trigraphs",
    "-fno-math-errno",
};

/* Options kept when they start with one of these. */
static const char *const prefixes[] = {
    "-std=",   "-O",      "-march=", "--target=", "-fopenmp=", "-msse",    "-mavx",
    "-mfma",   "-mbmi",   "-mf16c",  "-mpopcnt",  "-maes",     "-mpclmul", "-mlzcnt",
    "-mmovbe", "-mrdrnd", "-msha",   "-mxsave",   "-mno-sse",  "-mno-avx", "-fgnuc-version=",
};

/* Dropped options that take the next argument as their value. */
static const char *const drop_with_value[] = {
    "-o",       "-MF", "-MT",      "-MQ", "-x", "-Xlinker", "-Xassembler",    "-Xclang",
    "-L",       "-l",  "-u",       "-T",  "-z", "--param",  "-aux-info",      "-dumpbase",
    "-dumpdir", "-e",  "-wrapper", "-A",  "-G", "-arch",    "-Xpreprocessor",
};

/* Keep libclang 15+ as lenient as gcc 12, and quiet: only errors matter. */
static const char *const lenient[] = {
    "-Wno-error=implicit-function-declaration",
    "-Wno-error=implicit-int",
    "-Wno-error=int-conversion",
    "-Wno-error=incompatible-function-pointer-types",
    "-Wno-error=incompatible-pointer-types",
    "-Wno-error=return-type",
    "-w",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void push(struct mla_argv *a, const char *s, size_t len)
{
    char **v, *copy;

    if (a->failed)
        return;
    v = realloc(a->v, (a->n + 1) * sizeof *v);
    copy = v ? strndup(s, len) : NULL;
    if (!copy) {
        a->v = v ? v : a->v;
        a->failed = 1;
        return;
    }
    a->v = v;
    a->v[a->n++] = copy;
}

static void push_str(struct mla_argv *a, const char *s)
{
    push(a, s, strlen(s));
}

static int in(const char *const *list, size_t n, const char *s)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strcmp(list[i], s) == 0)
            return 1;
    return 0;
}

static int has_prefix(const char *const *list, size_t n, const char *s)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strncmp(list[i], s, strlen(list[i])) == 0)
            return 1;
    return 0;
}

/* -Wp,-DX,-UY,-Idir: keeps the macro and include options. */
static void keep_wp(struct mla_argv *a, const char *list)
{
    const char *p = list;

    while (*p) {
        size_t len = strcspn(p, ",");
        if (len > 2 && p[0] == '-' && (p[1] == 'D' || p[1] == 'U' || p[1] == 'I'))
            push(a, p, len);
        p += len;
        if (*p == ',')
            p++;
    }
}

int mla_build(struct mla_argv *out, const char *const *args, size_t nargs, const char *resource_dir)
{
    size_t i, k;

    memset(out, 0, sizeof *out);
    push_str(out, "-x");
    push_str(out, "c");
    for (i = 0; i < nargs; i++) {
        const char *s = args[i];
        int kept = 0;
        if (s[0] != '-')
            continue;
        for (k = 0; k < COUNT(with_value) && !kept; k++) {
            size_t len = strlen(with_value[k]);
            if (strncmp(s, with_value[k], len) != 0)
                continue;
            if (s[len] == '\0') {
                if (i + 1 < nargs) {
                    push_str(out, s);
                    push_str(out, args[++i]);
                }
                kept = 1;
            } else if (s[len] == '=' || len == 2) {
                push_str(out, s);
                kept = 1;
            }
        }
        if (kept)
            continue;
        if (in(exact, COUNT(exact), s) || has_prefix(prefixes, COUNT(prefixes), s))
            push_str(out, s);
        else if (strncmp(s, "-Wp,", 4) == 0)
            keep_wp(out, s + 4);
        else if (strcmp(s, "-Xpreprocessor") == 0 && i + 1 < nargs &&
                 strncmp(args[i + 1], "-D", 2) == 0)
            push_str(out, args[++i]);
        else if (in(drop_with_value, COUNT(drop_with_value), s))
            i++;
    }
    for (k = 0; k < COUNT(lenient); k++)
        push_str(out, lenient[k]);
    /* memline.h makes MEMLINE_PROFILE the annotation then, whichever
    ** compiler's macros it sees (macros.h: a copy found through -I sees
    ** the real compiler's). */
    push_str(out, "-DMEMLINE_INSTRUMENTING=1");
    if (!resource_dir)
        resource_dir = mla_resource_dir();
    if (resource_dir) {
        push_str(out, "-resource-dir");
        push_str(out, resource_dir);
    }
    return out->failed ? -1 : 0;
}

int mla_append(struct mla_argv *a, const char *arg)
{
    push_str(a, arg);
    return a->failed ? -1 : 0;
}

void mla_free(struct mla_argv *a)
{
    size_t i;

    for (i = 0; i < a->n; i++)
        free(a->v[i]);
    free(a->v);
    memset(a, 0, sizeof *a);
}

static int has_builtin_headers(const char *dir)
{
    char path[PATH_MAX];

    if (snprintf(path, sizeof path, "%s/include/stddef.h", dir) >= (int)sizeof path)
        return 0;
    return access(path, R_OK) == 0;
}

/* <directory of the loaded libclang>/clang/<version>, as libclang itself
** looks for it, whichever version directory holds the builtin headers. */
static char *next_to_libclang(void)
{
    Dl_info info;
    union {
        CXString (*fn)(void);
        void *object;
    } symbol;
    char real[PATH_MAX], dir[PATH_MAX], *slash, *found = NULL;
    DIR *d;
    struct dirent *e;

    /* dladdr wants an object pointer; POSIX guarantees the round trip. */
    symbol.fn = clang_getClangVersion;
    if (!dladdr(symbol.object, &info) || !info.dli_fname || !realpath(info.dli_fname, real))
        return NULL;
    slash = strrchr(real, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    if (snprintf(dir, sizeof dir, "%s/clang", real) >= (int)sizeof dir)
        return NULL;
    d = opendir(dir);
    if (!d)
        return NULL;
    while (!found && (e = readdir(d)) != NULL) {
        char candidate[PATH_MAX];
        if (e->d_name[0] == '.')
            continue;
        if (snprintf(candidate, sizeof candidate, "%s/%s", dir, e->d_name) <
                (int)sizeof candidate &&
            has_builtin_headers(candidate))
            found = strdup(candidate);
    }
    closedir(d);
    return found;
}

const char *mla_resource_dir(void)
{
    static int searched;
    static const char *dir;

    if (!searched) {
        searched = 1;
        if (MLI_RESOURCE_DIR[0] && has_builtin_headers(MLI_RESOURCE_DIR))
            dir = MLI_RESOURCE_DIR;
        else
            dir = next_to_libclang();
    }
    return dir;
}
