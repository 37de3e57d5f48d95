/*
** runtime/settings.c — parsing of the MEMLINE_* run-time variables.
**
** Enumerated values are matched without regard to case ("mib" = "MiB").
** Complaints are built in a stack buffer: this runs inside the profiled
** process before main, where malloc is the runtime's own.
*/
#define _GNU_SOURCE
#include "settings.h"

#include <signal.h>
#include <string.h>
#include <strings.h>

struct mls_name {
    const char *name;
    int value;
};

static const struct mls_name mls_formats[] = {
    {"text", MLS_FORMAT_TEXT}, {"json", MLS_FORMAT_JSON}, {0, 0}};
static const struct mls_name mls_backends[] = {
    {"heap", MLS_BACKEND_HEAP}, {"rss", MLS_BACKEND_RSS}, {0, 0}};
static const struct mls_name mls_units[] = {{"auto", MLR_UNIT_AUTO}, {"B", MLR_UNIT_B},
                                            {"KiB", MLR_UNIT_KIB},   {"MiB", MLR_UNIT_MIB},
                                            {"GiB", MLR_UNIT_GIB},   {0, 0}};
static const struct mls_name mls_columns[] = {{"peak", MLR_COLUMN_PEAK},
                                              {"allocs", MLR_COLUMN_ALLOCS},
                                              {"frees", MLR_COLUMN_FREES},
                                              {"leaked", MLR_COLUMN_LEAKED},
                                              {"at_peak", MLR_COLUMN_AT_PEAK},
                                              {"lost", MLR_COLUMN_LOST},
                                              {0, 0}};

/* A line being built in a fixed buffer; silently truncated. */
struct mls_line {
    char text[512];
    size_t len;
};

static void mls_add(struct mls_line *l, const char *s, size_t n)
{
    while (n-- > 0 && *s && l->len < sizeof l->text - 1)
        l->text[l->len++] = *s++;
    l->text[l->len] = '\0';
}

static void mls_adds(struct mls_line *l, const char *s)
{
    mls_add(l, s, strlen(s));
}

/* A bad value as echoed in a complaint: cut after MLS_ECHO_MAX bytes (so
** that the reason and the default always fit in the line), control
** characters shown as '?' (they could drive the user's terminal). */
#define MLS_ECHO_MAX 64

static void mls_add_value(struct mls_line *l, const char *value, size_t n)
{
    size_t i;

    for (i = 0; i < n && value[i] && i < MLS_ECHO_MAX; i++) {
        char c = (unsigned char)value[i] < 0x20 || value[i] == 0x7f ? '?' : value[i];

        mls_add(l, &c, 1);
    }
    if (i < n && value[i])
        mls_adds(l, "...");
}

/* "memline: VAR='value' is not valid (REASON); using DEFAULT". */
static void mls_bad(mls_complain complain, const char *var, const char *value, const char *reason,
                    const char *fallback)
{
    struct mls_line l = {{0}, 0};

    mls_adds(&l, "memline: ");
    mls_adds(&l, var);
    mls_adds(&l, "='");
    mls_add_value(&l, value, strlen(value));
    mls_adds(&l, "' is not valid (");
    mls_adds(&l, reason);
    mls_adds(&l, "); using ");
    mls_adds(&l, fallback);
    complain(l.text);
}

/* "accepted: a, b or c" into l. */
static void mls_accepted(struct mls_line *l, const struct mls_name *names)
{
    int i;

    mls_adds(l, "accepted: ");
    for (i = 0; names[i].name; i++) {
        if (i > 0)
            mls_adds(l, names[i + 1].name ? ", " : " or ");
        mls_adds(l, names[i].name);
    }
}

static int mls_find(const struct mls_name *names, const char *s, size_t n)
{
    int i;

    for (i = 0; names[i].name; i++)
        if (strlen(names[i].name) == n && strncasecmp(names[i].name, s, n) == 0)
            return names[i].value;
    return -1;
}

/* Sets *out from the variable `var` when it holds one of `names`. */
static int mls_enum(mls_lookup lookup, mls_complain complain, const char *var,
                    const struct mls_name *names, int *out)
{
    const char *value = lookup(var);
    struct mls_line reason = {{0}, 0};
    int found, i;

    if (!value)
        return 0;
    found = mls_find(names, value, strlen(value));
    if (found >= 0) {
        *out = found;
        return 0;
    }
    mls_accepted(&reason, names);
    for (i = 0; names[i].value != *out; i++)
        ;
    mls_bad(complain, var, value, reason.text, names[i].name);
    return 1;
}

static int mls_precision(mls_lookup lookup, mls_complain complain, int *out)
{
    const char *value = lookup("MEMLINE_PRECISION");

    if (!value)
        return 0;
    if (value[0] >= '0' && value[0] <= '0' + MLR_MAX_PRECISION && value[1] == '\0') {
        *out = value[0] - '0';
        return 0;
    }
    mls_bad(complain, "MEMLINE_PRECISION", value, "accepted: a number of decimal places, 0 to 9",
            "1");
    return 1;
}

static int mls_top(mls_lookup lookup, mls_complain complain, unsigned *out)
{
    const char *value = lookup("MEMLINE_TOP");
    unsigned long n = 0;
    const char *p;

    if (!value)
        return 0;
    for (p = value; *p >= '0' && *p <= '9' && n <= MLR_MAX_TOP; p++)
        n = n * 10 + (unsigned long)(*p - '0');
    if (p != value && !*p && n <= MLR_MAX_TOP) {
        *out = (unsigned)n;
        return 0;
    }
    mls_bad(complain, "MEMLINE_TOP", value, "accepted: a number of lines, 0 to 100", "all tables");
    return 1;
}

static int mls_has_column(const struct mlr_text_options *t, enum mlr_column col)
{
    int i;

    for (i = 0; i < t->ncolumns; i++)
        if (t->columns[i] == col)
            return 1;
    return 0;
}

void mls_add_leaked_column(struct mlr_text_options *t)
{
    int k;

    if (mls_has_column(t, MLR_COLUMN_LEAKED) || t->ncolumns == MLR_MAX_COLUMNS)
        return;
    /* Leaked goes before the Lost columns at the end: Lost is a part of it. */
    for (k = t->ncolumns; k > 0 && t->columns[k - 1] == MLR_COLUMN_LOST; k--)
        t->columns[k] = t->columns[k - 1];
    t->columns[k] = MLR_COLUMN_LEAKED;
    t->ncolumns++;
}

int mls_parse_columns(const char *value, struct mlr_text_options *t, const char **bad,
                      size_t *badlen)
{
    struct mlr_text_options parsed = *t;
    const char *p;

    parsed.ncolumns = 0;
    for (p = value; *p;) {
        const char *start, *end;
        int col, i, seen = 0;

        while (*p == ' ' || *p == ',')
            p++;
        start = p;
        while (*p && *p != ',')
            p++;
        end = p;
        while (end > start && end[-1] == ' ')
            end--;
        if (end == start)
            continue;
        col = mls_find(mls_columns, start, (size_t)(end - start));
        if (col < 0) {
            *bad = start;
            *badlen = (size_t)(end - start);
            return -1;
        }
        for (i = 0; i < parsed.ncolumns; i++)
            seen |= parsed.columns[i] == (enum mlr_column)col;
        if (!seen)
            parsed.columns[parsed.ncolumns++] = (enum mlr_column)col;
    }
    *t = parsed;
    return 0;
}

static int mls_column_list(mls_lookup lookup, mls_complain complain, struct mlr_text_options *t)
{
    const char *value = lookup("MEMLINE_COLUMNS");
    struct mls_line reason = {{0}, 0};
    const char *bad;
    size_t badlen;

    if (!value || mls_parse_columns(value, t, &bad, &badlen) == 0)
        return 0;
    mls_adds(&reason, "unknown column '");
    mls_add_value(&reason, bad, badlen);
    mls_adds(&reason, "'; ");
    mls_accepted(&reason, mls_columns);
    mls_adds(&reason, ", separated by commas");
    mls_bad(complain, "MEMLINE_COLUMNS", value, reason.text, "no extra column");
    return 1;
}

static int mls_output(mls_lookup lookup, mls_complain complain, char *out)
{
    const char *value = lookup("MEMLINE_OUTPUT");

    if (!value)
        return 0;
    if (strlen(value) >= MLS_PATH_MAX) {
        mls_bad(complain, "MEMLINE_OUTPUT", "...", "accepted: a path shorter than 4096 bytes",
                "stderr");
        return 1;
    }
    strcpy(out, value);
    return 0;
}

/* MEMLINE_LEAKS, MEMLINE_TYPES, MEMLINE_START: 0 or 1. */
static int mls_switch(mls_lookup lookup, mls_complain complain, const char *name, int *out)
{
    const char *value = lookup(name);

    if (!value)
        return 0;
    if ((value[0] == '0' || value[0] == '1') && value[1] == '\0') {
        *out = value[0] == '1';
        return 0;
    }
    mls_bad(complain, name, value, "accepted: 0 or 1", *out ? "1" : "0");
    return 1;
}

static const struct mls_name mls_signals[] = {
    {"USR1", SIGUSR1}, {"USR2", SIGUSR2}, {"HUP", SIGHUP},   {"INT", SIGINT},
    {"QUIT", SIGQUIT}, {"TERM", SIGTERM}, {"PROF", SIGPROF}, {0, 0}};

/* MEMLINE_SIGNAL: 0 (none), a name with or without SIG, or a number. */
static int mls_signal(mls_lookup lookup, mls_complain complain, int *out)
{
    const char *value = lookup("MEMLINE_SIGNAL"), *name;
    int number = 0, found;

    if (!value)
        return 0;
    name = strncasecmp(value, "SIG", 3) == 0 ? value + 3 : value;
    found = mls_find(mls_signals, name, strlen(name));
    if (found > 0) {
        *out = found;
        return 0;
    }
    for (name = value; *name >= '0' && *name <= '9' && number < 1000; name++)
        number = number * 10 + (*name - '0');
    if (value[0] && !*name && number <= SIGRTMAX && number != SIGKILL && number != SIGSTOP) {
        *out = number;
        return 0;
    }
    mls_bad(complain, "MEMLINE_SIGNAL", value,
            "accepted: 0 (none), USR1, USR2, HUP, INT, QUIT, TERM, PROF or a signal number that "
            "can be caught",
            "USR1");
    return 1;
}

static int mls_break_above(mls_lookup lookup, mls_complain complain, long long *out)
{
    const char *value = lookup("MEMLINE_BREAK_ABOVE");

    if (!value)
        return 0;
    if (mls_parse_size(value, out) == 0)
        return 0;
    mls_bad(complain, "MEMLINE_BREAK_ABOVE", value,
            "accepted: a size such as 4096, 512KiB or 1.5GiB", "no break");
    return 1;
}

__extension__ typedef unsigned __int128 mls_u128;

static const struct mls_name mls_size_units[] = {{"", 0},     {"B", 0},    {"KiB", 10}, {"MiB", 20},
                                                 {"GiB", 30}, {"TiB", 40}, {0, 0}};

int mls_parse_size(const char *s, long long *bytes)
{
    unsigned long long whole = 0, frac = 0, scale = 1, value;
    const char *p = s;
    int shift, digits = 0;
    size_t n;

    for (; *p >= '0' && *p <= '9'; p++, digits++)
        if ((whole = whole * 10 + (unsigned)(*p - '0')) > (1ULL << 62))
            return -1;
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++, digits++)
            if (scale < 1000000000ULL) {
                frac = frac * 10 + (unsigned)(*p - '0');
                scale *= 10;
            }
    while (*p == ' ')
        p++;
    n = strlen(p);
    while (n > 0 && p[n - 1] == ' ')
        n--;
    shift = mls_find(mls_size_units, p, n);
    if (digits == 0 || shift < 0 || whole > (1ULL << 62) >> shift)
        return -1;
    value = (whole << shift) + (unsigned long long)(((mls_u128)frac << shift) / scale);
    if (value > (1ULL << 62))
        return -1;
    *bytes = (long long)value;
    return 0;
}

void mls_defaults(struct mls_settings *s)
{
    s->output[0] = '\0';
    s->format = MLS_FORMAT_TEXT;
    s->backend = MLS_BACKEND_HEAP;
    mlr_text_defaults(&s->text);
    s->leaks = 0;
    s->at_peak = 0;
    s->types = 0;
    s->signal = SIGUSR1;
    s->break_above = 0;
    s->start = 1;
}

int mls_parse(struct mls_settings *s, mls_lookup lookup, mls_complain complain)
{
    int bad = 0, v;

    mls_defaults(s);
    bad += mls_output(lookup, complain, s->output);
    v = s->format;
    bad += mls_enum(lookup, complain, "MEMLINE_FORMAT", mls_formats, &v);
    s->format = (enum mls_format)v;
    v = s->backend;
    bad += mls_enum(lookup, complain, "MEMLINE_BACKEND", mls_backends, &v);
    s->backend = (enum mls_backend)v;
    v = s->text.unit;
    bad += mls_enum(lookup, complain, "MEMLINE_UNIT", mls_units, &v);
    s->text.unit = (enum mlr_unit)v;
    bad += mls_precision(lookup, complain, &s->text.precision);
    bad += mls_top(lookup, complain, &s->text.top);
    bad += mls_column_list(lookup, complain, &s->text);
    bad += mls_switch(lookup, complain, "MEMLINE_LEAKS", &s->leaks);
    bad += mls_switch(lookup, complain, "MEMLINE_TYPES", &s->types);
    bad += mls_switch(lookup, complain, "MEMLINE_START", &s->start);
    bad += mls_signal(lookup, complain, &s->signal);
    bad += mls_break_above(lookup, complain, &s->break_above);
    for (v = 0; v < s->text.ncolumns; v++)
        s->leaks |=
            s->text.columns[v] == MLR_COLUMN_LEAKED || s->text.columns[v] == MLR_COLUMN_LOST;
    s->at_peak = mls_has_column(&s->text, MLR_COLUMN_AT_PEAK);
    if (s->leaks)
        mls_add_leaked_column(&s->text);
    return bad;
}

int mls_output_path(const char *pattern, long pid, char *dst, unsigned long cap)
{
    unsigned long n = 0;
    const char *p;

    for (p = pattern; *p; p++) {
        char digits[24];
        const char *piece = digits;
        size_t len;

        if (p[0] == '%' && p[1] == 'p') {
            len = mlo_format_u64(digits, (unsigned long long)pid);
            p++;
        } else if (p[0] == '%' && p[1] == '%') {
            piece = "%";
            len = 1;
            p++;
        } else {
            piece = p;
            len = 1;
        }
        if (n + len >= cap)
            return -1;
        memcpy(dst + n, piece, len);
        n += len;
    }
    dst[n] = '\0';
    return 0;
}
