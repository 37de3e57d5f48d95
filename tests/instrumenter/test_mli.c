/*
** test_mli.c — unit tests of the instrumenter's API (instrumenter/mli.c,
** with selection, walk and emit behind it), on in-memory sources.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "mli.h"

static const char profiled[] = "#define MEMLINE_PROFILE __attribute__((annotate(\"memline\")))\n"
                               "MEMLINE_PROFILE\n"
                               "static int f(int x)\n"
                               "{\n"
                               "    int y = x + 1;\n"
                               "    return y;\n"
                               "}\n"
                               "int g(void) { return f(1); }\n";

static int rewrite(const char *src, const char *const *globs, size_t nglobs,
                   const char *const *args, size_t nargs, struct mli_result *r)
{
    struct mli_options opts;

    memset(&opts, 0, sizeof opts);
    opts.functions = globs;
    opts.nfunctions = nglobs;
    return mli_rewrite("t.c", src, strlen(src), args, nargs, &opts, r);
}

static void wants_is_a_text_test(void **state)
{
    const char *star[] = {"*"};
    struct mli_options opts;

    (void)state;
    memset(&opts, 0, sizeof opts);
    assert_true(mli_wants("t.c", profiled, strlen(profiled), &opts));
    assert_false(mli_wants("t.c", "int x;", 6, &opts));
    opts.functions = star;
    opts.nfunctions = 1;
    assert_true(mli_wants("t.c", "int x;", 6, &opts));
}

static void annotated_function_is_rewritten(void **state)
{
    struct mli_result r;

    (void)state;
    assert_int_equal(rewrite(profiled, NULL, 0, NULL, 0, &r), 0);
    assert_int_equal(r.status, MLI_REWRITTEN);
    assert_int_equal(r.functions, 1);
    assert_int_equal(r.probes, 2);
    assert_int_equal(strlen(r.text), r.length);
    assert_non_null(strstr(r.text, "#line 1 \"t.c\"\n#define MEMLINE_PROFILE"));
    assert_non_null(strstr(r.text, "{ struct memline_frame memline__f; int memline__e "
                                   "__attribute__((unused)) = memline_enter(&memline__f, "
                                   "&memline__site_1);\n"));
    assert_non_null(strstr(r.text, "{ int memline__r = y; memline_return(&memline__f, 4); "
                                   "return memline__r; }\nmemline_exit(&memline__f); }\n"));
    assert_non_null(strstr(r.text, "\"t.c\", \"f\", 2, 7, memline__text_1, 0 };"));
    assert_null(strstr(r.text, "memline__site_2"));
    mli_result_free(&r);
}

static void globs_select_more_and_tail_calls_stay_last(void **state)
{
    const char *globs[] = {"g*"};
    struct mli_result r;

    (void)state;
    assert_int_equal(rewrite(profiled, globs, 1, NULL, 0, &r), 0);
    assert_int_equal(r.status, MLI_REWRITTEN);
    assert_int_equal(r.functions, 2);
    assert_non_null(strstr(r.text, "{ memline_return(&memline__f, 0); return f(1); }"));
    mli_result_free(&r);
}

static void nothing_selected_is_nothing(void **state)
{
    const char *globs[] = {"nomatch"};
    struct mli_result r;

    (void)state;
    assert_int_equal(rewrite("int h(void) { return 0; }\n", globs, 1, NULL, 0, &r), 0);
    assert_int_equal(r.status, MLI_NOTHING);
    assert_null(r.text);
    mli_result_free(&r);
}

static void parse_error_leaves_the_file_unchanged(void **state)
{
    struct mli_result r;

    (void)state;
    assert_int_equal(rewrite("MEMLINE_PROFILE int f(void) { return +; }\n", NULL, 0, NULL, 0, &r),
                     0);
    assert_int_equal(r.status, MLI_UNCHANGED);
    assert_null(r.text);
    assert_non_null(r.reason);
    assert_int_equal(strncmp(r.reason, "libclang: t.c:1: ", 17), 0);
    assert_null(strchr(r.reason, '\n'));
    mli_result_free(&r);
}

static void macro_made_annotated_function_is_refused(void **state)
{
    static const char src[] = "#define MEMLINE_PROFILE __attribute__((annotate(\"memline\")))\n"
                              "#define DEFINE(name) MEMLINE_PROFILE int name(void) { return 1; }\n"
                              "DEFINE(one)\n";
    struct mli_result r;

    (void)state;
    assert_int_equal(rewrite(src, NULL, 0, NULL, 0, &r), 0);
    assert_int_equal(r.status, MLI_UNCHANGED);
    assert_string_equal(r.reason,
                        "line 3: cannot instrument one: the definition is made by a macro");
    mli_result_free(&r);
}

static void gcc_only_and_output_options_do_not_reach_libclang(void **state)
{
    const char *args[] = {"-Werror",        "-Wall",         "-MD",      "-MF",
                          "test_mli_dep.d", "-fno-tree-vrp", "-DVALUE=2"};
    static const char src[] = "#define MEMLINE_PROFILE __attribute__((annotate(\"memline\")))\n"
                              "MEMLINE_PROFILE int f(void) { int unused; return VALUE; }\n";
    struct mli_result r;

    (void)state;
    assert_int_equal(rewrite(src, NULL, 0, args, sizeof args / sizeof *args, &r), 0);
    assert_int_equal(r.status, MLI_REWRITTEN);
    assert_int_equal(access("test_mli_dep.d", F_OK), -1);
    mli_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(wants_is_a_text_test),
        cmocka_unit_test(annotated_function_is_rewritten),
        cmocka_unit_test(globs_select_more_and_tail_calls_stay_last),
        cmocka_unit_test(nothing_selected_is_nothing),
        cmocka_unit_test(parse_error_leaves_the_file_unchanged),
        cmocka_unit_test(macro_made_annotated_function_is_refused),
        cmocka_unit_test(gcc_only_and_output_options_do_not_reach_libclang),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
