/*
** test_svg.c — label widths (tools/memline/svg.c); the text itself is
** tested in test_htmlesc.c.
*/
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "svg.h"

#include <stdio.h>
#include <stdlib.h>

static void test_width(void **state)
{
    (void)state;
    assert_true(svg_text_width("abcd", 10) == 24);
    assert_true(svg_text_width("\xc3\x97"
                               "2",
                               10) == 12);
    assert_true(svg_text_width("", 12) == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_width),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
