/*
** jsonstream.c — a report one function at a time (jsonstream.h).
**
** A small scanner finds the top-level members' extents (strings with
** their escapes, nesting of objects and arrays; anything else is read up
** to the next delimiter). A function is parsed as the report
** {"version": 1, "backend": "heap", "unit": "bytes", "pid": 0,
** "argv": [], "functions": [FUNCTION]}; an error names its index. The
** mapping's pages are given back behind the reader, 8 MiB at a time.
*/
#define _GNU_SOURCE
#include "jsonstream.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define JS_RELEASE_BYTES (8u << 20)

static const char js_prefix[] =
    "{\"version\": 1, \"backend\": \"heap\", \"unit\": \"bytes\", \"pid\": 0, \"argv\": [], "
    "\"functions\": [";

static size_t js_space(const char *d, size_t n, size_t i)
{
    while (i < n && (d[i] == ' ' || d[i] == '\n' || d[i] == '\r' || d[i] == '\t'))
        i++;
    return i;
}

/* A mapped file gives back the pages before `upto` not given back yet
** (`released` is NULL for memory that is not a mapping). */
static void js_release(const char *d, size_t upto, size_t *released)
{
    if (!released)
        return;
    upto &= ~(size_t)(JS_RELEASE_BYTES - 1);
    if (upto > *released) {
        madvise((void *)(d + *released), upto - *released, MADV_DONTNEED);
        *released = upto;
    }
}

/* The index after the value at d[i], or n + 1 when it does not end;
** pages behind it are given back as it goes when `released` is given. */
static size_t js_skip_releasing(const char *d, size_t n, size_t i, size_t *released)
{
    size_t depth = 0;
    int in_string = 0;

    for (; i < n; i++) {
        char c = d[i];

        if (released && (i & (JS_RELEASE_BYTES - 1)) == 0)
            js_release(d, i, released);

        if (in_string) {
            if (c == '\\')
                i++;
            else if (c == '"') {
                in_string = 0;
                if (!depth)
                    return i + 1;
            }
        } else if (c == '"') {
            in_string = 1;
        } else if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            if (!depth)
                return i;
            if (!--depth)
                return i + 1;
        } else if (!depth && (c == ',' || c == ' ' || c == '\n' || c == '\r' || c == '\t')) {
            return i;
        }
    }
    return depth || in_string ? n + 1 : n;
}

static size_t js_skip(const char *d, size_t n, size_t i)
{
    return js_skip_releasing(d, n, i, NULL);
}

/* The key d[0, n) (a JSON string's inside) is `name` (ASCII), escapes
** decoded. */
static int js_key_is(const char *d, size_t n, const char *name)
{
    size_t i = 0;

    for (; *name; name++) {
        int c;

        if (i >= n)
            return 0;
        c = (unsigned char)d[i++];
        if (c == '\\' && i < n) {
            c = (unsigned char)d[i++];
            if (c == 'u') {
                unsigned v = 0, k;

                for (k = 0; k < 4; k++, i++) {
                    int h = i < n ? d[i] : 0;

                    v = v * 16 + (unsigned)(h >= '0' && h <= '9'   ? h - '0'
                                            : h >= 'a' && h <= 'f' ? h - 'a' + 10
                                            : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                                                   : 256);
                }
                c = v < 0x80 ? (int)v : -1;
            } else if (c != '/' && c != '\\' && c != '"') {
                c = -1; /* \b \f \n \r \t: no letter of a name */
            }
        }
        if (c != (unsigned char)*name)
            return 0;
    }
    return i == n;
}

/* The extent of the top-level member "functions" (the last, as jansson
** keeps the last of repeated keys): 0, or -1. */
static int js_find_functions(const char *d, size_t n, size_t *start, size_t *end, size_t *released)
{
    size_t i = js_space(d, n, 0);
    int found = 0;

    if (i == n || d[i] != '{')
        return -1;
    i = js_space(d, n, i + 1);
    while (i < n && d[i] == '"') {
        size_t key = i + 1, key_end = js_skip(d, n, i), value;

        if (key_end > n || (i = js_space(d, n, key_end)) == n || d[i] != ':')
            return -1;
        value = js_space(d, n, i + 1);
        if ((i = js_skip_releasing(d, n, value, released)) > n)
            return -1;
        if (js_key_is(d + key, key_end - key - 1, "functions")) {
            *start = value;
            *end = i;
            found = value < n && d[value] == '[';
        }
        i = js_space(d, n, i);
        if (i < n && d[i] == ',')
            i = js_space(d, n, i + 1);
    }
    return found ? 0 : -1;
}

static int js_fail(char *err, size_t errcap, const char *path, const char *what)
{
    snprintf(err, errcap, "%s: %s", path, what);
    return -1;
}

/* Parses `len` bytes of JSON (copied, NUL-terminated, for jansson). */
static int js_parse(const char *a, size_t na, const char *b, size_t nb, const char *c, size_t nc,
                    struct jr_report *out, char *err, size_t errcap)
{
    char *text = malloc(na + nb + nc + 1);
    int status;

    if (!text) {
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    memcpy(text, a, na);
    memcpy(text + na, b, nb);
    memcpy(text + na + nb, c, nc);
    text[na + nb + nc] = '\0';
    status = jr_parse(text, na + nb + nc, out, err, errcap);
    free(text);
    return status;
}

/* The report in d[0, n); `released` as for js_release. */
static int js_walk(const char *d, size_t n, size_t *released, const char *name,
                   struct jr_report *header, js_visitor visit, void *ctx, char *err, size_t errcap)
{
    size_t start = 0, end = 0, i;
    unsigned long index = 0;
    char why[1024];
    int status;

    if (js_find_functions(d, n, &start, &end, released) != 0)
        return js_fail(err, errcap, name, "not a memline report (no \"functions\" array)");
    /* Finding the end of `functions` read the whole file once. */
    if (released) {
        madvise((void *)d, n, MADV_DONTNEED);
        *released = 0;
    }
    if (js_parse(d, start, "[]", 2, d + end, n - end, header, why, sizeof why) != 0)
        return js_fail(err, errcap, name, why);
    for (i = js_space(d, n, start + 1); i < end && d[i] != ']'; index++) {
        size_t next = js_skip(d, n, i);
        struct jr_report one;

        if (next <= i || next > end ||
            js_parse(js_prefix, sizeof js_prefix - 1, d + i, next - i, "]}", 2, &one, why,
                     sizeof why) != 0) {
            char where[1100];

            snprintf(where, sizeof where, "function %lu: %s", index,
                     next <= i || next > end ? "not a JSON value" : why);
            jr_free(header);
            return js_fail(err, errcap, name, where);
        }
        header->report.leaks_tracked |= one.report.leaks_tracked;
        status = one.report.nfunctions == 1
                     ? visit(ctx, &one.report.functions[0], index, &header->report)
                     : 0;
        jr_free(&one);
        if (status != 0) {
            jr_free(header);
            return status;
        }
        i = js_space(d, n, next);
        if (i < end && d[i] == ',')
            i = js_space(d, n, i + 1);
        else if (i < end && d[i] != ']') {
            jr_free(header);
            return js_fail(err, errcap, name, "functions: expected ',' or ']'");
        }
        /* Pages read are not needed again: keep the resident part small. */
        js_release(d, i, released);
    }
    return 0;
}

int js_read_memory(const char *data, size_t len, const char *name, struct jr_report *header,
                   js_visitor visit, void *ctx, char *err, size_t errcap)
{
    return js_walk(data, len, NULL, name, header, visit, ctx, err, errcap);
}

int js_read(const char *path, struct jr_report *header, js_visitor visit, void *ctx, char *err,
            size_t errcap)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC), status;
    struct stat st;
    const char *d = MAP_FAILED;
    size_t n, released = 0;

    if (fd < 0 || fstat(fd, &st) != 0) {
        snprintf(err, errcap, "%s: cannot read it (%s)", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    n = (size_t)st.st_size;
    if (n)
        d = mmap(NULL, n, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (d == MAP_FAILED)
        return js_fail(err, errcap, path, "not a memline report (no \"functions\" array)");
    madvise((void *)d, n, MADV_SEQUENTIAL);
    status = js_walk(d, n, &released, path, header, visit, ctx, err, errcap);
    munmap((void *)d, n);
    return status;
}
