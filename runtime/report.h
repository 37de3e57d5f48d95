/*
** runtime/report.h — the report model (prefix mlr_) and its two formats:
** memory_profiler's text table and memline's JSON.
**
** The model is plain data: a list of functions, each with one row per
** source line from first_line to last_line. It knows nothing of the
** interposer, the thread records or the registry, so the `memline` command
** compiles the same files and prints `memline report FILE.json` byte-for-
** byte as the runtime printed the table.
**
** Invariants: a row with occurrences == 0 "never ran" (text shows only the
** line number and the source text; JSON omits it from `lines`); peak is
** already max(peak, mem_usage); all amounts are bytes.
**
** Every field's zero means "nothing to report", so a designated
** initializer that leaves out a newer field still describes the same
** report: leaks_tracked == 0 (the run did not track per-line leaks: the
** Leaked column reads 0 and JSON has no `leaked` keys), peak_tracked == 0
** (likewise for At peak, `at_peak` and the top-level `peak`, and the text
** has no closing peak line) and overhead_known
** == 0 (no `overhead_bytes` key).
*/
#ifndef MEMLINE_REPORT_H
#define MEMLINE_REPORT_H

#include "outbuf.h"

/* The JSON report's own format version (PRODUCT.md §6). */
#define MLR_JSON_VERSION 1

enum mlr_unit { MLR_UNIT_AUTO, MLR_UNIT_B, MLR_UNIT_KIB, MLR_UNIT_MIB, MLR_UNIT_GIB };

/* Extra text columns (MEMLINE_COLUMNS). */
enum mlr_column {
    MLR_COLUMN_PEAK,
    MLR_COLUMN_ALLOCS,
    MLR_COLUMN_FREES,
    MLR_COLUMN_LEAKED,
    MLR_COLUMN_AT_PEAK,
    MLR_COLUMN_LOST
};

#define MLR_MAX_COLUMNS 6
#define MLR_MAX_PRECISION 9

struct mlr_text_options {
    enum mlr_unit unit;
    int precision; /* 0..MLR_MAX_PRECISION decimal places */
    int ncolumns;
    enum mlr_column columns[MLR_MAX_COLUMNS]; /* in the order printed */
    unsigned top; /* MEMLINE_TOP: the top lines, then their functions' tables only; 0 = all */
};

#define MLR_MAX_TOP 100

struct mlr_row {
    const char *text; /* the source line, verbatim, NUL-terminated */
    long long mem_usage;
    long long increment;
    long long peak;
    unsigned long long occurrences;
    unsigned long long allocs;
    unsigned long long frees;
    long long leaked;  /* allocated by this line and still live (leaks_tracked) */
    long long at_peak; /* allocated by this line and live at the peak (peak_tracked) */
    long long lost;    /* of leaked, what nothing points at (reach_tracked) */
};

struct mlr_function {
    const char *name;
    const char *file;
    unsigned first_line;
    unsigned last_line;
    unsigned long long calls;
    unsigned long long unexited; /* calls that left without passing memline_exit */
    struct mlr_row *rows;        /* last_line - first_line + 1 */
};

/* The process's highest live heap: when (microseconds after tracking
** started), and its split: in_lines, the sum of every row's at_peak, and
** elsewhere, the rest (in_lines + elsewhere == bytes). */
struct mlr_peak {
    long long bytes;
    long long micros;
    long long in_lines;
    long long elsewhere;
};

/* One row of the heap by type (MEMLINE_TYPES=1): blocks and bytes live at
** the report and at the peak, and the change since the previous on-demand
** report (types_growth). "(unknown)": blocks of profiled lines without a
** type; "(not profiled)": the rest of the heap. */
struct mlr_type {
    const char *name;
    long long blocks, bytes, peak_blocks, peak_bytes;
    long long blocks_growth, bytes_growth;
};

/* A line whose blocks are still live (reach_tracked), and the chain that
** holds its largest reachable block: root first, "this block" last; none
** when every block is lost. */
struct mlr_leak {
    const char *file, *function;
    unsigned line;
    long long bytes, blocks, lost_bytes;
    unsigned npath;
    const char *const *path;
};

struct mlr_report {
    const char *backend; /* "heap" or "rss" */
    long pid;
    int argc;
    const char *const *argv;
    int leaks_tracked; /* the rows' `leaked` were measured (MEMLINE_LEAKS) */
    int peak_tracked;  /* the rows' `at_peak` and `peak` were measured */
    struct mlr_peak peak;
    int types_tracked; /* `types` were measured (MEMLINE_TYPES) */
    int types_growth;  /* and their growth since an earlier report */
    unsigned long ntypes;
    const struct mlr_type *types; /* in mlr_type_order */
    int reach_tracked;            /* the rows' `lost` and `leaks` were measured */
    unsigned long nleaks;
    const struct mlr_leak *leaks;      /* largest first (mlr_leak_order) */
    int overhead_known;                /* overhead_bytes was measured (only the runtime can) */
    unsigned long long overhead_bytes; /* mapped for the runtime's own data */
    unsigned long nfunctions;
    const struct mlr_function *functions;
};

/* Formats an amount of bytes as memory_profiler does with "{:W.Pf} UNIT"
** (W = precision + 4), e.g. " 10.0 MiB" or "400.0 B", into dst (at least
** 64 bytes, NUL-terminated); returns the length. Rounds the exact value
** half-to-even, as Python does for these binary fractions. */
size_t mlr_format_amount(char *dst, long long bytes, enum mlr_unit unit, int precision);

/* The order of the tables: by file, then source order (first line), then
** name and last line; 0 when a and b are the same function. */
int mlr_function_order(const struct mlr_function *a, const struct mlr_function *b);

/* Adds `from`'s calls and rows to `into` (the same function, same lines):
** increments, occurrences, allocations, releases, leaks and shares of the
** peak add up; Mem
** usage and Peak take the larger of the lines that ran. */
void mlr_merge_function(struct mlr_function *into, const struct mlr_function *from);

/* a + b, wrapping around as unsigned numbers do: sums of amounts read from
** a hostile report cannot overflow into undefined behaviour (real amounts
** are far from the limits). */
long long mlr_sum(long long a, long long b);

/* Adds a row that ran into d, as mlr_merge_function does: sums, and the
** larger Mem usage and Peak. */
void mlr_add_row(struct mlr_row *d, const struct mlr_row *s);

void mlr_text_defaults(struct mlr_text_options *opts);

/* One table per function, in the order given (with opts->top, first the
** top lines by increment and then only the tables that hold one); when
** reach_tracked, the
** leaks and who holds them (mlr_write_leaks); when types_tracked, the
** heap by type (mlr_write_types); when peak_tracked, then one line: the
** peak, its time, the share of profiled lines and the largest of them. */
void mlr_write_text(struct mlo_out *o, const struct mlr_report *r,
                    const struct mlr_text_options *opts);

/* The whole report; `overhead_bytes` follows `pid` when overhead_known,
** every entry of `lines` has `leaked` when leaks_tracked, `lost` when
** reach_tracked (then `leaks` follows `argv`) and `at_peak` when
** peak_tracked (then `peak` follows `argv`), and a function
** has `unexited` after `calls` when some of its calls had no exit. */
void mlr_write_json(struct mlo_out *o, const struct mlr_report *r);

/* The text table of the heap by type (report_types.c). */
void mlr_write_types(struct mlo_out *o, const struct mlr_report *r,
                     const struct mlr_text_options *opts);

/* The leaks and who holds them as text (report_leaks.c). */
void mlr_write_leaks(struct mlo_out *o, const struct mlr_report *r,
                     const struct mlr_text_options *opts);

/* The leaks' order: bytes, largest first, then file and line. */
int mlr_leak_order(const struct mlr_leak *a, const struct mlr_leak *b);

/* The largest lines, functions or files (report_top.c). */
enum mlr_top_by { MLR_TOP_LINE, MLR_TOP_FUNCTION, MLR_TOP_FILE };
enum mlr_top_key {
    MLR_TOP_INCREMENT,
    MLR_TOP_PEAK,
    MLR_TOP_ALLOCS,
    MLR_TOP_LEAKED,
    MLR_TOP_AT_PEAK,
    MLR_TOP_LOST
};

struct mlr_top_options {
    enum mlr_top_by by;
    enum mlr_top_key key;
    unsigned n;
    int every; /* rank every line that ran (function, file), not only positive values */
};

/* One ranked row: a line (functions[function].rows[line]) or a whole
** function or file (the first of its functions), its numbers summed. */
struct mlr_top_row {
    long long value;     /* the key's */
    unsigned long order; /* place in the report, for ties */
    unsigned long function;
    unsigned line;
    struct mlr_row row;
};

/* Ranks into rows[] (at most min(capacity, t->n)), best first; returns
** their number and sets *total, the sum of every positive value. */
unsigned mlr_top(const struct mlr_report *r, const struct mlr_top_options *t,
                 struct mlr_top_row *rows, unsigned capacity, long long *total);
void mlr_write_top(struct mlo_out *o, const struct mlr_report *r, const struct mlr_top_options *t,
                   const struct mlr_top_row *rows, unsigned n, long long total,
                   const struct mlr_text_options *opts);
const char *mlr_top_key_name(enum mlr_top_key key);
/* What a key's values are, in the plural: "increments", "leaked bytes", ... */
const char *mlr_top_key_plural(enum mlr_top_key key);
/* A row's value for a key. */
long long mlr_top_value(const struct mlr_row *row, enum mlr_top_key key);
/* 0 and *key for a name (increment, peak, allocs, leaked, at_peak, lost). */
int mlr_top_parse_key(const char *name, enum mlr_top_key *key);

/* The types' order: bytes, largest first, then name; 0 when the same. */
int mlr_type_order(const struct mlr_type *a, const struct mlr_type *b);

/* An amount without its padding: formatted into cell (64 bytes), the
** returned pointer is its first character; or written to o. "D.D" into
** dst (at least 24 bytes): tenths of a percent of whole, rounded half
** up, 0.0 for a part or whole of 0 or less; returns the length. */
char *mlr_amount_text(char *cell, long long bytes, const struct mlr_text_options *opts);
void mlr_put_amount(struct mlo_out *o, long long bytes, const struct mlr_text_options *opts);
size_t mlr_format_percent(char *dst, long long part, long long whole);

/* `s` as a JSON string literal, quotes included. Valid UTF-8 is copied,
** control characters are escaped, and each byte that is not part of valid
** UTF-8 becomes U+FFFD. Returns 1 if that was lossless, 0 if not. */
int mlr_json_string(struct mlo_out *o, const char *s);

/* Length of the valid UTF-8 sequence at s (1 to 4), or 0 if s does not
** start one (a stray or truncated byte, an overlong form, a surrogate). */
size_t mlr_utf8_sequence(const unsigned char *s);

/* Returns 1 if s is valid UTF-8 (no overlong forms, no surrogates). */
int mlr_utf8_valid(const char *s);

#endif
