/*
** test_mli.c — unit tests of the instrumenter's API (instrumenter/mli.c,
** with selection, walk and emit behind it), on in-memory sources; and of
** mli_wants (wants.c) on small source trees made in a scratch directory.
*/
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "mli.h"
#include "tree.h"

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
    assert_true(mli_wants("t.c", profiled, strlen(profiled), NULL, 0, &opts));
    assert_false(mli_wants("t.c", "int x;", 6, NULL, 0, &opts));
    opts.functions = star;
    opts.nfunctions = 1;
    assert_true(mli_wants("t.c", "int x;", 6, NULL, 0, &opts));
}

static int make_tree(void **state)
{
    static const char *const dirs[] = {"src", "inc", "inc/sub", NULL};

    (void)state;
    return tree_make("wants", dirs);
}

/* mli_wants on tree/src/main.c with the given compile arguments. */
static int wants(const char *const *args, size_t nargs)
{
    struct mli_options opts;
    char path[128];

    memset(&opts, 0, sizeof opts);
    snprintf(path, sizeof path, "%s/src/main.c", tree);
    return mli_wants(path, NULL, 0, args, nargs, &opts);
}

static const char annotated_prototype[] = "MEMLINE_PROFILE int work(int n);\n";

static void wants_follows_quote_includes_beside_the_file(void **state)
{
    (void)state;
    tree_put("src/main.c",
             "#include <stdio.h>\n  #  include \"work.h\"\nint work(int n) { return n; }\n");
    tree_put("src/work.h", "#include \"more.h\"\n");
    tree_put("src/more.h", annotated_prototype);
    assert_true(wants(NULL, 0));
    tree_put("src/more.h", "int work(int n);\n");
    assert_false(wants(NULL, 0));
}

static void wants_searches_iquote_then_i_directories(void **state)
{
    char inc[128], joined[140];
    const char *separate[2] = {"-I", inc}, *quote[2] = {"-iquote", inc}, *one[1] = {joined};
    const char *sys[2] = {"-isystem", inc};

    (void)state;
    snprintf(inc, sizeof inc, "%s/inc", tree);
    snprintf(joined, sizeof joined, "-I%s", inc);
    tree_put("src/main.c", "#include \"api.h\"\nint work(int n) { return n; }\n");
    tree_put("inc/api.h", "#include \"sub/deep.h\"\n");
    tree_put("inc/sub/deep.h", "#include \"leaf.h\"\n");
    tree_put("inc/sub/leaf.h", annotated_prototype);
    assert_false(wants(NULL, 0));
    assert_true(wants(separate, 2));
    assert_true(wants(one, 1));
    assert_true(wants(quote, 2));
    /* Not system directories, not angle includes. */
    assert_false(wants(sys, 2));
    tree_put("src/main.c", "#include <api.h>\nint work(int n) { return n; }\n");
    assert_false(wants(separate, 2));
}

static void wants_reads_each_header_once(void **state)
{
    (void)state;
    tree_put("src/main.c", "#include \"a.h\"\n#include \"b.h\"\n#include \"a.h\"\n");
    tree_put("src/a.h", "#include \"b.h\"\n#include \"a.h\"\n");
    tree_put("src/b.h", "#include \"a.h\"\n#include \"missing.h\"\n");
    assert_false(wants(NULL, 0));
    tree_put("src/b.h", "#include \"a.h\"\n#define MEMLINE_PROFILE\n");
    assert_true(wants(NULL, 0));
}

static void wants_follows_forced_includes(void **state)
{
    char forced[128];
    const char *args[2] = {"-include", forced};

    (void)state;
    snprintf(forced, sizeof forced, "%s/inc/api.h", tree);
    tree_put("src/main.c", "int work(int n) { return n; }\n");
    tree_put("inc/api.h", annotated_prototype);
    assert_false(wants(NULL, 0));
    assert_true(wants(args, 2));
}

static void annotated_function_is_rewritten(void **state)
{
    struct mli_result r;

    (void)state;
    assert_int_equal(rewrite(profiled, NULL, 0, NULL, 0, &r), 0);
    assert_int_equal(r.status, MLI_REWRITTEN);
    assert_int_equal(r.functions, 1);
    assert_int_equal(r.probes, 0);
    assert_int_equal(strlen(r.text), r.length);
    assert_non_null(strstr(r.text, "#line 1 \"t.c\"\n#define MEMLINE_PROFILE"));
    /* f calls nothing: no frame, no exit; its statements run with its
    ** entry, which counts them (no tick, and the entry's variable unused);
    ** a value that cannot allocate is returned as written */
    assert_non_null(strstr(r.text,
                           "{ const struct memline_leaf memline__l __attribute__((unused)) = "
                           "memline_enter_leaf(&memline__site_1);\n"));
    assert_non_null(strstr(r.text, "{ (void)0; return y; }\n}\n"));
    assert_non_null(strstr(r.text, "static const unsigned memline__runs_1[] = { 0, 3, 0, 4 };"));
    assert_non_null(
        strstr(r.text, "\"t.c\", \"f\", 2, 7, memline__text_1, 0, 2, memline__runs_1, 0, 0, 0 };"));
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
    /* g calls only f, a static function that cannot allocate: g has no
    ** frame either; its return, on its first line, runs with its entry.
    ** f, whose statements all run with its entry, is counted by g: left
    ** as written, its call, made once each time g's entry counts, shares
    ** g's record 0, linked to f's entry; g is left with no tick */
    assert_non_null(strstr(r.text,
                           "int g(void) { const struct memline_leaf memline__l "
                           "__attribute__((unused)) = memline_enter_leaf(&memline__site_2); "
                           "{ (void)0; return (f(1)); } }"));
    assert_non_null(strstr(r.text, "static const unsigned memline__runs_2[] = { 0, 0 };"));
    assert_non_null(strstr(r.text, "{ { 0, &memline__site_1 } };"));
    assert_non_null(strstr(r.text,
                           "\"t.c\", \"g\", 8, 8, memline__text_2, 0, 1, memline__runs_2, 1, "
                           "memline__links_2, 0 };"));
    assert_non_null(
        strstr(r.text, "static int f(int x)\n{\n    int y = x + 1;\n    return y;\n}\n"));
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

static void undeclared_library_functions_are_named(void **state)
{
    static const char src[] = "char *strdup(const char *);\n"
                              "int f(void) { char *p = malloc(4); p = strdup(\"x\"); return !p; }\n"
                              "int free_count;\n";
    const char *star[] = {"*"};
    const char *library[] = {"malloc", "strdup", "free", "calloc"};
    struct mli_options opts;
    struct mli_result r;

    (void)state;
    memset(&opts, 0, sizeof opts);
    opts.functions = star;
    opts.nfunctions = 1;
    opts.library = library;
    opts.nlibrary = 4;
    assert_int_equal(mli_rewrite("t.c", src, strlen(src), NULL, 0, &opts, &r), 0);
    assert_int_equal(r.status, MLI_REWRITTEN);
    /* malloc is called undeclared; strdup is declared; `free_count` is not
    ** `free`; calloc is not named */
    assert_int_equal(r.undeclared, 1u << 0);
    mli_result_free(&r);
}

static void the_real_compilers_macros_decide_the_branches(void **state)
{
    static const char src[] =
        "int f(void)\n"
        "{\n"
        "#if __GNUC__ >= 12 && defined(__GNUC_MINOR__) && !defined(__clang__)\n"
        "    return 12;\n"
        "#else\n"
        "    return 4;\n"
        "#endif\n"
        "}\n";
    static const char gcc[] = "#define __GNUC__ 12\n#define __GNUC_MINOR__ 2\n";
    const char *star[] = {"*"};
    struct mli_options opts;
    struct mli_result r;

    (void)state;
    memset(&opts, 0, sizeof opts);
    opts.functions = star;
    opts.nfunctions = 1;
    opts.predefined = gcc;
    opts.predefined_length = strlen(gcc);
    assert_int_equal(mli_rewrite("t.c", src, strlen(src), NULL, 0, &opts, &r), 0);
    assert_int_equal(r.status, MLI_REWRITTEN);
    /* the probe is on the gcc branch, and the text is the file's own */
    assert_non_null(strstr(r.text, "return 12; }\n#else"));
    assert_non_null(strstr(r.text, "#if __GNUC__ >= 12 && defined(__GNUC_MINOR__)"));
    mli_result_free(&r);
    opts.predefined = NULL;
    assert_int_equal(mli_rewrite("t.c", src, strlen(src), NULL, 0, &opts, &r), 0);
    assert_non_null(strstr(r.text, "return 4; }\n#endif"));
    mli_result_free(&r);
}

/* A small leaf gets __inline__ unless the compile warns of inline
** functions left out of line (inlinehint.h). */
static void the_inline_hint_keeps_out_of_winline_compiles(void **state)
{
    static const char src[] = "static int down(int x)\n"
                              "{\n"
                              "    while (x > 3)\n"
                              "        x -= 3;\n"
                              "    return x;\n"
                              "}\n"
                              "int f(int x) { return down(x) + down(x + 1); }\n";
    static const struct {
        const char *args[2];
        size_t nargs;
        int hinted;
    } cases[] = {
        {{NULL, NULL}, 0, 1},
        {{"-Winline", NULL}, 1, 0},
        {{"-Werror=inline", NULL}, 1, 0},
        {{"-Winline", "-Wno-inline"}, 2, 1},
        {{"-Wno-inline", "-Winline"}, 2, 0},
    };
    const char *star[] = {"*"};
    struct mli_result r;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(rewrite(src, star, 1, cases[i].args, cases[i].nargs, &r), 0);
        assert_int_equal(r.status, MLI_REWRITTEN);
        assert_int_equal(strstr(r.text, "__inline__ static int down(int x)\n") != NULL,
                         cases[i].hinted);
        mli_result_free(&r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(wants_is_a_text_test),
        cmocka_unit_test_setup_teardown(wants_follows_quote_includes_beside_the_file, make_tree,
                                        tree_remove),
        cmocka_unit_test_setup_teardown(wants_searches_iquote_then_i_directories, make_tree,
                                        tree_remove),
        cmocka_unit_test_setup_teardown(wants_reads_each_header_once, make_tree, tree_remove),
        cmocka_unit_test_setup_teardown(wants_follows_forced_includes, make_tree, tree_remove),
        cmocka_unit_test(annotated_function_is_rewritten),
        cmocka_unit_test(globs_select_more_and_tail_calls_stay_last),
        cmocka_unit_test(nothing_selected_is_nothing),
        cmocka_unit_test(parse_error_leaves_the_file_unchanged),
        cmocka_unit_test(macro_made_annotated_function_is_refused),
        cmocka_unit_test(gcc_only_and_output_options_do_not_reach_libclang),
        cmocka_unit_test(undeclared_library_functions_are_named),
        cmocka_unit_test(the_real_compilers_macros_decide_the_branches),
        cmocka_unit_test(the_inline_hint_keeps_out_of_winline_compiles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
