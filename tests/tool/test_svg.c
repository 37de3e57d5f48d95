/*
** test_svg.c — XML-safe text and label widths (tools/memline/svg.c).
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

static void assert_escaped(const char *in, const char *expected)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);

    assert_non_null(out);
    svg_escape(out, in);
    fclose(out);
    assert_string_equal(text, expected);
    free(text);
}

static void test_escape(void **state)
{
    (void)state;
    assert_escaped("./app -n 3", "./app -n 3");
    assert_escaped("a<b & 'c' > \"d\"", "a&lt;b &amp; &apos;c&apos; &gt; &quot;d&quot;");
    assert_escaped("caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x98\x80",
                   "caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x98\x80");
    assert_escaped("tab\there\x01\x7f", "tab?here??");
    assert_escaped("bad \xff \xc3 \xe0\x80\x80 \xed\xa0\x80 end", "bad ? ? ??? ??? end");
}

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
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_width),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
