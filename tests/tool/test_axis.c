/*
** test_axis.c — tick steps, axis units and ends, tick labels, and the
** formatting of sizes and durations (tools/memline/axis.c).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "axis.h"

#define MIB (1024.0 * 1024.0)

static void test_nice_steps(void **state)
{
    (void)state;
    assert_true(axis_nice_step(10, 10) == 1);
    assert_true(axis_nice_step(11, 10) == 2);
    assert_true(axis_nice_step(44.5, 6) == 10);
    assert_true(axis_nice_step(30, 6) == 5);
    assert_true(axis_nice_step(0.7, 10) == 0.1);
    assert_true(axis_nice_step(0.3, 10) == 0.05);
    assert_true(axis_nice_step(1000, 5) == 200);
    assert_true(axis_nice_step(7, 0) == 10);
}

static void test_byte_axes(void **state)
{
    struct axis a;
    char label[32];

    (void)state;
    axis_bytes(&a, 44.5 * MIB, 6);
    assert_string_equal(a.unit, "MiB");
    assert_true(a.step == 10 && a.ticks == 5 && a.decimals == 0);
    assert_true(axis_end(&a) == 50 * MIB);
    axis_tick_label(&a, 3, label, sizeof label);
    assert_string_equal(label, "30");

    axis_bytes(&a, 900, 6);
    assert_string_equal(a.unit, "B");
    assert_true(a.step == 200 && a.ticks == 5);

    axis_bytes(&a, 1.5 * MIB, 6);
    assert_string_equal(a.unit, "MiB");
    assert_true(a.step == 0.5 && a.ticks == 3 && a.decimals == 1);
    axis_tick_label(&a, 1, label, sizeof label);
    assert_string_equal(label, "0.5");

    axis_bytes(&a, 3.2 * 1024 * MIB, 6);
    assert_string_equal(a.unit, "GiB");
    assert_true(a.step == 1 && a.ticks == 4);

    axis_bytes(&a, 0, 6);
    assert_string_equal(a.unit, "B");
    assert_true(axis_end(&a) == 1);
}

static void test_time_axes(void **state)
{
    struct axis a;
    char label[32];

    (void)state;
    axis_seconds(&a, 0.235, 10);
    assert_string_equal(a.unit, "ms");
    assert_true(a.step == 50 && a.ticks == 5);
    assert_true(axis_end(&a) > 0.2499 && axis_end(&a) < 0.2501);

    axis_seconds(&a, 4.2, 10);
    assert_string_equal(a.unit, "s");
    assert_true(a.step == 0.5 && a.ticks == 9 && a.decimals == 1);
    axis_tick_label(&a, 9, label, sizeof label);
    assert_string_equal(label, "4.5");

    axis_seconds(&a, 600, 10);
    assert_string_equal(a.unit, "min");
    assert_true(a.step == 1 && a.ticks == 10);

    axis_seconds(&a, 5 * 3600, 10);
    assert_string_equal(a.unit, "h");
}

static void test_format(void **state)
{
    char buf[32];

    (void)state;
    axis_format_bytes(400, buf, sizeof buf);
    assert_string_equal(buf, "400 B");
    axis_format_bytes(1536, buf, sizeof buf);
    assert_string_equal(buf, "1.5 KiB");
    axis_format_bytes(43237376, buf, sizeof buf);
    assert_string_equal(buf, "41.2 MiB");
    axis_format_bytes(3.0 * 1024 * MIB, buf, sizeof buf);
    assert_string_equal(buf, "3.0 GiB");
    axis_format_seconds(0.0001, buf, sizeof buf);
    assert_string_equal(buf, "0.1 ms");
    axis_format_seconds(0.42, buf, sizeof buf);
    assert_string_equal(buf, "420 ms");
    axis_format_seconds(1.25, buf, sizeof buf);
    assert_string_equal(buf, "1.25 s");
    axis_format_seconds(42, buf, sizeof buf);
    assert_string_equal(buf, "42.0 s");
    axis_format_seconds(600, buf, sizeof buf);
    assert_string_equal(buf, "10.0 min");
    axis_format_seconds(4 * 3600, buf, sizeof buf);
    assert_string_equal(buf, "4.00 h");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nice_steps),
        cmocka_unit_test(test_byte_axes),
        cmocka_unit_test(test_time_axes),
        cmocka_unit_test(test_format),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
