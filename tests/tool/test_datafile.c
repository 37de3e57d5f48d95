/*
** test_datafile.c — the timeline data file reader and writers
** (tools/memline/datafile.c): every record, every rejection with its file
** and line, peaks, durations, and a write-then-read round trip.
*/
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "datafile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int parse(const char *text, struct df_file *f, char *err, size_t errlen)
{
    FILE *in = fmemopen((void *)text, strlen(text), "r");
    int rc;

    assert_non_null(in);
    rc = df_parse(in, "run.dat", f, err, errlen);
    fclose(in);
    return rc;
}

/* The message for a file holding `text`, which must be rejected. */
static void assert_rejected(const char *text, const char *message)
{
    struct df_file f;
    char err[256];

    assert_int_equal(parse(text, &f, err, sizeof err), -1);
    assert_string_equal(err, message);
    assert_null(f.mem.v);
    assert_null(f.calls);
}

static void test_every_record(void **state)
{
    struct df_file f;
    char err[256];

    (void)state;
    assert_int_equal(parse("VERSION 1\n"
                           "CMDLINE ./app 'two words'\n"
                           "START 1763710000.25\n"
                           "INTERVAL 0.1\n"
                           "CHILDREN 1\n"
                           "# a comment\n"
                           "\n"
                           "MEM 1048576 0.000000\n"
                           "HEAP 4096 0.05\n"
                           "MEM 2097152 0.100000\r\n"
                           "FUNC load 4096 0.01 8192 0.09\n"
                           "END 0.15 exit 3\n",
                           &f, err, sizeof err),
                     0);
    assert_string_equal(f.cmdline, "./app 'two words'");
    assert_true(f.start == 1763710000.25);
    assert_true(f.interval == 0.1);
    assert_int_equal(f.include_children, 1);
    assert_int_equal(f.mem.n, 2);
    assert_int_equal(f.mem.v[1].bytes, 2097152);
    assert_true(f.mem.v[1].t == 0.1);
    assert_int_equal(f.heap.n, 1);
    assert_int_equal(f.heap.v[0].bytes, 4096);
    assert_int_equal(f.ncalls, 1);
    assert_string_equal(f.calls[0].name, "load");
    assert_int_equal(f.calls[0].heap_start, 4096);
    assert_int_equal(f.calls[0].heap_end, 8192);
    assert_true(f.calls[0].t_start == 0.01 && f.calls[0].t_end == 0.09);
    assert_int_equal(f.ended, 1);
    assert_true(f.end_t == 0.15);
    assert_int_equal(f.end_code, 3);
    assert_int_equal(f.end_signal, 0);
    df_free(&f);
}

static void test_signal_end_and_optional_header(void **state)
{
    struct df_file f;
    char err[256];

    (void)state;
    assert_int_equal(parse("MEM 10 1.5\nEND 2 signal 9\n", &f, err, sizeof err), 0);
    assert_null(f.cmdline);
    assert_int_equal(f.end_signal, 9);
    assert_int_equal(f.end_code, 0);
    df_free(&f);
}

static void test_rejections_name_file_and_line(void **state)
{
    (void)state;
    assert_rejected("MEM 1 0\nMEM 1.5 0.1\n", "run.dat:2: expected 'MEM <bytes> <seconds>'");
    assert_rejected("MEM -1 0\n", "run.dat:1: expected 'MEM <bytes> <seconds>'");
    assert_rejected("MEM 1 -0.5\n", "run.dat:1: expected 'MEM <bytes> <seconds>'");
    assert_rejected("MEM 1 nan\n", "run.dat:1: expected 'MEM <bytes> <seconds>'");
    assert_rejected("MEM 1 0 7\n", "run.dat:1: expected 'MEM <bytes> <seconds>'");
    assert_rejected("\n\nHEAP x 0\n", "run.dat:3: expected 'HEAP <bytes> <seconds>'");
    assert_rejected("FUNC f 1 0.5 1\n",
                    "run.dat:1: expected 'FUNC <name> <bytes> <seconds> <bytes> <seconds>'");
    assert_rejected("FUNC f 1 0.5 1 0.25\n", "run.dat:1: FUNC f ends (0.25 s) before it starts "
                                             "(0.5 s)");
    assert_rejected(
        "END 1 exited 0\n",
        "run.dat:1: expected 'END <seconds> exit <code>' or 'END <seconds> signal <n>'");
    assert_rejected(
        "END 1 exit 256\n",
        "run.dat:1: expected 'END <seconds> exit <code>' or 'END <seconds> signal <n>'");
    assert_rejected("VERSION 2\n",
                    "run.dat:1: version 2 is not supported (this memline reads version 1)");
    assert_rejected("START yesterday\n", "run.dat:1: expected 'START <seconds>'");
    assert_rejected("INTERVAL\n", "run.dat:1: expected 'INTERVAL <seconds>'");
    assert_rejected("CHILDREN 2\n", "run.dat:1: expected 'CHILDREN 0' or 'CHILDREN 1'");
    assert_rejected(
        "MEM 1 0\nmem 1 0\n",
        "run.dat:2: unknown record 'mem' (expected MEM, HEAP, FUNC, END, CMDLINE, ...)");
    assert_rejected("CMDLINEX a\n", "run.dat:1: unknown record 'CMDLINEX' (expected MEM, HEAP, "
                                    "FUNC, END, CMDLINE, ...)");
}

static void test_missing_file(void **state)
{
    struct df_file f;
    char err[256];

    (void)state;
    assert_int_equal(df_read("/nonexistent/run.dat", &f, err, sizeof err), -1);
    assert_string_equal(err, "/nonexistent/run.dat: No such file or directory");
}

static void test_sort_peak_duration(void **state)
{
    struct df_file f;
    struct df_sample peak;
    char err[256];

    (void)state;
    assert_int_equal(parse("MEM 5 0.2\nMEM 9 0.1\nMEM 9 0.3\nMEM 1 0.0\n"
                           "FUNC f 0 0.1 0 0.7\n",
                           &f, err, sizeof err),
                     0);
    df_sort(&f);
    assert_true(f.mem.v[0].t == 0.0 && f.mem.v[1].t == 0.1 && f.mem.v[3].t == 0.3);
    assert_int_equal(df_peak(&f.mem, &peak), 1);
    assert_int_equal(peak.bytes, 9);
    assert_true(peak.t == 0.1);
    assert_int_equal(df_peak(&f.heap, &peak), 0);
    assert_true(df_duration(&f) == 0.7);
    df_free(&f);
    assert_int_equal(parse("MEM 1 0.5\nEND 2.5 exit 0\n", &f, err, sizeof err), 0);
    assert_true(df_duration(&f) == 2.5);
    df_free(&f);
}

static void test_write_then_read(void **state)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    struct df_call call = {"load_words", 100, 0.25, 2000, 1.5};
    struct df_file f;
    char err[256];

    (void)state;
    assert_non_null(out);
    df_write_header(out, "./app -n 3", 1763710000.5, 0.1, 0);
    df_write_mem(out, 123456789, 0.000125);
    df_write_heap(out, 4096, 0.5);
    df_write_call(out, &call);
    df_write_end(out, 1.75, 15, 0);
    fclose(out);
    assert_string_equal(text, "VERSION 1\n"
                              "CMDLINE ./app -n 3\n"
                              "START 1763710000.500000\n"
                              "INTERVAL 0.100000\n"
                              "CHILDREN 0\n"
                              "MEM 123456789 0.000125\n"
                              "HEAP 4096 0.500000\n"
                              "FUNC load_words 100 0.250000 2000 1.500000\n"
                              "END 1.750000 signal 15\n");
    assert_int_equal(parse(text, &f, err, sizeof err), 0);
    assert_int_equal(f.mem.v[0].bytes, 123456789);
    assert_string_equal(f.calls[0].name, "load_words");
    assert_int_equal(f.end_signal, 15);
    df_free(&f);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_record),
        cmocka_unit_test(test_signal_end_and_optional_header),
        cmocka_unit_test(test_rejections_name_file_and_line),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_sort_peak_duration),
        cmocka_unit_test(test_write_then_read),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
