/* Unit tests of runtime/rss.c: the resident set follows touched memory. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>
#include <sys/mman.h>

#include "rss.h"

#define SIZE (32LL << 20)

static void test_touching_memory_raises_rss(void **state)
{
    long long before, mapped, touched;
    char *p;

    (void)state;
    assert_int_equal(mlrss_open(), 0);
    before = mlrss_now();
    assert_true(before > 0);
    p = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(p != MAP_FAILED);
    mapped = mlrss_now();
    memset(p, 1, SIZE);
    touched = mlrss_now();
    assert_true(mapped - before < (1LL << 20));
    assert_true(touched - mapped >= SIZE - (1LL << 20));
    munmap(p, SIZE);
    assert_true(touched - mlrss_now() >= SIZE - (1LL << 20));
}

static void test_reopen_is_allowed(void **state)
{
    (void)state;
    assert_int_equal(mlrss_open(), 0);
    assert_int_equal(mlrss_open(), 0);
    assert_true(mlrss_now() > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_touching_memory_raises_rss),
        cmocka_unit_test(test_reopen_is_allowed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
