/*
** runtime/lifecycle.c — the runtime's start, fork and exit.
**
** Start: a constructor parses MEMLINE_* (settings.h) and keeps a copy of
** argv for the JSON report. Exit: a destructor writes the report; ELF
** destructors of this library run after those of every object that
** depends on it (the program, instrumented libraries), so profiled code in
** their destructors and atexit handlers is counted. It runs on return from
** main and on exit(), not on _exit(). After a fatal signal the handler of
** crash.h writes the same report, then lets the signal proceed.
**
** The final report is written once per process: the first of the
** destructor and a fatal-signal handler claims it; a crashing thread that
** finds it claimed waits (up to MLL_WAIT_NS) for the writer to finish, so
** that the process does not die in the middle of another thread's report.
**
** Start also turns on the features chosen in the environment: per-line
** leaks (leaks.h), the peak's composition (atpeak.h), break on threshold
** (brk.h) and the on-demand report's signal (ondemand.h), whose numbered
** reports are written here.
**
** Fork: the handlers hold the registry and arena locks across fork() (so
** the child never inherits them locked by a vanished thread); the child
** drops every other thread's records, zeroes its own, reopens statm and
** will write its own report at its exit.
*/
#define _GNU_SOURCE
#include "lifecycle.h"
#include "arena.h"
#include "atpeak.h"
#include "brk.h"
#include "crash.h"
#include "frames.h"
#include "heap.h"
#include "leaks.h"
#include "ondemand.h"
#include "output.h"
#include "records.h"
#include "relog.h"
#include "rss.h"
#include "settings.h"
#include "timeline.h"
#include "tracing.h"
#include "types.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define MLL_WAIT_NS (10LL * 1000 * 1000 * 1000)

int mll_started;

static pthread_once_t mll_once = PTHREAD_ONCE_INIT;
static struct mls_settings mll_settings;
static int mll_argc;
static const char **mll_argv;

/* The final report: 0 not claimed, else the writer's thread id; and
** whether it is complete. */
static long mll_report_writer;
static int mll_report_done;

static const char *mll_getenv(const char *name)
{
    return getenv(name);
}

static void mll_complain(const char *line)
{
    char buf[600];
    size_t n = strlen(line);

    if (n > sizeof buf - 1)
        n = sizeof buf - 1;
    memcpy(buf, line, n);
    buf[n++] = '\n';
    if (write(STDERR_FILENO, buf, n) < 0)
        return;
}

static void mll_fork_prepare(void)
{
    mlty_fork_prepare();
    mlap_fork_prepare();
    mlk_fork_prepare();
    mlrec_fork_prepare();
    mla_fork_prepare();
}

static void mll_fork_parent(void)
{
    mla_fork_parent();
    mlrec_fork_parent();
    mlk_fork_parent();
    mlap_fork_parent();
    mlty_fork_parent();
}

static void mll_fork_child(void)
{
    mla_fork_child();
    mlrec_fork_child();
    mlk_fork_child();
    mlap_fork_child();
    mlty_fork_child();
    mlod_fork_child();
    if (mll_settings.backend == MLS_BACKEND_RSS)
        mlrss_open();
    __atomic_store_n(&mll_report_writer, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&mll_report_done, 0, __ATOMIC_RELAXED);
}

/* Writes the final report unless another thread claimed it; a crashing
** thread (`wait`) then waits until that one is complete. */
static void mll_final_report(int wait)
{
    long self = syscall(SYS_gettid), writer = 0;
    struct timespec step = {0, 1000 * 1000};
    long long waited;

    if (!__atomic_load_n(&mll_started, __ATOMIC_ACQUIRE))
        return;
    if (__atomic_compare_exchange_n(&mll_report_writer, &writer, self, 0, __ATOMIC_ACQ_REL,
                                    __ATOMIC_ACQUIRE)) {
        mlt_final_sample(mlh_live_now());
        mlout_report(&mll_settings, mll_argc, mll_argv, !wait);
        __atomic_store_n(&mll_report_done, 1, __ATOMIC_RELEASE);
        return;
    }
    if (!wait || writer == self)
        return;
    for (waited = 0; waited < MLL_WAIT_NS && !__atomic_load_n(&mll_report_done, __ATOMIC_ACQUIRE);
         waited += step.tv_nsec)
        nanosleep(&step, NULL);
}

static void mll_crash_report(void)
{
    mll_final_report(1);
}

/* An on-demand report (ondemand.h). */
static int mll_numbered_report(unsigned n)
{
    return mlout_report_numbered(&mll_settings, mll_argc, mll_argv, n);
}

static void mll_init(void)
{
    mls_parse(&mll_settings, mll_getenv, mll_complain);
    if (!mll_settings.start)
        mltr_set(0);
    if ((mll_settings.leaks || mll_settings.at_peak || mll_settings.types) &&
        mlk_start(mll_settings.leaks) != 0)
        mll_complain("memline: cannot map the leak table; per-line leaks, at_peak and types "
                     "are off");
    else if ((mll_settings.at_peak || mll_settings.types) &&
             mlap_start(mlh_live_now(), mlrl_settle) != 0)
        mll_complain("memline: cannot map the peak's tables; at_peak and types are off");
    else if (mll_settings.types)
        mlty_start();
    __atomic_store_n(&mlb_threshold, mll_settings.break_above, __ATOMIC_RELAXED);
    if (mll_settings.backend == MLS_BACKEND_RSS) {
        mlrss_open();
        mlp_use_rss(1);
    }
    pthread_atfork(mll_fork_prepare, mll_fork_parent, mll_fork_child);
    mlcr_install(mll_crash_report);
    mlt_open();
    __atomic_store_n(&mll_started, 1, __ATOMIC_RELEASE);
    mlod_start(mll_settings.signal, mll_numbered_report);
}

void mll_start(void)
{
    pthread_once(&mll_once, mll_init);
}

/* argv as it was at start-up (programs may rewrite their argv). */
static void mll_keep_argv(int argc, char **argv)
{
    const char **copy;
    int i;

    if (argc <= 0 || !argv || !(copy = mla_alloc((size_t)argc * sizeof *copy)))
        return;
    for (i = 0; i < argc; i++) {
        size_t n = argv[i] ? strlen(argv[i]) + 1 : 1;
        char *s = mla_alloc(n);

        if (!s)
            return;
        if (argv[i])
            memcpy(s, argv[i], n);
        copy[i] = s;
    }
    mll_argv = copy;
    mll_argc = argc;
}

/* glibc passes (argc, argv, envp) to ELF constructors. */
__attribute__((constructor)) static void mll_constructor(int argc, char **argv, char **envp)
{
    (void)envp;
    mll_start();
    mll_keep_argv(argc, argv);
}

__attribute__((destructor)) static void mll_destructor(void)
{
    mll_final_report(0);
}
