/*
** runtime/guard.c — critical sections with every signal blocked (see
** guard.h). pthread_sigmask costs a system call: only the runtime's rare
** paths take locks (a site's first entry, a thread's first and last
** profiled call, reports, fork), never a probe or malloc.
*/
#define _GNU_SOURCE
#include "guard.h"

void mlg_lock(pthread_mutex_t *m, sigset_t *saved)
{
    sigset_t all;

    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, saved);
    pthread_mutex_lock(m);
}

void mlg_unlock(pthread_mutex_t *m, const sigset_t *saved)
{
    pthread_mutex_unlock(m);
    pthread_sigmask(SIG_SETMASK, saved, NULL);
}
