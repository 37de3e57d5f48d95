/*
** test_records.c — runtime timeline records to data file records
** (tools/memline/records.c): nesting per thread, the heap at entries and
** exits as samples, lines split across reads,
** other processes and garbage ignored, exits skipped by longjmp, calls
** still open at exit.
*/
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "records.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* t = 0 is 1000 s of CLOCK_MONOTONIC; the records below use ns from it. */
#define T0 1000000000000LL

struct capture {
    char *text;
    size_t len;
    FILE *out;
    struct records r;
};

static void start(struct capture *c)
{
    c->text = NULL;
    c->out = open_memstream(&c->text, &c->len);
    assert_non_null(c->out);
    records_init(&c->r, 42, T0, c->out);
}

static void feed(struct capture *c, const char *data)
{
    records_feed(&c->r, data, strlen(data));
}

static void finish(struct capture *c, double t_end, const char *expected)
{
    records_finish(&c->r, t_end);
    fclose(c->out);
    assert_string_equal(c->text, expected);
    free(c->text);
}

static void test_nested_calls_and_samples(void **state)
{
    struct capture c;

    (void)state;
    start(&c);
    feed(&c, "E 42 42 1100000000000 0 load\n"
             "H 42 1150000000000 1048576\n"
             "E 42 42 1200000000000 1048576 parse\n"
             "X 42 42 1300000000000 3145728 parse\n"
             "X 42 42 1400000000000 2097152 load\n");
    finish(&c, 500,
           "HEAP 0 100.000000\n"
           "HEAP 1048576 150.000000\n"
           "HEAP 3145728 300.000000\n"
           "FUNC parse 1048576 200.000000 3145728 300.000000\n"
           "HEAP 2097152 400.000000\n"
           "FUNC load 0 100.000000 2097152 400.000000\n");
    assert_int_equal(c.r.calls, 2);
    assert_int_equal(c.r.heaps, 4);
}

static void test_threads_are_separate(void **state)
{
    struct capture c;

    (void)state;
    start(&c);
    feed(&c, "E 42 42 1001000000000 0 f\n"
             "E 42 43 1002000000000 0 f\n"
             "X 42 42 1003000000000 10 f\n"
             "X 42 43 1004000000000 20 f\n");
    finish(&c, 10,
           "HEAP 0 1.000000\n"
           "HEAP 10 3.000000\n"
           "FUNC f 0 1.000000 10 3.000000\n"
           "HEAP 20 4.000000\n"
           "FUNC f 0 2.000000 20 4.000000\n");
}

static void test_lines_split_across_reads(void **state)
{
    struct capture c;

    (void)state;
    start(&c);
    feed(&c, "E 42 42 100");
    feed(&c, "1000000000 5 g\nX 42 42 10020000");
    feed(&c, "00000 7 g\n");
    finish(&c, 10, "HEAP 5 1.000000\nHEAP 7 2.000000\nFUNC g 5 1.000000 7 2.000000\n");
}

static void test_ignored_records(void **state)
{
    struct capture c;

    (void)state;
    start(&c);
    feed(&c, "E 7 7 1001000000000 0 child_function\n" /* another process */
             "H 7 1001000000000 99\n"
             "garbage\n"
             "E 42 42 1001000000000 0 two words\n"
             "E 42 42 xyz 0 f\n"
             "X 42 42 1002000000000 0 never_entered\n"
             "H 42 1003000000000 12 extra\n"
             "H 42 999000000000 -3\n" /* before t0, negative: clamped */
             "H 42 999000000000 0\n"  /* the same heap again */
             "E 42 42 1004000000000 1 cut");
    finish(&c, 10, "HEAP 0 2.000000\n");
}

static void test_exit_skipping_frames(void **state)
{
    struct capture c;

    (void)state;
    start(&c);
    /* outer -> middle -> inner, then longjmp back into outer, which exits. */
    feed(&c, "E 42 42 1001000000000 0 outer\n"
             "E 42 42 1002000000000 0 middle\n"
             "E 42 42 1003000000000 0 inner\n"
             "X 42 42 1004000000000 9 outer\n");
    finish(&c, 10,
           "HEAP 0 1.000000\n"
           "HEAP 9 4.000000\n"
           "FUNC inner 0 3.000000 9 4.000000\n"
           "FUNC middle 0 2.000000 9 4.000000\n"
           "FUNC outer 0 1.000000 9 4.000000\n");
}

static void test_open_calls_close_at_exit(void **state)
{
    struct capture c;

    (void)state;
    start(&c);
    feed(&c, "E 42 42 1001000000000 64 main_loop\n"
             "E 42 42 1002000000000 128 handler\n");
    finish(&c, 2.5,
           "HEAP 64 1.000000\n"
           "HEAP 128 2.000000\n"
           "FUNC handler 128 2.000000 128 2.500000\n"
           "FUNC main_loop 64 1.000000 64 2.500000\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nested_calls_and_samples),
        cmocka_unit_test(test_threads_are_separate),
        cmocka_unit_test(test_lines_split_across_reads),
        cmocka_unit_test(test_ignored_records),
        cmocka_unit_test(test_exit_skipping_frames),
        cmocka_unit_test(test_open_calls_close_at_exit),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
