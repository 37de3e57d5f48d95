/* Unit tests of runtime/settings.c: every variable, good and bad values. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "settings.h"

/* A fake environment: NAME=VALUE strings, NULL-terminated. */
static const char *const *fake_env;
static char complaints[4096];
static int ncomplaints;

static const char *lookup(const char *name)
{
    size_t n = strlen(name);
    const char *const *e;

    for (e = fake_env; *e; e++)
        if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
            return *e + n + 1;
    return NULL;
}

static void complain(const char *line)
{
    assert_null(strchr(line, '\n'));
    strcat(complaints, line);
    strcat(complaints, "\n");
    ncomplaints++;
}

static int parse(struct mls_settings *s, const char *const *env)
{
    fake_env = env;
    complaints[0] = '\0';
    ncomplaints = 0;
    return mls_parse(s, lookup, complain);
}

static void test_defaults(void **state)
{
    static const char *const env[] = {"HOME=/root", NULL};
    struct mls_settings s;

    (void)state;
    assert_int_equal(parse(&s, env), 0);
    assert_string_equal(s.output, "");
    assert_int_equal(s.format, MLS_FORMAT_TEXT);
    assert_int_equal(s.backend, MLS_BACKEND_HEAP);
    assert_int_equal(s.text.unit, MLR_UNIT_AUTO);
    assert_int_equal(s.text.precision, 1);
    assert_int_equal(s.text.ncolumns, 0);
}

static void test_good_values(void **state)
{
    static const char *const env[] = {"MEMLINE_OUTPUT=/tmp/r.%p.json",
                                      "MEMLINE_FORMAT=json",
                                      "MEMLINE_BACKEND=rss",
                                      "MEMLINE_UNIT=mib",
                                      "MEMLINE_PRECISION=3",
                                      "MEMLINE_COLUMNS= allocs, peak,allocs,",
                                      NULL};
    struct mls_settings s;

    (void)state;
    assert_int_equal(parse(&s, env), 0);
    assert_string_equal(complaints, "");
    assert_string_equal(s.output, "/tmp/r.%p.json");
    assert_int_equal(s.format, MLS_FORMAT_JSON);
    assert_int_equal(s.backend, MLS_BACKEND_RSS);
    assert_int_equal(s.text.unit, MLR_UNIT_MIB);
    assert_int_equal(s.text.precision, 3);
    assert_int_equal(s.text.ncolumns, 2);
    assert_int_equal(s.text.columns[0], MLR_COLUMN_ALLOCS);
    assert_int_equal(s.text.columns[1], MLR_COLUMN_PEAK);
}

static void test_every_unit(void **state)
{
    static const char *const names[] = {"auto", "B", "KiB", "MiB", "GiB"};
    static const enum mlr_unit units[] = {MLR_UNIT_AUTO, MLR_UNIT_B, MLR_UNIT_KIB, MLR_UNIT_MIB,
                                          MLR_UNIT_GIB};
    char var[32];
    const char *env[] = {var, NULL};
    struct mls_settings s;
    int i;

    (void)state;
    for (i = 0; i < 5; i++) {
        strcpy(var, "MEMLINE_UNIT=");
        strcat(var, names[i]);
        assert_int_equal(parse(&s, env), 0);
        assert_int_equal(s.text.unit, units[i]);
    }
}

static void test_bad_values_keep_defaults(void **state)
{
    static const char *const env[] = {
        "MEMLINE_FORMAT=xml",   "MEMLINE_BACKEND=",       "MEMLINE_UNIT=MB",
        "MEMLINE_PRECISION=10", "MEMLINE_COLUMNS=peak,x", NULL};
    struct mls_settings s;

    (void)state;
    assert_int_equal(parse(&s, env), 5);
    assert_int_equal(ncomplaints, 5);
    assert_string_equal(
        complaints,
        "memline: MEMLINE_FORMAT='xml' is not valid (accepted: text or json); using text\n"
        "memline: MEMLINE_BACKEND='' is not valid (accepted: heap or rss); using heap\n"
        "memline: MEMLINE_UNIT='MB' is not valid (accepted: auto, B, KiB, MiB or GiB); "
        "using auto\n"
        "memline: MEMLINE_PRECISION='10' is not valid (accepted: a number of decimal places, "
        "0 to 9); using 1\n"
        "memline: MEMLINE_COLUMNS='peak,x' is not valid (unknown column 'x'; accepted: peak, "
        "allocs, frees, leaked, at_peak or lost, separated by commas); using no extra column\n");
    assert_int_equal(s.format, MLS_FORMAT_TEXT);
    assert_int_equal(s.backend, MLS_BACKEND_HEAP);
    assert_int_equal(s.text.unit, MLR_UNIT_AUTO);
    assert_int_equal(s.text.precision, 1);
    assert_int_equal(s.text.ncolumns, 0);
}

static void test_precision_range(void **state)
{
    static const char *const zero[] = {"MEMLINE_PRECISION=0", NULL};
    static const char *const nine[] = {"MEMLINE_PRECISION=9", NULL};
    static const char *const minus[] = {"MEMLINE_PRECISION=-1", NULL};
    static const char *const empty[] = {"MEMLINE_PRECISION=", NULL};
    struct mls_settings s;

    (void)state;
    assert_int_equal(parse(&s, zero), 0);
    assert_int_equal(s.text.precision, 0);
    assert_int_equal(parse(&s, nine), 0);
    assert_int_equal(s.text.precision, 9);
    assert_int_equal(parse(&s, minus), 1);
    assert_int_equal(s.text.precision, 1);
    assert_int_equal(parse(&s, empty), 1);
}

static void test_empty_columns_mean_none(void **state)
{
    static const char *const env[] = {"MEMLINE_COLUMNS=", NULL};
    struct mls_settings s;

    (void)state;
    assert_int_equal(parse(&s, env), 0);
    assert_int_equal(s.text.ncolumns, 0);
}

/* The leaked column turns leak tracking on; tracking adds the column last. */
static void test_leaked_column_and_leaks(void **state)
{
    static const char *const column[] = {"MEMLINE_COLUMNS=Leaked,peak", NULL};
    static const char *const leaks[] = {"MEMLINE_COLUMNS=peak", "MEMLINE_LEAKS=1", NULL};
    struct mls_settings s;

    (void)state;
    assert_int_equal(parse(&s, column), 0);
    assert_int_equal(s.leaks, 1);
    assert_int_equal(s.text.ncolumns, 2);
    assert_int_equal(s.text.columns[0], MLR_COLUMN_LEAKED);
    assert_int_equal(s.text.columns[1], MLR_COLUMN_PEAK);
    assert_int_equal(parse(&s, leaks), 0);
    assert_int_equal(s.leaks, 1);
    assert_int_equal(s.text.ncolumns, 2);
    assert_int_equal(s.text.columns[0], MLR_COLUMN_PEAK);
    assert_int_equal(s.text.columns[1], MLR_COLUMN_LEAKED);
}

/* The at_peak column turns the peak's tracking on, not the Leaked column;
** all five columns fit. */
static void test_at_peak_column(void **state)
{
    static const char *const column[] = {"MEMLINE_COLUMNS=at_peak", NULL};
    static const char *const all[] = {"MEMLINE_COLUMNS=at_peak,peak,allocs,frees",
                                      "MEMLINE_LEAKS=1", NULL};
    struct mls_settings s;

    (void)state;
    assert_int_equal(parse(&s, column), 0);
    assert_int_equal(s.at_peak, 1);
    assert_int_equal(s.leaks, 0);
    assert_int_equal(s.text.ncolumns, 1);
    assert_int_equal(s.text.columns[0], MLR_COLUMN_AT_PEAK);
    assert_int_equal(parse(&s, all), 0);
    assert_int_equal(s.at_peak, 1);
    assert_int_equal(s.text.ncolumns, 5);
    assert_int_equal(s.text.columns[0], MLR_COLUMN_AT_PEAK);
    assert_int_equal(s.text.columns[4], MLR_COLUMN_LEAKED);
    assert_int_equal(parse(&s, (const char *const[]){NULL}), 0);
    assert_int_equal(s.at_peak, 0);
    assert_int_equal(s.types, 0);
    assert_int_equal(parse(&s, (const char *const[]){"MEMLINE_TYPES=1", NULL}), 0);
    assert_int_equal(s.types, 1);
    assert_int_equal(s.text.ncolumns, 0);
    assert_int_equal(parse(&s, (const char *const[]){"MEMLINE_TYPES=yes", NULL}), 1);
    assert_int_equal(s.types, 0);
}

static void test_start(void **state)
{
    struct mls_settings s;

    (void)state;
    assert_int_equal(parse(&s, (const char *const[]){NULL}), 0);
    assert_int_equal(s.start, 1);
    assert_int_equal(parse(&s, (const char *const[]){"MEMLINE_START=0", NULL}), 0);
    assert_int_equal(s.start, 0);
    assert_int_equal(parse(&s, (const char *const[]){"MEMLINE_START=1", NULL}), 0);
    assert_int_equal(s.start, 1);
    assert_int_equal(parse(&s, (const char *const[]){"MEMLINE_START=off", NULL}), 1);
    assert_int_equal(s.start, 1);
    assert_string_equal(complaints,
                        "memline: MEMLINE_START='off' is not valid (accepted: 0 or 1); using 1\n");
    assert_int_equal(parse(&s, (const char *const[]){"MEMLINE_TYPES=on", NULL}), 1);
    assert_string_equal(complaints,
                        "memline: MEMLINE_TYPES='on' is not valid (accepted: 0 or 1); using 0\n");
}

static void test_too_long_output(void **state)
{
    static char var[MLS_PATH_MAX + 32];
    const char *env[] = {var, NULL};
    struct mls_settings s;

    (void)state;
    strcpy(var, "MEMLINE_OUTPUT=");
    memset(var + strlen(var), 'x', MLS_PATH_MAX);
    assert_int_equal(parse(&s, env), 1);
    assert_string_equal(s.output, "");
}

static void test_output_path_expansion(void **state)
{
    char path[32];

    (void)state;
    assert_int_equal(mls_output_path("r.%p.json", 1234, path, sizeof path), 0);
    assert_string_equal(path, "r.1234.json");
    assert_int_equal(mls_output_path("%%p-%p%%-%x", 7, path, sizeof path), 0);
    assert_string_equal(path, "%p-7%-%x");
    assert_int_equal(mls_output_path("end%", 7, path, sizeof path), 0);
    assert_string_equal(path, "end%");
    assert_int_equal(mls_output_path("0123456789012345678901234567%p", 123, path, sizeof path), 0);
    assert_int_equal(mls_output_path("0123456789012345678901234567%p", 1234, path, sizeof path),
                     -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_good_values),
        cmocka_unit_test(test_every_unit),
        cmocka_unit_test(test_bad_values_keep_defaults),
        cmocka_unit_test(test_precision_range),
        cmocka_unit_test(test_empty_columns_mean_none),
        cmocka_unit_test(test_leaked_column_and_leaks),
        cmocka_unit_test(test_at_peak_column),
        cmocka_unit_test(test_start),
        cmocka_unit_test(test_too_long_output),
        cmocka_unit_test(test_output_path_expansion),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
