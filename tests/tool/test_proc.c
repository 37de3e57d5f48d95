/*
** test_proc.c — resident set sizes from /proc (tools/memline/proc.c): this
** process, a process that is gone, and a child's memory counted as a
** descendant's.
*/
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "proc.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#define MIB (1024LL * 1024LL)

static void test_own_rss_follows_touched_pages(void **state)
{
    long long before = proc_rss(getpid()), after;
    char *p = mmap(NULL, 32 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    (void)state;
    assert_true(before > 0);
    assert_true(p != MAP_FAILED);
    memset(p, 1, 32 * MIB);
    after = proc_rss(getpid());
    assert_true(after - before >= 31 * MIB && after - before <= 34 * MIB);
    munmap(p, 32 * MIB);
}

static void test_gone_process(void **state)
{
    pid_t child = fork();

    (void)state;
    if (child == 0)
        _exit(0);
    assert_true(child > 0);
    waitpid(child, NULL, 0);
    assert_int_equal(proc_rss(child), -1);
    assert_int_equal(proc_descendants_rss(child), 0);
}

static void test_descendants(void **state)
{
    int ready[2];
    char byte;
    pid_t child;
    long long rss;

    (void)state;
    assert_int_equal(proc_descendants_rss(getpid()), 0);
    assert_int_equal(pipe(ready), 0);
    child = fork();
    if (child == 0) {
        char *p = malloc(24 * MIB);

        /* Dies with a parent whose assertion failed, rather than hang ctest. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        memset(p, 1, 24 * MIB);
        /* Writing a byte of the block keeps -O2 from eliding it. */
        if (write(ready[1], p + 24 * MIB - 1, 1) != 1)
            _exit(1);
        pause();
        _exit(0);
    }
    assert_true(child > 0);
    assert_int_equal(read(ready[0], &byte, 1), 1);
    rss = proc_descendants_rss(getpid());
    assert_true(rss >= 24 * MIB);
    assert_true(rss == proc_rss(child));
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    close(ready[0]);
    close(ready[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_own_rss_follows_touched_pages),
        cmocka_unit_test(test_gone_process),
        cmocka_unit_test(test_descendants),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
