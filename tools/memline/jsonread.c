/*
** jsonread.c — JSON report -> report model (see jsonread.h).
**
** jansson parses and keeps line/column for syntax errors; everything after
** that is a walk over the tree that copies what it needs into memory owned
** by the jr_report (the tree is freed before returning). Errors in a
** well-formed file name the JSON path of the offending value.
*/
#include "jsonwalk.h"

#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *jr_alloc(struct jr_ctx *c, size_t size)
{
    struct jr_report *r = c->out;
    void *p;

    if (r->nowned == r->owned_capacity) {
        size_t capacity = r->owned_capacity ? 2 * r->owned_capacity : 64;
        void **owned = realloc(r->owned, capacity * sizeof *owned);

        if (!owned)
            return NULL;
        r->owned = owned;
        r->owned_capacity = capacity;
    }
    p = calloc(1, size ? size : 1);
    if (p)
        r->owned[r->nowned++] = p;
    return p;
}

void jr_free(struct jr_report *r)
{
    size_t i;

    for (i = 0; i < r->nowned; i++)
        free(r->owned[i]);
    free(r->owned);
    memset(r, 0, sizeof *r);
}

int jr_fail(struct jr_ctx *c, const char *where, const char *fmt, ...)
{
    size_t n = 0;
    va_list ap;

    if (where && where[0]) {
        int k = snprintf(c->err, c->errcap, "%s: ", where);

        n = k < 0 ? 0 : (size_t)k < c->errcap ? (size_t)k : c->errcap - 1;
    }
    va_start(ap, fmt);
    vsnprintf(c->err + n, c->errcap - n, fmt, ap);
    va_end(ap);
    return -1;
}

int jr_oom(struct jr_ctx *c)
{
    return jr_fail(c, NULL, "out of memory");
}

char *jr_strdup(struct jr_ctx *c, const char *s)
{
    size_t n = strlen(s) + 1;
    char *copy = jr_alloc(c, n);

    if (copy)
        memcpy(copy, s, n);
    return copy;
}

/* A path that did not fit in its buffer ends in "..." (cap > 3). */
static const char *jr_path_done(char *buf, size_t cap, int written)
{
    if (written < 0 || (size_t)written >= cap)
        memcpy(buf + cap - 4, "...", 4);
    return buf;
}

/* "parent.key" or "parent[i]" into a caller's buffer. */
static const char *jr_key_path(char *buf, size_t cap, const char *parent, const char *key)
{
    return jr_path_done(buf, cap, snprintf(buf, cap, "%s%s%s", parent, parent[0] ? "." : "", key));
}

const char *jr_index_path(char *buf, size_t cap, const char *parent, size_t i)
{
    return jr_path_done(buf, cap, snprintf(buf, cap, "%s[%zu]", parent, i));
}

/* Member `key` of object `obj` (at `where`) with the given JSON type. */
json_t *jr_member(struct jr_ctx *c, json_t *obj, const char *where, const char *key, json_type type,
                  const char *type_name)
{
    char path[JR_PATH];
    json_t *v = json_object_get(obj, key);

    jr_key_path(path, sizeof path, where, key);
    if (!v) {
        jr_fail(c, where[0] ? where : "report", "missing \"%s\"", key);
        return NULL;
    }
    if (json_typeof(v) != type) {
        jr_fail(c, path, "expected %s", type_name);
        return NULL;
    }
    return v;
}

/* An integer member within [min, max]. */
int jr_integer(struct jr_ctx *c, json_t *obj, const char *where, const char *key, long long min,
               long long max, long long *value)
{
    char path[JR_PATH];
    json_t *v = jr_member(c, obj, where, key, JSON_INTEGER, "an integer");

    if (!v)
        return -1;
    *value = json_integer_value(v);
    if (*value < min || *value > max)
        return jr_fail(c, jr_key_path(path, sizeof path, where, key), "%lld is out of range",
                       *value);
    return 0;
}

static int jr_count(struct jr_ctx *c, json_t *obj, const char *where, const char *key,
                    unsigned long long *value)
{
    long long v;

    if (jr_integer(c, obj, where, key, 0, LLONG_MAX, &v) != 0)
        return -1;
    *value = (unsigned long long)v;
    return 0;
}

static int jr_hex_digit(char h)
{
    if (h >= '0' && h <= '9')
        return h - '0';
    if (h >= 'a' && h <= 'f')
        return h - 'a' + 10;
    if (h >= 'A' && h <= 'F')
        return h - 'A' + 10;
    return -1;
}

/* A source line's exact bytes from its `source_bytes` hex string. */
static const char *jr_unhex(struct jr_ctx *c, const char *hex, const char *where)
{
    size_t n = strlen(hex), i;
    char *bytes;

    if (n % 2)
        return jr_fail(c, where, "odd number of hex digits"), NULL;
    if (!(bytes = jr_alloc(c, n / 2 + 1)))
        return jr_oom(c), NULL;
    for (i = 0; i < n / 2; i++) {
        int hi = jr_hex_digit(hex[2 * i]), lo = jr_hex_digit(hex[2 * i + 1]);

        if (hi < 0 || lo < 0 || (hi | lo) == 0)
            return jr_fail(c, where, "not a hex string of nonzero bytes"), NULL;
        bytes[i] = (char)(hi << 4 | lo);
    }
    return bytes;
}

/* Row texts from `source` and `source_bytes`; returns 1 if `source` is
** absent (texts are left for the executed lines to fill), 0, or -1. */
static int jr_source(struct jr_ctx *c, json_t *fn, const char *where, struct mlr_row *rows,
                     size_t n)
{
    json_t *source = json_object_get(fn, "source"), *bytes;
    char path[JR_PATH], item[JR_PATH];
    size_t i;

    if (!source)
        return 1;
    jr_key_path(path, sizeof path, where, "source");
    if (!json_is_array(source) || json_array_size(source) != n)
        return jr_fail(c, path, "expected an array of %zu strings (one per line)", n);
    for (i = 0; i < n; i++) {
        json_t *s = json_array_get(source, i);

        if (!json_is_string(s))
            return jr_fail(c, jr_index_path(item, sizeof item, path, i), "expected a string");
        if (!(rows[i].text = jr_strdup(c, json_string_value(s))))
            return jr_oom(c);
    }
    if (!(bytes = json_object_get(fn, "source_bytes")))
        return 0;
    jr_key_path(path, sizeof path, where, "source_bytes");
    if (!json_is_array(bytes) || json_array_size(bytes) != n)
        return jr_fail(c, path, "expected an array of %zu entries (one per line)", n);
    for (i = 0; i < n; i++) {
        json_t *h = json_array_get(bytes, i);

        jr_index_path(item, sizeof item, path, i);
        if (json_is_null(h))
            continue;
        if (!json_is_string(h))
            return jr_fail(c, item, "expected a hex string or null");
        if (!(rows[i].text = jr_unhex(c, json_string_value(h), item)))
            return -1;
    }
    return 0;
}

/* One entry of `lines`: the row it fills, its leak included when present. */
static int jr_line(struct jr_ctx *c, json_t *line, const char *where, struct mlr_function *fn,
                   int texts_from_lines)
{
    long long number, v;
    struct mlr_row *row;
    json_t *text;

    if (!json_is_object(line))
        return jr_fail(c, where, "expected an object");
    if (jr_integer(c, line, where, "line", fn->first_line, fn->last_line, &number) != 0)
        return -1;
    row = &fn->rows[number - fn->first_line];
    if (row->occurrences != 0)
        return jr_fail(c, where, "line %lld appears twice", number);
    if (jr_integer(c, line, where, "mem_usage", LLONG_MIN, LLONG_MAX, &row->mem_usage) != 0 ||
        jr_integer(c, line, where, "increment", LLONG_MIN, LLONG_MAX, &row->increment) != 0 ||
        jr_integer(c, line, where, "peak", LLONG_MIN, LLONG_MAX, &row->peak) != 0 ||
        jr_integer(c, line, where, "occurrences", 1, LLONG_MAX, &v) != 0)
        return -1;
    row->occurrences = (unsigned long long)v;
    if (jr_count(c, line, where, "allocs", &row->allocs) != 0 ||
        jr_count(c, line, where, "frees", &row->frees) != 0)
        return -1;
    if (json_object_get(line, "leaked")) {
        if (jr_integer(c, line, where, "leaked", LLONG_MIN, LLONG_MAX, &row->leaked) != 0)
            return -1;
        c->out->report.leaks_tracked = 1;
    }
    if (json_object_get(line, "at_peak") &&
        jr_integer(c, line, where, "at_peak", LLONG_MIN, LLONG_MAX, &row->at_peak) != 0)
        return -1;
    if (json_object_get(line, "lost") &&
        jr_integer(c, line, where, "lost", LLONG_MIN, LLONG_MAX, &row->lost) != 0)
        return -1;
    if (texts_from_lines) {
        if (!(text = jr_member(c, line, where, "text", JSON_STRING, "a string")))
            return -1;
        if (!(row->text = jr_strdup(c, json_string_value(text))))
            return jr_oom(c);
    }
    return 0;
}

static int jr_function(struct jr_ctx *c, json_t *obj, const char *where, struct mlr_function *fn)
{
    json_t *name, *file, *lines;
    long long first, last;
    char path[JR_PATH], item[JR_PATH];
    size_t n, i;
    int texts_from_lines;

    if (!json_is_object(obj))
        return jr_fail(c, where, "expected an object");
    if (!(name = jr_member(c, obj, where, "name", JSON_STRING, "a string")) ||
        !(file = jr_member(c, obj, where, "file", JSON_STRING, "a string")) ||
        jr_integer(c, obj, where, "first_line", 1, 0xffffffffLL, &first) != 0 ||
        jr_integer(c, obj, where, "last_line", first, 0xffffffffLL, &last) != 0 ||
        jr_count(c, obj, where, "calls", &fn->calls) != 0 ||
        !(lines = jr_member(c, obj, where, "lines", JSON_ARRAY, "an array")))
        return -1;
    if (json_object_get(obj, "unexited") && jr_count(c, obj, where, "unexited", &fn->unexited) != 0)
        return -1;
    fn->first_line = (unsigned)first;
    fn->last_line = (unsigned)last;
    n = (size_t)(last - first) + 1;
    if (n > JR_MAX_ROWS - c->rows ||
        (!json_object_get(obj, "source") && n > JR_MAX_ROWS_WITHOUT_SOURCE))
        return jr_fail(c, where, "too many lines (%zu)", n);
    c->rows += n;
    if (!(fn->name = jr_strdup(c, json_string_value(name))) ||
        !(fn->file = jr_strdup(c, json_string_value(file))) ||
        !(fn->rows = jr_alloc(c, n * sizeof *fn->rows)))
        return jr_oom(c);
    if ((texts_from_lines = jr_source(c, obj, where, fn->rows, n)) < 0)
        return -1;
    jr_key_path(path, sizeof path, where, "lines");
    for (i = 0; i < json_array_size(lines); i++) {
        jr_index_path(item, sizeof item, path, i);
        if (jr_line(c, json_array_get(lines, i), item, fn, texts_from_lines) != 0)
            return -1;
    }
    for (i = 0; i < n; i++)
        if (!fn->rows[i].text)
            fn->rows[i].text = "";
    return 0;
}

static int jr_header(struct jr_ctx *c, json_t *root)
{
    struct mlr_report *r = &c->out->report;
    json_t *backend, *unit, *argv;
    const char **args;
    long long version, pid;
    char item[JR_PATH];
    size_t i;

    if (jr_integer(c, root, "", "version", LLONG_MIN, LLONG_MAX, &version) != 0)
        return -1;
    if (version != MLR_JSON_VERSION)
        return jr_fail(c, "version", "report format %lld is not supported (this memline reads %d)",
                       version, MLR_JSON_VERSION);
    if (!(backend = jr_member(c, root, "", "backend", JSON_STRING, "a string")) ||
        !(unit = jr_member(c, root, "", "unit", JSON_STRING, "a string")) ||
        jr_integer(c, root, "", "pid", LONG_MIN, LONG_MAX, &pid) != 0 ||
        !(argv = jr_member(c, root, "", "argv", JSON_ARRAY, "an array")))
        return -1;
    if (strcmp(json_string_value(backend), "heap") != 0 &&
        strcmp(json_string_value(backend), "rss") != 0)
        return jr_fail(c, "backend", "expected \"heap\" or \"rss\"");
    if (strcmp(json_string_value(unit), "bytes") != 0)
        return jr_fail(c, "unit", "expected \"bytes\"");
    if (json_object_get(root, "overhead_bytes")) {
        if (jr_count(c, root, "", "overhead_bytes", &r->overhead_bytes) != 0)
            return -1;
        r->overhead_known = 1;
    }
    if (json_array_size(argv) > 1024 * 1024)
        return jr_fail(c, "argv", "too many arguments");
    if (!(r->backend = jr_strdup(c, json_string_value(backend))) ||
        !(args = jr_alloc(c, json_array_size(argv) * sizeof *args)))
        return jr_oom(c);
    for (i = 0; i < json_array_size(argv); i++) {
        json_t *a = json_array_get(argv, i);

        if (!json_is_string(a))
            return jr_fail(c, jr_index_path(item, sizeof item, "argv", i), "expected a string");
        if (!(args[i] = jr_strdup(c, json_string_value(a))))
            return jr_oom(c);
    }
    r->pid = (long)pid;
    r->argc = (int)json_array_size(argv);
    r->argv = args;
    return 0;
}

/* The top-level `peak`, when present: seconds become microseconds. */
static int jr_peak(struct jr_ctx *c, json_t *root)
{
    struct mlr_peak *p = &c->out->report.peak;
    json_t *obj = json_object_get(root, "peak"), *seconds;
    double s;

    if (!obj)
        return 0;
    if (!json_is_object(obj))
        return jr_fail(c, "peak", "expected an object");
    if (jr_integer(c, obj, "peak", "bytes", 0, LLONG_MAX, &p->bytes) != 0 ||
        jr_integer(c, obj, "peak", "in_lines", LLONG_MIN, LLONG_MAX, &p->in_lines) != 0 ||
        jr_integer(c, obj, "peak", "elsewhere", LLONG_MIN, LLONG_MAX, &p->elsewhere) != 0)
        return -1;
    seconds = json_object_get(obj, "seconds");
    if (!json_is_number(seconds))
        return jr_fail(c, "peak.seconds", "expected a number");
    s = json_number_value(seconds);
    if (!(s >= 0 && s < 1e12))
        return jr_fail(c, "peak.seconds", "%g is out of range", s);
    if (__builtin_add_overflow(p->in_lines, p->elsewhere, &(long long){0}) ||
        p->in_lines + p->elsewhere != p->bytes)
        return jr_fail(c, "peak", "in_lines + elsewhere is not bytes");
    p->micros = (long long)(s * 1e6 + 0.5);
    c->out->report.peak_tracked = 1;
    return 0;
}

static int jr_report(struct jr_ctx *c, json_t *root)
{
    struct jr_report *out = c->out;
    struct mlr_function *functions;
    json_t *list;
    size_t n, i;
    char item[JR_PATH];

    if (!json_is_object(root))
        return jr_fail(c, NULL, "not a memline report (expected a JSON object)");
    if (jr_header(c, root) != 0 || jr_peak(c, root) != 0 || jr_types(c, root) != 0 ||
        jr_leaks(c, root) != 0 ||
        !(list = jr_member(c, root, "", "functions", JSON_ARRAY, "an array")))
        return -1;
    n = json_array_size(list);
    if (n > JR_MAX_ROWS)
        return jr_fail(c, "functions", "too many functions");
    if (!(functions = jr_alloc(c, n * sizeof *functions)))
        return jr_oom(c);
    for (i = 0; i < n; i++) {
        jr_index_path(item, sizeof item, "functions", i);
        if (jr_function(c, json_array_get(list, i), item, &functions[i]) != 0)
            return -1;
    }
    out->report.nfunctions = n;
    out->report.functions = functions;
    return 0;
}

int jr_parse(const char *data, size_t len, struct jr_report *out, char *err, size_t errcap)
{
    struct jr_ctx c = {out, err, errcap, 0};
    json_error_t error;
    json_t *root;
    char *p;
    int status;

    memset(out, 0, sizeof *out);
    root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &error);
    if (!root) {
        if (error.line < 0 && !error.text[0]) /* jansson's out of memory */
            snprintf(err, errcap, " out of memory reading it (memline top reads any size)");
        else
            snprintf(err, errcap, "%d:%d: %s", error.line, error.column, error.text);
        for (p = err; *p; p++) /* jansson quotes the input, newlines included */
            if ((unsigned char)*p < 0x20)
                *p = ' ';
        return -1;
    }
    status = jr_report(&c, root);
    json_decref(root);
    if (status != 0)
        jr_free(out);
    return status;
}

int jr_read_file(const char *path, struct jr_report *out, char *err, size_t errcap)
{
    char *data = NULL, message[512];
    size_t len = 0, capacity = 0;
    FILE *f = fopen(path, "rb");
    int status;

    memset(out, 0, sizeof *out);
    if (!f) {
        snprintf(err, errcap, "%s: %s", path, strerror(errno));
        return -1;
    }
    for (;;) {
        size_t got;

        if (len == capacity) {
            char *bigger = realloc(data, capacity ? 2 * capacity : 65536);

            if (!bigger) {
                free(data);
                fclose(f);
                snprintf(err, errcap, "%s: out of memory", path);
                return -1;
            }
            data = bigger;
            capacity = capacity ? 2 * capacity : 65536;
        }
        got = fread(data + len, 1, capacity - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        snprintf(err, errcap, "%s: %s", path, strerror(errno));
        free(data);
        fclose(f);
        return -1;
    }
    fclose(f);
    status = jr_parse(data, len, out, message, sizeof message);
    free(data);
    if (status != 0)
        snprintf(err, errcap, "%s:%s", path, message);
    return status;
}
