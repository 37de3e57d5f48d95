/*
** test_rsp.c — unit tests of @response file expansion
** (tools/memline-cc/rsp.c): gcc's quoting rules, nesting, unreadable
** files left literal, and a file that names itself.
*/
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "rsp.h"

static char *write_temp(const char *text)
{
    char *path = strdup("/tmp/test_rsp.XXXXXX");
    int fd = mkstemp(path);

    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

static void quoting(void **state)
{
    struct strv out = {0}, owned = {0};
    size_t i;

    (void)state;
    rsp_split("  -c  'a b.c' \"x\\\"y\" back\\ slash ''\n-o\tz.o ", &out, &owned);
    assert_int_equal(out.n, 7);
    assert_string_equal(out.v[0], "-c");
    assert_string_equal(out.v[1], "a b.c");
    assert_string_equal(out.v[2], "x\"y");
    assert_string_equal(out.v[3], "back slash");
    assert_string_equal(out.v[4], "");
    assert_string_equal(out.v[5], "-o");
    assert_string_equal(out.v[6], "z.o");
    assert_null(out.v[7]);
    for (i = 0; i < owned.n; i++)
        free((char *)owned.v[i]);
    strv_free(&owned);
    strv_free(&out);
}

static void nested_and_missing(void **state)
{
    char *inner = write_temp("-DINNER 'b c.c'");
    char *outer_text, *outer, *at_outer;
    struct rsp_args r = {0};
    const char *argv[3];

    (void)state;
    outer_text = NULL;
    assert_true(asprintf(&outer_text, "-c @%s a.c", inner) > 0);
    outer = write_temp(outer_text);
    assert_true(asprintf(&at_outer, "@%s", outer) > 0);
    argv[0] = "-O2";
    argv[1] = at_outer;
    argv[2] = "@/nonexistent/memline-rsp";
    rsp_expand(3, argv, &r);
    assert_int_equal(r.argv.n, 6);
    assert_string_equal(r.argv.v[0], "-O2");
    assert_string_equal(r.argv.v[1], "-c");
    assert_string_equal(r.argv.v[2], "-DINNER");
    assert_string_equal(r.argv.v[3], "b c.c");
    assert_string_equal(r.argv.v[4], "a.c");
    assert_string_equal(r.argv.v[5], "@/nonexistent/memline-rsp");
    rsp_free(&r);
    unlink(inner);
    unlink(outer);
    free(inner);
    free(outer);
    free(outer_text);
    free(at_outer);
}

static void self_reference_ends(void **state)
{
    char *path = strdup("/tmp/test_rsp_self.XXXXXX");
    char *text, *at;
    int fd = mkstemp(path);
    struct rsp_args r = {0};
    const char *argv[1];

    (void)state;
    assert_true(asprintf(&text, "-x @%s", path) > 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    assert_true(asprintf(&at, "@%s", path) > 0);
    argv[0] = at;
    rsp_expand(1, argv, &r);
    assert_true(r.argv.n > 1);
    assert_string_equal(r.argv.v[0], "-x");
    assert_string_equal(r.argv.v[r.argv.n - 1], at); /* left literal past the bound */
    rsp_free(&r);
    unlink(path);
    free(path);
    free(text);
    free(at);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(quoting),
        cmocka_unit_test(nested_and_missing),
        cmocka_unit_test(self_reference_ends),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
