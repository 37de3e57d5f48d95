/*
** runtime/ondemand.c — the on-demand report's signal handler and
** numbering (see ondemand.h).
*/
#define _GNU_SOURCE
#include "ondemand.h"
#include "leaks.h"

#include <errno.h>
#include <signal.h>
#include <string.h>

static int (*mlod_writer)(unsigned n);
static unsigned mlod_sequence;

int mlod_write(void)
{
    int (*write)(unsigned) = __atomic_load_n(&mlod_writer, __ATOMIC_ACQUIRE);

    if (!write)
        return -1;
    return write(__atomic_add_fetch(&mlod_sequence, 1, __ATOMIC_RELAXED));
}

static void mlod_deferred(void)
{
    int saved = errno;

    mlod_write();
    errno = saved;
}

static void mlod_handler(int sig)
{
    (void)sig;
    if (!mlk_defer_report(mlod_deferred))
        mlod_deferred();
}

void mlod_start(int signal, int (*write)(unsigned n))
{
    struct sigaction sa;

    __atomic_store_n(&mlod_writer, write, __ATOMIC_RELEASE);
    if (signal == 0)
        return;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = mlod_handler;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(signal, &sa, NULL);
}

void mlod_fork_child(void)
{
    __atomic_store_n(&mlod_sequence, 0, __ATOMIC_RELAXED);
}
