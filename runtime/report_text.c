/*
** runtime/report_text.c — the text table, in memory_profiler's layout:
**
**   template = '{0:>6} {1:>12} {2:>12}  {3:>10}   {4:<}'
**   amounts  = '{0:W.Pf} UNIT' with W = precision + 4
**
** "Filename: F", a blank line, the header, a rule of '=' as wide as the
** header, one row per source line (a line that never ran shows only its
** number and text), then two blank lines. Extra columns (MEMLINE_COLUMNS)
** go between Occurrences and Line Contents, each as two spaces and a
** right-aligned field; Leaked (At peak) reads 0 when the run did not
** track leaks (the peak).
**
** With the peak tracked the report ends with one line:
**
**   Peak: 28.0 MiB at 0.012 s; 24.0 MiB of it (85.7 %) from profiled lines,
**   the most from peak.c:9 in main() (16.0 MiB)
**
** (one line; the last clause only when some line holds a share), amounts
** in the tables' unit and precision without their padding; the largest
** line is the first in table order among those with the largest share.
*/
#include "report.h"

#include <string.h>

static const char *const mlr_unit_names[] = {"B", "B", "KiB", "MiB", "GiB"};

__extension__ typedef unsigned __int128 mlr_u128;

static enum mlr_unit mlr_pick_unit(unsigned long long mag)
{
    if (mag < 1024ULL)
        return MLR_UNIT_B;
    if (mag < 1024ULL * 1024)
        return MLR_UNIT_KIB;
    if (mag < 1024ULL * 1024 * 1024)
        return MLR_UNIT_MIB;
    return MLR_UNIT_GIB;
}

size_t mlr_format_amount(char *dst, long long bytes, enum mlr_unit unit, int precision)
{
    unsigned long long mag =
        bytes < 0 ? 0ULL - (unsigned long long)bytes : (unsigned long long)bytes;
    unsigned long long pow10 = 1, whole, frac;
    unsigned shift;
    mlr_u128 scaled, rest, q;
    char number[64], digits[21];
    size_t n = 0, len, width, i;
    int p;

    if (precision < 0)
        precision = 0;
    if (precision > MLR_MAX_PRECISION)
        precision = MLR_MAX_PRECISION;
    if (unit == MLR_UNIT_AUTO)
        unit = mlr_pick_unit(mag);
    shift = 10u * (unsigned)(unit - MLR_UNIT_B);
    for (p = 0; p < precision; p++)
        pow10 *= 10;

    scaled = (mlr_u128)mag * pow10;
    q = scaled >> shift;
    rest = scaled - ((mlr_u128)q << shift);
    if (shift > 0) {
        mlr_u128 half = (mlr_u128)1 << (shift - 1);

        if (rest > half || (rest == half && (q & 1)))
            q++;
    }
    whole = (unsigned long long)(q / pow10);
    frac = (unsigned long long)(q % pow10);

    if (bytes < 0)
        number[n++] = '-';
    n += mlo_format_u64(number + n, whole);
    if (precision > 0) {
        len = mlo_format_u64(digits, frac);
        number[n++] = '.';
        for (i = len; i < (size_t)precision; i++)
            number[n++] = '0';
        memcpy(number + n, digits, len);
        n += len;
    }

    width = (size_t)precision + 4;
    len = 0;
    for (i = n; i < width; i++)
        dst[len++] = ' ';
    memcpy(dst + len, number, n);
    len += n;
    dst[len++] = ' ';
    strcpy(dst + len, mlr_unit_names[unit]);
    return len + strlen(mlr_unit_names[unit]);
}

void mlr_text_defaults(struct mlr_text_options *opts)
{
    opts->unit = MLR_UNIT_AUTO;
    opts->precision = 1;
    opts->ncolumns = 0;
    opts->top = 0;
}

/* Right-aligns s in a field of `width` (longer text overflows, as in
** Python's format). */
static size_t mlr_rjust(struct mlo_out *o, const char *s, size_t width)
{
    size_t n = strlen(s);

    if (n < width)
        mlo_repeat(o, ' ', width - n);
    mlo_write(o, s, n);
    return n < width ? width : n;
}

/* Amounts (Peak, Leaked, At peak, Lost) are as wide as Mem usage; counts as
** Occurrences. */
static size_t mlr_column_width(enum mlr_column c)
{
    return c == MLR_COLUMN_ALLOCS || c == MLR_COLUMN_FREES ? 10 : 12;
}

static const char *mlr_column_title(enum mlr_column c)
{
    switch (c) {
    case MLR_COLUMN_PEAK:
        return "Peak";
    case MLR_COLUMN_ALLOCS:
        return "Allocs";
    case MLR_COLUMN_LEAKED:
        return "Leaked";
    case MLR_COLUMN_AT_PEAK:
        return "At peak";
    case MLR_COLUMN_LOST:
        return "Lost";
    default:
        return "Frees";
    }
}

static void mlr_write_header(struct mlo_out *o, const struct mlr_text_options *opts)
{
    size_t width = 0;
    int c;

    width += mlr_rjust(o, "Line #", 6);
    mlo_putc(o, ' ');
    width += 1 + mlr_rjust(o, "Mem usage", 12);
    mlo_putc(o, ' ');
    width += 1 + mlr_rjust(o, "Increment", 12);
    mlo_puts(o, "  ");
    width += 2 + mlr_rjust(o, "Occurrences", 10);
    for (c = 0; c < opts->ncolumns; c++) {
        mlo_puts(o, "  ");
        width += 2 + mlr_rjust(o, mlr_column_title(opts->columns[c]),
                               mlr_column_width(opts->columns[c]));
    }
    mlo_puts(o, "   Line Contents\n");
    width += 16;
    mlo_repeat(o, '=', width);
    mlo_putc(o, '\n');
}

static void mlr_write_row(struct mlo_out *o, unsigned line, const struct mlr_row *row,
                          const struct mlr_report *r, const struct mlr_text_options *opts)
{
    char cell[64];
    int c;

    mlo_format_u64(cell, line);
    mlr_rjust(o, cell, 6);
    if (row->occurrences == 0) {
        mlo_repeat(o, ' ', 1 + 12 + 1 + 12 + 2 + 10);
        for (c = 0; c < opts->ncolumns; c++)
            mlo_repeat(o, ' ', 2 + mlr_column_width(opts->columns[c]));
    } else {
        mlo_putc(o, ' ');
        mlr_format_amount(cell, row->mem_usage, opts->unit, opts->precision);
        mlr_rjust(o, cell, 12);
        mlo_putc(o, ' ');
        mlr_format_amount(cell, row->increment, opts->unit, opts->precision);
        mlr_rjust(o, cell, 12);
        mlo_puts(o, "  ");
        mlo_format_u64(cell, row->occurrences);
        mlr_rjust(o, cell, 10);
        for (c = 0; c < opts->ncolumns; c++) {
            enum mlr_column col = opts->columns[c];

            mlo_puts(o, "  ");
            if (col == MLR_COLUMN_PEAK)
                mlr_format_amount(cell, row->peak, opts->unit, opts->precision);
            else if (col == MLR_COLUMN_LEAKED)
                mlr_format_amount(cell, r->leaks_tracked ? row->leaked : 0, opts->unit,
                                  opts->precision);
            else if (col == MLR_COLUMN_AT_PEAK)
                mlr_format_amount(cell, r->peak_tracked ? row->at_peak : 0, opts->unit,
                                  opts->precision);
            else if (col == MLR_COLUMN_LOST)
                mlr_format_amount(cell, r->reach_tracked ? row->lost : 0, opts->unit,
                                  opts->precision);
            else
                mlo_format_u64(cell, col == MLR_COLUMN_ALLOCS ? row->allocs : row->frees);
            mlr_rjust(o, cell, mlr_column_width(col));
        }
    }
    mlo_puts(o, "   ");
    mlo_puts(o, row->text);
    mlo_putc(o, '\n');
}

char *mlr_amount_text(char *cell, long long bytes, const struct mlr_text_options *opts)
{
    mlr_format_amount(cell, bytes, opts->unit, opts->precision);
    while (*cell == ' ')
        cell++;
    return cell;
}

void mlr_put_amount(struct mlo_out *o, long long bytes, const struct mlr_text_options *opts)
{
    char cell[64];

    mlo_puts(o, mlr_amount_text(cell, bytes, opts));
}

size_t mlr_format_percent(char *dst, long long part, long long whole)
{
    long long tenths = 0;
    size_t n;

    if (whole > 0 && part > 0)
        tenths = (long long)(((mlr_u128)part * 2000 + (mlr_u128)whole) / (2 * (mlr_u128)whole));
    n = mlo_format_u64(dst, (unsigned long long)(tenths / 10));
    dst[n++] = '.';
    dst[n++] = (char)('0' + tenths % 10);
    dst[n] = '\0';
    return n;
}

static void mlr_write_peak_line(struct mlo_out *o, const struct mlr_report *r,
                                const struct mlr_text_options *opts)
{
    const struct mlr_function *best_fn = NULL;
    unsigned long i;
    unsigned best_line = 0;
    long long best = 0, part = r->peak.in_lines > 0 ? r->peak.in_lines : 0;
    char percent[32];

    for (i = 0; i < r->nfunctions; i++) {
        const struct mlr_function *fn = &r->functions[i];
        unsigned k;

        for (k = 0; k <= fn->last_line - fn->first_line; k++)
            if (fn->rows[k].at_peak > best) {
                best = fn->rows[k].at_peak;
                best_fn = fn;
                best_line = fn->first_line + k;
            }
    }
    mlo_puts(o, "Peak: ");
    mlr_put_amount(o, r->peak.bytes, opts);
    mlo_puts(o, " at ");
    mlo_i64(o, r->peak.micros / 1000000);
    mlo_putc(o, '.');
    mlo_putc(o, (char)('0' + r->peak.micros / 100000 % 10));
    mlo_putc(o, (char)('0' + r->peak.micros / 10000 % 10));
    mlo_putc(o, (char)('0' + r->peak.micros / 1000 % 10));
    mlo_puts(o, " s; ");
    mlr_put_amount(o, part, opts);
    mlo_puts(o, " of it (");
    mlr_format_percent(percent, part, r->peak.bytes);
    mlo_puts(o, percent);
    mlo_puts(o, " %) from profiled lines");
    if (best_fn) {
        mlo_puts(o, ", the most from ");
        mlo_puts(o, best_fn->file);
        mlo_putc(o, ':');
        mlo_u64(o, best_line);
        mlo_puts(o, " in ");
        mlo_puts(o, best_fn->name);
        mlo_puts(o, "() (");
        mlr_put_amount(o, best, opts);
        mlo_putc(o, ')');
    }
    mlo_putc(o, '\n');
}

void mlr_write_text(struct mlo_out *o, const struct mlr_report *r,
                    const struct mlr_text_options *opts)
{
    struct mlr_top_options t = {MLR_TOP_LINE, MLR_TOP_INCREMENT, opts->top, 0};
    struct mlr_top_row top[MLR_MAX_TOP];
    unsigned long i;
    unsigned long long k;
    unsigned ntop = 0, j;
    long long total;

    if (opts->top) {
        ntop = mlr_top(r, &t, top, MLR_MAX_TOP, &total);
        mlr_write_top(o, r, &t, top, ntop, total, opts);
        mlo_puts(o, "\n\n");
    }
    for (i = 0; i < r->nfunctions; i++) {
        const struct mlr_function *fn = &r->functions[i];

        for (j = 0; j < ntop && top[j].function != i; j++)
            ;
        if (opts->top && j == ntop)
            continue;
        mlo_puts(o, "Filename: ");
        mlo_puts(o, fn->file);
        mlo_puts(o, "\n\n");
        mlr_write_header(o, opts);
        for (k = 0; k <= (unsigned long long)fn->last_line - fn->first_line; k++)
            mlr_write_row(o, (unsigned)(fn->first_line + k), &fn->rows[k], r, opts);
        mlo_puts(o, "\n\n");
    }
    if (r->reach_tracked)
        mlr_write_leaks(o, r, opts);
    if (r->types_tracked)
        mlr_write_types(o, r, opts);
    if (r->peak_tracked)
        mlr_write_peak_line(o, r, opts);
}
