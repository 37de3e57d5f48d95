/*
** runtime/report_types.c — the heap by type as text (MEMLINE_TYPES=1),
** after the tables:
**
**   Live heap by type (at the report; at the peak)
**         Blocks        Bytes   Share  Peak blocks   Peak bytes   Share   Type
**         100000      5.3 MiB   76.9 %       100000      5.3 MiB   76.9 %   struct record
**
** Shares are of the live heap (all types' bytes) at each moment. A report
** that follows an on-demand one adds, before Type, the change of blocks
** and bytes since then (objgraph's show_growth): `+12000  +3.1 MiB`.
*/
#include "report.h"

#include <string.h>

int mlr_type_order(const struct mlr_type *a, const struct mlr_type *b)
{
    if (a->bytes != b->bytes)
        return a->bytes > b->bytes ? -1 : 1;
    return strcmp(a->name, b->name);
}

static void mlr_cell(struct mlo_out *o, const char *s, size_t width)
{
    size_t n = strlen(s);

    if (n < width)
        mlo_repeat(o, ' ', width - n);
    mlo_puts(o, s);
}

static void mlr_count_cell(struct mlo_out *o, long long v, int sign, size_t width)
{
    char digits[32];
    size_t n = 0;

    if (sign && v > 0)
        digits[n++] = '+';
    if (v < 0) {
        digits[n++] = '-';
        v = -v;
    }
    n += mlo_format_u64(digits + n, (unsigned long long)v);
    digits[n] = '\0';
    mlr_cell(o, digits, width);
}

static void mlr_amount_cell(struct mlo_out *o, long long v, int sign,
                            const struct mlr_text_options *opts, size_t width)
{
    char cell[80], *p = mlr_amount_text(cell + 1, v, opts);

    if (sign && v > 0)
        *--p = '+';
    mlr_cell(o, p, width);
}

static void mlr_share_cell(struct mlo_out *o, long long part, long long whole)
{
    char cell[32];
    size_t n = mlr_format_percent(cell, part, whole);

    memcpy(cell + n, " %", 3);
    mlr_cell(o, cell, 8);
}

void mlr_write_types(struct mlo_out *o, const struct mlr_report *r,
                     const struct mlr_text_options *opts)
{
    long long bytes = 0, peak_bytes = 0;
    unsigned long i;

    for (i = 0; i < r->ntypes; i++) {
        bytes += r->types[i].bytes;
        peak_bytes += r->types[i].peak_bytes;
    }
    mlo_puts(o, "Live heap by type (at the report; at the peak)\n");
    mlr_cell(o, "Blocks", 12);
    mlr_cell(o, "Bytes", 13);
    mlr_cell(o, "Share", 8);
    mlr_cell(o, "Peak blocks", 13);
    mlr_cell(o, "Peak bytes", 13);
    mlr_cell(o, "Share", 8);
    if (r->types_growth) {
        mlr_cell(o, "Growth", 13);
        mlr_cell(o, "(bytes)", 13);
    }
    mlo_puts(o, "   Type\n");
    for (i = 0; i < r->ntypes; i++) {
        const struct mlr_type *t = &r->types[i];

        mlr_count_cell(o, t->blocks, 0, 12);
        mlr_amount_cell(o, t->bytes, 0, opts, 13);
        mlr_share_cell(o, t->bytes, bytes);
        mlr_count_cell(o, t->peak_blocks, 0, 13);
        mlr_amount_cell(o, t->peak_bytes, 0, opts, 13);
        mlr_share_cell(o, t->peak_bytes, peak_bytes);
        if (r->types_growth) {
            mlr_count_cell(o, t->blocks_growth, 1, 13);
            mlr_amount_cell(o, t->bytes_growth, 1, opts, 13);
        }
        mlo_puts(o, "   ");
        mlo_puts(o, t->name);
        mlo_putc(o, '\n');
    }
    mlo_puts(o, "\n\n");
}
