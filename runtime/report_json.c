/*
** runtime/report_json.c — the JSON report (PRODUCT.md §6).
**
** Shape: {"version", "backend", "unit": "bytes", "pid", "argv",
** "functions": [{"name", "file", "first_line", "last_line", "calls",
** "lines": [one object per executed line], "source": [every line's text],
** "source_bytes": [...] (only when some line is not valid UTF-8)}]}.
** When leaks were tracked, every entry of `lines` also has "leaked"; when
** the peak was, "at_peak", and "peak": {"bytes", "seconds" (six decimals),
** "in_lines", "elsewhere"} follows "argv"; with the heap by type, "types":
** [{"type", "blocks", "bytes", "peak_blocks", "peak_bytes"} (and
** "blocks_growth", "bytes_growth" after an on-demand report)]; with the
** reachability scan, every line has "lost" and "leaks": [{"file", "line",
** "function", "bytes", "blocks", "lost_bytes", "path": [strings]}]; when
** the overhead is known (the runtime's own report), "overhead_bytes"
** follows "pid": the memory the runtime mapped for its own data (records,
** registry, signal stacks, reports).
**
** JSON strings must be valid UTF-8, source lines are arbitrary bytes: text
** fields replace invalid bytes with U+FFFD, and `source_bytes` holds, per
** source line, null (the `source` string is exact) or the line's bytes in
** lowercase hex, so that a reader can rebuild the table byte for byte.
*/
#include "report.h"

int mlr_json_string(struct mlo_out *o, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    int lossless = 1;

    mlo_putc(o, '"');
    while (*p) {
        unsigned c = *p;
        size_t n;

        if (c == '"' || c == '\\') {
            mlo_putc(o, '\\');
            mlo_putc(o, (char)c);
            p++;
        } else if (c < 0x20) {
            static const char short_escapes[] = "btn\0fr";
            char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};

            if (c >= '\b' && c <= '\r' && short_escapes[c - '\b']) {
                mlo_putc(o, '\\');
                mlo_putc(o, short_escapes[c - '\b']);
            } else {
                mlo_write(o, esc, sizeof esc);
            }
            p++;
        } else if ((n = mlr_utf8_sequence(p)) > 0) {
            mlo_write(o, (const char *)p, n);
            p += n;
        } else {
            mlo_puts(o, "\\ufffd");
            lossless = 0;
            p++;
        }
    }
    mlo_putc(o, '"');
    return lossless;
}

static void mlr_hex_string(struct mlo_out *o, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;

    mlo_putc(o, '"');
    for (; *p; p++) {
        mlo_putc(o, hex[*p >> 4]);
        mlo_putc(o, hex[*p & 15]);
    }
    mlo_putc(o, '"');
}

static void mlr_key_i64(struct mlo_out *o, const char *key, long long v)
{
    mlo_puts(o, ", \"");
    mlo_puts(o, key);
    mlo_puts(o, "\": ");
    mlo_i64(o, v);
}

static void mlr_key_u64(struct mlo_out *o, const char *key, unsigned long long v)
{
    mlo_puts(o, ", \"");
    mlo_puts(o, key);
    mlo_puts(o, "\": ");
    mlo_u64(o, v);
}

static void mlr_write_line(struct mlo_out *o, unsigned line, const struct mlr_row *row,
                           const struct mlr_report *r)
{
    mlo_puts(o, "{\"line\": ");
    mlo_u64(o, line);
    mlo_puts(o, ", \"text\": ");
    mlr_json_string(o, row->text);
    mlr_key_i64(o, "mem_usage", row->mem_usage);
    mlr_key_i64(o, "increment", row->increment);
    mlr_key_u64(o, "occurrences", row->occurrences);
    mlr_key_i64(o, "peak", row->peak);
    mlr_key_u64(o, "allocs", row->allocs);
    mlr_key_u64(o, "frees", row->frees);
    if (r->leaks_tracked)
        mlr_key_i64(o, "leaked", row->leaked);
    if (r->peak_tracked)
        mlr_key_i64(o, "at_peak", row->at_peak);
    if (r->reach_tracked)
        mlr_key_i64(o, "lost", row->lost);
    mlo_putc(o, '}');
}

static void mlr_write_function(struct mlo_out *o, const struct mlr_function *fn,
                               const struct mlr_report *r)
{
    unsigned n = fn->last_line - fn->first_line + 1, i;
    const char *sep = "";
    int all_utf8 = 1;

    mlo_puts(o, "    {\"name\": ");
    mlr_json_string(o, fn->name);
    mlo_puts(o, ", \"file\": ");
    mlr_json_string(o, fn->file);
    mlr_key_u64(o, "first_line", fn->first_line);
    mlr_key_u64(o, "last_line", fn->last_line);
    mlr_key_u64(o, "calls", fn->calls);
    if (fn->unexited)
        mlr_key_u64(o, "unexited", fn->unexited);
    mlo_puts(o, ",\n     \"lines\": [");
    for (i = 0; i < n; i++) {
        if (fn->rows[i].occurrences == 0)
            continue;
        mlo_puts(o, sep);
        mlo_puts(o, "\n       ");
        mlr_write_line(o, fn->first_line + i, &fn->rows[i], r);
        sep = ",";
    }
    mlo_puts(o, "],\n     \"source\": [");
    for (i = 0; i < n; i++) {
        mlo_puts(o, i ? ",\n       " : "\n       ");
        all_utf8 &= mlr_json_string(o, fn->rows[i].text);
    }
    mlo_putc(o, ']');
    if (!all_utf8) {
        mlo_puts(o, ",\n     \"source_bytes\": [");
        for (i = 0; i < n; i++) {
            mlo_puts(o, i ? ", " : "");
            if (mlr_utf8_valid(fn->rows[i].text))
                mlo_puts(o, "null");
            else
                mlr_hex_string(o, fn->rows[i].text);
        }
        mlo_putc(o, ']');
    }
    mlo_putc(o, '}');
}

static void mlr_write_json_leaks(struct mlo_out *o, const struct mlr_report *r)
{
    unsigned long i;
    unsigned k;

    mlo_puts(o, ",\n  \"leaks\": [");
    for (i = 0; i < r->nleaks; i++) {
        const struct mlr_leak *l = &r->leaks[i];

        mlo_puts(o, i ? ",\n    {\"file\": " : "\n    {\"file\": ");
        mlr_json_string(o, l->file);
        mlr_key_u64(o, "line", l->line);
        mlo_puts(o, ", \"function\": ");
        mlr_json_string(o, l->function);
        mlr_key_i64(o, "bytes", l->bytes);
        mlr_key_i64(o, "blocks", l->blocks);
        mlr_key_i64(o, "lost_bytes", l->lost_bytes);
        mlo_puts(o, ", \"path\": [");
        for (k = 0; k < l->npath; k++) {
            mlo_puts(o, k ? ", " : "");
            mlr_json_string(o, l->path[k]);
        }
        mlo_puts(o, "]}");
    }
    mlo_puts(o, r->nleaks ? "\n  ]" : "]");
}

void mlr_write_json(struct mlo_out *o, const struct mlr_report *r)
{
    unsigned long i;
    int a;

    mlo_puts(o, "{\n  \"version\": ");
    mlo_u64(o, MLR_JSON_VERSION);
    mlo_puts(o, ",\n  \"backend\": ");
    mlr_json_string(o, r->backend);
    mlo_puts(o, ",\n  \"unit\": \"bytes\",\n  \"pid\": ");
    mlo_i64(o, r->pid);
    if (r->overhead_known) {
        mlo_puts(o, ",\n  \"overhead_bytes\": ");
        mlo_u64(o, r->overhead_bytes);
    }
    mlo_puts(o, ",\n  \"argv\": [");
    for (a = 0; a < r->argc; a++) {
        mlo_puts(o, a ? ", " : "");
        mlr_json_string(o, r->argv[a]);
    }
    mlo_putc(o, ']');
    if (r->peak_tracked) {
        char micros[8];
        long long us = r->peak.micros, k;

        mlo_puts(o, ",\n  \"peak\": {\"bytes\": ");
        mlo_i64(o, r->peak.bytes);
        mlo_puts(o, ", \"seconds\": ");
        mlo_i64(o, us / 1000000);
        for (k = 5; k >= 0; k--, us /= 10)
            micros[k] = (char)('0' + us % 10);
        micros[6] = '\0';
        mlo_putc(o, '.');
        mlo_puts(o, micros);
        mlr_key_i64(o, "in_lines", r->peak.in_lines);
        mlr_key_i64(o, "elsewhere", r->peak.elsewhere);
        mlo_putc(o, '}');
    }
    if (r->reach_tracked)
        mlr_write_json_leaks(o, r);
    if (r->types_tracked) {
        mlo_puts(o, ",\n  \"types\": [");
        for (i = 0; i < r->ntypes; i++) {
            const struct mlr_type *t = &r->types[i];

            mlo_puts(o, i ? ",\n    {\"type\": " : "\n    {\"type\": ");
            mlr_json_string(o, t->name);
            mlr_key_i64(o, "blocks", t->blocks);
            mlr_key_i64(o, "bytes", t->bytes);
            mlr_key_i64(o, "peak_blocks", t->peak_blocks);
            mlr_key_i64(o, "peak_bytes", t->peak_bytes);
            if (r->types_growth) {
                mlr_key_i64(o, "blocks_growth", t->blocks_growth);
                mlr_key_i64(o, "bytes_growth", t->bytes_growth);
            }
            mlo_putc(o, '}');
        }
        mlo_puts(o, r->ntypes ? "\n  ]" : "]");
    }
    mlo_puts(o, ",\n  \"functions\": [");
    for (i = 0; i < r->nfunctions; i++) {
        mlo_puts(o, i ? ",\n" : "\n");
        mlr_write_function(o, &r->functions[i], r);
    }
    mlo_puts(o, r->nfunctions ? "\n  ]\n}\n" : "]\n}\n");
}
