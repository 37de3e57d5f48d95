/* Unit tests of runtime/relog.h: a logged release takes effect when the
** log is settled (by hand, or when it is full), an address with no entry
** is ignored, and a settled release gives its line's and its type's bytes
** back (atpeak.h). The block map never reads a block: the addresses are
** made up, each test in its own 1 GiB region. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "atpeak.h"
#include "blockmap.h"
#include "relog.h"

#define GIB ((uintptr_t)1 << 30)
#define TYPE 5

static uintptr_t region(int n)
{
    return (uintptr_t)0x200000000000 + (uintptr_t)n * 4 * GIB;
}

/* A live entry owned by line `line` of site 1. */
static struct mlbm_entry *owned(uintptr_t block, long long size, unsigned line)
{
    struct mlbm_entry *e = mlbm_slot(block);

    assert_non_null(e);
    *e = (struct mlbm_entry){size, 1, line, mlap_epoch(), 0, TYPE, 0};
    mlbm_hold(e, block);
    return e;
}

static void test_applied_when_settled(void **state)
{
    uintptr_t b = region(0);

    (void)state;
    owned(b, 200, 0);
    mlrl_log(b);
    assert_int_equal(mlrl_count, 1);
    assert_non_null(mlbm_find(b));
    mlrl_settle();
    assert_int_equal(mlrl_count, 0);
    assert_null(mlbm_find(b));
}

static void test_full_log_settles_itself(void **state)
{
    uintptr_t b = region(1);
    unsigned i;

    (void)state;
    for (i = 0; i <= MLRL_CAPACITY; i++)
        owned(b + i * 64, 48, 1);
    for (i = 0; i < MLRL_CAPACITY; i++)
        mlrl_log(b + i * 64);
    assert_int_equal(mlrl_count, MLRL_CAPACITY);
    assert_non_null(mlbm_find(b));
    mlrl_log(b + MLRL_CAPACITY * 64);
    assert_int_equal(mlrl_count, 1);
    for (i = 0; i < MLRL_CAPACITY; i++)
        assert_null(mlbm_find(b + i * 64));
    assert_non_null(mlbm_find(b + MLRL_CAPACITY * 64));
    mlrl_settle();
    assert_null(mlbm_find(b + MLRL_CAPACITY * 64));
}

static void test_address_without_entry_ignored(void **state)
{
    uintptr_t b = region(2);

    (void)state;
    owned(b, 64, 0);
    mlrl_log(b + 0x1000);
    mlrl_settle();
    assert_int_equal(mlrl_count, 0);
    assert_non_null(mlbm_find(b));
    mlrl_release(b);
    assert_null(mlbm_find(b));
}

struct cell {
    long long bytes, blocks;
};

static void note_type(void *ctx, unsigned type, long long bytes, long long blocks,
                      long long peak_bytes, long long peak_blocks)
{
    struct cell *c = ctx;

    (void)peak_bytes;
    (void)peak_blocks;
    if (type == TYPE)
        *c = (struct cell){bytes, blocks};
}

static struct cell type_cell(void)
{
    struct mlap_totals totals;
    struct cell c = {0, 0};

    assert_int_equal(mlap_collect_types(0, &totals, note_type, &c), 0);
    return c;
}

static void test_release_gives_type_bytes_back(void **state)
{
    uintptr_t b = region(3);
    struct cell before = type_cell(), c;

    (void)state;
    mlap_lock();
    mlap_allocated(300);
    owned(b, 300, 1);
    mlap_assigned(1, 2, 1, 300, mlap_epoch(), TYPE);
    mlap_unlock();
    c = type_cell();
    assert_int_equal(c.bytes, before.bytes + 300);
    assert_int_equal(c.blocks, before.blocks + 1);
    mlap_lock();
    mlap_releasing(300);
    mlrl_log(b);
    mlap_unlock();
    /* The table by type settles first: the release counts at once. */
    c = type_cell();
    assert_int_equal(c.bytes, before.bytes);
    assert_int_equal(c.blocks, before.blocks);
    assert_int_equal(mlrl_count, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_applied_when_settled),
        cmocka_unit_test(test_full_log_settles_itself),
        cmocka_unit_test(test_address_without_entry_ignored),
        cmocka_unit_test(test_release_gives_type_bytes_back),
    };

    memline_typing = 1;
    if (mlbm_start() != 0 || mlap_start(0, mlrl_settle) != 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
