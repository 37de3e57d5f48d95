/*
** jsonwalk.h — the helpers of the JSON report reader (jsonread.c) that
** its other parts share (jsonlive.c: the live-heap sections). Internal to
** the reader.
*/
#ifndef MEMLINE_JSONWALK_H
#define MEMLINE_JSONWALK_H

#include "jsonread.h"

#include <jansson.h>

#define JR_PATH 256

struct jr_ctx {
    struct jr_report *out;
    char *err;
    size_t errcap;
    unsigned long rows; /* rows allocated so far, against JR_MAX_ROWS */
};

/* Zeroed memory the report owns; NULL when out of memory. */
void *jr_alloc(struct jr_ctx *c, size_t size);
char *jr_strdup(struct jr_ctx *c, const char *s);

/* Record a message ("where: what"); return -1. */
__attribute__((format(printf, 3, 4))) int jr_fail(struct jr_ctx *c, const char *where,
                                                  const char *fmt, ...);
int jr_oom(struct jr_ctx *c);

/* "parent[i]" into buf. */
const char *jr_index_path(char *buf, size_t cap, const char *parent, size_t i);

/* Member `key` of `obj` (at `where`) of the given type, or NULL (failed). */
json_t *jr_member(struct jr_ctx *c, json_t *obj, const char *where, const char *key, json_type type,
                  const char *type_name);

/* An integer member within [min, max]: 0, or -1 (failed). */
int jr_integer(struct jr_ctx *c, json_t *obj, const char *where, const char *key, long long min,
               long long max, long long *value);

/* The top-level `types` and `leaks`, when present (jsonlive.c). */
int jr_types(struct jr_ctx *c, json_t *root);
int jr_leaks(struct jr_ctx *c, json_t *root);

#endif
