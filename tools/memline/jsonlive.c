/*
** jsonlive.c — the live-heap sections of a JSON report (`types`, `leaks`)
** into the report model, for the reader (jsonread.c).
*/
#include "jsonwalk.h"

#include <limits.h>

/* The top-level array `key`: 0 with *list NULL when absent; else its
** length in *n and zeroed room for as many elements of `size` bytes in
** *room; -1 (failed) when it is not an array or too long. */
static int jr_section(struct jr_ctx *c, json_t *root, const char *key, size_t size, json_t **list,
                      size_t *n, void **room)
{
    if (!(*list = json_object_get(root, key)))
        return 0;
    if (!json_is_array(*list))
        return jr_fail(c, key, "expected an array");
    if ((*n = json_array_size(*list)) > JR_MAX_ROWS)
        return jr_fail(c, key, "too many entries");
    if (!(*room = jr_alloc(c, (*n ? *n : 1) * size)))
        return jr_oom(c);
    return 0;
}

/* The top-level `types`, when present. */
int jr_types(struct jr_ctx *c, json_t *root)
{
    struct mlr_report *r = &c->out->report;
    json_t *list;
    struct mlr_type *types = NULL;
    char item[JR_PATH];
    size_t i, n = 0;

    if (jr_section(c, root, "types", sizeof *types, &list, &n, (void **)&types) != 0 || !list)
        return list ? -1 : 0;
    for (i = 0; i < n; i++) {
        json_t *t = json_array_get(list, i), *name;
        struct mlr_type *row = &types[i];

        jr_index_path(item, sizeof item, "types", i);
        if (!json_is_object(t))
            return jr_fail(c, item, "expected an object");
        if (!(name = jr_member(c, t, item, "type", JSON_STRING, "a string")) ||
            jr_integer(c, t, item, "blocks", LLONG_MIN, LLONG_MAX, &row->blocks) != 0 ||
            jr_integer(c, t, item, "bytes", LLONG_MIN, LLONG_MAX, &row->bytes) != 0 ||
            jr_integer(c, t, item, "peak_blocks", LLONG_MIN, LLONG_MAX, &row->peak_blocks) != 0 ||
            jr_integer(c, t, item, "peak_bytes", LLONG_MIN, LLONG_MAX, &row->peak_bytes) != 0)
            return -1;
        if (!(row->name = jr_strdup(c, json_string_value(name))))
            return jr_oom(c);
        if (json_object_get(t, "blocks_growth") || json_object_get(t, "bytes_growth")) {
            if (jr_integer(c, t, item, "blocks_growth", LLONG_MIN, LLONG_MAX,
                           &row->blocks_growth) != 0 ||
                jr_integer(c, t, item, "bytes_growth", LLONG_MIN, LLONG_MAX, &row->bytes_growth) !=
                    0)
                return -1;
            r->types_growth = 1;
        }
    }
    r->types_tracked = 1;
    r->ntypes = n;
    r->types = types;
    return 0;
}

/* The strings of a leak's `path`. */
static int jr_path(struct jr_ctx *c, json_t *leak, const char *where, struct mlr_leak *l)
{
    json_t *list = jr_member(c, leak, where, "path", JSON_ARRAY, "an array");
    const char **path;
    size_t i, n;

    if (!list)
        return -1;
    if ((n = json_array_size(list)) > JR_MAX_ROWS)
        return jr_fail(c, where, "path too long");
    if (!(path = jr_alloc(c, (n ? n : 1) * sizeof *path)))
        return jr_oom(c);
    for (i = 0; i < n; i++) {
        json_t *step = json_array_get(list, i);

        if (!json_is_string(step))
            return jr_fail(c, where, "path: expected strings");
        if (!(path[i] = jr_strdup(c, json_string_value(step))))
            return jr_oom(c);
    }
    l->npath = (unsigned)n;
    l->path = path;
    return 0;
}

/* The top-level `leaks`, when present. */
int jr_leaks(struct jr_ctx *c, json_t *root)
{
    struct mlr_report *r = &c->out->report;
    json_t *list;
    struct mlr_leak *leaks = NULL;
    char item[JR_PATH];
    size_t i, n = 0;
    long long line;

    if (jr_section(c, root, "leaks", sizeof *leaks, &list, &n, (void **)&leaks) != 0 || !list)
        return list ? -1 : 0;
    for (i = 0; i < n; i++) {
        json_t *l = json_array_get(list, i), *file, *function;
        struct mlr_leak *row = &leaks[i];

        jr_index_path(item, sizeof item, "leaks", i);
        if (!json_is_object(l))
            return jr_fail(c, item, "expected an object");
        if (!(file = jr_member(c, l, item, "file", JSON_STRING, "a string")) ||
            !(function = jr_member(c, l, item, "function", JSON_STRING, "a string")) ||
            jr_integer(c, l, item, "line", 1, UINT_MAX, &line) != 0 ||
            jr_integer(c, l, item, "bytes", LLONG_MIN, LLONG_MAX, &row->bytes) != 0 ||
            jr_integer(c, l, item, "blocks", 0, LLONG_MAX, &row->blocks) != 0 ||
            jr_integer(c, l, item, "lost_bytes", LLONG_MIN, LLONG_MAX, &row->lost_bytes) != 0 ||
            jr_path(c, l, item, row) != 0)
            return -1;
        row->line = (unsigned)line;
        if (!(row->file = jr_strdup(c, json_string_value(file))) ||
            !(row->function = jr_strdup(c, json_string_value(function))))
            return jr_oom(c);
    }
    r->reach_tracked = 1;
    r->nleaks = n;
    r->leaks = leaks;
    return 0;
}
