/* Unit tests of runtime/fstack.c: the frame stack's slots and chunks, and
** the rule that pops provably dead frames at entry, with made-up stack
** addresses and bounds. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "fstack.h"

/* A stack whose thread stack is [10000, 90000). */
static void on_made_up_stack(struct mlfs_stack *st)
{
    memset(st, 0, sizeof *st);
    st->low = 10000;
    st->high = 90000;
    st->bounds = MLFS_BOUNDS_KNOWN;
}

static unsigned long depth(const struct mlfs_stack *st)
{
    return st->top ? st->top->depth : 0;
}

static void test_slots_follow_each_other_across_chunks(void **state)
{
    struct mlfs_stack st;
    struct mlfs_slot *s[2 * MLFS_CHUNK_SLOTS + 1];
    unsigned long i;

    (void)state;
    memset(&st, 0, sizeof st);
    for (i = 0; i < 2 * MLFS_CHUNK_SLOTS + 1; i++) {
        s[i] = mlfs_push(&st, 80000 - 16 * i, 1);
        assert_non_null(s[i]);
        assert_int_equal(s[i]->depth, i + 1);
        assert_ptr_equal(mlfs_slot_of(&s[i]->frame), s[i]);
        assert_ptr_equal(st.top, s[i]);
        assert_ptr_equal(i ? mlfs_below(s[i]) : NULL, i ? s[i - 1] : NULL);
    }
    assert_ptr_not_equal(s[MLFS_CHUNK_SLOTS]->chunk, s[MLFS_CHUNK_SLOTS - 1]->chunk);
    /* Popping a frame pops those above it, across chunks. */
    mlfs_pop(s[MLFS_CHUNK_SLOTS - 1]);
    assert_ptr_equal(st.top, s[MLFS_CHUNK_SLOTS - 2]);
    /* A frame already popped changes nothing. */
    mlfs_pop(s[MLFS_CHUNK_SLOTS + 5]);
    assert_ptr_equal(st.top, s[MLFS_CHUNK_SLOTS - 2]);
    /* The chunks are reused, and the slots' addresses with them. */
    for (i = MLFS_CHUNK_SLOTS - 1; i < 2 * MLFS_CHUNK_SLOTS + 1; i++)
        assert_ptr_equal(mlfs_push(&st, 80000 - 16 * i, 1), s[i]);
    mlfs_pop(s[0]);
    assert_null(st.top);
}

static void test_entry_pops_frames_below_it(void **state)
{
    struct mlfs_stack st;
    struct mlfs_slot *a, *b;

    (void)state;
    on_made_up_stack(&st);
    a = mlfs_push(&st, 50000, 1);
    b = mlfs_push(&st, 40000, 1); /* a callee of a */
    assert_int_equal(depth(&st), 2);
    /* A longjmp left b; the same call enters again at the same place. */
    assert_ptr_equal(mlfs_push(&st, 40000, 1), b);
    assert_int_equal(depth(&st), 2);
    /* Another call at the same place: a function inlined into b's. */
    mlfs_push(&st, 40000, 2);
    assert_int_equal(depth(&st), 3);
    /* A longjmp left both; a's next callee enters a bit higher. */
    mlfs_push(&st, 40100, 1);
    assert_int_equal(depth(&st), 2);
    mlfs_push(&st, 45000, 1); /* a callee with a smaller frame */
    assert_int_equal(depth(&st), 2);
    mlfs_push(&st, 30000, 1); /* a callee of that: both live */
    assert_int_equal(depth(&st), 3);
    /* A jump above a: everything is dead. */
    assert_ptr_equal(mlfs_push(&st, 60000, 1), a);
    assert_int_equal(depth(&st), 1);
    assert_int_equal(a->entry, 60000);
}

static void test_other_stacks_are_left_alone(void **state)
{
    struct mlfs_stack st;

    (void)state;
    on_made_up_stack(&st);
    mlfs_push(&st, 50000, 1);
    mlfs_push(&st, 5000, 1); /* a handler on an alternate stack */
    assert_int_equal(depth(&st), 2);
    /* Entered on the thread's stack: the other stack's frame stays, and
    ** keeps the one under it. */
    mlfs_push(&st, 70000, 1);
    assert_int_equal(depth(&st), 3);
    /* Entered on another stack: no frame is popped. */
    mlfs_push(&st, 4000, 1);
    assert_int_equal(depth(&st), 4);
    mlfs_push(&st, 95000, 1);
    assert_int_equal(depth(&st), 5);
}

static void test_unknown_bounds_pop_nothing(void **state)
{
    struct mlfs_stack st;

    (void)state;
    memset(&st, 0, sizeof st);
    mlfs_push(&st, 50000, 1);
    mlfs_push(&st, 60000, 1);
    assert_int_equal(depth(&st), 2);
}

static void test_entry_inside_an_entry_pops_nothing(void **state)
{
    struct mlfs_stack st;

    (void)state;
    on_made_up_stack(&st);
    mlfs_push(&st, 50000, 1);
    mlfs_push(&st, 40000, 1);
    /* A handler's entry while an entry above it is in progress. */
    st.entering = 60000;
    mlfs_push(&st, 45000, 1);
    assert_int_equal(depth(&st), 3);
    assert_int_equal(st.entering, 60000);
    /* A value left by a handler that jumped out of an entry is dead. */
    st.entering = 20000;
    mlfs_push(&st, 45000, 1);
    assert_int_equal(depth(&st), 2);
    assert_int_equal(st.entering, 0);
}

static void test_reset_keeps_the_chunks(void **state)
{
    struct mlfs_stack st;
    struct mlfs_slot *a;

    (void)state;
    on_made_up_stack(&st);
    a = mlfs_push(&st, 50000, 1);
    mlfs_push(&st, 40000, 1);
    mlfs_reset(&st);
    assert_null(st.top);
    assert_int_equal(st.bounds, MLFS_BOUNDS_UNKNOWN);
    assert_ptr_equal(mlfs_push(&st, 40000, 1), a);
}

static void test_bounds_hold_this_thread_s_stack(void **state)
{
    struct mlfs_stack st;
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);

    (void)state;
    memset(&st, 0, sizeof st);
    mlfs_learn_bounds(&st);
    assert_int_equal(st.bounds, MLFS_BOUNDS_KNOWN);
    assert_true(st.low <= here);
    assert_true(st.high > here);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slots_follow_each_other_across_chunks),
        cmocka_unit_test(test_entry_pops_frames_below_it),
        cmocka_unit_test(test_other_stacks_are_left_alone),
        cmocka_unit_test(test_unknown_bounds_pop_nothing),
        cmocka_unit_test(test_entry_inside_an_entry_pops_nothing),
        cmocka_unit_test(test_reset_keeps_the_chunks),
        cmocka_unit_test(test_bounds_hold_this_thread_s_stack),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
