/*
** predef.c — the real compiler's predefined macros; see predef.h.
*/
#define _GNU_SOURCE
#include "predef.h"

#include <stdlib.h>
#include <string.h>

#include "proc.h"
#include "strv.h"
#include "temp.h"
#include "xmem.h"

/* Options that do not decide the compiler's own macros: the project's
** macros and includes, warnings, languages, stages, -Wp/-X pass-throughs. */
static int irrelevant(const char *arg)
{
    static const char *const prefixes[] = {"-D", "-U", "-I", "-i", "-W", "-x",
                                           "-c", "-S", "-E", "-M", "-X"};
    size_t i;

    for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (strncmp(arg, prefixes[i], strlen(prefixes[i])) == 0)
            return 1;
    return 0;
}

const char *predef_macros(const struct driver_command *dc, size_t *len)
{
    static int asked;
    static char *text;
    static size_t length;
    const struct args *a = dc->args;
    const char *out;
    struct strv cmd = {0};
    size_t i;
    FILE *f;

    if (asked) {
        *len = length;
        return text;
    }
    asked = 1;
    out = temp_path("predefined.h");
    strv_push_all(&cmd, dc->cc, dc->ncc);
    for (i = 0; i < a->nitems; i++) {
        const struct args_item *it = &a->items[i];

        if (it->role == ARGS_ROLE_COMPILE && !irrelevant(a->argv[it->index]))
            strv_push_all(&cmd, a->argv + it->index, it->count);
    }
    strv_push(&cmd, "-dM");
    strv_push(&cmd, "-E");
    strv_push(&cmd, "-x");
    strv_push(&cmd, "c");
    strv_push(&cmd, "/dev/null");
    strv_push(&cmd, "-o");
    strv_push(&cmd, out);
    if (proc_ok(proc_run(cmd.v, "/dev/null", "/dev/null")) && (f = fopen(out, "rb")) != NULL) {
        if (!(text = xread_stream(f, &length)))
            length = 0;
        fclose(f);
    }
    strv_free(&cmd);
    *len = length;
    return text;
}
