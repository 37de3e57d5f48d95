/* Unit tests of runtime/interpose.c: every member of the malloc family, as
** seen by the calling thread's counters. Linked statically with the
** runtime, so these are the interposed functions. Not built under
** sanitizers (ASan owns malloc there). */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "heap.h"

#define ALLOC (1ULL << 32)
#define FREE 1ULL

static struct memline_thread mark;

/* Called through volatile pointers so that gcc does not reject the absurd
** sizes (or the use of a block after a realloc that failed) at compile time. */
static void *(*volatile calloc_fn)(size_t, size_t) = calloc;
static void *(*volatile realloc_fn)(void *, size_t) = realloc;
static void *(*volatile reallocarray_fn)(void *, size_t, size_t) = reallocarray;

static void start(void)
{
    mark = memline_tls;
}

/* The change since start(): net bytes and events. */
static void expect(memline_i64 net, memline_u64 events)
{
    assert_int_equal(memline_tls.net - mark.net, net);
    assert_int_equal(memline_tls.events - mark.events, events);
}

static void test_malloc_and_free_count_usable_bytes(void **state)
{
    memline_i64 live = mlh_live_now();
    size_t usable;
    char *p;

    (void)state;
    start();
    p = malloc(100);
    usable = malloc_usable_size(p);
    assert_non_null(p);
    assert_true(usable >= 100);
    expect((memline_i64)usable, ALLOC);
    assert_int_equal(mlh_live_now() - live, (memline_i64)usable);
    free(p);
    expect(0, ALLOC + FREE);
    assert_int_equal(mlh_live_now(), live);
}

static void test_free_null_and_usable_size_null(void **state)
{
    (void)state;
    start();
    free(NULL);
    assert_int_equal(malloc_usable_size(NULL), 0);
    expect(0, 0);
}

static void test_calloc_zeroes_and_counts(void **state)
{
    unsigned char *p;
    size_t i;

    (void)state;
    start();
    p = calloc(300, 7);
    assert_non_null(p);
    for (i = 0; i < 2100; i++)
        assert_int_equal(p[i], 0);
    expect((memline_i64)malloc_usable_size(p), ALLOC);
    free(p);
}

static void test_calloc_overflow_returns_null(void **state)
{
    void *p;

    (void)state;
    start();
    errno = 0;
    p = calloc_fn(SIZE_MAX / 2, 3);
    assert_null(p);
    assert_int_equal(errno, ENOMEM);
    expect(0, 0);
}

static void test_realloc_grow_and_shrink(void **state)
{
    size_t before, after;
    char *p, *q;

    (void)state;
    p = malloc(40);
    memset(p, 'x', 40);
    before = malloc_usable_size(p);
    start();
    q = realloc(p, 100000);
    assert_non_null(q);
    after = malloc_usable_size(q);
    assert_int_equal(q[39], 'x');
    expect((memline_i64)after - (memline_i64)before, ALLOC + FREE);

    start();
    p = realloc(q, 24);
    assert_non_null(p);
    assert_int_equal(p[23], 'x');
    expect((memline_i64)malloc_usable_size(p) - (memline_i64)after, ALLOC + FREE);
    free(p);
}

static void test_realloc_failure_moves_nothing(void **state)
{
    char *p = malloc(64), *q;

    (void)state;
    strcpy(p, "kept");
    start();
    errno = 0;
    q = realloc_fn(p, SIZE_MAX - 4096);
    assert_null(q);
    assert_int_equal(errno, ENOMEM);
    expect(0, 0);
    assert_string_equal(p, "kept");
    free(p);
}

static void test_realloc_edges(void **state)
{
    memline_i64 usable;
    char *p;

    (void)state;
    start();
    p = realloc(NULL, 50);
    assert_non_null(p);
    usable = (memline_i64)malloc_usable_size(p);
    expect(usable, ALLOC);
    start();
    assert_null(realloc(p, 0));
    expect(-usable, FREE);
}

static void test_reallocarray(void **state)
{
    void *p;

    (void)state;
    start();
    errno = 0;
    assert_null(reallocarray_fn(NULL, SIZE_MAX / 4, 8));
    assert_int_equal(errno, ENOMEM);
    expect(0, 0);
    p = reallocarray(NULL, 10, 8);
    assert_non_null(p);
    expect((memline_i64)malloc_usable_size(p), ALLOC);
    free(p);
}

static void test_aligned_allocations(void **state)
{
    void *p = NULL;
    void *blocks[4];
    int i;

    (void)state;
    start();
    assert_int_equal(posix_memalign(&p, 3, 10), EINVAL);
    assert_int_equal(posix_memalign(&p, 0, 10), EINVAL);
    assert_int_equal(posix_memalign(&p, 24, 10), EINVAL);
    expect(0, 0);

    assert_int_equal(posix_memalign(&p, 256, 1000), 0);
    assert_int_equal((uintptr_t)p % 256, 0);
    expect((memline_i64)malloc_usable_size(p), ALLOC);
    free(p);

    blocks[0] = aligned_alloc(64, 640);
    blocks[1] = memalign(128, 100);
    blocks[2] = valloc(10);
    blocks[3] = pvalloc(10);
    assert_int_equal((uintptr_t)blocks[0] % 64, 0);
    assert_int_equal((uintptr_t)blocks[1] % 128, 0);
    assert_int_equal((uintptr_t)blocks[2] % 4096, 0);
    assert_int_equal((uintptr_t)blocks[3] % 4096, 0);
    start();
    for (i = 0; i < 4; i++) {
        size_t usable = malloc_usable_size(blocks[i]);

        free(blocks[i]);
        expect(-(memline_i64)usable, FREE);
        start();
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_malloc_and_free_count_usable_bytes),
        cmocka_unit_test(test_free_null_and_usable_size_null),
        cmocka_unit_test(test_calloc_zeroes_and_counts),
        cmocka_unit_test(test_calloc_overflow_returns_null),
        cmocka_unit_test(test_realloc_grow_and_shrink),
        cmocka_unit_test(test_realloc_failure_moves_nothing),
        cmocka_unit_test(test_realloc_edges),
        cmocka_unit_test(test_reallocarray),
        cmocka_unit_test(test_aligned_allocations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
