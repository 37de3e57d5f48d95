/* Unit tests of runtime/atpeak.h: the lazy snapshot, the dirty list,
** pending blocks assigned after a snapshot, ghosts and their epochs, fork.
** Calls the module directly (as leaks.c would, lock held), so that every
** number is known; each test starts from a fresh peak (reset()). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "atpeak.h"

#define NLINES 4

struct shares {
    long long bytes[3][NLINES]; /* sites 1 and 2 */
    int visits;
};

static void add_share(void *ctx, unsigned site, unsigned line, long long bytes)
{
    struct shares *s = ctx;

    assert_true(site >= 1 && site <= 2 && line < NLINES);
    s->bytes[site][line] += bytes;
    s->visits++;
}

static struct mlap_peak collect(struct shares *s)
{
    struct mlap_peak peak;

    *s = (struct shares){{{0}}, 0};
    assert_int_equal(mlap_collect(0, &peak, add_share, s), 0);
    return peak;
}

/* Forgets every line's share, as a forked child does, and returns the
** heap now: the peak each test starts from. */
static long long reset(void)
{
    struct shares s;

    mlap_fork_child();
    return collect(&s).bytes;
}

static void test_snapshot_at_first_release_after_maximum(void **state)
{
    long long base = reset();
    struct shares s;
    struct mlap_peak peak;

    (void)state;
    mlap_lock();
    mlap_allocated(800);
    mlap_assigned(1, NLINES, 0, 800, mlap_epoch(), MLAP_UNTYPED);
    mlap_allocated(200);
    mlap_assigned(1, NLINES, 1, 200, mlap_epoch(), MLAP_UNTYPED);
    mlap_releasing(200);
    mlap_released_owned(1, 1, 200, MLAP_UNTYPED);
    mlap_allocated(100); /* below the maximum: no new snapshot */
    mlap_assigned(1, NLINES, 2, 100, mlap_epoch(), MLAP_UNTYPED);
    mlap_unlock();
    peak = collect(&s);
    assert_int_equal(peak.bytes, base + 1000);
    assert_int_equal(s.bytes[1][0], 800);
    assert_int_equal(s.bytes[1][1], 200);
    assert_int_equal(s.bytes[1][2], 0);
    assert_int_equal(s.visits, 2);
}

static void test_report_takes_a_due_snapshot(void **state)
{
    long long base = reset();
    struct shares s;

    (void)state;
    mlap_lock();
    mlap_allocated(64);
    mlap_assigned(2, NLINES, 3, 64, mlap_epoch(), MLAP_UNTYPED);
    mlap_unlock();
    assert_int_equal(collect(&s).bytes, base + 64);
    assert_int_equal(s.bytes[2][3], 64);
}

static void test_unchanged_lines_keep_their_share(void **state)
{
    long long base = reset();
    struct shares s;

    (void)state;
    mlap_lock();
    mlap_allocated(500);
    mlap_assigned(1, NLINES, 0, 500, mlap_epoch(), MLAP_UNTYPED);
    mlap_allocated(10);
    mlap_assigned(1, NLINES, 1, 10, mlap_epoch(), MLAP_UNTYPED);
    mlap_releasing(10); /* snapshot 1: 500 + 10 */
    mlap_released_owned(1, 1, 10, MLAP_UNTYPED);
    mlap_allocated(300);
    mlap_assigned(2, NLINES, 0, 300, mlap_epoch(), MLAP_UNTYPED);
    mlap_releasing(300); /* snapshot 2: 500 + 300; line 1:0 not dirty */
    mlap_released_owned(2, 0, 300, MLAP_UNTYPED);
    mlap_releasing(500); /* no new maximum: the peak stays snapshot 2 */
    mlap_released_owned(1, 0, 500, MLAP_UNTYPED);
    mlap_unlock();
    assert_int_equal(collect(&s).bytes, base + 800);
    assert_int_equal(s.bytes[1][0], 500);
    assert_int_equal(s.bytes[1][1], 0);
    assert_int_equal(s.bytes[2][0], 300);
}

static void test_pending_block_assigned_after_snapshot(void **state)
{
    long long base = reset();
    unsigned epoch;
    struct shares s;

    (void)state;
    mlap_lock();
    mlap_allocated(40); /* pending: its line is not known yet */
    epoch = mlap_epoch();
    mlap_allocated(1000);
    mlap_releasing(1000); /* snapshot: 40 pending + 1000 pending */
    mlap_released_pending(7, 1, 1000, epoch, MLAP_UNTYPED);
    mlap_assigned(1, NLINES, 2, 40, epoch, MLAP_UNTYPED);
    mlap_claim(7, 0, 1, NLINES, 2);
    mlap_unlock();
    assert_int_equal(collect(&s).bytes, base + 1040);
    assert_int_equal(s.bytes[1][2], 1040);
}

static void test_ghosts_belong_to_their_thread_and_range(void **state)
{
    long long base = reset();
    unsigned epoch = mlap_epoch();
    struct shares s;

    (void)state;
    mlap_lock();
    mlap_allocated(100); /* thread 3, index 0 */
    mlap_allocated(200); /* thread 3, index 5 */
    mlap_allocated(400); /* thread 4, index 0 */
    mlap_releasing(100);
    mlap_released_pending(3, 0, 100, epoch, MLAP_UNTYPED);
    mlap_releasing(200);
    mlap_released_pending(3, 5, 200, epoch, MLAP_UNTYPED);
    mlap_releasing(400);
    mlap_released_pending(4, 0, 400, epoch, MLAP_UNTYPED);
    mlap_claim(3, 2, 1, NLINES, 1); /* an inner frame: from index 2 on */
    mlap_claim(3, 0, 1, NLINES, 0); /* the frame under it */
    mlap_claim(4, 0, 2, NLINES, 1);
    mlap_claim(4, 0, 2, NLINES, 2); /* claimed already */
    mlap_unlock();
    assert_int_equal(collect(&s).bytes, base + 700);
    assert_int_equal(s.bytes[1][1], 200);
    assert_int_equal(s.bytes[1][0], 100);
    assert_int_equal(s.bytes[2][1], 400);
    assert_int_equal(s.bytes[2][2], 0);
}

static void test_ghost_of_an_older_peak_is_dropped(void **state)
{
    long long base = reset();
    unsigned epoch = mlap_epoch();
    struct shares s;

    (void)state;
    mlap_lock();
    mlap_allocated(100);
    mlap_releasing(100); /* snapshot 1: the pending 100 */
    mlap_released_pending(9, 0, 100, epoch, MLAP_UNTYPED);
    mlap_allocated(300);
    mlap_assigned(2, NLINES, 0, 300, mlap_epoch(), MLAP_UNTYPED);
    mlap_releasing(300); /* snapshot 2: 300, the ghost was gone by then */
    mlap_released_owned(2, 0, 300, MLAP_UNTYPED);
    mlap_claim(9, 0, 1, NLINES, 0);
    mlap_unlock();
    assert_int_equal(collect(&s).bytes, base + 300);
    assert_int_equal(s.bytes[1][0], 0);
    assert_int_equal(s.bytes[2][0], 300);
}

static void test_block_allocated_after_snapshot_adds_nothing(void **state)
{
    long long base = reset();
    struct shares s;

    (void)state;
    mlap_lock();
    mlap_allocated(600);
    mlap_assigned(1, NLINES, 0, 600, mlap_epoch(), MLAP_UNTYPED);
    mlap_releasing(600);
    mlap_released_owned(1, 0, 600, MLAP_UNTYPED);
    mlap_allocated(50); /* after the peak, below it */
    mlap_assigned(1, NLINES, 3, 50, mlap_epoch(), MLAP_UNTYPED);
    mlap_releasing(50);
    mlap_released_owned(1, 3, 50, MLAP_UNTYPED);
    mlap_unlock();
    assert_int_equal(collect(&s).bytes, base + 600);
    assert_int_equal(s.bytes[1][0], 600);
    assert_int_equal(s.bytes[1][3], 0);
}

static void test_signal_adjustment_moves_total_only(void **state)
{
    long long base = reset();
    struct shares s;

    (void)state;
    mlap_lock();
    mlap_adjust(128);
    mlap_allocated(1); /* a maximum: base + 129 */
    mlap_unlock();
    assert_int_equal(collect(&s).bytes, base + 129);
    assert_int_equal(s.visits, 0);
    mlap_lock();
    mlap_adjust(-128);
    mlap_releasing(1);
    mlap_unlock();
}

struct type_cells {
    long long v[8][4]; /* bytes, blocks, peak bytes, peak blocks */
};

static void add_type(void *ctx, unsigned type, long long bytes, long long blocks,
                     long long peak_bytes, long long peak_blocks)
{
    struct type_cells *c = ctx;

    assert_true(type < 8);
    c->v[type][0] = bytes;
    c->v[type][1] = blocks;
    c->v[type][2] = peak_bytes;
    c->v[type][3] = peak_blocks;
}

/* Types are cells with blocks. A block joins its type's cell with its
** line: at once when no snapshot came between its allocation and its
** line's probe; with its part of the peak when one did; a ghost claims
** its type's share of the peak; a block still pending is in no cell. */
static void test_types_and_their_peak(void **state)
{
    struct type_cells c = {{{0}}};
    struct mlap_totals totals;
    long long base = reset();
    unsigned e40, e30;

    (void)state;
    mlap_lock();
    mlap_allocated(100);
    mlap_assigned(1, NLINES, 0, 100, mlap_epoch(), 2);
    mlap_allocated(40);
    e40 = mlap_epoch();
    mlap_allocated(30);
    e30 = mlap_epoch();
    mlap_releasing(30); /* snapshot: 100 of type 2, 70 pending */
    mlap_released_pending(9, 1, 30, e30, 5);
    mlap_assigned(1, NLINES, 1, 40, e40, 3);
    mlap_claim(9, 0, 1, NLINES, 1);
    mlap_allocated(8); /* pending at the collection */
    mlap_unlock();
    assert_int_equal(mlap_collect_types(0, &totals, add_type, &c), 0);
    assert_int_equal(totals.peak_bytes, base + 170);
    assert_int_equal(totals.bytes, base + 148);
    assert_int_equal(c.v[2][0], 100);
    assert_int_equal(c.v[2][1], 1);
    assert_int_equal(c.v[2][2], 100);
    assert_int_equal(c.v[2][3], 1);
    assert_int_equal(c.v[3][0], 40);
    assert_int_equal(c.v[3][1], 1);
    assert_int_equal(c.v[3][2], 40);
    assert_int_equal(c.v[3][3], 1);
    assert_int_equal(c.v[5][0], 0);
    assert_int_equal(c.v[5][1], 0);
    assert_int_equal(c.v[5][2], 30);
    assert_int_equal(c.v[5][3], 1);
    assert_int_equal(c.v[0][0], 0);
    assert_int_equal(c.v[0][2], 0);
    mlap_lock();
    mlap_releasing(8);
    mlap_releasing(100);
    mlap_released_owned(1, 0, 100, 2);
    mlap_releasing(40);
    mlap_released_owned(1, 1, 40, 3);
    mlap_unlock();
}

/* The releases leaks.c has logged but not applied: settle() applies them. */
static struct {
    unsigned site, line, type;
    long long bytes;
    int calls;
} logged;

static void settle(void)
{
    logged.calls++;
    if (!logged.bytes)
        return;
    mlap_released_owned(logged.site, logged.line, logged.bytes, logged.type);
    logged.bytes = 0;
}

/* A snapshot settles first: the block released before the new maximum
** is not part of it. */
static void test_snapshot_settles_logged_releases(void **state)
{
    long long base = reset();
    struct shares s;

    (void)state;
    mlap_lock();
    mlap_allocated(800);
    mlap_assigned(1, NLINES, 0, 800, mlap_epoch(), MLAP_UNTYPED);
    mlap_allocated(200);
    mlap_assigned(1, NLINES, 1, 200, mlap_epoch(), MLAP_UNTYPED);
    mlap_releasing(200); /* snapshot 1: 800 + 200 */
    logged.site = 1, logged.line = 1, logged.type = MLAP_UNTYPED, logged.bytes = 200;
    mlap_allocated(500);
    mlap_assigned(2, NLINES, 2, 500, mlap_epoch(), MLAP_UNTYPED);
    logged.calls = 0;
    mlap_releasing(500); /* snapshot 2: 800 + 500, the 200 settled */
    assert_int_equal(logged.calls, 1);
    mlap_released_owned(2, 2, 500, MLAP_UNTYPED);
    mlap_unlock();
    assert_int_equal(collect(&s).bytes, base + 1300);
    assert_int_equal(s.bytes[1][0], 800);
    assert_int_equal(s.bytes[1][1], 0);
    assert_int_equal(s.bytes[2][2], 500);
    mlap_lock();
    mlap_releasing(800);
    mlap_released_owned(1, 0, 800, MLAP_UNTYPED);
    mlap_unlock();
}

/* The table by type settles before it reads the live cells. */
static void test_types_settle_logged_releases(void **state)
{
    struct type_cells c = {{{0}}};
    struct mlap_totals totals;
    long long base = reset();

    (void)state;
    mlap_lock();
    mlap_allocated(64);
    mlap_assigned(1, NLINES, 0, 64, mlap_epoch(), 4);
    mlap_releasing(64); /* snapshot: type 4 64 */
    logged.site = 1, logged.line = 0, logged.type = 4, logged.bytes = 64;
    mlap_unlock();
    assert_int_equal(mlap_collect_types(0, &totals, add_type, &c), 0);
    assert_int_equal(totals.bytes, base);
    assert_int_equal(c.v[4][0], 0);
    assert_int_equal(c.v[4][1], 0);
    assert_int_equal(c.v[4][2], 64);
}

static void test_busy_collect_does_not_wait(void **state)
{
    struct mlap_peak peak;
    struct shares s;

    (void)state;
    mlap_lock();
    assert_int_equal(mlap_collect(1, &peak, add_share, &s), -1);
    mlap_unlock();
    assert_int_equal(mlap_collect(1, &peak, add_share, &s), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_snapshot_at_first_release_after_maximum),
        cmocka_unit_test(test_report_takes_a_due_snapshot),
        cmocka_unit_test(test_unchanged_lines_keep_their_share),
        cmocka_unit_test(test_pending_block_assigned_after_snapshot),
        cmocka_unit_test(test_ghosts_belong_to_their_thread_and_range),
        cmocka_unit_test(test_ghost_of_an_older_peak_is_dropped),
        cmocka_unit_test(test_block_allocated_after_snapshot_adds_nothing),
        cmocka_unit_test(test_signal_adjustment_moves_total_only),
        cmocka_unit_test(test_types_and_their_peak),
        cmocka_unit_test(test_snapshot_settles_logged_releases),
        cmocka_unit_test(test_types_settle_logged_releases),
        cmocka_unit_test(test_busy_collect_does_not_wait),
    };

    if (mlap_start(0, settle) != 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
