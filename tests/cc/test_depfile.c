/*
** test_depfile.c — unit tests of dependency-file naming
** (tools/memline-cc/depfile.c), against what gcc 12 was seen to do.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "depfile.h"

#define CLASSIFY(a, ...)                                                                           \
    do {                                                                                           \
        static const char *const argv_[] = {__VA_ARGS__};                                          \
        args_classify((a), argv_, sizeof argv_ / sizeof argv_[0]);                                 \
    } while (0)

static void expect_names(const struct args *a, const char *source, const char *path,
                         const char *target)
{
    char *p = depfile_default_path(a, source), *t = depfile_default_target(a, source);

    assert_string_equal(p, path);
    assert_string_equal(t, target);
    free(p);
    free(t);
}

static void default_names(void **state)
{
    struct args a;

    (void)state;
    CLASSIFY(&a, "-MMD", "-c", "sub/a.c", "-o", "out/x.o");
    expect_names(&a, "sub/a.c", "out/x.d", "out/x.o");
    args_free(&a);
    CLASSIFY(&a, "-MD", "-c", "sub/a.c");
    expect_names(&a, "sub/a.c", "a.d", "a.o");
    args_free(&a);
    CLASSIFY(&a, "-MD", "-S", "sub/a.c");
    expect_names(&a, "sub/a.c", "a.d", "a.o");
    args_free(&a);
    CLASSIFY(&a, "-MD", "-MF", "deps/a.dep", "-c", "sub/a.c");
    expect_names(&a, "sub/a.c", "deps/a.dep", "a.o");
    args_free(&a);
    CLASSIFY(&a, "-MD", "-o", "app", "sub/a.c", "m.c");
    expect_names(&a, "sub/a.c", "app.d", "app");
    args_free(&a);
    CLASSIFY(&a, "-MD", "sub/a.c", "m.c");
    expect_names(&a, "sub/a.c", "a-a.d", "a.o");
    args_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(default_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
