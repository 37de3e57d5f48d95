/*
** test_htmlesc.c — HTML-safe text (tools/memline/htmlesc.c): markup,
** references and quotes become text; invalid UTF-8 becomes U+FFFD per
** byte; controls become visible Control Pictures, C1 controls U+FFFD.
*/
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "htmlesc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FFFD "\xef\xbf\xbd"

static char *escaped(const char *in)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);

    assert_non_null(out);
    hte_text(out, in);
    fclose(out);
    return text;
}

static void assert_escaped(const char *in, const char *expected)
{
    char *text = escaped(in);

    assert_string_equal(text, expected);
    free(text);
}

static void test_markup(void **state)
{
    (void)state;
    assert_escaped("int x = a < b && c > d;", "int x = a &lt; b &amp;&amp; c &gt; d;");
    assert_escaped("</script><script>alert(1)</script>",
                   "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    assert_escaped("<!-- --> &amp; &#60;", "&lt;!-- --&gt; &amp;amp; &amp;#60;");
    assert_escaped("\" onmouseover='x'", "&quot; onmouseover=&#39;x&#39;");
    assert_escaped("", "");
}

static void test_utf8(void **state)
{
    (void)state;
    assert_escaped("caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x98\x80 \xc2\xa0",
                   "caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x98\x80 \xc2\xa0");
    /* One U+FFFD per byte of a stray, truncated, overlong or surrogate form. */
    assert_escaped("\xff", FFFD);
    assert_escaped("a\xc3", "a" FFFD);
    assert_escaped("\xe0\x80\x80", FFFD FFFD FFFD);
    assert_escaped("\xed\xa0\x80!", FFFD FFFD FFFD "!");
    assert_escaped("\xf4\x90\x80\x80", FFFD FFFD FFFD FFFD);
    /* A stray byte cannot swallow a following '<'. */
    assert_escaped("\xc3<b>", FFFD "&lt;b&gt;");
}

static void test_controls(void **state)
{
    (void)state;
    assert_escaped("a\tb", "a\tb");
    assert_escaped("\x01", "\xe2\x90\x81");       /* U+2401 */
    assert_escaped("\x1b[0m", "\xe2\x90\x9b[0m"); /* U+241B */
    assert_escaped("\r\n", "\xe2\x90\x8d\xe2\x90\x8a");
    assert_escaped("\x7f", "\xe2\x90\xa1");        /* U+2421 */
    assert_escaped("\xc2\x80\xc2\x9f", FFFD FFFD); /* C1 controls */
}

/* Every byte string of length 1 or 2: no '<', '>', '&' other than in a
** reference, no quote, no control byte left. */
static void test_no_raw_markup(void **state)
{
    char in[3];

    (void)state;
    for (unsigned a = 1; a < 256; a++)
        for (unsigned b = 0; b < 256; b++) {
            char *out, *p;

            in[0] = (char)a;
            in[1] = (char)b;
            in[2] = '\0';
            out = escaped(in);
            for (p = out; *p; p++) {
                unsigned char c = (unsigned char)*p;

                assert_true(c == '\t' || c >= 0x20);
                assert_true(c != '<' && c != '>' && c != '"' && c != '\'' && c != 0x7f);
                if (c == '&')
                    assert_true(strncmp(p, "&lt;", 4) == 0 || strncmp(p, "&gt;", 4) == 0 ||
                                strncmp(p, "&amp;", 5) == 0 || strncmp(p, "&quot;", 6) == 0 ||
                                strncmp(p, "&#39;", 5) == 0);
            }
            free(out);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markup),
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_controls),
        cmocka_unit_test(test_no_raw_markup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
