/* Unit tests of runtime/records.c: site registry, per-thread record blocks,
** merging of dead and live threads, pooling of thread states. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <string.h>

#include "records.h"

static const char *const text3[] = {"MEMLINE_PROFILE", "void f(void) {", "}"};
static struct memline_site site_a = {MEMLINE_PROBE_VERSION, 0, "r.c", "a", 1, 3, text3, 0};
static struct memline_site site_b = {MEMLINE_PROBE_VERSION, 0, "r.c", "b", 5, 7, text3, 0};
static struct memline_site site_c = {MEMLINE_PROBE_VERSION, 0, "r.c", "c", 9, 11, text3, 0};
static struct memline_site site_old = {MEMLINE_PROBE_VERSION + 1, 0, "r.c", "old", 1, 3, text3, 0};
static struct memline_site site_bad = {MEMLINE_PROBE_VERSION, 0, "r.c", "bad", 9, 8, text3, 0};

static void test_register_assigns_ids_once(void **state)
{
    unsigned count = mlrec_count(), id;

    (void)state;
    assert_int_equal(mlrec_register(&site_a), 0);
    id = site_a.id;
    assert_true(id > 0);
    assert_int_equal(mlrec_register(&site_a), 0);
    assert_int_equal(site_a.id, id);
    assert_int_equal(mlrec_register(&site_b), 0);
    assert_true(site_b.id > 0 && site_b.id != id);
    assert_int_equal(mlrec_count(), count + 2);
}

static void test_refused_sites_get_no_id(void **state)
{
    unsigned count = mlrec_count();

    (void)state;
    assert_int_equal(mlrec_register(&site_old), -1);
    assert_int_equal(mlrec_register(&site_bad), -1);
    assert_int_equal(site_old.id, 0);
    assert_int_equal(site_bad.id, 0);
    assert_int_equal(mlrec_count(), count);
}

static void *lines_of_a(void *arg)
{
    (void)arg;
    return mlrec_lines(&site_a);
}

static void test_blocks_are_per_thread(void **state)
{
    struct memline_line *a, *b, *other;
    pthread_t t;
    unsigned i;

    (void)state;
    mlrec_register(&site_a);
    mlrec_register(&site_b);
    a = mlrec_lines(&site_a);
    b = mlrec_lines(&site_b);
    assert_non_null(a);
    assert_non_null(b);
    assert_ptr_not_equal(a, b);
    assert_ptr_equal(mlrec_lines(&site_a), a);
    for (i = 0; i < 3; i++)
        assert_int_equal(b[i].occurrences, 0);
    assert_int_equal(pthread_create(&t, NULL, lines_of_a, NULL), 0);
    assert_int_equal(pthread_join(t, (void **)&other), 0);
    assert_non_null(other);
    assert_ptr_not_equal(other, a);
}

static struct memline_line merged_c[3];

static void keep_c(void *ctx, const struct memline_site *s, const struct memline_line *merged)
{
    (void)ctx;
    if (s == &site_c)
        memcpy(merged_c, merged, sizeof merged_c);
}

static void *record_in_thread(void *arg)
{
    struct memline_line *l = mlrec_lines(&site_c);
    unsigned i;

    for (i = 0; i < 3; i++)
        if (l[i].occurrences || l[i].increment || l[i].mem_usage)
            return NULL; /* a pooled block that was not zeroed */
    l[1].occurrences = 3;
    l[1].increment = -40;
    l[1].mem_usage = 800;
    l[1].peak = 900;
    l[1].frees = 2;
    (void)arg;
    return l;
}

static void test_merge_adds_dead_and_live_threads(void **state)
{
    struct memline_line *mine, *theirs = NULL;
    pthread_t t;
    int round;

    (void)state;
    mlrec_register(&site_c);
    mine = mlrec_lines(&site_c);
    mine[1].occurrences = 2;
    mine[1].increment = 100;
    mine[1].mem_usage = 500;
    mine[1].peak = 600;
    mine[1].allocs = 1;
    /* Two threads one after the other: the second reuses the first's
    ** pooled, zeroed state. */
    for (round = 0; round < 2; round++) {
        assert_int_equal(pthread_create(&t, NULL, record_in_thread, NULL), 0);
        assert_int_equal(pthread_join(t, (void **)&theirs), 0);
        assert_non_null(theirs);
    }
    mlrec_merge(keep_c, NULL);
    assert_int_equal(merged_c[0].occurrences, 0);
    assert_int_equal(merged_c[1].occurrences, 8);
    assert_int_equal(merged_c[1].increment, 20);
    assert_int_equal(merged_c[1].mem_usage, 800);
    assert_int_equal(merged_c[1].peak, 900);
    assert_int_equal(merged_c[1].allocs, 1);
    assert_int_equal(merged_c[1].frees, 4);
}

static void test_add_skips_lines_that_never_ran(void **state)
{
    struct memline_line dst[2] = {{0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0}};
    struct memline_line src[2] = {{5, 0, 7, 7, 0, 0}, {-10, 1, -300, -200, 0, 1}};

    (void)state;
    mlrec_add(dst, src, 2);
    assert_int_equal(dst[0].increment, 0);
    assert_int_equal(dst[0].mem_usage, 0);
    /* The first run is copied even when below zero, later runs are maxima. */
    assert_int_equal(dst[1].mem_usage, -300);
    assert_int_equal(dst[1].peak, -200);
    src[1].mem_usage = -400;
    src[1].peak = 50;
    mlrec_add(dst, src, 2);
    assert_int_equal(dst[1].mem_usage, -300);
    assert_int_equal(dst[1].peak, 50);
    assert_int_equal(dst[1].increment, -20);
    assert_int_equal(dst[1].occurrences, 2);
    assert_int_equal(dst[1].frees, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_register_assigns_ids_once),
        cmocka_unit_test(test_refused_sites_get_no_id),
        cmocka_unit_test(test_blocks_are_per_thread),
        cmocka_unit_test(test_merge_adds_dead_and_live_threads),
        cmocka_unit_test(test_add_skips_lines_that_never_ran),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
