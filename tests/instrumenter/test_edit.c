/*
** test_edit.c — unit tests of instrumenter/edit.c and buf.c: edits at one
** offset keep their order, replacements, overlap detection.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "edit.h"

static void edits_apply_in_offset_then_insertion_order(void **state)
{
    struct mle_list l = {0};
    struct mlb out = {0};

    (void)state;
    mle_insert(&l, 6, "]");
    mle_insert(&l, 0, "{");
    mle_replace(&l, 0, 6, "RETURN");
    mle_insert(&l, 6, ")");
    assert_int_equal(mle_apply(&l, "return x;", 9, &out), 0);
    assert_string_equal(mlb_cstr(&out), "{RETURN]) x;");
    mle_free(&l);
    mlb_free(&out);
}

static void overlapping_edits_are_refused(void **state)
{
    struct mle_list l = {0};
    struct mlb out = {0};

    (void)state;
    mle_replace(&l, 0, 4, "x");
    mle_insert(&l, 2, "y");
    assert_int_equal(mle_apply(&l, "abcdef", 6, &out), -1);
    mle_free(&l);
    mlb_free(&out);
}

static void buffer_grows_and_formats(void **state)
{
    struct mlb b = {0};
    char *p;
    int i;

    (void)state;
    for (i = 0; i < 1000; i++)
        mlb_printf(&b, "%d,", i % 10);
    assert_int_equal(b.len, 2000);
    p = mlb_take(&b);
    assert_non_null(p);
    assert_int_equal(strncmp(p, "0,1,2,", 6), 0);
    assert_int_equal(b.len, 0);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(edits_apply_in_offset_then_insertion_order),
        cmocka_unit_test(overlapping_edits_are_refused),
        cmocka_unit_test(buffer_grows_and_formats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
