/*
** test_args.c — unit tests of memline-cc's argument classification
** (tools/memline-cc/args.c): roles, languages, stages, dependency options,
** pass-through reasons and the names gcc derives.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "args.h"

#define CLASSIFY(a, ...)                                                                           \
    do {                                                                                           \
        static const char *const argv_[] = {__VA_ARGS__};                                          \
        args_classify((a), argv_, sizeof argv_ / sizeof argv_[0]);                                 \
    } while (0)

/* The item whose first argv entry is argv[index]. */
static const struct args_item *item_at(const struct args *a, size_t index)
{
    size_t i;

    for (i = 0; i < a->nitems; i++)
        if (a->items[i].index == index)
            return &a->items[i];
    fail_msg("no item starts at %zu", index);
    return NULL;
}

static void compile_and_link(void **state)
{
    struct args a;

    (void)state;
    CLASSIFY(&a, "-O2", "-o", "app", "a.c", "b.c", "util.o", "-lm");
    assert_int_equal(a.stage, ARGS_LINK);
    assert_true(a.links);
    assert_null(a.passthrough);
    assert_string_equal(a.output, "app");
    assert_int_equal(a.ninputs, 3);
    assert_int_equal(a.nsources, 2);
    assert_int_equal(a.nitems, 6);
    assert_int_equal(item_at(&a, 0)->role, ARGS_ROLE_COMPILE);
    assert_true(item_at(&a, 0)->parse);
    assert_int_equal(item_at(&a, 1)->role, ARGS_ROLE_OUTPUT);
    assert_int_equal(item_at(&a, 1)->count, 2);
    assert_int_equal(item_at(&a, 3)->lang, ARGS_LANG_C);
    assert_int_equal(item_at(&a, 5)->lang, ARGS_LANG_LINKER);
    assert_int_equal(item_at(&a, 6)->role, ARGS_ROLE_LINK);
    args_free(&a);
}

static void separate_arguments_are_not_inputs(void **state)
{
    struct args a;

    (void)state;
    CLASSIFY(&a, "-include", "pre.h", "-isystem", "sys", "-MT", "t.c", "-Xlinker", "x.o", "-x", "c",
             "-c", "main.c", "-I", "inc", "-D", "N=1", "-undef", "-u", "sym");
    assert_int_equal(a.ninputs, 1);
    assert_string_equal(item_at(&a, 11)->value, "main.c");
    assert_int_equal(item_at(&a, 11)->role, ARGS_ROLE_INPUT);
    assert_string_equal(item_at(&a, 0)->value, "pre.h");
    assert_true(item_at(&a, 0)->parse);
    assert_int_equal(item_at(&a, 4)->role, ARGS_ROLE_DEPS);
    assert_int_equal(item_at(&a, 6)->role, ARGS_ROLE_LINK);
    assert_string_equal(item_at(&a, 12)->value, "inc");
    assert_int_equal(item_at(&a, 16)->role, ARGS_ROLE_COMPILE); /* -undef is not -u ndef */
    assert_true(item_at(&a, 16)->parse);
    assert_int_equal(item_at(&a, 17)->role, ARGS_ROLE_LINK);
    assert_int_equal(item_at(&a, 17)->count, 2);
    assert_int_equal(a.deps_targets, 1);
    args_free(&a);
}

static void joined_arguments(void **state)
{
    struct args a;

    (void)state;
    CLASSIFY(&a, "-Iinc", "-DX", "-oout.o", "-MFdeps.d", "-xc", "file.txt", "-c");
    assert_string_equal(item_at(&a, 0)->value, "inc");
    assert_int_equal(item_at(&a, 0)->count, 1);
    assert_string_equal(a.output, "out.o");
    assert_string_equal(a.deps_file, "deps.d");
    assert_int_equal(item_at(&a, 5)->lang, ARGS_LANG_C);
    args_free(&a);
}

static void languages(void **state)
{
    struct args a;

    (void)state;
    CLASSIFY(&a, "-c", "x.cpp", "y.S", "z.i", "-x", "c", "notes", "-x", "none", "w.c", "-x",
             "assembler", "v.c", "lib.a");
    assert_int_equal(item_at(&a, 1)->lang, ARGS_LANG_SOURCE);
    assert_int_equal(item_at(&a, 2)->lang, ARGS_LANG_SOURCE);
    assert_int_equal(item_at(&a, 3)->lang, ARGS_LANG_SOURCE);
    assert_int_equal(item_at(&a, 6)->lang, ARGS_LANG_C);
    assert_int_equal(item_at(&a, 9)->lang, ARGS_LANG_C);
    assert_int_equal(item_at(&a, 12)->lang, ARGS_LANG_SOURCE);
    assert_int_equal(item_at(&a, 13)->lang, ARGS_LANG_SOURCE); /* -x sticks */
    args_free(&a);
}

static void standard_input(void **state)
{
    struct args a;

    (void)state;
    CLASSIFY(&a, "-x", "c", "-c", "-");
    assert_int_equal(item_at(&a, 3)->role, ARGS_ROLE_INPUT);
    assert_int_equal(item_at(&a, 3)->lang, ARGS_LANG_C);
    args_free(&a);
    CLASSIFY(&a, "-c", "-");
    assert_int_equal(item_at(&a, 1)->lang, ARGS_LANG_SOURCE);
    args_free(&a);
}

static void stages(void **state)
{
    struct args a;

    (void)state;
    CLASSIFY(&a, "-c", "-S", "a.c");
    assert_int_equal(a.stage, ARGS_COMPILE);
    assert_false(a.links);
    args_free(&a);
    CLASSIFY(&a, "-S", "-E", "-c", "a.c");
    assert_int_equal(a.stage, ARGS_PREPROCESS);
    assert_string_equal(a.passthrough, "-E");
    args_free(&a);
    CLASSIFY(&a, "-c", "a.c");
    assert_int_equal(a.stage, ARGS_ASSEMBLE);
    assert_null(a.passthrough);
    args_free(&a);
}

static void dependency_options(void **state)
{
    struct args a;

    (void)state;
    CLASSIFY(&a, "-MMD", "-MP", "-MF", "o/a.d", "-MQ", "$t", "-c", "a.c");
    assert_int_equal(a.deps, ARGS_DEPS_MMD);
    assert_false(a.deps_via_wp);
    assert_string_equal(a.deps_file, "o/a.d");
    assert_int_equal(a.deps_targets, 1);
    assert_int_equal(item_at(&a, 1)->role, ARGS_ROLE_DEPS);
    args_free(&a);
    CLASSIFY(&a, "-Wp,-MD,.a.o.d", "-c", "a.c");
    assert_int_equal(a.deps, ARGS_DEPS_MD);
    assert_true(a.deps_via_wp);
    assert_string_equal(a.deps_file, ".a.o.d");
    assert_int_equal(item_at(&a, 0)->role, ARGS_ROLE_DEPS);
    args_free(&a);
    CLASSIFY(&a, "-Wp,-D_FORTIFY_SOURCE=2", "-c", "a.c");
    assert_int_equal(a.deps, ARGS_DEPS_NONE);
    assert_int_equal(item_at(&a, 0)->role, ARGS_ROLE_COMPILE);
    args_free(&a);
}

static void link_only_options(void **state)
{
    struct args a;

    (void)state;
    CLASSIFY(&a, "-shared", "-Wl,-z,now", "-L/x", "-fuse-ld=gold", "-rdynamic", "-static-libgcc",
             "-o", "libx.so", "x.o");
    assert_true(a.links);
    assert_false(a.no_runtime);
    assert_int_equal(a.nsources, 0);
    assert_null(a.passthrough);
    for (size_t i = 0; i < 6; i++)
        assert_int_equal(item_at(&a, i)->role, ARGS_ROLE_LINK);
    args_free(&a);
    CLASSIFY(&a, "-static", "a.c");
    assert_true(a.no_runtime);
    args_free(&a);
    CLASSIFY(&a, "-r", "-o", "all.o", "a.o", "b.o");
    assert_true(a.no_runtime);
    args_free(&a);
}

static void passthrough(void **state)
{
    struct args a;

    (void)state;
    CLASSIFY(&a, "--version");
    assert_non_null(a.passthrough);
    assert_false(a.links);
    args_free(&a);
    CLASSIFY(&a, "-M", "a.c");
    assert_string_equal(a.passthrough, "-M");
    assert_false(a.links);
    args_free(&a);
    CLASSIFY(&a, "-fsyntax-only", "a.c");
    assert_string_equal(a.passthrough, "-fsyntax-only");
    args_free(&a);
    CLASSIFY(&a, "-c", "-o", "x.o", "a.c", "b.c");
    assert_string_equal(a.passthrough, "-o with several outputs");
    args_free(&a);
    CLASSIFY(&a, "-O2");
    assert_string_equal(a.passthrough, "no source input");
    assert_false(a.links);
    args_free(&a);
    CLASSIFY(&a, "-print-file-name=libc.so");
    assert_non_null(a.passthrough);
    args_free(&a);
}

static void default_outputs(void **state)
{
    char *s;

    (void)state;
    s = args_default_output("src/a.c", ".o");
    assert_string_equal(s, "a.o");
    free(s);
    s = args_default_output("-", ".o");
    assert_string_equal(s, "-.o");
    free(s);
    s = args_default_output("dir.x/notes", ".s");
    assert_string_equal(s, "notes.s");
    free(s);
    s = args_default_output("a.b.c", ".d");
    assert_string_equal(s, "a.b.d");
    free(s);
}

static void inputs_versus_compilers(void **state)
{
    (void)state;
    assert_true(args_looks_like_input("a.c"));
    assert_true(args_looks_like_input("dir/x.o"));
    assert_true(args_looks_like_input("libz.so.1"));
    assert_true(args_looks_like_input("libz.a"));
    assert_true(args_looks_like_input("-"));
    assert_false(args_looks_like_input("gcc"));
    assert_false(args_looks_like_input("/usr/bin/x86_64-linux-gnu-gcc-12"));
    assert_false(args_looks_like_input("clang-14"));
    assert_false(args_looks_like_input("ccache"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(compile_and_link),
        cmocka_unit_test(separate_arguments_are_not_inputs),
        cmocka_unit_test(joined_arguments),
        cmocka_unit_test(languages),
        cmocka_unit_test(standard_input),
        cmocka_unit_test(stages),
        cmocka_unit_test(dependency_options),
        cmocka_unit_test(link_only_options),
        cmocka_unit_test(passthrough),
        cmocka_unit_test(default_outputs),
        cmocka_unit_test(inputs_versus_compilers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
