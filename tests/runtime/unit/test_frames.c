/* Unit tests of runtime/frames.c: what entry, probes and exit charge to a
** function's lines, and which frames entry and exit take off the thread's
** frame stack. Heap activity is simulated through heap.h's entry points,
** so the numbers are exact in every build. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>

#include "frames.h"
#include "fstack.h"
#include "heap.h"
#include "records.h"
#include "rss.h"

static const char *const text7[] = {"MEMLINE_PROFILE", "void f(void) {", "a", "b", "c", "d", "}"};
static struct memline_site site1 = {
    MEMLINE_PROBE_VERSION, 0, "t.c", "one", 10, 16, text7, 0, 0, 0, 0, 0, 0};
static struct memline_site site2 = {
    MEMLINE_PROBE_VERSION, 0, "t.c", "outer", 20, 26, text7, 0, 0, 0, 0, 0, 0};
static struct memline_site site3 = {
    MEMLINE_PROBE_VERSION, 0, "t.c", "inner", 30, 36, text7, 0, 0, 0, 0, 0, 0};
static struct memline_site site4 = {
    MEMLINE_PROBE_VERSION, 0, "t.c", "rss", 40, 46, text7, 0, 0, 0, 0, 0, 0};
static struct memline_site site5 = {
    MEMLINE_PROBE_VERSION, 0, "t.c", "caller", 50, 56, text7, 0, 0, 0, 0, 0, 0};
static struct memline_site site6 = {
    MEMLINE_PROBE_VERSION, 0, "t.c", "callee", 60, 66, text7, 0, 0, 0, 0, 0, 0};
static struct memline_site site7 = {
    MEMLINE_PROBE_VERSION, 0, "t.c", "caller_of_late", 70, 76, text7, 0, 0, 0, 0, 0, 0};
static struct memline_site site8 = {
    MEMLINE_PROBE_VERSION, 0, "t.c", "late", 80, 86, text7, 0, 0, 0, 0, 0, 0};
static struct memline_site site9 = {
    MEMLINE_PROBE_VERSION, 0, "t.c", "loop_ticks", 90, 96, text7, 0, 0, 0, 0, 0, 0};
static struct memline_site site10 = {
    MEMLINE_PROBE_VERSION, 0, "t.c", "leaf_loop_ticks", 100, 106, text7, 0, 0, 0, 0, 0, 0};
static struct memline_site site11 = {
    MEMLINE_PROBE_VERSION, 0, "t.c", "marked", 110, 116, text7, 0, 0, 0, 0, 0, 0};
static struct memline_site site13 = {
    MEMLINE_PROBE_VERSION, 0, "t.c", "caller_of_marked", 130, 136, text7, 0, 0, 0, 0, 0, 0};
static struct memline_site stale = {
    MEMLINE_PROBE_VERSION + 1, 0, "t.c", "stale", 1, 7, text7, 0, 0, 0, 0, 0, 0};

static void test_lines_get_their_own_changes(void **state)
{
    struct memline_frame *f;
    struct memline_line *l;

    (void)state;
    f = memline_enter(&site1);
    assert_non_null(f);
    l = f->lines;
    assert_int_equal(l[0].occurrences, 1);
    assert_int_equal(l[0].increment, 0);

    mlh_allocated(100);
    memline_probe(f, 2);
    assert_int_equal(l[2].occurrences, 1);
    assert_int_equal(l[2].increment, 100);
    assert_int_equal(l[2].allocs, 1);
    assert_int_equal(l[2].frees, 0);
    assert_int_equal(l[2].peak, l[2].mem_usage);

    memline_probe(f, 3);
    assert_int_equal(l[3].occurrences, 1);
    assert_int_equal(l[3].increment, 0);
    assert_int_equal(l[3].mem_usage, mlh_live_now());

    mlh_allocated(1000);
    mlh_released(1000);
    memline_probe(f, 4);
    assert_int_equal(l[4].increment, 0);
    assert_int_equal(l[4].allocs, 1);
    assert_int_equal(l[4].frees, 1);
    assert_int_equal(l[4].peak - l[4].mem_usage, 1000);

    /* Whatever happened after the last probe goes to the closing line. */
    mlh_released(100);
    memline_exit(f);
    assert_int_equal(l[6].occurrences, 1);
    assert_int_equal(l[6].increment, -100);
    assert_int_equal(l[6].frees, 1);

    /* A second call that returns: nothing left for the closing line. */
    f = memline_enter(&site1);
    memline_return(f, 5);
    assert_int_equal(l[5].occurrences, 1);
    assert_int_equal(l[6].occurrences, 1);
    assert_int_equal(l[0].occurrences, 2);
}

static void test_callee_peak_reaches_the_calling_line(void **state)
{
    struct memline_frame *outer, *inner;
    struct memline_line *o, *i;

    (void)state;
    outer = memline_enter(&site2);
    o = outer->lines;
    mlh_allocated(300);
    inner = memline_enter(&site3);
    i = inner->lines;
    mlh_allocated(5000);
    memline_probe(inner, 2);
    mlh_released(5000);
    memline_probe(inner, 3);
    mlh_allocated(70);
    memline_return(inner, 4);
    assert_int_equal(i[2].increment, 5000);
    assert_int_equal(i[3].increment, -5000);
    assert_int_equal(i[4].increment, 70);
    memline_probe(outer, 2);
    assert_int_equal(o[2].increment, 370);
    assert_int_equal(o[2].allocs, 3);
    assert_int_equal(o[2].frees, 1);
    /* The heap was highest inside the callee, 5000 - 70 above where it ended. */
    assert_int_equal(o[2].peak - o[2].mem_usage, 4930);
    mlh_released(370);
    memline_probe(outer, 3);
    /* A line that releases memory peaks where it started. */
    assert_int_equal(o[3].peak - o[3].mem_usage, 370);
    memline_exit(outer);
}

static void test_rss_probes_always_take_the_slow_path(void **state)
{
    struct memline_frame *f;
    struct memline_line *l;

    (void)state;
    assert_int_equal(mlrss_open(), 0);
    mlp_use_rss(1);
    f = memline_enter(&site4);
    l = f->lines;
    assert_true(l[0].mem_usage > 0);
    assert_true(f->mark_events != memline_tls.events);
    memline_probe(f, 2);
    assert_true(f->mark_events != memline_tls.events);
    assert_true(l[2].mem_usage > 0);
    assert_int_equal(l[2].peak, l[2].mem_usage);
    mlh_allocated(10);
    mlh_released(10);
    memline_probe(f, 3);
    assert_int_equal(l[3].allocs, 1);
    assert_int_equal(l[3].frees, 1);
    memline_exit(f);
    mlp_use_rss(0);
}

static void test_stale_sites_are_ignored(void **state)
{
    struct memline_frame *f;

    (void)state;
    f = memline_enter(&stale);
    assert_non_null(f);
    assert_null(f->site);
    mlh_allocated(10);
    memline_probe(f, 6);
    memline_probe(f, 6);
    mlh_released(10);
    memline_return(f, 5);
    assert_int_equal(stale.id, 0);
}

/* Frames on the calling thread's stack. */
static unsigned long depth(void)
{
    struct mlfs_stack *st = mlrec_frames();

    return st && st->top ? st->top->depth : 0;
}

static void test_exit_pops_the_frames_above(void **state)
{
    struct memline_frame *outer, *f;

    (void)state;
    assert_int_equal(depth(), 0);
    outer = memline_enter(&site2);
    assert_int_equal(depth(), 1);
    memline_enter(&site3); /* never exits, as after a longjmp */
    f = memline_enter(&site1);
    assert_int_equal(depth(), 3);
    memline_exit(f);
    assert_int_equal(depth(), 2);
    memline_exit(outer);
    assert_int_equal(depth(), 0);
}

/* memline_return: its fast path (nothing allocated since the last probe)
** records the memory and pops the frame, giving the caller back the peak
** its callee's probes saw; a frame above it goes as memline_exit's would. */
static void test_return_probes_and_pops(void **state)
{
    struct memline_frame *outer, *inner, *f;
    struct memline_line *o, *i;

    (void)state;
    outer = memline_enter(&site5);
    o = outer->lines;
    inner = memline_enter(&site6);
    i = inner->lines;
    mlh_allocated(4000);
    mlh_released(4000);
    memline_probe(inner, 2);
    memline_return(inner, 3);
    assert_int_equal(depth(), 1);
    assert_int_equal(i[3].occurrences, 1);
    assert_int_equal(i[3].increment, 0);
    assert_int_equal(i[3].mem_usage, mlh_live_now());
    assert_int_equal(i[6].occurrences, 0);
    memline_probe(outer, 2);
    assert_int_equal(o[2].increment, 0);
    assert_int_equal(o[2].peak - o[2].mem_usage, 4000);

    memline_enter(&site3); /* never exits, as after a longjmp */
    f = memline_enter(&site1);
    memline_enter(&site3);
    assert_int_equal(depth(), 4);
    memline_return(f, 4);
    assert_int_equal(depth(), 2);
    memline_return(outer, 5);
    assert_int_equal(depth(), 0);
    assert_int_equal(o[5].occurrences, 1);
}

/* A deferred frame (probe.h): memline_enter_late, after the function's
** leaf entry and before anything it allocates, counts no second call, and
** its lines and its caller's get what a frame from the entry gives. */
static void test_late_entry_is_the_entry(void **state)
{
    struct memline_frame *outer, *f;
    struct memline_leaf l;
    struct memline_line *o;

    (void)state;
    outer = memline_enter(&site7);
    o = outer->lines;
    mlh_allocated(300);
    mlh_allocated(2000);
    mlh_released(2000);
    l = memline_enter_leaf(&site8);
    assert_int_equal(l.lines[0].occurrences, 1);
    memline_leaf_tick(l, 2);
    f = memline_enter_late(&site8);
    assert_ptr_equal(f->lines, l.lines);
    assert_int_equal(depth(), 2);
    assert_int_equal(l.lines[0].occurrences, 1);
    mlh_allocated(64);
    memline_probe(f, 3);
    assert_int_equal(f->lines[3].increment, 64);
    assert_int_equal(f->lines[3].allocs, 1);
    /* The caller's excursion before the call is not the callee's line's. */
    assert_int_equal(f->lines[3].peak, f->lines[3].mem_usage);
    memline_exit(f);
    assert_int_equal(depth(), 1);
    memline_probe(outer, 2);
    assert_int_equal(o[2].increment, 364);
    assert_int_equal(o[2].allocs, 3);
    assert_int_equal(o[2].frees, 1);
    /* ... but is the caller's: 2300 at most, 364 at the end. */
    assert_int_equal(o[2].peak - o[2].mem_usage, 1936);
    mlh_released(364);
    memline_exit(outer);
}

/* A deferred frame made at the first change (probe.h), with the entry's
** marks: none while nothing changes; then, after a callee's excursion,
** the line gets the callee's bytes and peak as with a frame from the
** entry, and so does the caller's line; with the thread's high-water mark
** above its net at the entry, the frame is made at once. */
static void test_marked_frame_is_the_entry(void **state)
{
    struct memline_frame *outer, *f;
    struct memline_leaf l;
    struct memline_marks m;
    struct memline_line *o;

    (void)state;
    outer = memline_enter(&site13);
    o = outer->lines;
    mlh_allocated(300);
    memline_probe(outer, 1);
    l = memline_enter_leaf(&site11);
    m = memline_marks_now();
    f = memline_deferred_frame(&site11, m);
    assert_null(f);
    memline_deferred_probe(f, l, m, &site11, 2);
    assert_null(f);
    assert_int_equal(l.lines[2].occurrences, 1);
    assert_int_equal(l.lines[2].mem_usage, mlh_live_now());
    mlh_allocated(1000);
    mlh_released(1000);
    mlh_allocated(64);
    memline_deferred_probe(f, l, m, &site11, 3);
    assert_non_null(f);
    assert_ptr_equal(f->lines, l.lines);
    assert_int_equal(depth(), 2);
    assert_int_equal(l.lines[0].occurrences, 1);
    assert_int_equal(l.lines[3].occurrences, 1);
    assert_int_equal(l.lines[3].increment, 64);
    assert_int_equal(l.lines[3].allocs, 2);
    assert_int_equal(l.lines[3].frees, 1);
    assert_int_equal(l.lines[3].peak - l.lines[3].mem_usage, 936);
    memline_deferred_exit(f);
    assert_int_equal(depth(), 1);
    memline_probe(outer, 2);
    assert_int_equal(o[2].increment, 64);
    assert_int_equal(o[2].allocs, 2);
    assert_int_equal(o[2].frees, 1);
    assert_int_equal(o[2].peak - o[2].mem_usage, 936);

    /* An excursion of the caller's not yet reset: a frame at the entry. */
    mlh_allocated(500);
    mlh_released(500);
    l = memline_enter_leaf(&site11);
    m = memline_marks_now();
    f = memline_deferred_frame(&site11, m);
    assert_non_null(f);
    assert_int_equal(depth(), 2);
    assert_int_equal(l.lines[0].occurrences, 2);
    memline_deferred_return(f, l, m, &site11, 4);
    assert_int_equal(depth(), 1);
    assert_int_equal(l.lines[4].occurrences, 1);
    /* no excursion of its own (the report shows the larger of the two) */
    assert_true(l.lines[4].peak <= l.lines[4].mem_usage);
    memline_probe(outer, 3);
    assert_int_equal(o[3].peak - o[3].mem_usage, 500);
    mlh_released(364);
    memline_exit(outer);
}

static void test_refused_frames_are_on_no_stack(void **state)
{
    struct memline_frame *f;

    (void)state;
    f = memline_enter(&stale);
    assert_int_equal(depth(), 0);
    memline_exit(f);
    assert_int_equal(depth(), 0);
}

static jmp_buf escape;
static unsigned long depth_inside;

/* Enters a profiled function and jumps out of it. */
static __attribute__((noinline)) void thrower(void)
{
    memline_enter(&site3);
    depth_inside = depth();
    longjmp(escape, 1);
}

/* Enters a profiled function that stays live while its callee enters. */
static __attribute__((noinline)) void nest(int levels)
{
    struct memline_frame *f = memline_enter(&site1);

    if (levels > 0)
        nest(levels - 1);
    else
        depth_inside = depth();
    memline_exit(f);
}

static void test_entry_pops_frames_a_longjmp_abandoned(void **state)
{
    volatile int round;
    struct memline_frame *f;

    (void)state;
    for (round = 0; round < 1000; round++)
        if (setjmp(escape) == 0)
            thrower();
    /* Each entry found the previous round's frame dead: one is left. */
    assert_int_equal(depth_inside, 1);
    assert_int_equal(depth(), 1);
    f = memline_enter(&site2);
    assert_int_equal(depth(), 1);
    memline_exit(f);
    assert_int_equal(depth(), 0);
}

static void test_entry_keeps_live_frames(void **state)
{
    struct memline_frame *f;

    (void)state;
    f = memline_enter(&site2);
    nest(9);
    assert_int_equal(depth_inside, 11);
    assert_int_equal(depth(), 1);
    memline_exit(f);
    assert_int_equal(depth(), 0);
}

struct abandon {
    int levels;          /* unprofiled calls before the profiled one */
    unsigned long depth; /* frames on the thread's stack inside it */
};

static __attribute__((noinline)) void abandon_at(struct abandon *a, int levels)
{
    if (levels > 0) {
        abandon_at(a, levels - 1);
        __asm__ volatile("" ::: "memory"); /* not a tail call */
        return;
    }
    memline_enter(&site1);
    a->depth = depth();
}

static void *abandon_a_frame(void *arg)
{
    struct abandon *a = arg;

    abandon_at(a, a->levels);
    return NULL;
}

static void test_thread_exit_drops_its_frames(void **state)
{
    struct abandon a[2] = {{0, 0}, {8, 0}};
    pthread_t thread;
    int i;

    (void)state;
    /* The second thread gets the first one's pooled state, and enters
    ** deeper than the first one's frame (which the entry rule would not
    ** pop if it were still there). */
    for (i = 0; i < 2; i++) {
        assert_int_equal(pthread_create(&thread, NULL, abandon_a_frame, &a[i]), 0);
        assert_int_equal(pthread_join(thread, NULL), 0);
    }
    assert_int_equal(a[0].depth, 1);
    assert_int_equal(a[1].depth, 1);
}

/* A loop's tick (probe.h), which tests before it raises, records what a
** tick does: every run, and the memory the frame last measured when it is
** more than the line's; so does a leaf's, with the entry's memory. */
static void test_loop_ticks_are_ticks(void **state)
{
    struct memline_frame *f;
    struct memline_leaf l;
    struct memline_line *r;
    memline_ti64 high;
    int i;

    (void)state;
    f = memline_enter(&site9);
    r = f->lines;
    mlh_allocated(500);
    memline_probe(f, 1);
    high = mlh_live_now();
    for (i = 0; i < 3; i++) {
        memline_tick_inline(f, 2);
        memline_loop_tick_inline(f, 3);
    }
    mlh_released(500);
    memline_probe(f, 1);
    memline_tick_inline(f, 2);
    memline_loop_tick_inline(f, 3);
    assert_int_equal(r[2].occurrences, 4);
    assert_int_equal(r[3].occurrences, 4);
    assert_int_equal(r[3].mem_usage, high);
    assert_int_equal(r[2].mem_usage, high);
    memline_exit(f);

    l = memline_enter_leaf(&site10);
    memline_leaf_loop_tick(l, 2);
    assert_int_equal(l.lines[2].mem_usage, high - 500);
    mlh_allocated(700);
    l = memline_enter_leaf(&site10);
    memline_leaf_loop_tick(l, 2);
    memline_leaf_loop_tick(l, 2);
    assert_int_equal(memline_leaf_loop_cond(l, 3, 7), 7);
    assert_int_equal(l.lines[2].occurrences, 3);
    assert_int_equal(l.lines[2].mem_usage, high + 200);
    assert_int_equal(l.lines[3].occurrences, 1);
    assert_int_equal(l.lines[3].mem_usage, high + 200);
    mlh_released(700);
    l = memline_enter_leaf(&site10);
    memline_leaf_loop_tick(l, 2);
    assert_int_equal(l.lines[2].occurrences, 4);
    assert_int_equal(l.lines[2].mem_usage, high + 200);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines_get_their_own_changes),
        cmocka_unit_test(test_callee_peak_reaches_the_calling_line),
        cmocka_unit_test(test_rss_probes_always_take_the_slow_path),
        cmocka_unit_test(test_stale_sites_are_ignored),
        cmocka_unit_test(test_exit_pops_the_frames_above),
        cmocka_unit_test(test_return_probes_and_pops),
        cmocka_unit_test(test_late_entry_is_the_entry),
        cmocka_unit_test(test_marked_frame_is_the_entry),
        cmocka_unit_test(test_loop_ticks_are_ticks),
        cmocka_unit_test(test_refused_frames_are_on_no_stack),
        cmocka_unit_test(test_entry_pops_frames_a_longjmp_abandoned),
        cmocka_unit_test(test_entry_keeps_live_frames),
        cmocka_unit_test(test_thread_exit_drops_its_frames),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
