/* Unit tests of tools/memline/jsonread.c: a full report read back, the
** texts rebuilt from source and source_bytes, leaks and overhead, and one
** clear error (never a crash) for malformed, truncated or foreign JSON. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "jsonread.h"

static const char good[] =
    "{\"version\": 1, \"backend\": \"heap\", \"unit\": \"bytes\", \"pid\": 42,\n"
    " \"overhead_bytes\": 2097152,\n"
    " \"argv\": [\"./demo\", \"x\"],\n"
    " \"peak\": {\"bytes\": 100, \"seconds\": 0.250001, \"in_lines\": 24, \"elsewhere\": 76},\n"
    " \"types\": [{\"type\": \"struct node\", \"blocks\": 2, \"bytes\": 48, \"peak_blocks\": 3,\n"
    "   \"peak_bytes\": 72, \"blocks_growth\": 1, \"bytes_growth\": 24}],\n"
    " \"functions\": [\n"
    "  {\"name\": \"demo\", \"file\": \"demo.c\", \"first_line\": 4, \"last_line\": 7, \"calls\": "
    "2,\n"
    "   \"lines\": [\n"
    "    {\"line\": 4, \"text\": \"MEMLINE_PROFILE\", \"mem_usage\": 0, \"increment\": 0,\n"
    "     \"occurrences\": 2, \"peak\": 0, \"allocs\": 0, \"frees\": 0, \"leaked\": 0},\n"
    "    {\"line\": 6, \"text\": \"  a = malloc(10);\", \"mem_usage\": 24, \"increment\": -48,\n"
    "     \"occurrences\": 2, \"peak\": 96, \"allocs\": 2, \"frees\": 1, \"leaked\": 24,\n"
    "     \"at_peak\": 24}],\n"
    "   \"source\": [\"MEMLINE_PROFILE\", \"void demo(void) {\", \"  a = malloc(10);\", "
    "\"\\ufffd}\"],\n"
    "   \"source_bytes\": [null, null, null, \"ff7d\"]}\n"
    " ]}\n";

static char err[1024];

static void test_reads_a_report(void **state)
{
    struct jr_report r;
    const struct mlr_function *fn;

    (void)state;
    assert_int_equal(jr_parse(good, strlen(good), &r, err, sizeof err), 0);
    assert_string_equal(r.report.backend, "heap");
    assert_int_equal(r.report.pid, 42);
    assert_int_equal(r.report.argc, 2);
    assert_string_equal(r.report.argv[1], "x");
    assert_int_equal(r.report.nfunctions, 1);
    fn = &r.report.functions[0];
    assert_string_equal(fn->name, "demo");
    assert_string_equal(fn->file, "demo.c");
    assert_int_equal(fn->first_line, 4);
    assert_int_equal(fn->last_line, 7);
    assert_int_equal(fn->calls, 2);
    assert_string_equal(fn->rows[1].text, "void demo(void) {");
    assert_int_equal(fn->rows[1].occurrences, 0);
    assert_string_equal(fn->rows[3].text, "\xff}");
    assert_int_equal(fn->rows[2].mem_usage, 24);
    assert_int_equal(fn->rows[2].increment, -48);
    assert_int_equal(fn->rows[2].peak, 96);
    assert_int_equal(fn->rows[2].occurrences, 2);
    assert_int_equal(fn->rows[2].allocs, 2);
    assert_int_equal(fn->rows[2].frees, 1);
    assert_int_equal(r.report.overhead_known, 1);
    assert_int_equal(r.report.overhead_bytes, 2097152);
    assert_int_equal(r.report.leaks_tracked, 1);
    assert_int_equal(fn->rows[2].leaked, 24);
    assert_int_equal(fn->rows[0].leaked, 0);
    assert_int_equal(fn->rows[1].leaked, 0);
    assert_int_equal(r.report.peak_tracked, 1);
    assert_int_equal(r.report.peak.bytes, 100);
    assert_int_equal(r.report.peak.micros, 250001);
    assert_int_equal(r.report.peak.in_lines, 24);
    assert_int_equal(r.report.peak.elsewhere, 76);
    assert_int_equal(fn->rows[2].at_peak, 24);
    assert_int_equal(fn->rows[0].at_peak, 0);
    assert_int_equal(r.report.types_tracked, 1);
    assert_int_equal(r.report.types_growth, 1);
    assert_int_equal(r.report.ntypes, 1);
    assert_string_equal(r.report.types[0].name, "struct node");
    assert_int_equal(r.report.types[0].blocks, 2);
    assert_int_equal(r.report.types[0].bytes, 48);
    assert_int_equal(r.report.types[0].peak_blocks, 3);
    assert_int_equal(r.report.types[0].peak_bytes, 72);
    assert_int_equal(r.report.types[0].blocks_growth, 1);
    assert_int_equal(r.report.types[0].bytes_growth, 24);
    jr_free(&r);
}

/* The report with `needle` replaced by `with` must fail with `message`. */
static void expect_error(const char *needle, const char *with, const char *message)
{
    char text[sizeof good + 256];
    const char *at = strstr(good, needle);
    struct jr_report r;

    assert_non_null(at);
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - good), good, with, at + strlen(needle));
    assert_int_equal(jr_parse(text, strlen(text), &r, err, sizeof err), -1);
    assert_string_equal(err, message);
    assert_null(strchr(err, '\n'));
    assert_null(r.report.functions);
}

static void test_schema_errors_name_the_value(void **state)
{
    (void)state;
    expect_error("\"version\": 1", "\"version\": 2",
                 "version: report format 2 is not supported (this memline reads 1)");
    expect_error("\"increment\": -48", "\"increment\": \"x\"",
                 "functions[0].lines[1].increment: expected an integer");
    expect_error("\"increment\": -48", "\"increment\": 1.5",
                 "functions[0].lines[1].increment: expected an integer");
    expect_error("\"line\": 6", "\"line\": 9", "functions[0].lines[1].line: 9 is out of range");
    expect_error("\"line\": 6", "\"line\": 4", "functions[0].lines[1]: line 4 appears twice");
    expect_error("\"last_line\": 7", "\"last_line\": 3",
                 "functions[0].last_line: 3 is out of range");
    expect_error("\"ff7d\"", "\"ff00\"",
                 "functions[0].source_bytes[3]: not a hex string of nonzero bytes");
    expect_error("\"calls\": 2,", "", "functions[0]: missing \"calls\"");
    expect_error("\"backend\": \"heap\"", "\"backend\": \"pss\"",
                 "backend: expected \"heap\" or \"rss\"");
    expect_error(", \"x\"]", ", 3]", "argv[1]: expected a string");
    expect_error("\"overhead_bytes\": 2097152", "\"overhead_bytes\": -1",
                 "overhead_bytes: -1 is out of range");
    expect_error("\"overhead_bytes\": 2097152", "\"overhead_bytes\": null",
                 "overhead_bytes: expected an integer");
    expect_error("\"leaked\": 24", "\"leaked\": \"24\"",
                 "functions[0].lines[1].leaked: expected an integer");
    expect_error("\"elsewhere\": 76", "\"elsewhere\": 75",
                 "peak: in_lines + elsewhere is not bytes");
    expect_error("\"seconds\": 0.250001", "\"seconds\": -1", "peak.seconds: -1 is out of range");
    expect_error("\"seconds\": 0.250001", "\"seconds\": \"0\"", "peak.seconds: expected a number");
    expect_error("\"bytes\": 100", "\"bytes\": -100", "peak.bytes: -100 is out of range");
    expect_error("\"type\": \"struct node\"", "\"type\": 3", "types[0].type: expected a string");
    expect_error("\"peak_bytes\": 72", "\"peak_bytes\": 0.5",
                 "types[0].peak_bytes: expected an integer");
    expect_error(", \"bytes_growth\": 24", "", "types[0]: missing \"bytes_growth\"");
    expect_error("\"at_peak\": 24", "\"at_peak\": null",
                 "functions[0].lines[1].at_peak: expected an integer");
    expect_error("\"occurrences\": 2, \"peak\": 96", "\"occurrences\": -1, \"peak\": 96",
                 "functions[0].lines[1].occurrences: -1 is out of range");
    expect_error("\"  a = malloc(10);\", \"\\ufffd}\"]", "\"x\"]",
                 "functions[0].source: expected an array of 4 strings (one per line)");
}

static void test_syntax_errors_have_a_position(void **state)
{
    struct jr_report r;

    (void)state;
    assert_int_equal(jr_parse(good, 40, &r, err, sizeof err), -1);
    assert_string_equal(err, "1:40: ':' expected near end of file");
    assert_int_equal(jr_parse("", 0, &r, err, sizeof err), -1);
    assert_int_equal(jr_parse("[1, 2]", 6, &r, err, sizeof err), -1);
    assert_string_equal(err, "not a memline report (expected a JSON object)");
    assert_int_equal(jr_parse("{\"a\": 1, \"a\": 2}", 16, &r, err, sizeof err), -1);
    assert_string_equal(err, "1:12: duplicate object key near '\"a\"'");
}

/* Every prefix of a good report fails cleanly, never crashes. */
static void test_every_truncation_fails_cleanly(void **state)
{
    struct jr_report r;
    size_t n;

    (void)state;
    for (n = 0; n < strlen(good) - 1; n++) {
        assert_int_equal(jr_parse(good, n, &r, err, sizeof err), -1);
        assert_true(err[0] != '\0');
    }
}

static void test_without_source_leaks_and_overhead(void **state)
{
    static const char old[] =
        "{\"version\": 1, \"backend\": \"rss\", \"unit\": \"bytes\", \"pid\": 1, \"argv\": [],"
        " \"functions\": [{\"name\": \"f\", \"file\": \"f.c\", \"first_line\": 1,"
        " \"last_line\": 3, \"calls\": 1, \"lines\": [{\"line\": 2, \"text\": \"x;\","
        " \"mem_usage\": 1, \"increment\": 1, \"occurrences\": 1, \"peak\": 1, \"allocs\": 0,"
        " \"frees\": 0}]}]}";
    struct jr_report r;

    (void)state;
    assert_int_equal(jr_parse(old, strlen(old), &r, err, sizeof err), 0);
    assert_int_equal(r.report.leaks_tracked, 0);
    assert_int_equal(r.report.overhead_known, 0);
    assert_string_equal(r.report.functions[0].rows[0].text, "");
    assert_string_equal(r.report.functions[0].rows[1].text, "x;");
    assert_string_equal(r.report.backend, "rss");
    jr_free(&r);
}

static void test_read_file_names_the_file(void **state)
{
    struct jr_report r;
    FILE *f = fopen("test_jsonread.broken.json", "w");

    (void)state;
    assert_non_null(f);
    fputs("{\"version\": 1,\n \"backend\": ", f);
    fclose(f);
    assert_int_equal(jr_read_file("test_jsonread.broken.json", &r, err, sizeof err), -1);
    assert_string_equal(err, "test_jsonread.broken.json:2:12: unexpected token near end of file");
    remove("test_jsonread.broken.json");
    assert_int_equal(jr_read_file("/nonexistent/r.json", &r, err, sizeof err), -1);
    assert_string_equal(err, "/nonexistent/r.json: No such file or directory");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_a_report),
        cmocka_unit_test(test_schema_errors_name_the_value),
        cmocka_unit_test(test_syntax_errors_have_a_position),
        cmocka_unit_test(test_every_truncation_fails_cleanly),
        cmocka_unit_test(test_without_source_leaks_and_overhead),
        cmocka_unit_test(test_read_file_names_the_file),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
