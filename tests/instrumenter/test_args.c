/*
** test_args.c — unit tests of instrumenter/args.c: which compiler
** arguments reach libclang.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "args.h"

static int has(const struct mla_argv *a, const char *s)
{
    size_t i;

    for (i = 0; i < a->n; i++)
        if (strcmp(a->v[i], s) == 0)
            return 1;
    return 0;
}

static void keeps_parse_options_and_drops_the_rest(void **state)
{
    const char *args[] = {"-I",
                          "inc",
                          "-DX=1",
                          "-std=gnu89",
                          "-O2",
                          "-Werror",
                          "-MD",
                          "-MF",
                          "d.d",
                          "-o",
                          "x.o",
                          "-c",
                          "-fno-tree-vrp",
                          "-Wp,-D_FORTIFY_SOURCE=2,-MD,x.d",
                          "-isystem",
                          "sys",
                          "-include",
                          "cfg.h",
                          "x.c"};
    struct mla_argv a;

    (void)state;
    assert_int_equal(mla_build(&a, args, sizeof args / sizeof *args, "/res"), 0);
    assert_string_equal(a.v[0], "-x");
    assert_string_equal(a.v[1], "c");
    assert_true(has(&a, "inc"));
    assert_true(has(&a, "-DX=1"));
    assert_true(has(&a, "-std=gnu89"));
    assert_true(has(&a, "-O2"));
    assert_true(has(&a, "-D_FORTIFY_SOURCE=2"));
    assert_true(has(&a, "sys"));
    assert_true(has(&a, "cfg.h"));
    assert_true(has(&a, "/res"));
    assert_true(has(&a, "-Wno-error=implicit-function-declaration"));
    assert_false(has(&a, "-Werror"));
    assert_false(has(&a, "-MD"));
    assert_false(has(&a, "d.d"));
    assert_false(has(&a, "x.o"));
    assert_false(has(&a, "-fno-tree-vrp"));
    assert_false(has(&a, "x.c"));
    assert_false(has(&a, "x.d"));
    mla_free(&a);
}

static void resource_dir_has_builtin_headers(void **state)
{
    const char *dir = mla_resource_dir();

    (void)state;
    assert_non_null(dir);
    assert_true(strlen(dir) > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(keeps_parse_options_and_drops_the_rest),
        cmocka_unit_test(resource_dir_has_builtin_headers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
