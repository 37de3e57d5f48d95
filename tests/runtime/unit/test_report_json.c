/* Unit tests of runtime/report_json.c: escaping of arbitrary bytes (control
** characters, invalid UTF-8) and the report's shape, read back with jansson,
** with and without leaks and overhead. Reports are built with designated
** initializers, so that a field added to the model leaves them as they are. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <string.h>

#include "report.h"
#include "sink.h"

static const char *escaped(const char *s, int lossless)
{
    struct mlo_out o;

    sink_open(&o);
    assert_int_equal(mlr_json_string(&o, s), lossless);
    assert_int_equal(mlo_finish(&o), 0);
    return sink_text;
}

static void test_plain_and_special_characters(void **state)
{
    (void)state;
    assert_string_equal(escaped("", 1), "\"\"");
    assert_string_equal(escaped("int x = 1;", 1), "\"int x = 1;\"");
    assert_string_equal(escaped("say \"hi\" \\ there", 1), "\"say \\\"hi\\\" \\\\ there\"");
    assert_string_equal(escaped("/* ok */ \x7f", 1), "\"/* ok */ \x7f\"");
}

static void test_control_characters(void **state)
{
    (void)state;
    assert_string_equal(escaped("\b\t\n\f\r", 1), "\"\\b\\t\\n\\f\\r\"");
    assert_string_equal(escaped("\x01\x0b\x1f", 1), "\"\\u0001\\u000b\\u001f\"");
}

static void test_valid_utf8_is_copied(void **state)
{
    (void)state;
    assert_string_equal(escaped("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 1),
                        "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
    assert_int_equal(mlr_utf8_valid("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"), 1);
}

static void test_invalid_utf8_becomes_replacement_characters(void **state)
{
    (void)state;
    /* a lone byte, a stray continuation, latin-1 */
    assert_string_equal(escaped("a\xff"
                                "b\x80"
                                "c\xe9",
                                0),
                        "\"a\\ufffdb\\ufffdc\\ufffd\"");
    /* overlong '/', a UTF-16 surrogate, above U+10FFFF, truncated euro */
    assert_string_equal(escaped("\xc0\xaf", 0), "\"\\ufffd\\ufffd\"");
    assert_string_equal(escaped("\xed\xa0\x80", 0), "\"\\ufffd\\ufffd\\ufffd\"");
    assert_string_equal(escaped("\xf4\x90\x80\x80", 0), "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
    assert_string_equal(escaped("\xe2\x82", 0), "\"\\ufffd\\ufffd\"");
    assert_string_equal(escaped("\xe0\x80\xaf", 0), "\"\\ufffd\\ufffd\\ufffd\"");
    assert_int_equal(mlr_utf8_valid("\xe2\x82"), 0);
    assert_int_equal(mlr_utf8_valid("\xed\x9f\xbf"), 1);
}

static struct mlr_row rows[] = {
    {.text = "MEMLINE_PROFILE", .mem_usage = 100, .occurrences = 2},
    {.text = "void f(void) {"},
    {.text = "    puts(\"\xff\t\"); /* caf\xc3\xa9 */",
     .mem_usage = 4196,
     .increment = 4096,
     .peak = 9000,
     .occurrences = 2,
     .allocs = 3,
     .frees = 1,
     .leaked = 4096},
    {.text = "}"},
};
static const struct mlr_function functions[] = {{.name = "f",
                                                 .file = "src/\"odd\".c",
                                                 .first_line = 7,
                                                 .last_line = 10,
                                                 .calls = 2,
                                                 .rows = rows}};
static const char *const argv[] = {"./app", "--name=\xe9"};
static const struct mlr_report report = {.backend = "heap",
                                         .pid = 4242,
                                         .argc = 2,
                                         .argv = argv,
                                         .nfunctions = 1,
                                         .functions = functions};

static json_t *written(const struct mlr_report *r)
{
    struct mlo_out o;
    json_error_t error;
    json_t *root;

    sink_open(&o);
    mlr_write_json(&o, r);
    assert_int_equal(mlo_finish(&o), 0);
    root = json_loads(sink_text, 0, &error);
    if (!root)
        fail_msg("invalid JSON (%s at line %d): %s", error.text, error.line, sink_text);
    return root;
}

static void test_report_shape(void **state)
{
    json_t *root = written(&report), *fn, *lines, *line, *source, *bytes;

    (void)state;
    assert_int_equal(json_integer_value(json_object_get(root, "version")), MLR_JSON_VERSION);
    assert_string_equal(json_string_value(json_object_get(root, "backend")), "heap");
    assert_string_equal(json_string_value(json_object_get(root, "unit")), "bytes");
    assert_int_equal(json_integer_value(json_object_get(root, "pid")), 4242);
    assert_string_equal(json_string_value(json_array_get(json_object_get(root, "argv"), 1)),
                        "--name=\xef\xbf\xbd");
    fn = json_array_get(json_object_get(root, "functions"), 0);
    assert_string_equal(json_string_value(json_object_get(fn, "name")), "f");
    assert_string_equal(json_string_value(json_object_get(fn, "file")), "src/\"odd\".c");
    assert_int_equal(json_integer_value(json_object_get(fn, "first_line")), 7);
    assert_int_equal(json_integer_value(json_object_get(fn, "last_line")), 10);
    assert_int_equal(json_integer_value(json_object_get(fn, "calls")), 2);

    lines = json_object_get(fn, "lines");
    assert_int_equal(json_array_size(lines), 2);
    line = json_array_get(lines, 1);
    assert_int_equal(json_integer_value(json_object_get(line, "line")), 9);
    assert_string_equal(json_string_value(json_object_get(line, "text")),
                        "    puts(\"\xef\xbf\xbd\t\"); /* caf\xc3\xa9 */");
    assert_int_equal(json_integer_value(json_object_get(line, "mem_usage")), 4196);
    assert_int_equal(json_integer_value(json_object_get(line, "increment")), 4096);
    assert_int_equal(json_integer_value(json_object_get(line, "occurrences")), 2);
    assert_int_equal(json_integer_value(json_object_get(line, "peak")), 9000);
    assert_int_equal(json_integer_value(json_object_get(line, "allocs")), 3);
    assert_int_equal(json_integer_value(json_object_get(line, "frees")), 1);
    assert_null(json_object_get(line, "leaked"));
    assert_null(json_object_get(line, "at_peak"));
    assert_null(json_object_get(root, "overhead_bytes"));
    assert_null(json_object_get(root, "peak"));

    source = json_object_get(fn, "source");
    assert_int_equal(json_array_size(source), 4);
    assert_string_equal(json_string_value(json_array_get(source, 1)), "void f(void) {");
    bytes = json_object_get(fn, "source_bytes");
    assert_int_equal(json_array_size(bytes), 4);
    assert_true(json_is_null(json_array_get(bytes, 0)));
    assert_string_equal(json_string_value(json_array_get(bytes, 2)),
                        "20202020707574732822ff0922293b202f2a20636166c3a9202a2f");
    json_decref(root);
}

/* Leaks on every executed line, the overhead right after the pid. */
static void test_leaks_and_overhead(void **state)
{
    struct mlr_report r = report;
    json_t *root, *lines;

    (void)state;
    r.leaks_tracked = 1;
    r.overhead_known = 1;
    r.overhead_bytes = 3145728;
    root = written(&r);
    assert_non_null(
        strstr(sink_text, "\"pid\": 4242,\n  \"overhead_bytes\": 3145728,\n  \"argv\""));
    assert_non_null(strstr(sink_text, "\"frees\": 1, \"leaked\": 4096}"));
    assert_int_equal(json_integer_value(json_object_get(root, "overhead_bytes")), 3145728);
    lines = json_object_get(json_array_get(json_object_get(root, "functions"), 0), "lines");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(lines, 0), "leaked")), 0);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(lines, 1), "leaked")), 4096);
    json_decref(root);
}

/* The peak after argv (seconds with six decimals), at_peak on every line. */
static void test_peak(void **state)
{
    struct mlr_report r = report;
    struct mlr_row shared[4];
    struct mlr_function fn = *report.functions;
    json_t *root, *peak, *lines;

    (void)state;
    memcpy(shared, fn.rows, sizeof shared);
    shared[2].at_peak = 4096;
    fn.rows = shared;
    r.functions = &fn;
    r.peak_tracked = 1;
    r.peak = (struct mlr_peak){10000, 2000305, 4096, 5904};
    root = written(&r);
    assert_non_null(strstr(sink_text,
                           "],\n  \"peak\": {\"bytes\": 10000, \"seconds\": 2.000305, "
                           "\"in_lines\": 4096, \"elsewhere\": 5904},\n  \"functions\""));
    peak = json_object_get(root, "peak");
    assert_true(json_is_real(json_object_get(peak, "seconds")));
    lines = json_object_get(json_array_get(json_object_get(root, "functions"), 0), "lines");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(lines, 0), "at_peak")), 0);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(lines, 1), "at_peak")),
                     4096);
    assert_null(json_object_get(json_array_get(lines, 1), "leaked"));
    json_decref(root);
}

/* The heap by type after the peak, growth only when known. */
static void test_types(void **state)
{
    static const struct mlr_type types[] = {{"struct \"q\"", 2, 48, 3, 72, 1, 24}};
    struct mlr_report r = report;
    json_t *root, *t;

    (void)state;
    r.types_tracked = 1;
    r.ntypes = 1;
    r.types = types;
    root = written(&r);
    assert_non_null(strstr(sink_text, "],\n  \"types\": [\n    {\"type\": \"struct \\\"q\\\"\", "
                                      "\"blocks\": 2, \"bytes\": 48, \"peak_blocks\": 3, "
                                      "\"peak_bytes\": 72}\n  ],\n  \"functions\""));
    t = json_array_get(json_object_get(root, "types"), 0);
    assert_null(json_object_get(t, "bytes_growth"));
    json_decref(root);
    r.types_growth = 1;
    root = written(&r);
    t = json_array_get(json_object_get(root, "types"), 0);
    assert_int_equal(json_integer_value(json_object_get(t, "blocks_growth")), 1);
    assert_int_equal(json_integer_value(json_object_get(t, "bytes_growth")), 24);
    json_decref(root);
}

static void test_source_bytes_only_when_needed(void **state)
{
    static struct mlr_row clean[] = {{.text = "MEMLINE_PROFILE", .occurrences = 1}, {.text = "}"}};
    static const struct mlr_function fn = {
        .name = "g", .file = "g.c", .first_line = 1, .last_line = 2, .calls = 1, .rows = clean};
    struct mlr_report r = {.backend = "rss", .pid = 1, .nfunctions = 1, .functions = &fn};
    json_t *root = written(&r);

    (void)state;
    assert_null(
        json_object_get(json_array_get(json_object_get(root, "functions"), 0), "source_bytes"));
    assert_string_equal(json_string_value(json_object_get(root, "backend")), "rss");
    json_decref(root);
}

static void test_empty_report_is_valid(void **state)
{
    struct mlr_report r = {.backend = "heap", .pid = 1};
    json_t *root = written(&r);

    (void)state;
    assert_int_equal(json_array_size(json_object_get(root, "functions")), 0);
    json_decref(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_and_special_characters),
        cmocka_unit_test(test_control_characters),
        cmocka_unit_test(test_valid_utf8_is_copied),
        cmocka_unit_test(test_invalid_utf8_becomes_replacement_characters),
        cmocka_unit_test(test_report_shape),
        cmocka_unit_test(test_leaks_and_overhead),
        cmocka_unit_test(test_peak),
        cmocka_unit_test(test_types),
        cmocka_unit_test(test_source_bytes_only_when_needed),
        cmocka_unit_test(test_empty_report_is_valid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
