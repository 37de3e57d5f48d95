/*
** test_macros.c — unit tests of instrumenter/macros.c: the real compiler's
** predefined macros, as aliases of the same length in the file's text.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "args.h"
#include "macros.h"

static const char gcc[] = "#define __GNUC__ 12\n"
                          "#define __INT64_C(c) c ## L\n"
                          "#define __WCHAR_MAX__ 0x7fffffff\n"
                          "#define __WCHAR_MIN__ (-__WCHAR_MAX__ - 1)\n"
                          "#define unix 1\n";

static void init(struct mlm_set *m)
{
    struct mla_argv argv;

    assert_int_equal(mla_build(&argv, NULL, 0, NULL), 0);
    assert_int_equal(mlm_init(m, gcc, strlen(gcc), (const char *const *)argv.v, argv.n), 0);
    mla_free(&argv);
}

static void names_become_aliases_of_the_same_length(void **state)
{
    static const char text[] = "#if __GNUC__ >= 5 && !defined(__clang__)\n"
                               "long x = __INT64_C(3) + __GNUC__1 + 0x__GNUC__;\n"
                               "#endif /* unix */\n";
    struct mlm_set m;
    int failed = 0;
    char *out;

    (void)state;
    init(&m);
    out = mlm_alias(&m, text, strlen(text), &failed);
    assert_non_null(out);
    assert_int_equal(strlen(out), strlen(text));
    /* every line keeps its length and place */
    assert_int_equal(strchr(out, '\n') - out, strchr(text, '\n') - text);
    assert_null(strstr(out, "__GNUC__ >="));
    assert_null(strstr(out, "__clang__"));
    assert_null(strstr(out, "__INT64_C("));
    /* longer identifiers, numbers and short names stay */
    assert_non_null(strstr(out, "__GNUC__1"));
    assert_non_null(strstr(out, "0x__GNUC__"));
    assert_non_null(strstr(out, "unix"));
    free(out);
    assert_null(mlm_alias(&m, "int y;", 6, &failed));
    assert_int_equal(failed, 0);
    mlm_free(&m);
}

static void the_header_defines_what_the_real_compiler_defines(void **state)
{
    struct mlm_set m;
    int failed = 0;
    char *alias;

    (void)state;
    init(&m);
    /* the alias of __GNUC__ is defined as 12, that of __clang__ (libclang's
    ** own) is not defined at all, and definitions refer to aliases */
    alias = mlm_alias(&m, "__GNUC__", 8, &failed);
    assert_non_null(alias);
    assert_int_equal(strncmp(alias, "__ml", 4), 0);
    assert_non_null(strstr(m.header, alias));
    assert_non_null(strstr(m.header, " 12\n"));
    free(alias);
    alias = mlm_alias(&m, "__clang__", 9, &failed);
    assert_non_null(alias);
    assert_null(strstr(m.header, alias));
    free(alias);
    assert_null(strstr(m.header, "-__WCHAR_MAX__"));
    assert_non_null(strstr(m.header, "(c) c ## L\n"));
    mlm_free(&m);
}

/* -D options reach libclang's predefines too: they are the project's
** macros, not the compiler's, and keep their names. */
static void command_line_macros_are_not_aliased(void **state)
{
    const char *args[] = {"-DPROJECT_MACRO=1", "-D", "OTHER_MACRO"};
    struct mla_argv argv;
    struct mlm_set m;
    int failed = 0;

    (void)state;
    assert_int_equal(mla_build(&argv, args, 3, NULL), 0);
    assert_int_equal(mlm_init(&m, gcc, strlen(gcc), (const char *const *)argv.v, argv.n), 0);
    mla_free(&argv);
    assert_null(mlm_alias(&m, "PROJECT_MACRO OTHER_MACRO", 25, &failed));
    assert_int_equal(failed, 0);
    mlm_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(names_become_aliases_of_the_same_length),
        cmocka_unit_test(the_header_defines_what_the_real_compiler_defines),
        cmocka_unit_test(command_line_macros_are_not_aliased),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
