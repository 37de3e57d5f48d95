/* Unit tests of runtime/charge.h and charge.c: what a probe that saw heap
** activity charges its line with, and the marks it leaves the frame. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "charge.h"

/* The thread allocated 2 blocks and released 1 since the frame's mark,
** 200 bytes net, and was 200 bytes higher still in between. */
static void test_heap_charge_takes_the_change_since_the_mark(void **state)
{
    struct memline_thread t = {0};
    struct memline_frame f = {0};
    struct memline_line line = {0};
    memline_i64 mem, charged;

    (void)state;
    t.net = 300;
    t.high = 500;
    t.events = (2ULL << 32) + 1;
    f.mark = 100;
    mem = mlh_live_now();
    charged = mlch_heap(&t, &f, &line);
    assert_int_equal(charged, mem);
    assert_int_equal(line.increment, 200);
    assert_int_equal(line.allocs, 2);
    assert_int_equal(line.frees, 1);
    assert_int_equal(line.mem_usage, mem);
    assert_int_equal(line.peak, mem + 200);
    assert_int_equal(f.mem, mem);
    assert_int_equal(f.mark, 300);
    assert_int_equal(f.mark_events, t.events);
    assert_int_equal(f.outer_high, 500); /* the caller gets the high back */
    assert_int_equal(t.high, 300);       /* reset to net */

    /* One more release of 50 bytes: only that is charged the second time. */
    t.net = 250;
    t.events += 1;
    mlch_heap(&t, &f, &line);
    assert_int_equal(line.increment, 150);
    assert_int_equal(line.allocs, 2);
    assert_int_equal(line.frees, 2);
    assert_int_equal(line.peak, mem + 200);
    assert_int_equal(f.mark, 250);
    assert_int_equal(f.outer_high, 500);
}

static void test_rss_charge_keeps_the_events_mark_flipped(void **state)
{
    struct memline_frame f = {0};
    struct memline_line line = {0};
    memline_u64 events = memline_tls.events;

    (void)state;
    f.mark = 1000;
    f.mark_events = events ^ MLCH_RSS_FLIP;
    mlch_rss(&f, &line, 1500);
    assert_int_equal(line.increment, 500);
    assert_int_equal(line.allocs, 0);
    assert_int_equal(line.frees, 0);
    assert_int_equal(line.mem_usage, 1500);
    assert_int_equal(line.peak, 1500);
    assert_int_equal(f.mem, 1500);
    assert_int_equal(f.mark, 1500);
    assert_true(f.mark_events == (events ^ MLCH_RSS_FLIP));
    mlch_rss(&f, &line, 1200);
    assert_int_equal(line.increment, 200);
    assert_int_equal(line.mem_usage, 1500);
    assert_int_equal(f.mem, 1200);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_heap_charge_takes_the_change_since_the_mark),
        cmocka_unit_test(test_rss_charge_keeps_the_events_mark_flipped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
