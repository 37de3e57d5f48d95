/* Unit tests of runtime/untraced.h: nothing is untraced before the first
** mark; a mark is found once and only at its block's address; neighbours
** 16 bytes apart keep their own marks; regions 4 GiB apart are separate
** and made on demand; an address past the regions cannot be marked; marks
** from several threads on blocks side by side all survive. The shadow
** never reads a block, so the addresses are made up. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "untraced.h"

#include <pthread.h>

#define GIB ((uintptr_t)1 << 30)

static const void *at(uintptr_t a)
{
    return (const void *)a;
}

static void test_before_any_mark(void **state)
{
    (void)state;
    assert_int_equal(mlu_any, 0);
    assert_int_equal(mlu_take(at(0x7f0000001000)), 0);
}

static void test_mark_and_take(void **state)
{
    uintptr_t a = (uintptr_t)0x100000000000;

    (void)state;
    assert_int_equal(mlu_mark(at(a)), 0);
    assert_int_equal(mlu_any, 1);
    assert_int_equal(mlu_take(at(a + 16)), 0);
    assert_int_equal(mlu_take(at(a - 16)), 0);
    assert_int_equal(mlu_take(at(a)), 1);
    assert_int_equal(mlu_take(at(a)), 0); /* taken: released once */
}

static void test_neighbours(void **state)
{
    uintptr_t a = (uintptr_t)0x100000000000 + 4096;
    int i;

    (void)state;
    for (i = 0; i < 8; i++)
        assert_int_equal(mlu_mark(at(a + (uintptr_t)i * 32)), 0);
    for (i = 0; i < 16; i++)
        assert_int_equal(mlu_take(at(a + (uintptr_t)i * 16)), i % 2 == 0);
}

static void test_regions(void **state)
{
    uintptr_t a = (uintptr_t)0x200000000000;

    (void)state;
    assert_null(mlu_regions[(a + 4 * GIB) >> MLU_REGION_SHIFT]);
    assert_int_equal(mlu_mark(at(a + 4 * GIB - 16)), 0);
    assert_int_equal(mlu_mark(at(a + 4 * GIB)), 0);
    assert_non_null(mlu_regions[(a + 4 * GIB) >> MLU_REGION_SHIFT]);
    assert_int_equal(mlu_take(at(a + 4 * GIB)), 1);
    assert_int_equal(mlu_take(at(a + 4 * GIB - 16)), 1);
    /* The last granule below 2^47, and past it. */
    assert_int_equal(mlu_mark(at(((uintptr_t)1 << 47) - 16)), 0);
    assert_int_equal(mlu_take(at(((uintptr_t)1 << 47) - 16)), 1);
    assert_int_equal(mlu_mark(at((uintptr_t)1 << 47)), -1);
    assert_int_equal(mlu_take(at((uintptr_t)1 << 47)), 0);
}

#define THREADS 4
#define PER_THREAD 10000

static void *marker(void *arg)
{
    uintptr_t base = (uintptr_t)0x300000000000 + (uintptr_t)arg * 16;
    int i;

    for (i = 0; i < PER_THREAD; i++)
        if (mlu_mark(at(base + (uintptr_t)i * THREADS * 16)) != 0)
            return arg;
    return NULL;
}

static void test_threads(void **state)
{
    pthread_t t[THREADS];
    uintptr_t k;
    void *failed;
    int i, found = 0;

    (void)state;
    for (k = 0; k < THREADS; k++)
        assert_int_equal(pthread_create(&t[k], NULL, marker, (void *)k), 0);
    for (k = 0; k < THREADS; k++) {
        assert_int_equal(pthread_join(t[k], &failed), 0);
        assert_null(failed);
    }
    for (i = 0; i < THREADS * PER_THREAD; i++)
        found += mlu_take(at((uintptr_t)0x300000000000 + (uintptr_t)i * 16));
    assert_int_equal(found, THREADS * PER_THREAD);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_before_any_mark), cmocka_unit_test(test_mark_and_take),
        cmocka_unit_test(test_neighbours),      cmocka_unit_test(test_regions),
        cmocka_unit_test(test_threads),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
