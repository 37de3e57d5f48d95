/*
** e2e_run.c — `memline run` on real programs, checked through the data
** file it writes: the known growth pattern of grow.c within sampling error,
** --include-children, the program's exit status and signal, SIGTERM and
** Ctrl-C while it runs, a program that cannot start, and the function brackets and heap samples that
** timeline_prog.c writes through runtime/timeline.c.
**
** usage: e2e_run MEMLINE GROW TIMELINE_PROG (ctest passes the built ones)
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
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MIB (1024LL * 1024LL)

static const char *memline, *grow, *timeline_prog;
static char data[64];

/* Runs memline with args (NULL-terminated), returns its exit status. */
static int run(const char *const *args)
{
    const char *argv[16];
    int n = 0, status;
    pid_t pid;

    argv[n++] = memline;
    while (*args)
        argv[n++] = *args++;
    argv[n] = NULL;
    pid = fork();
    if (pid == 0) {
        execv(memline, (char **)argv);
        _exit(126);
    }
    assert_true(pid > 0);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    return WEXITSTATUS(status);
}

static void load(struct df_file *f)
{
    char err[512];

    if (df_read(data, f, err, sizeof err) < 0)
        fail_msg("%s", err);
    df_sort(f);
}

/* Rounds (bytes - base) to a whole number of 10 MiB steps, or -1 when it
** is more than 1.5 MiB away from one (a sample taken mid-change). */
static int level(long long bytes, long long base)
{
    long long d = bytes - base;
    long long steps = (d + 5 * MIB) / (10 * MIB);

    return llabs(d - steps * 10 * MIB) <= 3 * MIB / 2 ? (int)steps : -1;
}

/* The samples' levels above base as runs of one level: level[i] for
** count[i] samples in a row, samples taken mid-change left out. Returns
** the number of runs, max + 1 when there are more. */
static size_t level_runs(const struct df_series *mem, long long base, int *levels, int *count,
                         size_t max)
{
    size_t n = 0;

    for (size_t i = 0; i < mem->n; i++) {
        int l = level(mem->v[i].bytes, base);

        if (l < 0)
            continue;
        if (n > 0 && levels[n - 1] == l) {
            count[n - 1]++;
            continue;
        }
        if (n == max)
            return max + 1;
        levels[n] = l;
        count[n++] = 1;
    }
    return n;
}

static void test_growth_pattern(void **state)
{
    const char *args[] = {"run", "-i", "0.02", "-o", data, "--", grow, "4", "10", data, NULL};
    static const int expected[] = {0, 1, 2, 3, 4, 3, 2, 1, 0};
    const size_t nexpected = sizeof expected / sizeof expected[0];
    int levels[16], count[16];
    char tail[96];
    struct df_file f;
    long long base;

    (void)state;
    assert_int_equal(run(args), 0);
    load(&f);
    assert_true(f.interval == 0.02);
    snprintf(tail, sizeof tail, " 4 10 %s", data);
    assert_string_equal(f.cmdline + strlen(f.cmdline) - strlen(tail), tail);
    assert_int_equal(f.ended, 1);
    assert_int_equal(f.end_code, 0);
    /* The baseline: the program after it released everything. */
    base = f.mem.v[f.mem.n - 1].bytes;
    assert_true(base > 0 && base < 8 * MIB);
    /* Levels rise 0, 1, 2, 3, 4 (x 10 MiB) and fall back to 0, one step at
    ** a time, each seen in at least two samples: grow holds every level
    ** until memline run has sampled it twice. */
    assert_int_equal(level_runs(&f.mem, base, levels, count, 16), nexpected);
    for (size_t i = 0; i < nexpected; i++) {
        assert_int_equal(levels[i], expected[i]);
        assert_true(count[i] >= 2);
    }
    /* memline run never samples ahead of its schedule: each deadline is
    ** an interval after the one before and never before the last sample,
    ** so samples two apart are an interval apart (the file's times are
    ** rounded to microseconds). */
    for (size_t i = 0; i + 2 < f.mem.n; i++)
        assert_true(f.mem.v[i + 2].t - f.mem.v[i].t >= 0.02 - 2e-6);
    df_free(&f);
}

static long long peak_above_start(const char *const *args)
{
    struct df_file f;
    struct df_sample peak;
    long long base;

    assert_int_equal(run(args), 0);
    load(&f);
    /* grow held its three levels for three samples each. */
    assert_true(f.mem.n >= 9);
    base = f.mem.v[f.mem.n - 1].bytes;
    assert_int_equal(df_peak(&f.mem, &peak), 1);
    df_free(&f);
    return peak.bytes - base;
}

static void test_include_children(void **state)
{
    const char *alone[] = {"run", "-i", "0.02", "-o", data,   "--",
                           grow,  "1",  "30",   data, "fork", NULL};
    const char *with[] = {"run", "-i", "0.02", "-o",   data, "--include-children", "--", grow,
                          "1",   "30", data,   "fork", NULL};

    (void)state;
    /* The parent only waits: its own RSS does not move. */
    assert_true(peak_above_start(alone) < 2 * MIB);
    /* With its child's, the 30 MiB block shows. */
    assert_true(peak_above_start(with) >= 29 * MIB);
}

static void test_exit_status_and_signal(void **state)
{
    const char *code[] = {"run", "-o", data, "--", "/bin/sh", "-c", "exit 3", NULL};
    const char *killed[] = {"run", "-o", data, "--", "/bin/sh", "-c", "kill -TERM $$", NULL};
    struct df_file f;

    (void)state;
    assert_int_equal(run(code), 3);
    load(&f);
    assert_int_equal(f.end_code, 3);
    df_free(&f);
    assert_int_equal(run(killed), 128 + 15);
    load(&f);
    assert_int_equal(f.end_signal, 15);
    assert_string_equal(f.cmdline, "/bin/sh -c 'kill -TERM $$'");
    df_free(&f);
}

/* Starts `memline run` on a shell that says "ready" and sleeps, in a
** process group of its own; once the program has said it, sends `sig` to
** memline run alone or to the whole group (as a terminal's Ctrl-C does),
** and returns memline run's exit status. A signal that never reaches the
** program shows as status 0, once the sleep is over. */
static int run_and_signal(int sig, int whole_group)
{
    const char *argv[] = {
        memline, "run", "-o", data, "--", "/bin/sh", "-c", "echo ready; exec sleep 120", NULL};
    int ready[2], status;
    char byte;
    pid_t pid;

    assert_int_equal(pipe(ready), 0);
    pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        dup2(ready[1], STDOUT_FILENO);
        close(ready[0]);
        close(ready[1]);
        execv(memline, (char **)argv);
        _exit(126);
    }
    assert_true(pid > 0);
    setpgid(pid, pid);
    close(ready[1]);
    assert_int_equal(read(ready[0], &byte, 1), 1);
    close(ready[0]);
    assert_int_equal(whole_group ? killpg(pid, sig) : kill(pid, sig), 0);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    return WEXITSTATUS(status);
}

static void test_signals_reach_the_program(void **state)
{
    struct df_file f;

    (void)state;
    /* kill memline run: the program gets SIGTERM, the file is complete. */
    assert_int_equal(run_and_signal(SIGTERM, 0), 128 + SIGTERM);
    load(&f);
    assert_int_equal(f.end_signal, SIGTERM);
    df_free(&f);
    /* Ctrl-C: the terminal signals both; memline run outlives the program. */
    assert_int_equal(run_and_signal(SIGINT, 1), 128 + SIGINT);
    load(&f);
    assert_int_equal(f.end_signal, SIGINT);
    df_free(&f);
}

static void test_cannot_start(void **state)
{
    const char *missing[] = {"run", "-o", data, "--", "/nonexistent/program", NULL};
    const char *no_command[] = {"run", "-o", data, NULL};
    const char *bad_interval[] = {"run", "-i", "0", "-o", data, "--", "true", NULL};

    (void)state;
    unlink(data);
    assert_int_equal(run(missing), 127);
    assert_int_equal(access(data, F_OK), -1);
    assert_int_equal(run(no_command), 2);
    assert_int_equal(run(bad_interval), 2);
}

static const struct df_call *find_call(const struct df_file *f, const char *name)
{
    for (size_t i = 0; i < f->ncalls; i++)
        if (strcmp(f->calls[i].name, name) == 0)
            return &f->calls[i];
    fail_msg("no FUNC %s", name);
    return NULL;
}

static void test_function_brackets(void **state)
{
    const char *args[] = {"run", "-i", "0.01", "-o", data, "--", timeline_prog, NULL};
    const struct df_call *load_call, *parse, *worker;
    struct df_sample peak;
    struct df_file f;
    size_t steps = 0;

    (void)state;
    assert_int_equal(run(args), 0);
    load(&f);
    assert_int_equal(f.ncalls, 43);
    load_call = find_call(&f, "load");
    parse = find_call(&f, "parse");
    worker = find_call(&f, "worker");
    /* Live heap at entry and exit, as the program passed it. */
    assert_int_equal(load_call->heap_start, 0);
    assert_int_equal(load_call->heap_end, 25 * MIB);
    assert_int_equal(parse->heap_start, 20 * MIB);
    assert_int_equal(parse->heap_end, 25 * MIB);
    /* Times: after the program's 30 ms start, sleeps of 80 + 60 ms. */
    assert_true(load_call->t_start >= 0.03);
    assert_true(load_call->t_end - load_call->t_start >= 0.14);
    assert_true(parse->t_end - parse->t_start >= 0.06);
    assert_true(parse->t_start >= load_call->t_start && parse->t_end <= load_call->t_end);
    assert_true(worker->t_end - worker->t_start >= 0.06);
    for (size_t i = 0; i < f.ncalls; i++)
        steps += strcmp(f.calls[i].name, "step") == 0;
    assert_int_equal(steps, 40);
    /* Heap samples: 0 at load's entry, then 20 MiB, and the exact peak of
    ** 45 MiB at the last step's exit (a boundary, even if the periodic
    ** sample missed it), and 0 at the end. */
    assert_true(f.heap.n >= 4);
    assert_int_equal(f.heap.v[0].bytes, 0);
    assert_int_equal(f.heap.v[1].bytes, 20 * MIB);
    assert_int_equal(df_peak(&f.heap, &peak), 1);
    assert_int_equal(peak.bytes, 45 * MIB);
    assert_int_equal(f.heap.v[f.heap.n - 1].bytes, 0);
    df_free(&f);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_growth_pattern),
        cmocka_unit_test(test_include_children),
        cmocka_unit_test(test_exit_status_and_signal),
        cmocka_unit_test(test_signals_reach_the_program),
        cmocka_unit_test(test_cannot_start),
        cmocka_unit_test(test_function_brackets),
    };
    int rc;

    if (argc != 4) {
        fprintf(stderr, "usage: e2e_run MEMLINE GROW TIMELINE_PROG\n");
        return 2;
    }
    memline = argv[1];
    grow = argv[2];
    timeline_prog = argv[3];
    snprintf(data, sizeof data, "/tmp/e2e_run-%d.dat", (int)getpid());
    rc = cmocka_run_group_tests(tests, NULL, NULL);
    unlink(data);
    return rc;
}
