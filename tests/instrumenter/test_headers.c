/*
** test_headers.c — unit tests of instrumenter/headers.c: which of a file's
** headers the walk finds, in which directories, how often, and stopping.
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

#include "headers.h"
#include "tree.h"

static int make_tree(void **state)
{
    static const char *const dirs[] = {"inc", "sys", NULL};

    (void)state;
    return tree_make("headers", dirs);
}

struct seen {
    char names[16][256];
    int n;
    const char *stop_at;
};

static int record(void *ctx, const char *path, const char *text, size_t len)
{
    struct seen *s = ctx;

    (void)text;
    (void)len;
    snprintf(s->names[s->n++], sizeof s->names[0], "%s", path + strlen(tree) + 1);
    return s->stop_at && strstr(path, s->stop_at) ? 7 : MLF_DONE;
}

static void walk_finds_quote_and_angle_includes_of_the_project(void **state)
{
    char inc[96], sys[96], main_path[96];
    const char *args[] = {"-I", inc, "-isystem", sys};
    static const char text[] = "#include \"local.h\"\n"
                               "#include <proj.h>\n"
                               "#include <other.h>\n"
                               "  #  include \"local.h\"\n";
    struct seen s = {.n = 0};

    (void)state;
    snprintf(inc, sizeof inc, "%s/inc", tree);
    snprintf(sys, sizeof sys, "%s/sys", tree);
    snprintf(main_path, sizeof main_path, "%s/main.c", tree);
    tree_put("local.h", "#include \"inc/nested.h\"\n");
    tree_put("inc/nested.h", "int nested;\n");
    tree_put("inc/proj.h", "int proj;\n");
    tree_put("sys/other.h", "int other;\n"); /* a system directory: not the project's */
    tree_put("proj.h", "int beside;\n");     /* <...> is not looked for beside the file */
    assert_int_equal(mlf_walk(main_path, text, strlen(text), args, 4, 1, record, &s), MLF_DONE);
    assert_int_equal(s.n, 3);
    assert_string_equal(s.names[0], "local.h");
    assert_string_equal(s.names[1], "inc/nested.h");
    assert_string_equal(s.names[2], "inc/proj.h");
    /* quote includes only, and a visitor that stops the walk */
    s.n = 0;
    s.stop_at = "local.h";
    assert_int_equal(mlf_walk(main_path, text, strlen(text), args, 4, 0, record, &s), 7);
    assert_int_equal(s.n, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(walk_finds_quote_and_angle_includes_of_the_project,
                                        make_tree, tree_remove),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
