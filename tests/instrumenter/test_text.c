/*
** test_text.c — unit tests of instrumenter/text.c: line table, blank and
** comment skipping, directive skipping, bracket matching, for headers, flattening, escaping.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "text.h"

static void lines_count_every_newline_kind(void **state)
{
    const char s[] = "a\nb\r\nc\rd";
    struct mlt_lines l;
    size_t b, len;

    (void)state;
    assert_int_equal(mlt_lines_init(&l, s, strlen(s)), 0);
    assert_int_equal(l.count, 4);
    assert_int_equal(mlt_line_of(&l, 0), 1);
    assert_int_equal(mlt_line_of(&l, 2), 2);
    assert_int_equal(mlt_line_of(&l, 6), 3);
    assert_int_equal(mlt_line_of(&l, 7), 4);
    mlt_line_span(&l, s, strlen(s), 2, &b, &len);
    assert_int_equal(b, 2);
    assert_int_equal(len, 1); /* CR stripped */
    mlt_lines_free(&l);
}

static void skip_directive_skips_lines_that_bring_no_text(void **state)
{
    const char s[] = "x\n  #  if A /* multi\nline */ \\\n  && B\n;\n#include \"h\"\n# define Y\n";
    size_t hash = 4, semi = strchr(s, ';') - s, include = strstr(s, "#include") - s;

    (void)state;
    /* up to the newline that ends the directive, comment and splice included */
    assert_int_equal(mlt_skip_directive(s, strlen(s), hash), semi - 1);
    assert_int_equal(mlt_skip_directive(s, strlen(s), include), include);
    assert_int_equal(mlt_skip_directive(s, strlen(s), strstr(s, "# define") - s), strlen(s) - 1);
    /* not first on its line, or not a `#`: nothing skipped */
    assert_int_equal(mlt_skip_directive("a # if\n", 7, 2), 2);
    assert_int_equal(mlt_skip_directive(s, strlen(s), 0), 0);
}

static void ident_prefix_is_found_in_code_only(void **state)
{
    const char code[] = "int memline__f;";
    const char elsewhere[] = "/* memline__f */ const char *s = \"memline__f\"; int xmemline__f;";

    (void)state;
    assert_true(mlt_has_ident_prefix(code, strlen(code), "memline__"));
    assert_false(mlt_has_ident_prefix(elsewhere, strlen(elsewhere), "memline__"));
}

static void skip_blank_skips_comments_and_splices(void **state)
{
    const char s[] = "  /* a */ // b\n \\\n ;";

    (void)state;
    assert_int_equal(mlt_skip_blank(s, strlen(s), 0), strlen(s) - 1);
}

static void match_ignores_brackets_in_literals_and_comments(void **state)
{
    const char s[] = "(a, \")\", ')', /* ) */ f(b[1]))x";

    (void)state;
    assert_int_equal(mlt_match(s, strlen(s), 0), (long)strlen(s) - 2);
}

static void match_refuses_a_directive(void **state)
{
    const char s[] = "(a\n#if X\n && b\n#endif\n)";

    (void)state;
    assert_int_equal(mlt_match(s, strlen(s), 0), -1);
}

static void for_header_finds_top_level_semicolons(void **state)
{
    const char s[] = "(int i = ({ int t; t = 0; t; }); i < 3; i++) x;";
    size_t s1, s2, close;

    (void)state;
    assert_int_equal(mlt_for_header(s, strlen(s), 0, &s1, &s2, &close), 0);
    assert_int_equal(s1, strchr(s, ')') - s + 1);
    assert_int_equal(s[s2], ';');
    assert_int_equal(s2, strstr(s, "; i++") - s);
    assert_int_equal(close, strstr(s, ") x") - s);
    assert_int_equal(mlt_for_header("(a; b)", 6, 0, &s1, &s2, &close), -1);
}

static void is_word_needs_word_boundaries(void **state)
{
    const char s[] = "returned return_ return(x)";

    (void)state;
    assert_false(mlt_is_word(s, strlen(s), 0, "return"));
    assert_false(mlt_is_word(s, strlen(s), 9, "return"));
    assert_true(mlt_is_word(s, strlen(s), 17, "return"));
}

static void flatten_joins_lines_and_drops_comments(void **state)
{
    const char s[] = "a /* x\ny */ +\n b // c\n";
    struct mlb b = {0};

    (void)state;
    assert_int_equal(mlt_flatten(&b, s, 0, strlen(s)), 0);
    assert_string_equal(mlb_cstr(&b), "a   +  b   ");
    assert_int_equal(mlt_flatten(&b, "a\\\nb", 0, 4), -1);
    mlb_free(&b);
}

static void escape_makes_a_portable_literal(void **state)
{
    const char s[] = "\"\\?\?=\t\xc3\xa9";
    struct mlb b = {0};

    (void)state;
    mlt_escape(&b, s, strlen(s));
    assert_string_equal(mlb_cstr(&b), "\\\"\\\\?\\?=\\011\\303\\251");
    mlb_free(&b);
}

static void next_ident_skips_comments_literals_and_numbers(void **state)
{
    const char *s = "get(1e5x) /* get */ \"get\" 'g' // get\n x_get get2 get";
    size_t n = strlen(s), i = 0, len, found = 0, last = 0;

    (void)state;
    while ((i = mlt_next_ident(s, n, i, &len)) < n) {
        if (len == 3 && memcmp(s + i, "get", 3) == 0) {
            found++;
            last = i;
        }
        i += len;
    }
    assert_int_equal(found, 2);
    assert_int_equal(last, n - 3);
    assert_int_equal(mlt_next_ident(s, 3, 3, &len), 3);
    assert_int_equal(len, 0);
}

static void count_names_counts_whole_identifiers_in_code(void **state)
{
    const char *s = "find(v); /* find */ \"find\" finder refind find_it\nfind + g(find); g";
    const char *names[] = {"find", NULL, "g", "absent"};
    size_t counts[] = {0, 0, 10, 0};

    (void)state;
    assert_int_equal(mlt_count_names(s, strlen(s), names, 4, counts), 0);
    assert_int_equal(counts[0], 3);
    assert_int_equal(counts[1], 0);
    assert_int_equal(counts[2], 12); /* added to what was there */
    assert_int_equal(counts[3], 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lines_count_every_newline_kind),
        cmocka_unit_test(skip_blank_skips_comments_and_splices),
        cmocka_unit_test(next_ident_skips_comments_literals_and_numbers),
        cmocka_unit_test(count_names_counts_whole_identifiers_in_code),
        cmocka_unit_test(skip_directive_skips_lines_that_bring_no_text),
        cmocka_unit_test(ident_prefix_is_found_in_code_only),
        cmocka_unit_test(match_ignores_brackets_in_literals_and_comments),
        cmocka_unit_test(match_refuses_a_directive),
        cmocka_unit_test(for_header_finds_top_level_semicolons),
        cmocka_unit_test(is_word_needs_word_boundaries),
        cmocka_unit_test(flatten_joins_lines_and_drops_comments),
        cmocka_unit_test(escape_makes_a_portable_literal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
