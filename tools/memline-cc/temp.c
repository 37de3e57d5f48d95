/*
** temp.c — private temporary directory, removed on exit and on signals
** (see temp.h).
**
** The registry of paths is read by the signal handler, so it only grows
** with signals blocked and its entries are complete strings before the
** count that publishes them is raised. The handler only calls unlink,
** rmdir, signal and raise (async-signal-safe). Files the compiler may have
** added to the directory on its own (say, -save-temps output) are removed
** by the recursive sweep of the normal exit path.
*/
#define _GNU_SOURCE
#include "temp.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xmem.h"

static const int fatal_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE};
enum { NSIGNALS = sizeof fatal_signals / sizeof fatal_signals[0] };

static char *temp_dir;
static const char **registry; /* files and directories, creation order */
static volatile sig_atomic_t registered;
static size_t capacity;
static unsigned next_slot;
static pid_t owner;
static struct sigaction inherited[NSIGNALS]; /* dispositions at start */

static void remove_registered(void)
{
    sig_atomic_t i;

    for (i = registered; i > 0; i--)
        if (unlink(registry[i - 1]) != 0 && errno != ENOENT)
            rmdir(registry[i - 1]);
    if (temp_dir)
        rmdir(temp_dir);
}

static void on_signal(int sig)
{
    if (getpid() == owner)
        remove_registered();
    signal(sig, SIG_DFL);
    raise(sig);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

void temp_cleanup(void)
{
    sigset_t saved;

    if (temp_dir == NULL || getpid() != owner)
        return;
    temp_block_signals(&saved);
    nftw(temp_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    remove_registered();
    registered = 0;
    temp_unblock_signals(&saved);
}

static void register_path(const char *path)
{
    sigset_t saved;

    temp_block_signals(&saved);
    if ((size_t)registered == capacity) {
        capacity = capacity ? 2 * capacity : 32;
        registry = xrealloc(registry, capacity * sizeof *registry);
    }
    registry[registered] = path;
    registered = registered + 1;
    temp_unblock_signals(&saved);
}

static void create_dir(void)
{
    const char *tmpdir = getenv("TMPDIR");
    char *templ;
    size_t i;

    if (tmpdir == NULL || *tmpdir == '\0')
        tmpdir = "/tmp";
    templ = xasprintf("%s/memline-cc.XXXXXX", tmpdir);
    owner = getpid();
    for (i = 0; i < NSIGNALS; i++) {
        struct sigaction sa;

        sigaction(fatal_signals[i], NULL, &inherited[i]);
        if (inherited[i].sa_handler == SIG_IGN)
            continue; /* nohup and friends: stay immune */
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(fatal_signals[i], &sa, NULL);
    }
    atexit(temp_cleanup);
    if (mkdtemp(templ) == NULL)
        xdie("cannot create a temporary directory in %s: %s", tmpdir, strerror(errno));
    temp_dir = templ;
}

const char *temp_path(const char *name)
{
    char *dir, *path;

    if (temp_dir == NULL)
        create_dir();
    dir = xasprintf("%s/%u", temp_dir, next_slot++);
    register_path(dir);
    if (mkdir(dir, 0700) != 0)
        xdie("cannot create %s: %s", dir, strerror(errno));
    path = xasprintf("%s/%s", dir, name);
    register_path(path);
    return path;
}

void temp_block_signals(sigset_t *saved)
{
    sigset_t set;
    size_t i;

    sigemptyset(&set);
    for (i = 0; i < NSIGNALS; i++)
        sigaddset(&set, fatal_signals[i]);
    sigprocmask(SIG_BLOCK, &set, saved);
}

void temp_unblock_signals(const sigset_t *saved)
{
    sigprocmask(SIG_SETMASK, saved, NULL);
}

void temp_child_signals(sigset_t *reset)
{
    size_t i;

    sigemptyset(reset);
    for (i = 0; i < NSIGNALS; i++)
        if (temp_dir == NULL || inherited[i].sa_handler != SIG_IGN)
            sigaddset(reset, fatal_signals[i]);
}
