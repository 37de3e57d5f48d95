/*
** runtime/lifecycle.c — the runtime's start, fork and exit.
**
** Start: a constructor parses MEMLINE_* (settings.h) and keeps a copy of
** argv for the JSON report. Exit: a destructor writes the report; ELF
** destructors of this library run after those of every object that
** depends on it (the program, instrumented libraries), so profiled code in
** their destructors and atexit handlers is counted. It runs on return from
** main and on exit(), not on _exit() or a fatal signal.
**
** Fork: the handlers hold the registry and arena locks across fork() (so
** the child never inherits them locked by a vanished thread); the child
** drops every other thread's records, zeroes its own, reopens statm and
** will write its own report at its exit.
*/
#define _GNU_SOURCE
#include "lifecycle.h"
#include "arena.h"
#include "frames.h"
#include "heap.h"
#include "output.h"
#include "records.h"
#include "rss.h"
#include "settings.h"
#include "timeline.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int mll_started;

static pthread_once_t mll_once = PTHREAD_ONCE_INIT;
static struct mls_settings mll_settings;
static int mll_argc;
static const char **mll_argv;
static int mll_reported;

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
    mlrec_fork_prepare();
    mla_fork_prepare();
}

static void mll_fork_parent(void)
{
    mla_fork_parent();
    mlrec_fork_parent();
}

static void mll_fork_child(void)
{
    mla_fork_child();
    mlrec_fork_child();
    if (mll_settings.backend == MLS_BACKEND_RSS)
        mlrss_open();
    mll_reported = 0;
}

static void mll_init(void)
{
    mls_parse(&mll_settings, mll_getenv, mll_complain);
    if (mll_settings.backend == MLS_BACKEND_RSS) {
        mlrss_open();
        mlp_use_rss(1);
    }
    pthread_atfork(mll_fork_prepare, mll_fork_parent, mll_fork_child);
    mlt_open();
    __atomic_store_n(&mll_started, 1, __ATOMIC_RELEASE);
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
    if (!mll_started || mll_reported)
        return;
    mll_reported = 1;
    mlt_final_sample(mlh_live_now());
    mlout_report(&mll_settings, mll_argc, mll_argv);
}
