/* Unit tests of runtime/frames.c: what entry, probes and exit charge to a
** function's lines. Heap activity is simulated through heap.h's entry
** points, so the numbers are exact in every build. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "frames.h"
#include "heap.h"
#include "rss.h"

static const char *const text7[] = {"MEMLINE_PROFILE", "void f(void) {", "a", "b", "c", "d", "}"};
static struct memline_site site1 = {MEMLINE_PROBE_VERSION, 0, "t.c", "one", 10, 16, text7, 0};
static struct memline_site site2 = {MEMLINE_PROBE_VERSION, 0, "t.c", "outer", 20, 26, text7, 0};
static struct memline_site site3 = {MEMLINE_PROBE_VERSION, 0, "t.c", "inner", 30, 36, text7, 0};
static struct memline_site site4 = {MEMLINE_PROBE_VERSION, 0, "t.c", "rss", 40, 46, text7, 0};
static struct memline_site stale = {MEMLINE_PROBE_VERSION + 1, 0, "t.c", "stale", 1, 7, text7, 0};

static void test_lines_get_their_own_changes(void **state)
{
    struct memline_frame f;
    struct memline_line *l;

    (void)state;
    assert_int_equal(memline_enter(&f, &site1), 0);
    l = f.lines;
    assert_int_equal(l[0].occurrences, 1);
    assert_int_equal(l[0].increment, 0);

    mlh_allocated(100);
    memline_probe(&f, 2);
    assert_int_equal(l[2].occurrences, 1);
    assert_int_equal(l[2].increment, 100);
    assert_int_equal(l[2].allocs, 1);
    assert_int_equal(l[2].frees, 0);
    assert_int_equal(l[2].peak, l[2].mem_usage);

    memline_probe(&f, 3);
    assert_int_equal(l[3].occurrences, 1);
    assert_int_equal(l[3].increment, 0);
    assert_int_equal(l[3].mem_usage, mlh_live_now());

    mlh_allocated(1000);
    mlh_released(1000);
    memline_probe(&f, 4);
    assert_int_equal(l[4].increment, 0);
    assert_int_equal(l[4].allocs, 1);
    assert_int_equal(l[4].frees, 1);
    assert_int_equal(l[4].peak - l[4].mem_usage, 1000);

    /* Whatever happened after the last probe goes to the closing line. */
    mlh_released(100);
    memline_exit(&f);
    assert_int_equal(l[6].occurrences, 1);
    assert_int_equal(l[6].increment, -100);
    assert_int_equal(l[6].frees, 1);

    /* A second call that returns: nothing left for the closing line. */
    memline_enter(&f, &site1);
    memline_return(&f, 5);
    assert_int_equal(l[5].occurrences, 1);
    assert_int_equal(l[6].occurrences, 1);
    assert_int_equal(l[0].occurrences, 2);
}

static void test_callee_peak_reaches_the_calling_line(void **state)
{
    struct memline_frame outer, inner;
    struct memline_line *o, *i;

    (void)state;
    memline_enter(&outer, &site2);
    o = outer.lines;
    mlh_allocated(300);
    memline_enter(&inner, &site3);
    i = inner.lines;
    mlh_allocated(5000);
    memline_probe(&inner, 2);
    mlh_released(5000);
    memline_probe(&inner, 3);
    mlh_allocated(70);
    memline_return(&inner, 4);
    assert_int_equal(i[2].increment, 5000);
    assert_int_equal(i[3].increment, -5000);
    assert_int_equal(i[4].increment, 70);
    memline_probe(&outer, 2);
    assert_int_equal(o[2].increment, 370);
    assert_int_equal(o[2].allocs, 3);
    assert_int_equal(o[2].frees, 1);
    /* The heap was highest inside the callee, 5000 - 70 above where it ended. */
    assert_int_equal(o[2].peak - o[2].mem_usage, 4930);
    mlh_released(370);
    memline_probe(&outer, 3);
    /* A line that releases memory peaks where it started. */
    assert_int_equal(o[3].peak - o[3].mem_usage, 370);
    memline_exit(&outer);
}

static void test_rss_probes_always_take_the_slow_path(void **state)
{
    struct memline_frame f;
    struct memline_line *l;

    (void)state;
    assert_int_equal(mlrss_open(), 0);
    mlp_use_rss(1);
    memline_enter(&f, &site4);
    l = f.lines;
    assert_true(l[0].mem_usage > 0);
    assert_true(f.mark_events != memline_tls.events);
    memline_probe(&f, 2);
    assert_true(f.mark_events != memline_tls.events);
    assert_true(l[2].mem_usage > 0);
    assert_int_equal(l[2].peak, l[2].mem_usage);
    mlh_allocated(10);
    mlh_released(10);
    memline_probe(&f, 3);
    assert_int_equal(l[3].allocs, 1);
    assert_int_equal(l[3].frees, 1);
    memline_exit(&f);
    mlp_use_rss(0);
}

static void test_stale_sites_are_ignored(void **state)
{
    struct memline_frame f;

    (void)state;
    assert_int_equal(memline_enter(&f, &stale), 0);
    mlh_allocated(10);
    memline_probe(&f, 6);
    memline_probe(&f, 6);
    mlh_released(10);
    memline_return(&f, 5);
    assert_int_equal(stale.id, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines_get_their_own_changes),
        cmocka_unit_test(test_callee_peak_reaches_the_calling_line),
        cmocka_unit_test(test_rss_probes_always_take_the_slow_path),
        cmocka_unit_test(test_stale_sites_are_ignored),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
