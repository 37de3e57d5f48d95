/*
** runtime/guard.h — the runtime's critical sections (prefix mlg_).
**
** Every runtime mutex is held with all signals blocked in the holding
** thread. So a signal handler never interrupts a thread while it holds a
** runtime lock, and a handler may itself take any runtime lock (to
** register a profiled function it runs, or to write the report after a
** fatal signal): at worst it waits for another thread's short critical
** section. A synchronous fault inside a critical section (a runtime bug)
** cannot be blocked and kills the process, as the kernel does for any
** blocked fault.
**
** Invariant: mlg_lock and mlg_unlock pair up in one thread, with the same
** `saved` mask; critical sections never call malloc and never block on
** anything but another runtime lock (taken in the order records, arena).
*/
#ifndef MEMLINE_GUARD_H
#define MEMLINE_GUARD_H

#include <pthread.h>
#include <signal.h>

/* Blocks every signal (saving the old mask in *saved), then locks m. */
void mlg_lock(pthread_mutex_t *m, sigset_t *saved);

/* Unlocks m, then restores the mask that mlg_lock saved. */
void mlg_unlock(pthread_mutex_t *m, const sigset_t *saved);

#endif
