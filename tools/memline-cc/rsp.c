/*
** rsp.c — @response file expansion (see rsp.h). Nesting is bounded so that
** a file naming itself cannot loop forever: past the bound, `@file` stays
** literal, as libiberty leaves it after its own limit.
*/
#include "rsp.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmem.h"

enum { RSP_MAX_DEPTH = 64 };

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *text = NULL;
    size_t len = 0, cap = 0, got;

    if (f == NULL)
        return NULL;
    do {
        if (cap - len < 4096) {
            cap = cap ? 2 * cap : 8192;
            text = xrealloc(text, cap);
        }
        got = fread(text + len, 1, cap - len - 1, f);
        len += got;
    } while (got > 0);
    if (ferror(f)) {
        fclose(f);
        free(text);
        return NULL;
    }
    fclose(f);
    text[len] = '\0';
    return text;
}

void rsp_split(const char *text, struct strv *out, struct strv *owned)
{
    const char *p = text;
    char *arg = xmalloc(strlen(text) + 1);

    for (;;) {
        size_t n = 0;
        int squote = 0, dquote = 0, escaped = 0;

        while (isspace((unsigned char)*p))
            p++;
        if (*p == '\0')
            break;
        for (; *p != '\0'; p++) {
            if (isspace((unsigned char)*p) && !squote && !dquote && !escaped)
                break;
            if (escaped) {
                escaped = 0;
                arg[n++] = *p;
            } else if (*p == '\\') {
                escaped = 1;
            } else if (squote) {
                if (*p == '\'')
                    squote = 0;
                else
                    arg[n++] = *p;
            } else if (dquote) {
                if (*p == '"')
                    dquote = 0;
                else
                    arg[n++] = *p;
            } else if (*p == '\'') {
                squote = 1;
            } else if (*p == '"') {
                dquote = 1;
            } else {
                arg[n++] = *p;
            }
        }
        {
            char *s = xstrndup(arg, n);
            strv_push(owned, s);
            strv_push(out, s);
        }
    }
    free(arg);
}

static void expand(const char *const *argv, size_t argc, int depth, struct rsp_args *out)
{
    size_t i;

    for (i = 0; i < argc; i++) {
        const char *a = argv[i];
        char *text;
        struct strv inner = {0};

        if (a[0] != '@' || depth >= RSP_MAX_DEPTH || (text = read_text(a + 1)) == NULL) {
            strv_push(&out->argv, a);
            continue;
        }
        rsp_split(text, &inner, &out->owned);
        free(text);
        expand(inner.v, inner.n, depth + 1, out);
        strv_free(&inner);
    }
}

void rsp_expand(int argc, const char *const *argv, struct rsp_args *out)
{
    expand(argv, (size_t)argc, 0, out);
}

void rsp_free(struct rsp_args *args)
{
    size_t i;

    for (i = 0; i < args->owned.n; i++)
        free((char *)args->owned.v[i]);
    strv_free(&args->owned);
    strv_free(&args->argv);
}
