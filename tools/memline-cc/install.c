/*
** install.c — finding the prefix from /proc/self/exe (see install.h).
** MEMLINE_LIBDIR is the CMake install libdir relative to the prefix,
** defined by tools/memline-cc/CMakeLists.txt.
*/
#define _GNU_SOURCE
#include "install.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xmem.h"

#ifndef MEMLINE_LIBDIR
#define MEMLINE_LIBDIR "lib"
#endif

static char *self, *prefix, *include_dir, *lib_dir, *runtime, *rewriter;

const char *install_self(void)
{
    char buf[PATH_MAX];
    ssize_t n;

    if (self)
        return self;
    n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n < 0)
        xdie("cannot find myself (/proc/self/exe): %s", strerror(errno));
    buf[n] = '\0';
    self = xstrdup(buf);
    return self;
}

static const char *install_prefix(void)
{
    char *slash;

    if (prefix)
        return prefix;
    prefix = xstrdup(install_self());
    slash = strrchr(prefix, '/'); /* drop /memline-cc */
    if (slash)
        *slash = '\0';
    slash = strrchr(prefix, '/'); /* drop /bin; /bin/memline-cc gives "/" */
    if (slash == prefix)
        prefix[1] = '\0';
    else if (slash)
        *slash = '\0';
    return prefix;
}

const char *install_include_dir(void)
{
    if (include_dir == NULL)
        include_dir = xasprintf("%s/include", install_prefix());
    return include_dir;
}

const char *install_runtime(void)
{
    static const char *const libdirs[] = {MEMLINE_LIBDIR, "lib"};
    size_t i;

    for (i = 0; runtime == NULL && i < sizeof libdirs / sizeof libdirs[0]; i++) {
        char *dir = xasprintf("%s/%s", install_prefix(), libdirs[i]);
        char *so = xasprintf("%s/libmemline.so", dir);

        if (access(so, R_OK) == 0) {
            lib_dir = dir;
            runtime = so;
        } else {
            free(dir);
            free(so);
        }
    }
    return runtime;
}

const char *install_lib_dir(void)
{
    install_runtime();
    return lib_dir;
}

const char *install_rewriter(void)
{
    static const char *const libdirs[] = {MEMLINE_LIBDIR, "lib"};
    size_t i;

    for (i = 0; rewriter == NULL && i < sizeof libdirs / sizeof libdirs[0]; i++) {
        char *so = xasprintf("%s/%s/memline/libmemline-rewrite.so", install_prefix(), libdirs[i]);

        if (access(so, R_OK) == 0)
            rewriter = so;
        else
            free(so);
    }
    return rewriter;
}
