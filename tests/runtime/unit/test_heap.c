/* Unit tests of runtime/heap.h: what one allocation or release does to the
** thread's counters and to the process-wide live heap. Calls the accounting
** entry points directly, so it also runs in sanitizer builds. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>

#include "heap.h"

static void test_allocation(void **state)
{
    struct memline_thread before = memline_tls, after;

    (void)state;
    mlh_allocated(100);
    after = memline_tls;
    assert_int_equal(after.net - before.net, 100);
    assert_int_equal(after.events - before.events, 1ULL << 32);
    assert_true(after.high >= after.net);
    mlh_released(100);
    assert_int_equal(memline_tls.net, before.net);
    assert_int_equal(memline_tls.events - before.events, (1ULL << 32) + 1);
    assert_int_equal(memline_tls.high, after.high);
}

static void test_high_water_mark_follows_net(void **state)
{
    memline_i64 base;

    (void)state;
    memline_tls.high = memline_tls.net;
    base = memline_tls.net;
    mlh_allocated(1000);
    mlh_allocated(500);
    mlh_released(1000);
    mlh_allocated(200);
    assert_int_equal(memline_tls.high - base, 1500);
    assert_int_equal(memline_tls.net - base, 700);
    mlh_released(500);
    mlh_released(200);
}

static void test_small_changes_stay_unflushed(void **state)
{
    memline_i64 live, now;

    (void)state;
    mlh_flush();
    live = memline_live;
    now = mlh_live_now();
    mlh_allocated(1000);
    assert_int_equal(memline_live, live);
    assert_int_equal(memline_tls.unflushed, 1000);
    assert_int_equal(mlh_live_now() - now, 1000);
    mlh_released(1000);
    assert_int_equal(memline_tls.unflushed, 0);
}

static void test_large_changes_are_flushed(void **state)
{
    memline_i64 live;

    (void)state;
    mlh_flush();
    live = memline_live;
    mlh_allocated(MLH_FLUSH_LIMIT);
    assert_int_equal(memline_live, live);
    mlh_allocated(1);
    assert_int_equal(memline_live - live, MLH_FLUSH_LIMIT + 1);
    assert_int_equal(memline_tls.unflushed, 0);
    mlh_released(MLH_FLUSH_LIMIT);
    assert_int_equal(memline_tls.unflushed, -MLH_FLUSH_LIMIT);
    assert_int_equal(memline_live - live, MLH_FLUSH_LIMIT + 1);
    mlh_released(1);
    assert_int_equal(memline_tls.unflushed, 0);
    mlh_flush();
    assert_int_equal(memline_live, live);
}

/* Once a thread's records are merged at exit, every event is flushed. */
static void *exiting_thread(void *arg)
{
    memline_i64 *seen = arg;

    mlh_allocated(10);
    seen[0] = memline_tls.unflushed;
    mlh_thread_exiting();
    mlh_allocated(10);
    seen[1] = memline_tls.unflushed;
    mlh_released(20);
    seen[2] = memline_tls.unflushed;
    return NULL;
}

static void test_exiting_thread_flushes_every_event(void **state)
{
    memline_i64 seen[3];
    pthread_t t;

    (void)state;
    assert_int_equal(pthread_create(&t, NULL, exiting_thread, seen), 0);
    assert_int_equal(pthread_join(t, NULL), 0);
    assert_int_equal(seen[0], 10);
    assert_int_equal(seen[1], 0);
    assert_int_equal(seen[2], 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_allocation),
        cmocka_unit_test(test_high_water_mark_follows_net),
        cmocka_unit_test(test_small_changes_stay_unflushed),
        cmocka_unit_test(test_large_changes_are_flushed),
        cmocka_unit_test(test_exiting_thread_flushes_every_event),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
