/*
** runtime/crash.h — the report after a fatal signal (prefix mlcr_).
**
** On SIGSEGV, SIGBUS, SIGABRT (abort()), SIGFPE and SIGILL the runtime
** writes the report collected so far, then the signal proceeds as it
** would have without memline: the disposition found at start-up (the
** default, or a handler installed earlier, e.g. by a sanitizer) is put
** back and the signal is delivered again — a fault by re-running the
** faulting instruction, a signal sent with kill/raise/abort by raising it
** again. A handler the program installs later replaces memline's (no
** report then, unless it chains to the handler it replaced). Signals that
** were ignored at start-up are left alone.
**
** The handler runs on an alternate signal stack, so that a stack overflow
** is reported too: the main thread's is installed at start-up, another
** thread's when it first runs a profiled function (threads that never do
** keep the default: their overflow kills them without a report). A thread
** that already has an alternate stack keeps it.
**
** Invariant: the handler calls only async-signal-safe code: the report
** writer (no malloc, no stdio; its locks are never held by the thread a
** handler interrupts, see guard.h), sigaction, raise, nanosleep.
*/
#ifndef MEMLINE_CRASH_H
#define MEMLINE_CRASH_H

/* Installs the fatal-signal handlers, which call `report` once, and the
** calling (main) thread's alternate stack. */
void mlcr_install(void (*report)(void));

/* A thread's alternate stack: *stack is allocated on first use and
** reused (thread states are pooled); installed unless the thread has one. */
void mlcr_thread_start(void **stack);

/* Before a thread's state goes back to the pool: stops using `stack`. */
void mlcr_thread_end(void *stack);

#endif
