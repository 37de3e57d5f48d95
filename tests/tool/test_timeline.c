/*
** test_timeline.c — the runtime's timeline writer (runtime/timeline.c,
** compiled into this test): disabled without MEMLINE_TIMELINE, a bad
** setting disables it, the record formats, sample rate limiting, and
** whole lines from many threads at once.
**
** mlt_open() opens the file once per process, so the tests run in order:
** the ones that must leave the timeline disabled come first.
*/
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "timeline.h"

#include <memline/probe.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MIB (1024LL * 1024LL)
#define THREADS 8
#define CALLS 2000

static char path[64];
static struct memline_site site = {
    MEMLINE_PROBE_VERSION, 0, "t.c", "load_words", 1, 2, 0, 0, 0, 0, 0, 0, 0};

/* The record file's content, NUL-terminated; the caller frees it. */
static char *slurp(size_t *len)
{
    FILE *f = fopen(path, "r");
    char *text;
    long size;

    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    size = ftell(f);
    rewind(f);
    text = calloc(1, (size_t)size + 1);
    assert_non_null(text);
    *len = fread(text, 1, (size_t)size, f);
    assert_int_equal(*len, size);
    fclose(f);
    return text;
}

static void test_disabled_without_variable(void **state)
{
    (void)state;
    unsetenv("MEMLINE_TIMELINE");
    mlt_open();
    assert_int_equal(mlt_enabled, 0);
    /* Disabled calls do nothing (and must not crash with a bogus site). */
    mlt_enter(NULL, 1);
    mlt_exit(NULL, 1);
    mlt_sample(1);
}

static void test_bad_settings_disable(void **state)
{
    (void)state;
    setenv("MEMLINE_TIMELINE", path, 1);
    setenv("MEMLINE_TIMELINE_INTERVAL", "0.1s", 1);
    mlt_open();
    assert_int_equal(mlt_enabled, 0);
    setenv("MEMLINE_TIMELINE_INTERVAL", "0", 1);
    mlt_open();
    assert_int_equal(mlt_enabled, 0);
    setenv("MEMLINE_TIMELINE", "/nonexistent/dir/records", 1);
    setenv("MEMLINE_TIMELINE_INTERVAL", "0.01", 1);
    mlt_open();
    assert_int_equal(mlt_enabled, 0);
}

/* Splits text into at most max lines (in place); returns how many. */
static size_t split_lines(char *text, char **line, size_t max)
{
    size_t n = 0;
    char *save = NULL;

    for (char *l = strtok_r(text, "\n", &save); l && n < max; l = strtok_r(NULL, "\n", &save))
        line[n++] = l;
    return n;
}

static void test_records(void **state)
{
    long pid, tid, pid2, tid2;
    long long ns, heap, ns2, heap2;
    char name[64], *line[8];
    size_t len;
    char *text;

    (void)state;
    setenv("MEMLINE_TIMELINE", path, 1);
    setenv("MEMLINE_TIMELINE_INTERVAL", "3600", 1);
    mlt_open();
    assert_int_equal(mlt_enabled, 1);
    mlt_enter(&site, 1024);
    mlt_sample(4096);         /* the first sample is due at once */
    mlt_sample(8192);         /* ... the next only an hour later */
    mlt_sample(4096 + 65535); /* ... unless it moved 64 KiB: 1 B short */
    mlt_sample(64 * MIB);     /* ... moved far enough */
    mlt_sample(65 * MIB - 1); /* ... and 1/64 of 64 MiB: 1 B short */
    mlt_sample(65 * MIB);     /* ... moved far enough */
    mlt_final_sample(-5);     /* forced, whatever the interval */
    mlt_exit(&site, 2048);
    text = slurp(&len);
    assert_int_equal(text[len - 1], '\n');
    assert_int_equal(split_lines(text, line, 8), 6);
    assert_int_equal(sscanf(line[0], "E %ld %ld %lld %lld %63s", &pid, &tid, &ns, &heap, name), 5);
    assert_int_equal(pid, getpid());
    assert_int_equal(tid, gettid());
    assert_int_equal(heap, 1024);
    assert_string_equal(name, "load_words");
    assert_int_equal(sscanf(line[1], "H %ld %lld %lld", &pid2, &ns2, &heap2), 3);
    assert_int_equal(pid2, pid);
    assert_int_equal(heap2, 4096);
    assert_true(ns2 >= ns);
    assert_int_equal(sscanf(line[2], "H %ld %lld %lld", &pid2, &ns2, &heap2), 3);
    assert_int_equal(heap2, 64 * MIB);
    assert_int_equal(sscanf(line[3], "H %ld %lld %lld", &pid2, &ns2, &heap2), 3);
    assert_int_equal(heap2, 65 * MIB);
    assert_int_equal(sscanf(line[4], "H %ld %lld %lld", &pid2, &ns2, &heap2), 3);
    assert_int_equal(heap2, -5);
    assert_int_equal(sscanf(line[5], "X %ld %ld %lld %lld %63s", &pid2, &tid2, &ns2, &heap2, name),
                     5);
    assert_int_equal(tid2, tid);
    assert_int_equal(heap2, 2048);
    assert_string_equal(name, "load_words");
    free(text);
}

static void *hammer(void *arg)
{
    (void)arg;
    for (int i = 0; i < CALLS; i++) {
        mlt_enter(&site, i);
        mlt_exit(&site, i);
    }
    return NULL;
}

static void test_threads_write_whole_lines(void **state)
{
    pthread_t threads[THREADS];
    size_t len, lines = 0, enters = 0;
    char *text, *line, *save = NULL;

    (void)state;
    assert_int_equal(truncate(path, 0), 0);
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(pthread_create(&threads[i], NULL, hammer, NULL), 0);
    for (int i = 0; i < THREADS; i++)
        pthread_join(threads[i], NULL);
    text = slurp(&len);
    assert_true(len > 0 && text[len - 1] == '\n');
    for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        long pid, tid;
        long long ns, heap;
        char kind, name[64];

        assert_int_equal(
            sscanf(line, "%c %ld %ld %lld %lld %63s", &kind, &pid, &tid, &ns, &heap, name), 6);
        assert_string_equal(name, "load_words");
        enters += kind == 'E';
        lines++;
    }
    assert_int_equal(lines, 2 * THREADS * CALLS);
    assert_int_equal(enters, THREADS * CALLS);
    free(text);
}

static void test_long_names_are_cut(void **state)
{
    char long_name[400];
    struct memline_site big = site;
    size_t len;
    char *text;

    (void)state;
    memset(long_name, 'f', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    big.function = long_name;
    assert_int_equal(truncate(path, 0), 0);
    mlt_enter(&big, 0);
    text = slurp(&len);
    assert_int_equal(len, MLT_RECORD_MAX);
    assert_int_equal(text[len - 1], '\n');
    free(text);
}

static int setup(void **state)
{
    int fd;

    (void)state;
    strcpy(path, "/tmp/test_timeline-XXXXXX");
    fd = mkstemp(path);
    if (fd < 0)
        return -1;
    close(fd);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(path);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_disabled_without_variable),
        cmocka_unit_test(test_bad_settings_disable),
        cmocka_unit_test(test_records),
        cmocka_unit_test(test_threads_write_whole_lines),
        cmocka_unit_test(test_long_names_are_cut),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
