/* Unit tests of runtime/report_top.c: ranking lines, functions and files
** by each key, ties in report order, negative values left out (but
** counted with `every`), the share of the total, and the printed summary.
** The report is built by hand: two files, three functions. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "report.h"
#include "sink.h"

static struct mlr_row a_rows[3] = {
    {.text = "", .occurrences = 1},
    {.text = "    p = malloc(100);", .increment = 100, .peak = 100, .occurrences = 1, .allocs = 1},
    {.text = "    q = malloc(300);", .increment = 300, .peak = 400, .occurrences = 2, .allocs = 2},
};
static struct mlr_row b_rows[2] = {
    {.text = "\tfree(q);", .increment = -300, .peak = 400, .occurrences = 1},
    {.text = "r = malloc(100);", .increment = 100, .peak = 200, .occurrences = 1, .allocs = 1},
};
static struct mlr_row c_rows[2] = {
    {.text = "never", .increment = 0, .occurrences = 0},
    {.text = "s = malloc(50);", .increment = 50, .peak = 50, .occurrences = 5, .allocs = 5},
};
static const struct mlr_function functions[3] = {
    {.name = "a", .file = "one.c", .first_line = 10, .last_line = 12, .rows = a_rows},
    {.name = "b", .file = "one.c", .first_line = 20, .last_line = 21, .rows = b_rows},
    {.name = "c", .file = "two.c", .first_line = 5, .last_line = 6, .rows = c_rows},
};
static const struct mlr_report report = {
    .backend = "heap", .nfunctions = 3, .functions = functions};

static void test_lines_by_increment(void **state)
{
    struct mlr_top_options t = {MLR_TOP_LINE, MLR_TOP_INCREMENT, 10, 0};
    struct mlr_top_row rows[10];
    long long total;

    (void)state;
    assert_int_equal(mlr_top(&report, &t, rows, 10, &total), 4); /* positive values only */
    assert_int_equal(total, 550);
    assert_true(rows[0].function == 0 && rows[0].line == 2 && rows[0].value == 300);
    /* 100 and 100: report order. */
    assert_true(rows[1].function == 0 && rows[1].line == 1);
    assert_true(rows[2].function == 1 && rows[2].line == 1);
    assert_true(rows[3].function == 2 && rows[3].line == 1 && rows[3].value == 50);
    t.n = 2;
    assert_int_equal(mlr_top(&report, &t, rows, 10, &total), 2);
    assert_int_equal(total, 550);
    assert_int_equal(rows[1].value, 100);
    t.every = 1;
    t.n = 10;
    assert_int_equal(mlr_top(&report, &t, rows, 10, &total), 6); /* every line that ran */
    assert_true(rows[5].value == -300 && rows[5].function == 1 && rows[5].line == 0);
}

static void test_functions_and_files(void **state)
{
    struct mlr_top_options t = {MLR_TOP_FUNCTION, MLR_TOP_ALLOCS, 10, 0};
    struct mlr_top_row rows[10];
    long long total;

    (void)state;
    assert_int_equal(mlr_top(&report, &t, rows, 10, &total), 3);
    assert_true(rows[0].function == 2 && rows[0].value == 5 && rows[0].row.occurrences == 5);
    assert_true(rows[1].function == 0 && rows[1].value == 3 && rows[1].row.peak == 400);
    t.by = MLR_TOP_FILE;
    t.key = MLR_TOP_INCREMENT;
    assert_int_equal(mlr_top(&report, &t, rows, 10, &total), 2);
    /* one.c: 100 + 300 - 300 + 100. */
    assert_true(rows[0].function == 0 && rows[0].value == 200 && rows[0].row.allocs == 4);
    assert_true(rows[1].function == 2 && rows[1].value == 50);
    assert_int_equal(total, 250);
    t.key = MLR_TOP_PEAK;
    assert_int_equal(mlr_top(&report, &t, rows, 10, &total), 2);
    assert_int_equal(rows[0].value, 400);
}

static void test_summary_text(void **state)
{
    struct mlr_top_options t = {MLR_TOP_LINE, MLR_TOP_INCREMENT, 2, 0};
    struct mlr_text_options opts;
    struct mlr_top_row rows[2];
    struct mlo_out o;
    long long total;
    unsigned n;

    (void)state;
    mlr_text_defaults(&opts);
    opts.unit = MLR_UNIT_B;
    n = mlr_top(&report, &t, rows, 2, &total);
    sink_open(&o);
    mlr_write_top(&o, &report, &t, rows, n, total, &opts);
    assert_int_equal(mlo_finish(&o), 0);
    assert_string_equal(
        sink_text, "Top 2 lines by increment: 72.7 % of all increments (400.0 B of 550.0 B)\n"
                   "   Increment         Peak  Occurrences   Where\n"
                   "     300.0 B      400.0 B            2   one.c:12 a()   q = malloc(300);\n"
                   "     100.0 B      100.0 B            1   one.c:11 a()   p = malloc(100);\n");
}

static void test_key_names(void **state)
{
    enum mlr_top_key key = MLR_TOP_INCREMENT;

    (void)state;
    assert_int_equal(mlr_top_parse_key("at_peak", &key), 0);
    assert_int_equal(key, MLR_TOP_AT_PEAK);
    assert_string_equal(mlr_top_key_name(key), "at_peak");
    assert_int_equal(mlr_top_parse_key("size", &key), -1);
    assert_int_equal(key, MLR_TOP_AT_PEAK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines_by_increment),
        cmocka_unit_test(test_functions_and_files),
        cmocka_unit_test(test_summary_text),
        cmocka_unit_test(test_key_names),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
