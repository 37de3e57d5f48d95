/*
** runtime/settings.h — run-time settings from the environment (prefix
** mls_), PRODUCT.md §4: MEMLINE_OUTPUT, MEMLINE_FORMAT, MEMLINE_BACKEND,
** MEMLINE_UNIT, MEMLINE_PRECISION, MEMLINE_COLUMNS; and the README's
** MEMLINE_LEAKS (per-line leaks; also turned on by the `leaked` column,
** which leaks then always show), MEMLINE_SIGNAL (on-demand report) and
** MEMLINE_BREAK_ABOVE (SIGTRAP when the live heap crosses a size).
**
** Parsed once, at startup. A bad value is reported as one line naming the
** variable and the accepted values, and that setting keeps its default;
** the program always runs. Nothing here allocates.
*/
#ifndef MEMLINE_SETTINGS_H
#define MEMLINE_SETTINGS_H

#include "report.h"

#define MLS_PATH_MAX 4096

enum mls_format { MLS_FORMAT_TEXT, MLS_FORMAT_JSON };
enum mls_backend { MLS_BACKEND_HEAP, MLS_BACKEND_RSS };

struct mls_settings {
    char output[MLS_PATH_MAX]; /* "" = stderr; may hold %p */
    enum mls_format format;
    enum mls_backend backend;
    struct mlr_text_options text;
    int leaks;             /* track per-line leaks */
    int at_peak;           /* track the peak's composition (the at_peak column) */
    int types;             /* MEMLINE_TYPES=1: the heap by type */
    int signal;            /* on-demand report signal, 0 = none */
    long long break_above; /* bytes, 0 = never break */
    int start;             /* MEMLINE_START: trace from the start (1) or not (0) */
};

/* Returns the value of an environment variable, or NULL. */
typedef const char *(*mls_lookup)(const char *name);

/* Receives one complaint line, without the trailing newline. */
typedef void (*mls_complain)(const char *line);

void mls_defaults(struct mls_settings *s);

/* Fills s from `lookup` (getenv in the runtime); returns the number of
** bad values (each passed to `complain`). */
int mls_parse(struct mls_settings *s, mls_lookup lookup, mls_complain complain);

/* Parses a column list ("peak, allocs", case ignored, repeats dropped)
** into t's columns. Returns 0, or -1 with *bad and *badlen naming the first
** unknown column (t unchanged). */
/* Adds the Leaked column unless there: last, but before Lost if Lost
** ends the list. */
void mls_add_leaked_column(struct mlr_text_options *t);

int mls_parse_columns(const char *value, struct mlr_text_options *t, const char **bad,
                      size_t *badlen);

/* Parses a size: a decimal number (fraction allowed) and an optional
** unit B, KiB, MiB, GiB or TiB (case ignored, blanks allowed between).
** Returns 0, or -1 if s is not a size or exceeds 2^62 bytes. */
int mls_parse_size(const char *s, long long *bytes);

/* Expands the output pattern: "%p" -> pid, "%%" -> "%". Returns 0, or -1
** if the result does not fit in cap bytes. */
int mls_output_path(const char *pattern, long pid, char *dst, unsigned long cap);

#endif
