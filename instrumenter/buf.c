/*
** buf.c — growable byte buffer; see buf.h.
*/
#define _GNU_SOURCE
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int reserve(struct mlb *b, size_t extra)
{
    size_t need, cap;
    char *p;

    if (b->failed)
        return -1;
    need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    p = realloc(b->data, cap);
    if (!p) {
        b->failed = 1;
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

void mlb_append(struct mlb *b, const char *s, size_t n)
{
    if (n == 0 || reserve(b, n) < 0)
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void mlb_puts(struct mlb *b, const char *s)
{
    mlb_append(b, s, strlen(s));
}

void mlb_printf(struct mlb *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || reserve(b, (size_t)n) < 0)
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

const char *mlb_cstr(struct mlb *b)
{
    if (reserve(b, 0) < 0)
        return NULL;
    b->data[b->len] = '\0';
    return b->data;
}

char *mlb_take(struct mlb *b)
{
    char *p = mlb_cstr(b) ? b->data : NULL;

    if (!p)
        free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
    return p;
}

void mlb_free(struct mlb *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

char *mlb_read_file(const char *path, size_t *len)
{
    struct mlb b = {0};
    char chunk[65536];
    size_t got;
    FILE *fp = fopen(path, "rb");

    *len = 0;
    if (!fp)
        return NULL;
    while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
        mlb_append(&b, chunk, got);
    fclose(fp);
    if (b.failed) {
        mlb_free(&b);
        return NULL;
    }
    *len = b.len;
    return b.data ? mlb_take(&b) : strdup("");
}
