/*
** test_calls.c — unit tests of instrumenter/calls.c: which functions of a
** file cannot allocate, and which statements then may.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "args.h"
#include "calls.h"
#include "range.h"

static const char src[] = "#include <stdlib.h>\n"
                          "#include <string.h>\n"
                          "static int leaf(int x) { return x + 1; }\n"
                          "static int uses_leaf(int x) { return leaf(x) * 2; }\n"
                          "static int even(int n);\n"
                          "static int odd(int n) { return n == 0 ? 0 : even(n - 1); }\n"
                          "static int even(int n) { return n == 0 ? 1 : odd(n - 1); }\n"
                          "static size_t lib(const char *s) { return strlen(s) + "
                          "(size_t)__builtin_popcount(3u); }\n"
                          "static void *grows(size_t n) { return malloc(n); }\n"
                          "static int via_grows(void) { return grows(1) != 0; }\n"
                          "int exported(int x) { return x; }\n"
                          "static int calls_exported(int x) { return exported(x); }\n"
                          "static int through(int (*f)(int)) { return f(1); }\n"
                          "static int with_asm(void) { __asm__(\"\"); return 0; }\n";

/* The bodies of the file's function definitions, in order. */
static CXCursor found[16];
static size_t nfound;

static enum CXChildVisitResult find_bodies(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    (void)data;
    if (!clang_Location_isFromMainFile(clang_getCursorLocation(c)))
        return CXChildVisit_Continue;
    if (c.kind == CXCursor_CompoundStmt && nfound < 16) {
        found[nfound++] = c;
        return CXChildVisit_Continue;
    }
    if (c.kind == CXCursor_FunctionDecl && clang_isCursorDefinition(c))
        return CXChildVisit_Recurse;
    return CXChildVisit_Continue;
}

static void cannot_allocate_is_a_fixed_point_over_the_file(void **state)
{
    static const int may[] = {0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1};
    struct mla_argv argv;
    struct CXUnsavedFile unsaved = {"t.c", src, sizeof src - 1};
    CXIndex index = clang_createIndex(0, 0);
    CXTranslationUnit tu;
    struct mlr_file f;
    struct mlc_set set;
    size_t i;

    (void)state;
    assert_int_equal(mla_build(&argv, NULL, 0, NULL), 0);
    tu = clang_parseTranslationUnit(index, "t.c", (const char *const *)argv.v, (int)argv.n,
                                    &unsaved, 1, CXTranslationUnit_DetailedPreprocessingRecord);
    mla_free(&argv);
    assert_non_null(tu);
    assert_int_equal(mlr_init(&f, tu, "t.c", src, sizeof src - 1), 0);
    assert_int_equal(mlc_find(&f, &set), 0);
    nfound = 0;
    clang_visitChildren(clang_getTranslationUnitCursor(tu), find_bodies, NULL);
    /* leaf, uses_leaf, odd, even (mutual recursion), lib (strlen, a
    ** builtin) cannot; grows (malloc) and via_grows may; exported cannot
    ** (it calls nothing), calls_exported may (another object may interpose
    ** exported); a call through a pointer, asm: may */
    assert_int_equal(nfound, sizeof may / sizeof may[0]);
    for (i = 0; i < nfound; i++)
        assert_int_equal(mlc_may_allocate(&set, found[i]), may[i]);
    mlc_free(&set);
    mlr_free(&f);
    clang_disposeTranslationUnit(tu);
    clang_disposeIndex(index);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cannot_allocate_is_a_fixed_point_over_the_file),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
