/*
** xmem.c — allocation that cannot fail, and memline-cc's message format.
** Every message memline-cc prints itself is one line starting with
** "memline-cc: ".
*/
#define _GNU_SOURCE
#include "xmem.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *checked(void *p)
{
    if (p == NULL)
        xdie("out of memory");
    return p;
}

void *xmalloc(size_t size)
{
    return checked(malloc(size ? size : 1));
}

void *xrealloc(void *ptr, size_t size)
{
    return checked(realloc(ptr, size ? size : 1));
}

char *xstrdup(const char *s)
{
    return checked(strdup(s));
}

char *xstrndup(const char *s, size_t n)
{
    return checked(strndup(s, n));
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    if (vasprintf(&s, fmt, ap) < 0)
        s = NULL;
    va_end(ap);
    return checked(s);
}

void xdie(const char *fmt, ...)
{
    va_list ap;

    fputs("memline-cc: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

void xwarn(const char *fmt, ...)
{
    va_list ap;

    fputs("memline-cc: warning: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

char *xread_stream(FILE *f, size_t *len)
{
    char *text = NULL;
    size_t cap = 0, got;

    *len = 0;
    do {
        if (cap - *len < 65536) {
            cap = cap ? 2 * cap : 131072;
            text = xrealloc(text, cap);
        }
        got = fread(text + *len, 1, cap - *len - 1, f);
        *len += got;
    } while (got > 0);
    if (ferror(f)) {
        free(text);
        return NULL;
    }
    text[*len] = '\0';
    return text;
}
