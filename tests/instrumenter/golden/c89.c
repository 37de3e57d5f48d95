/* C89 as older projects write it, for their warnings (-Wpedantic in C90
** mode, -Wdeclaration-after-statement, -Wnested-externs,
** -Wredundant-decls, -Wcast-qual, -Wold-style-definition, -Wformat=2):
** declarations at the top of blocks, blocks of declarations only, block
** scope extern and static declarations, an annotated K&R definition, a
** const-discarding cast, a do-while(0) macro, assert with and without
** NDEBUG, a variadic function with a format attribute (annotated on its
** prototype), a goto to the cleanup code. */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <memline.h>

#define TRACE(msg)                        \
    do {                                  \
        if (verbose)                      \
            fprintf(stderr, "%s\n", msg); \
    } while (0)

int verbose;
static int lengths(int n, const char *s);

MEMLINE_PROFILE
static int lengths(n, s)
    int n;
    const char *s;
{
    extern int verbose;
    int strcmp(const char *, const char *);
    static int calls;
    char *copy;
    size_t len;
    {
        size_t first = strlen(s);
    }
    calls++;
    len = strlen(s);
    copy = (char *)s;
    TRACE(copy);
    assert(len < 100);
    if (strcmp(copy, "") == 0)
        return n + calls;
    {
        int i;
        for (i = 0; i < n; i++)
            len += (size_t)i;
    }
    return (int)len + calls;
}

#define NDEBUG
#include <assert.h>

MEMLINE_PROFILE
static int say(char *out, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int say(char *out, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsprintf(out, fmt, ap);
    va_end(ap);
    assert(n >= 0 && (size_t)n < size);
    return n;
}

MEMLINE_PROFILE
static unsigned long widen(int v)
{
    char *buf;
    unsigned long r;
    buf = malloc(32);
    if (buf == NULL)
        goto fail;
    r = (unsigned long)v * 3u;
    free(buf);
    return r;
fail:
    return 0;
}

int main(void)
{
    char out[32];
    say(out, sizeof out, "%d %d", lengths(2, "abc"), lengths(1, ""));
    printf("%s %d\n", out, (int)widen(7));
    return 0;
}
