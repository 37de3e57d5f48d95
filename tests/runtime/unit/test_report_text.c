/* Unit tests of runtime/report_text.c: amounts, units, rounding, layout,
** extra columns, leaks. Reports are built with designated initializers, so
** that a field added to the model leaves them as they are. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>

#include "report.h"
#include "sink.h"

static const char *amount(long long bytes, enum mlr_unit unit, int precision)
{
    static char cell[64];
    size_t n = mlr_format_amount(cell, bytes, unit, precision);

    assert_int_equal(n, strlen(cell));
    return cell;
}

#define MiB (1024LL * 1024)

static void test_mib_as_memory_profiler(void **state)
{
    (void)state;
    assert_string_equal(amount(0, MLR_UNIT_MIB, 1), "  0.0 MiB");
    assert_string_equal(amount(10 * MiB, MLR_UNIT_MIB, 1), " 10.0 MiB");
    assert_string_equal(amount(-20 * MiB, MLR_UNIT_MIB, 1), "-20.0 MiB");
    assert_string_equal(amount(10 * MiB + 4080, MLR_UNIT_MIB, 1), " 10.0 MiB");
    assert_string_equal(amount(1234 * MiB, MLR_UNIT_MIB, 1), "1234.0 MiB");
    /* Python prints the sign of a negative value that rounds to zero. */
    assert_string_equal(amount(-100, MLR_UNIT_MIB, 1), " -0.0 MiB");
}

static void test_rounding_is_half_even_on_exact_values(void **state)
{
    (void)state;
    assert_string_equal(amount(MiB / 4, MLR_UNIT_MIB, 1), "  0.2 MiB");
    assert_string_equal(amount(3 * MiB / 4, MLR_UNIT_MIB, 1), "  0.8 MiB");
    assert_string_equal(amount(52429, MLR_UNIT_MIB, 1), "  0.1 MiB");
    assert_string_equal(amount(-3 * MiB / 4, MLR_UNIT_MIB, 1), " -0.8 MiB");
    assert_string_equal(amount(1023 * 1024 + 983, MLR_UNIT_KIB, 1), "1024.0 KiB");
}

static void test_precision(void **state)
{
    (void)state;
    assert_string_equal(amount(10 * MiB, MLR_UNIT_MIB, 0), "  10 MiB");
    assert_string_equal(amount(1024, MLR_UNIT_MIB, 3), "  0.001 MiB");
    assert_string_equal(amount(1536, MLR_UNIT_KIB, 2), "  1.50 KiB");
    assert_string_equal(amount(1, MLR_UNIT_GIB, 9), "  0.000000001 GiB");
    assert_string_equal(amount(-1, MLR_UNIT_B, 9), " -1.000000000 B");
}

static void test_auto_picks_a_unit_per_cell(void **state)
{
    (void)state;
    assert_string_equal(amount(400, MLR_UNIT_AUTO, 1), "400.0 B");
    assert_string_equal(amount(0, MLR_UNIT_AUTO, 1), "  0.0 B");
    assert_string_equal(amount(1023, MLR_UNIT_AUTO, 1), "1023.0 B");
    assert_string_equal(amount(1024, MLR_UNIT_AUTO, 1), "  1.0 KiB");
    assert_string_equal(amount(-1536, MLR_UNIT_AUTO, 1), " -1.5 KiB");
    assert_string_equal(amount(10 * MiB, MLR_UNIT_AUTO, 1), " 10.0 MiB");
    assert_string_equal(amount(3 * 1024 * MiB, MLR_UNIT_AUTO, 1), "  3.0 GiB");
    assert_string_equal(amount(1024 * 1024 * MiB, MLR_UNIT_AUTO, 1), "1024.0 GiB");
    assert_string_equal(amount(5 * MiB, MLR_UNIT_B, 1), "5242880.0 B");
}

static void test_extremes_do_not_overflow(void **state)
{
    (void)state;
    assert_string_equal(amount(LLONG_MAX, MLR_UNIT_GIB, 9), "8589934591.999999999 GiB");
    assert_string_equal(amount(LLONG_MIN, MLR_UNIT_B, 1), "-9223372036854775808.0 B");
}

static struct mlr_row demo_rows[] = {
    {.text = "MEMLINE_PROFILE", .occurrences = 1},
    {.text = "static void demo(void) {"},
    {.text = "    char *a = malloc(10 << 20);",
     .mem_usage = 10 * MiB,
     .increment = 10 * MiB,
     .peak = 10 * MiB,
     .occurrences = 1,
     .allocs = 1},
    {.text = ""},
    {.text = "    free(a); /* \xc3\xa9t\xc3\xa9 */",
     .increment = -10 * MiB,
     .peak = 10 * MiB,
     .occurrences = 1,
     .frees = 1},
    {.text = "}"},
};

static const struct mlr_function demo_function = {.name = "demo",
                                                  .file = "dir/demo.c",
                                                  .first_line = 4,
                                                  .last_line = 9,
                                                  .calls = 1,
                                                  .rows = demo_rows};

static const struct mlr_report demo_report = {
    .backend = "heap", .pid = 1, .nfunctions = 1, .functions = &demo_function};

static void test_table_layout(void **state)
{
    struct mlr_text_options opts;
    struct mlo_out o;

    (void)state;
    mlr_text_defaults(&opts);
    opts.unit = MLR_UNIT_MIB;
    sink_open(&o);
    mlr_write_text(&o, &demo_report, &opts);
    assert_int_equal(mlo_finish(&o), 0);
    assert_string_equal(
        sink_text,
        "Filename: dir/demo.c\n"
        "\n"
        "Line #    Mem usage    Increment  Occurrences   Line Contents\n"
        "=============================================================\n"
        "     4      0.0 MiB      0.0 MiB           1   MEMLINE_PROFILE\n"
        "     5                                         static void demo(void) {\n"
        "     6     10.0 MiB     10.0 MiB           1       char *a = malloc(10 << 20);\n"
        "     7                                         \n"
        "     8      0.0 MiB    -10.0 MiB           1       free(a); /* \xc3\xa9t\xc3\xa9 */\n"
        "     9                                         }\n"
        "\n"
        "\n");
}

#define BLANK "                                                                   "

static void test_extra_columns(void **state)
{
    struct mlr_text_options opts;
    struct mlo_out o;

    (void)state;
    mlr_text_defaults(&opts);
    opts.ncolumns = 2;
    opts.columns[0] = MLR_COLUMN_ALLOCS;
    opts.columns[1] = MLR_COLUMN_PEAK;
    sink_open(&o);
    mlr_write_text(&o, &demo_report, &opts);
    assert_int_equal(mlo_finish(&o), 0);
    /* Blank cells: 1+12+1+12+2+10 as in memory_profiler, 2+10 and 2+12 more. */
    assert_string_equal(sink_text,
                        "Filename: dir/demo.c\n"
                        "\n"
                        "Line #    Mem usage    Increment  Occurrences      Allocs          Peak"
                        "   Line Contents\n"
                        "================================================================="
                        "======================\n"
                        "     4        0.0 B        0.0 B           1           0         0.0 B"
                        "   MEMLINE_PROFILE\n"
                        "     5" BLANK "static void demo(void) {\n"
                        "     6     10.0 MiB     10.0 MiB           1           1      10.0 MiB"
                        "       char *a = malloc(10 << 20);\n"
                        "     7" BLANK "\n"
                        "     8        0.0 B    -10.0 MiB           1           0      10.0 MiB"
                        "       free(a); /* \xc3\xa9t\xc3\xa9 */\n"
                        "     9" BLANK "}\n"
                        "\n"
                        "\n");
}

/* A line that allocated 1.5 KiB and returned it, still live at exit. */
static struct mlr_row keep_rows[] = {
    {.text = "MEMLINE_PROFILE", .occurrences = 1},
    {.text = "static char *keep(void) {"},
    {.text = "    char *kept = malloc(1536);",
     .mem_usage = 1536,
     .increment = 1536,
     .peak = 1536,
     .occurrences = 1,
     .allocs = 1,
     .leaked = 1536},
    {.text = "    return kept;", .mem_usage = 1536, .peak = 1536, .occurrences = 1},
    {.text = "}"},
};

static const struct mlr_function keep_function = {.name = "keep",
                                                  .file = "keep.c",
                                                  .first_line = 1,
                                                  .last_line = 5,
                                                  .calls = 1,
                                                  .rows = keep_rows};

/* The table of keep() with the Leaked column; LEAKED3 is line 3's cell. */
#define KEEP_BLANK "                                                       "
#define KEEP_TABLE(LEAKED3)                                                                        \
    "Filename: keep.c\n"                                                                           \
    "\n"                                                                                           \
    "Line #    Mem usage    Increment  Occurrences        Leaked   Line Contents\n"                \
    "===========================================================================\n"                \
    "     1        0.0 B        0.0 B           1         0.0 B   MEMLINE_PROFILE\n"               \
    "     2" KEEP_BLANK "static char *keep(void) {\n"                                              \
    "     3      1.5 KiB      1.5 KiB           1  " LEAKED3 "       char *kept = malloc(1536);\n" \
    "     4      1.5 KiB        0.0 B           1         0.0 B       return kept;\n"              \
    "     5" KEEP_BLANK "}\n"                                                                      \
    "\n"                                                                                           \
    "\n"

static const char *keep_table(int leaks_tracked)
{
    struct mlr_report r = {.backend = "heap",
                           .pid = 1,
                           .leaks_tracked = leaks_tracked,
                           .nfunctions = 1,
                           .functions = &keep_function};
    struct mlr_text_options opts;
    struct mlo_out o;

    mlr_text_defaults(&opts);
    opts.ncolumns = 1;
    opts.columns[0] = MLR_COLUMN_LEAKED;
    sink_open(&o);
    mlr_write_text(&o, &r, &opts);
    assert_int_equal(mlo_finish(&o), 0);
    return sink_text;
}

static void test_leaked_column(void **state)
{
    (void)state;
    assert_string_equal(keep_table(1), KEEP_TABLE("     1.5 KiB"));
}

/* Leaks that were not tracked read 0, whatever the rows hold. */
static void test_leaked_column_untracked(void **state)
{
    (void)state;
    assert_string_equal(keep_table(0), KEEP_TABLE("       0.0 B"));
}

/* keep() holds 1.5 KiB of a 4 KiB peak at 1.25 s: the At peak column and
** the closing line. */
static void test_at_peak_column_and_closing_line(void **state)
{
    struct mlr_row rows[5];
    struct mlr_function fn = keep_function;
    struct mlr_report r = {.backend = "heap",
                           .pid = 1,
                           .peak_tracked = 1,
                           .peak = {4096, 1250000, 1536, 2560},
                           .nfunctions = 1,
                           .functions = &fn};
    struct mlr_text_options opts;
    struct mlo_out o;

    (void)state;
    memcpy(rows, keep_rows, sizeof rows);
    rows[2].leaked = 0;
    rows[2].at_peak = 1536;
    fn.rows = rows;
    mlr_text_defaults(&opts);
    opts.ncolumns = 1;
    opts.columns[0] = MLR_COLUMN_AT_PEAK;
    sink_open(&o);
    mlr_write_text(&o, &r, &opts);
    assert_int_equal(mlo_finish(&o), 0);
    assert_string_equal(
        sink_text,
        "Filename: keep.c\n"
        "\n"
        "Line #    Mem usage    Increment  Occurrences       At peak   Line Contents\n"
        "===========================================================================\n"
        "     1        0.0 B        0.0 B           1         0.0 B   MEMLINE_PROFILE\n"
        "     2" KEEP_BLANK "static char *keep(void) {\n"
        "     3      1.5 KiB      1.5 KiB           1       1.5 KiB       char *kept = "
        "malloc(1536);\n"
        "     4      1.5 KiB        0.0 B           1         0.0 B       return kept;\n"
        "     5" KEEP_BLANK "}\n"
        "\n"
        "\n"
        "Peak: 4.0 KiB at 1.250 s; 1.5 KiB of it (37.5 %) from profiled lines, the most from "
        "keep.c:3 in keep() (1.5 KiB)\n");
}

/* No line holds a share: the closing line names none. */
static void test_closing_line_without_shares(void **state)
{
    struct mlr_report r = {.backend = "heap",
                           .pid = 1,
                           .peak_tracked = 1,
                           .peak = {3 << 20, 999, 0, 3 << 20},
                           .nfunctions = 1,
                           .functions = &keep_function};
    struct mlr_text_options opts;
    struct mlo_out o;
    const char *last;

    (void)state;
    mlr_text_defaults(&opts);
    sink_open(&o);
    mlr_write_text(&o, &r, &opts);
    assert_int_equal(mlo_finish(&o), 0);
    last = strstr(sink_text, "\n\n\nPeak");
    assert_non_null(last);
    assert_string_equal(last + 3,
                        "Peak: 3.0 MiB at 0.000 s; 0.0 B of it (0.0 %) from profiled lines\n");
}

/* The heap by type after the tables, growth columns when known. */
static void test_types_table(void **state)
{
    static const struct mlr_type types[] = {
        {"struct session", 2000, 112000, 2000, 112000, 1000, 56000},
        {"(not profiled)", 3, -100, 3, 0, 0, -100},
        {"char[]", 0, 0, 1, 264, -1, -264},
    };
    struct mlr_report r = {.backend = "heap",
                           .pid = 1,
                           .types_tracked = 1,
                           .ntypes = 3,
                           .types = types,
                           .nfunctions = 1,
                           .functions = &keep_function};
    struct mlr_text_options opts;
    struct mlo_out o;

    (void)state;
    mlr_text_defaults(&opts);
    sink_open(&o);
    mlr_write_text(&o, &r, &opts);
    assert_int_equal(mlo_finish(&o), 0);
    assert_non_null(strstr(
        sink_text,
        "\n\nLive heap by type (at the report; at the peak)\n"
        "      Blocks        Bytes   Share  Peak blocks   Peak bytes   Share   Type\n"
        "        2000    109.4 KiB 100.1 %         2000    109.4 KiB  99.8 %   struct session\n"
        "           3     -100.0 B   0.0 %            3        0.0 B   0.0 %   (not profiled)\n"
        "           0        0.0 B   0.0 %            1      264.0 B   0.2 %   char[]\n\n\n"));
    r.types_growth = 1;
    sink_open(&o);
    mlr_write_text(&o, &r, &opts);
    assert_int_equal(mlo_finish(&o), 0);
    assert_non_null(strstr(sink_text, "Share       Growth      (bytes)   Type\n"));
    assert_non_null(strstr(sink_text, "99.8 %        +1000    +54.7 KiB   struct session\n"));
    assert_non_null(strstr(sink_text, "0.2 %           -1     -264.0 B   char[]\n"));
}

static void test_no_function_no_output(void **state)
{
    struct mlr_report empty = {.backend = "heap", .pid = 1};
    struct mlr_text_options opts;
    struct mlo_out o;

    (void)state;
    mlr_text_defaults(&opts);
    sink_open(&o);
    mlr_write_text(&o, &empty, &opts);
    assert_int_equal(mlo_finish(&o), 0);
    assert_int_equal(sink_len, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mib_as_memory_profiler),
        cmocka_unit_test(test_rounding_is_half_even_on_exact_values),
        cmocka_unit_test(test_precision),
        cmocka_unit_test(test_auto_picks_a_unit_per_cell),
        cmocka_unit_test(test_extremes_do_not_overflow),
        cmocka_unit_test(test_table_layout),
        cmocka_unit_test(test_extra_columns),
        cmocka_unit_test(test_leaked_column),
        cmocka_unit_test(test_leaked_column_untracked),
        cmocka_unit_test(test_at_peak_column_and_closing_line),
        cmocka_unit_test(test_closing_line_without_shares),
        cmocka_unit_test(test_types_table),
        cmocka_unit_test(test_no_function_no_output),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
