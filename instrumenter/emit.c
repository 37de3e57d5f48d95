/*
** emit.c — the rewritten file around the edited text; see emit.h.
*/
#include "emit.h"

#include <string.h>

static const char bom[] = "\xEF\xBB\xBF";

static int has_bom(const struct mlr_file *f)
{
    return f->size >= 3 && memcmp(f->text, bom, 3) == 0;
}

static void quoted(struct mlb *out, const char *s, size_t n)
{
    mlb_append(out, "\"", 1);
    mlt_escape(out, s, n);
    mlb_append(out, "\"", 1);
}

static void site_data(struct mlb *out, const struct mlr_file *f, const char *path,
                      const struct mls_function *fn, const struct mlw_runs *runs, size_t site)
{
    unsigned line;
    size_t i;

    mlb_printf(out, "static const char *const memline__text_%zu[] = {\n", site);
    for (line = fn->first_line; line <= fn->last_line; line++) {
        size_t b, len;
        mlt_line_span(&f->lines, f->text, f->size, line, &b, &len);
        if (b == 0 && has_bom(f)) {
            b += 3;
            len = len >= 3 ? len - 3 : 0;
        }
        quoted(out, f->text + b, len);
        mlb_puts(out, line < fn->last_line ? ",\n" : "\n");
    }
    mlb_puts(out, "};\n");
    if (runs->lines.n) {
        mlb_printf(out, "static const unsigned memline__runs_%zu[] = {", site);
        for (i = 0; i < runs->lines.n; i++)
            mlb_printf(out, "%s%u, %u", i ? ", " : " ", runs->lines.v[2 * i],
                       runs->lines.v[2 * i + 1]);
        mlb_puts(out, " };\n");
    }
    mlb_printf(out, "static struct memline_site memline__site_%zu = { MEMLINE_PROBE_VERSION, 0, ",
               site);
    quoted(out, path, strlen(path));
    mlb_puts(out, ", ");
    quoted(out, fn->name, strlen(fn->name));
    mlb_printf(out, ", %u, %u, memline__text_%zu, %u, %zu, ", fn->first_line, fn->last_line, site,
               runs->n, runs->lines.n);
    if (runs->lines.n)
        mlb_printf(out, "memline__runs_%zu, ", site);
    else
        mlb_puts(out, "0, ");
    if (runs->links.n)
        mlb_printf(out, "%zu, memline__links_%zu, 0 };\n", runs->links.n, site);
    else
        mlb_puts(out, "0, 0, 0 };\n");
}

/* The links of a function's calls of functions counted by their callers
** (bycaller.h), whose sites come first. */
static void links_data(struct mlb *out, const struct mlw_runs *runs, size_t site)
{
    size_t i;

    if (!runs->links.n)
        return;
    mlb_printf(out, "static const struct memline_link memline__links_%zu[] = {", site);
    for (i = 0; i < runs->links.n; i++)
        mlb_printf(out, "%s{ %u, &memline__site_%u }", i ? ", " : " ", runs->links.v[2 * i],
                   runs->links.v[2 * i + 1]);
    mlb_puts(out, " };\n");
}

int mlo_emit(struct mlb *out, const struct mlr_file *f, const char *path, const struct mls_set *set,
             const struct mlw_runs *runs, const struct mltt_list *types, struct mle_list *edits)
{
    size_t i;

    if (has_bom(f)) {
        mlb_append(out, bom, 3);
        mle_replace(edits, 0, 3, "");
    }
    /* Guarded by the probe header's own guard: a file that includes
    ** itself (`#include "x.c"` finds the copy beside itself) must not
    ** define the sites twice. */
    mlb_puts(out, "#ifndef MEMLINE_PROBE_H\n"
                  "#include <memline/probe.h>\n"
                  "#pragma GCC diagnostic push\n"
                  "#pragma GCC diagnostic ignored \"-Woverlength-strings\"\n");
    for (i = 0; i < set->n; i++)
        if (!runs[i].links.n)
            site_data(out, f, path, &set->v[i], &runs[i], i + 1);
    for (i = 0; i < set->n; i++)
        if (runs[i].links.n) {
            links_data(out, &runs[i], i + 1);
            site_data(out, f, path, &set->v[i], &runs[i], i + 1);
        }
    mltt_emit(out, types);
    mlb_puts(out, "#pragma GCC diagnostic pop\n"
                  "#endif\n"
                  "#line 1 ");
    quoted(out, path, strlen(path));
    mlb_puts(out, "\n");
    return mle_apply(edits, f->text, f->size, out);
}
