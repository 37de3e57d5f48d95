/* Unit tests of the C API in include/memline.h (runtime/api.c,
** runtime/ondemand.c), as a C programmer's own unit test uses it: "this
** call leaks nothing and stays under N bytes". Linked with libmemline. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <memline.h>
#include <memline/probe.h>

static void *kept;

/* A profiled function, instrumented by hand as memline-instrument would:
** its peak reaches the API through the running thread's share. */
static struct memline_site memline__site_1;

static void spike(size_t bytes)
{
    struct memline_frame *const memline__f = memline_enter(&memline__site_1);
    char *p = malloc(bytes);
    int memline__d1 __attribute__((unused)) = (memline_probe(memline__f, 1), 0);
    free(p);
    memline_probe(memline__f, 2);
    memline_exit(memline__f);
}

static const char *const memline__text_1[] = {"static void spike(size_t bytes) {",
                                              "    char *p = malloc(bytes);", "    free(p);", "}"};
static struct memline_site memline__site_1 = {
    MEMLINE_PROBE_VERSION, 0, "test_api.c", "spike", 1, 4, memline__text_1, 0, 0, 0, 0, 0, 0};

/* A thread that spikes, then waits at `hold` (when set) before it exits. */
struct spiker {
    size_t bytes;
    pthread_barrier_t *hold;
};

static void *spiker_main(void *arg)
{
    struct spiker *s = arg;

    spike(s->bytes);
    if (s->hold) {
        pthread_barrier_wait(s->hold);
        pthread_barrier_wait(s->hold);
    }
    return NULL;
}

static size_t usable_size_of(size_t request)
{
    void *p = malloc(request);
    size_t n = malloc_usable_size(p);

    free(p);
    return n;
}

static void clean_call(void)
{
    char *p = malloc(5000);

    memset(p, 1, 5000);
    free(p);
}

static void leaky_call(void)
{
    kept = malloc(1000);
}

static void test_a_clean_call_leaks_nothing_and_stays_under_a_bound(void **state)
{
    size_t block = usable_size_of(5000);
    long long before, after, peak;

    (void)state;
    memline_reset_peak();
    memline_get_traced_memory(&before, &peak);
    assert_int_equal(peak, before);
    clean_call();
    memline_get_traced_memory(&after, &peak);
    assert_int_equal(after, before);
    assert_int_equal(peak - before, (long long)block);
    assert_true(peak - before < 6000);
}

static void test_a_leak_shows_in_current(void **state)
{
    size_t block = usable_size_of(1000);
    long long before, after;

    (void)state;
    memline_get_traced_memory(&before, NULL);
    leaky_call();
    memline_get_traced_memory(&after, NULL);
    assert_int_equal(after - before, (long long)block);
    free(kept);
    memline_get_traced_memory(&after, NULL);
    assert_int_equal(after, before);
}

static void test_reset_peak_starts_from_now(void **state)
{
    long long current, peak;
    void *big = malloc(1 << 20);

    (void)state;
    free(big);
    memline_get_traced_memory(&current, &peak);
    assert_true(peak - current >= 1 << 20);
    memline_reset_peak();
    memline_get_traced_memory(&current, &peak);
    assert_int_equal(peak, current);
}

static void test_an_exited_threads_peak_counts(void **state)
{
    struct spiker s = {4 << 20, NULL};
    long long before, current, peak;
    pthread_t t;

    (void)state;
    memline_reset_peak();
    memline_get_traced_memory(&before, NULL);
    assert_int_equal(pthread_create(&t, NULL, spiker_main, &s), 0);
    assert_int_equal(pthread_join(t, NULL), 0);
    memline_get_traced_memory(&current, &peak);
    assert_true(peak - before >= 4 << 20);
}

static void test_a_live_threads_peak_counts_until_a_reset(void **state)
{
    pthread_barrier_t hold;
    struct spiker s = {2 << 20, &hold};
    long long before, current, peak;
    pthread_t t;

    (void)state;
    assert_int_equal(pthread_barrier_init(&hold, NULL, 2), 0);
    memline_reset_peak();
    memline_get_traced_memory(&before, NULL);
    assert_int_equal(pthread_create(&t, NULL, spiker_main, &s), 0);
    pthread_barrier_wait(&hold);
    memline_get_traced_memory(&current, &peak);
    /* The spiking thread saw the live heap without this thread's
    ** unflushed part, under 64 KiB (runtime/heap.h). */
    assert_true(peak - before >= (2 << 20) - (64 << 10));
    memline_reset_peak();
    memline_get_traced_memory(&current, &peak);
    assert_int_equal(peak, current);
    pthread_barrier_wait(&hold);
    assert_int_equal(pthread_join(t, NULL), 0);
    memline_get_traced_memory(&current, &peak);
    assert_int_equal(peak, current);
    pthread_barrier_destroy(&hold);
}

/* MEMLINE_OUTPUT is api_report.json (set by ctest): the report goes to
** api_report.json.1, then .2. */
static void test_write_report_numbers_its_files(void **state)
{
    (void)state;
    remove("api_report.json.1");
    remove("api_report.json.2");
    assert_int_equal(memline_write_report(), 0);
    assert_int_equal(access("api_report.json.1", F_OK), 0);
    assert_int_equal(memline_write_report(), 0);
    assert_int_equal(access("api_report.json.2", F_OK), 0);
    remove("api_report.json.1");
    remove("api_report.json.2");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_clean_call_leaks_nothing_and_stays_under_a_bound),
        cmocka_unit_test(test_a_leak_shows_in_current),
        cmocka_unit_test(test_reset_peak_starts_from_now),
        cmocka_unit_test(test_an_exited_threads_peak_counts),
        cmocka_unit_test(test_a_live_threads_peak_counts_until_a_reset),
        cmocka_unit_test(test_write_report_numbers_its_files),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
