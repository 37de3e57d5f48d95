/*
** depfile.c — dependency-file names and rewriting (see depfile.h).
*/
#include "depfile.h"

#include <stdlib.h>
#include <string.h>

#include "xmem.h"

static char *replace_extension(const char *path, const char *suffix)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t stem = dot && dot != base ? (size_t)(dot - path) : strlen(path);

    return xasprintf("%.*s%s", (int)stem, path, suffix);
}

char *depfile_default_path(const struct args *a, const char *source)
{
    char *base, *path;

    if (a->deps_file)
        return xstrdup(a->deps_file);
    if (a->output)
        return replace_extension(a->output, ".d");
    base = args_default_output(source, ".d");
    if (a->stage != ARGS_LINK)
        return base;
    path = xasprintf("a-%s", base);
    free(base);
    return path;
}

char *depfile_default_target(const struct args *a, const char *source)
{
    return a->output ? xstrdup(a->output) : args_default_output(source, ".o");
}
