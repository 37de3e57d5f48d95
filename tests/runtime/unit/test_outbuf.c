/* Unit tests of runtime/outbuf.c: buffering, sticky failure, integers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>

#include "sink.h"

static void test_small_writes_arrive_at_finish(void **state)
{
    struct mlo_out o;

    (void)state;
    sink_open(&o);
    mlo_puts(&o, "abc");
    mlo_putc(&o, '-');
    mlo_repeat(&o, '=', 3);
    assert_int_equal(sink_len, 0);
    assert_int_equal(mlo_finish(&o), 0);
    assert_string_equal(sink_text, "abc-===");
}

static void test_large_writes_cross_the_buffer(void **state)
{
    static char big[20000];
    struct mlo_out o;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof big; i++)
        big[i] = (char)('a' + i % 26);
    sink_open(&o);
    mlo_putc(&o, '<');
    mlo_write(&o, big, sizeof big);
    mlo_repeat(&o, '.', 100);
    assert_int_equal(mlo_finish(&o), 0);
    assert_int_equal(sink_len, 1 + sizeof big + 100);
    assert_memory_equal(sink_text + 1, big, sizeof big);
    assert_int_equal(sink_text[sink_len - 1], '.');
}

static int refuse(void *ctx, const char *data, size_t n)
{
    (void)data;
    (void)n;
    ++*(int *)ctx;
    return -1;
}

static void test_failure_is_sticky(void **state)
{
    static char big[10000];
    struct mlo_out o;
    int calls = 0;

    (void)state;
    mlo_init(&o, refuse, &calls);
    mlo_write(&o, big, sizeof big);
    mlo_write(&o, big, sizeof big);
    assert_int_equal(mlo_finish(&o), -1);
    assert_int_equal(calls, 1);
}

static void test_integers(void **state)
{
    struct mlo_out o;
    char digits[21];

    (void)state;
    sink_open(&o);
    mlo_i64(&o, 0);
    mlo_putc(&o, ' ');
    mlo_i64(&o, -42);
    mlo_putc(&o, ' ');
    mlo_i64(&o, LLONG_MIN);
    mlo_putc(&o, ' ');
    mlo_i64(&o, LLONG_MAX);
    mlo_putc(&o, ' ');
    mlo_u64(&o, ULLONG_MAX);
    assert_int_equal(mlo_finish(&o), 0);
    assert_string_equal(sink_text, "0 -42 -9223372036854775808 9223372036854775807 "
                                   "18446744073709551615");
    assert_int_equal(mlo_format_u64(digits, 1000), 4);
    assert_string_equal(digits, "1000");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_writes_arrive_at_finish),
        cmocka_unit_test(test_large_writes_cross_the_buffer),
        cmocka_unit_test(test_failure_is_sticky),
        cmocka_unit_test(test_integers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
