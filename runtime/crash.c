/*
** runtime/crash.c — fatal-signal handlers and alternate signal stacks
** (see crash.h).
**
** Re-delivery: the handler restores the previous action of its signal,
** then, for a signal that was sent (si_code <= 0: kill, raise, abort's
** raise, sigqueue), raises it again — it stays pending while the handler
** runs and is delivered when it returns; for a fault the handler just
** returns and the faulting instruction runs again. Either way the
** previous action sees the signal, and the default action terminates
** the process with the same signal (and core dump) as without memline.
*/
#define _GNU_SOURCE
#include "crash.h"
#include "arena.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#define MLCR_NSIGNALS 5
#define MLCR_STACK_EXTRA (64 * 1024)

static const int mlcr_signals[MLCR_NSIGNALS] = {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL};
static struct sigaction mlcr_previous[MLCR_NSIGNALS];
static void (*mlcr_report)(void);
static void *mlcr_main_stack;

/* Big enough for the report writer's frames on top of the kernel's
** signal frame (whose size the CPU's register state decides). */
static size_t mlcr_stack_size(void)
{
    long min = sysconf(_SC_SIGSTKSZ);

    return MLCR_STACK_EXTRA + (size_t)(min > 0 ? min : SIGSTKSZ);
}

/* Installs *stack (allocated if NULL) as the calling thread's alternate
** stack unless it already has one. */
static void mlcr_use_stack(void **stack)
{
    stack_t current, ours;

    if (sigaltstack(NULL, &current) != 0 || !(current.ss_flags & SS_DISABLE))
        return;
    if (!*stack && !(*stack = mla_alloc(mlcr_stack_size())))
        return;
    ours.ss_sp = *stack;
    ours.ss_size = mlcr_stack_size();
    ours.ss_flags = 0;
    sigaltstack(&ours, NULL);
}

void mlcr_thread_start(void **stack)
{
    if (mlcr_report)
        mlcr_use_stack(stack);
}

void mlcr_thread_end(void *stack)
{
    stack_t current, off;

    if (!stack || sigaltstack(NULL, &current) != 0 || current.ss_sp != stack ||
        (current.ss_flags & SS_ONSTACK))
        return;
    memset(&off, 0, sizeof off);
    off.ss_flags = SS_DISABLE;
    sigaltstack(&off, NULL);
}

static void mlcr_handler(int sig, siginfo_t *info, void *context)
{
    int saved_errno = errno, i;

    (void)context;
    mlcr_report();
    for (i = 0; i < MLCR_NSIGNALS; i++)
        if (mlcr_signals[i] == sig)
            sigaction(sig, &mlcr_previous[i], NULL);
    if (info->si_code <= 0)
        raise(sig);
    errno = saved_errno;
}

void mlcr_install(void (*report)(void))
{
    struct sigaction ours;
    int i;

    mlcr_report = report;
    memset(&ours, 0, sizeof ours);
    ours.sa_sigaction = mlcr_handler;
    ours.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&ours.sa_mask);
    for (i = 0; i < MLCR_NSIGNALS; i++)
        sigaddset(&ours.sa_mask, mlcr_signals[i]);
    for (i = 0; i < MLCR_NSIGNALS; i++) {
        if (sigaction(mlcr_signals[i], NULL, &mlcr_previous[i]) != 0 ||
            (!(mlcr_previous[i].sa_flags & SA_SIGINFO) && mlcr_previous[i].sa_handler == SIG_IGN))
            continue;
        sigaction(mlcr_signals[i], &ours, NULL);
    }
    mlcr_use_stack(&mlcr_main_stack);
}
