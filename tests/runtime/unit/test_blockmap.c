/* Unit tests of runtime/blockmap.h: entries found by address, neighbours
** side by side, a granule's one block, pages and 1 GiB regions visited
** with their exact addresses, the limit of the address space, the stripe
** locks and the forked child's empty map. The map never reads a block, so
** the addresses are made up; each test starts from an empty map (the
** child's) and uses its own region. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "blockmap.h"

#define GIB ((uintptr_t)1 << 30)

/* A fresh 1 GiB region per test, far from the others. */
static uintptr_t region(int n)
{
    return (uintptr_t)0x100000000000 + (uintptr_t)n * 4 * GIB;
}

static int empty(void **state)
{
    (void)state;
    mlbm_clear_child();
    return 0;
}

static struct mlbm_entry *track(uintptr_t block, long long size)
{
    struct mlbm_entry *e = mlbm_slot(block);

    assert_non_null(e);
    assert_false(mlbm_live(e));
    e->size = size;
    mlbm_hold(e, block);
    return e;
}

struct seen {
    uintptr_t blocks[16];
    long long bytes;
    int n;
};

static void note(void *ctx, uintptr_t block, struct mlbm_entry *e)
{
    struct seen *s = ctx;

    if (s->n < 16)
        s->blocks[s->n] = block;
    s->n++;
    s->bytes += e->size;
}

static void test_found_by_exact_address(void **state)
{
    uintptr_t b = region(0) + 0x1230 - 0x1230 % MLBM_GRANULE;
    struct mlbm_entry *e;

    (void)state;
    assert_null(mlbm_find(b));
    e = track(b, 48);
    assert_ptr_equal(mlbm_find(b), e);
    assert_int_equal(mlbm_find(b)->size, 48);
    mlbm_drop(e);
    assert_null(mlbm_find(b));
}

static void test_neighbours_lie_side_by_side(void **state)
{
    uintptr_t b = region(1) + 0x40;
    struct mlbm_entry *first, *second;

    (void)state;
    first = track(b, 24);
    second = track(b + MLBM_GRANULE, 24);
    assert_ptr_equal(second, first + 1);
}

/* A block may start anywhere in its granule; only its exact address
** finds it. */
static void test_granule_holds_one_block_at_its_offset(void **state)
{
    uintptr_t granule = region(2) + 0x800, b = granule + MLBM_GRANULE / 2;

    (void)state;
    track(b, 24);
    assert_non_null(mlbm_find(b));
    assert_null(mlbm_find(granule));
    assert_ptr_equal(mlbm_slot(granule), mlbm_find(b));
}

static void test_each_visits_pages_and_regions_with_addresses(void **state)
{
    uintptr_t a = region(3) + 0x10, b = region(3) + 3 * 4096 + 0xff0 - 0xff0 % MLBM_GRANULE,
              c = region(3) + GIB + 0x20;
    struct seen s = {{0}, 0, 0};

    (void)state;
    track(a, 100);
    track(b, 200);
    track(c, 300);
    mlbm_each(MLBM_LOCK, note, &s);
    assert_int_equal(s.n, 3);
    assert_int_equal(s.bytes, 100 + 200 + 300);
    mlbm_clear_child();
    s = (struct seen){{0}, 0, 0};
    mlbm_each(MLBM_LOCK, note, &s);
    assert_int_equal(s.n, 0);
    track(a, 1);
    track(c, 2);
    track(b, 3);
    mlbm_each(MLBM_LOCK, note, &s);
    assert_int_equal(s.n, 3);
    /* In address order, whatever the order of tracking. */
    assert_true(s.blocks[0] == a && s.blocks[1] == b && s.blocks[2] == c);
}

static void test_try_skips_a_taken_stripe(void **state)
{
    uintptr_t a = region(5) + 0x100, b = region(5) + 4096 + 0x100;
    struct seen s = {{0}, 0, 0};

    (void)state;
    track(a, 10);
    track(b, 20);
    assert_ptr_equal(mlbm_stripe(a), mlbm_stripe(a + 4095 - 0x100));
    assert_ptr_not_equal(mlbm_stripe(a), mlbm_stripe(b));
    pthread_mutex_lock(mlbm_stripe(a));
    mlbm_each(MLBM_TRY, note, &s);
    pthread_mutex_unlock(mlbm_stripe(a));
    assert_int_equal(s.n, 1);
    assert_true(s.blocks[0] == b && s.bytes == 20);
    s = (struct seen){{0}, 0, 0};
    pthread_mutex_lock(mlbm_stripe(a));
    mlbm_each(MLBM_CALLER, note, &s);
    pthread_mutex_unlock(mlbm_stripe(a));
    assert_int_equal(s.n, 2);
}

static void test_addresses_past_47_bits_are_not_tracked(void **state)
{
    uintptr_t top = (uintptr_t)1 << 47;

    (void)state;
    assert_null(mlbm_slot(top));
    assert_null(mlbm_find(top));
    assert_non_null(mlbm_slot(top - MLBM_GRANULE));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_found_by_exact_address, empty),
        cmocka_unit_test_setup(test_neighbours_lie_side_by_side, empty),
        cmocka_unit_test_setup(test_granule_holds_one_block_at_its_offset, empty),
        cmocka_unit_test_setup(test_each_visits_pages_and_regions_with_addresses, empty),
        cmocka_unit_test_setup(test_try_skips_a_taken_stripe, empty),
        cmocka_unit_test_setup(test_addresses_past_47_bits_are_not_tracked, empty),
    };

    if (mlbm_start() != 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
