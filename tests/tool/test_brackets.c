/*
** test_brackets.c — bracket layout (tools/memline/brackets.c): lanes for
** nesting and concurrency, grouping of short calls, the lane limit, and
** the room each label has.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "brackets.h"

#include <string.h>

static struct df_call calls_a[] = {
    {"load", 0, 0.10, 100, 0.50}, {"parse", 0, 0.20, 50, 0.40}, {"save", 0, 0.60, 0, 0.90},
    {"tick", 0, 0.700, 0, 0.701}, {"tick", 0, 0.702, 0, 0.703}, {"tick", 0, 0.704, 0, 0.705},
    {"tick", 0, 0.800, 0, 0.801},
};
static struct df_call calls_b[] = {
    {"load", 0, 0.15, 0, 0.30},
};

static struct df_file file(struct df_call *calls, size_t n)
{
    struct df_file f;

    memset(&f, 0, sizeof f);
    f.calls = calls;
    f.ncalls = n;
    return f;
}

static void test_lanes_and_groups(void **state)
{
    struct df_file files[2] = {file(calls_a, 7), file(calls_b, 1)};
    struct bracket_set set;
    const struct bracket *b;

    (void)state;
    /* 1 ms per pixel: each tick is 1 px wide, 1 px apart, except the last. */
    assert_int_equal(brackets_layout(&set, files, 2, 0.001, 1.0, 6), 0);
    assert_int_equal(set.lanes, 3);
    assert_int_equal(set.hidden, 0);
    assert_int_equal(set.n, 6);
    b = set.v;
    /* Lane 0: load, save; lane 1: parse (inside load), the ticks; lane 2,
    ** the second file's first lane: its load. */
    assert_string_equal(b[0].name, "load");
    assert_int_equal(b[0].lane, 0);
    assert_int_equal(b[0].file, 0);
    assert_true(b[0].room > 0.4999 && b[0].room < 0.5001); /* until save */
    assert_true(b[0].busy > 0.3999 && b[0].busy < 0.4001);
    assert_string_equal(b[1].name, "save");
    assert_int_equal(b[1].lane, 0);
    assert_true(b[1].room > 0.3999 && b[1].room < 0.4001); /* until the axis end */
    assert_string_equal(b[2].name, "parse");
    assert_int_equal(b[2].lane, 1);
    assert_true(b[2].room > 0.4999 && b[2].room < 0.5001); /* until the ticks */
    assert_string_equal(b[3].name, "tick");
    assert_int_equal(b[3].lane, 1);
    assert_int_equal(b[3].calls, 3);
    assert_true(b[3].t_start == 0.700 && b[3].t_end == 0.705);
    assert_true(b[3].busy > 0.00299 && b[3].busy < 0.00301);
    assert_string_equal(b[4].name, "tick");
    assert_int_equal(b[4].calls, 1);
    assert_int_equal(b[4].lane, 1);
    assert_string_equal(b[5].name, "load");
    assert_int_equal(b[5].file, 1);
    assert_int_equal(b[5].lane, 2);
    brackets_free(&set);
}

static void test_lane_limit(void **state)
{
    struct df_call nested[5] = {
        {"f", 0, 0.0, 0, 1.0}, {"f", 0, 0.1, 0, 0.9}, {"f", 0, 0.2, 0, 0.8},
        {"f", 0, 0.3, 0, 0.7}, {"g", 0, 0.4, 0, 0.6},
    };
    struct df_file f = file(nested, 5);
    struct bracket_set set;

    (void)state;
    assert_int_equal(brackets_layout(&set, &f, 1, 0.001, 1.0, 3), 0);
    assert_int_equal(set.lanes, 3);
    assert_int_equal(set.n, 3);
    assert_int_equal(set.hidden, 2);
    brackets_free(&set);
}

static void test_no_calls(void **state)
{
    struct df_file f = file(NULL, 0);
    struct bracket_set set;

    (void)state;
    assert_int_equal(brackets_layout(&set, &f, 1, 0.001, 1.0, 6), 0);
    assert_int_equal(set.n, 0);
    assert_int_equal(set.lanes, 0);
    brackets_free(&set);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lanes_and_groups),
        cmocka_unit_test(test_lane_limit),
        cmocka_unit_test(test_no_calls),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
