/*
** runtime/ondemand.h — reports written while the program runs (prefix
** mlod_): on a signal (MEMLINE_SIGNAL, SIGUSR1 by default) and from
** memline_write_report() (include/memline.h).
**
** Destination: with MEMLINE_OUTPUT, the path it names (%p expanded)
** followed by ".1", ".2", ... in the order the reports are written (one
** count per process; a forked child counts from 1 again); the report at
** exit still goes to the path itself. Without MEMLINE_OUTPUT, stderr.
** Format, unit and columns are those of the report at exit.
**
** The signal handler writes the report itself: the report writer is
** async-signal-safe (guard.h: no runtime lock is ever held by the thread a
** handler interrupts; the leak table defers the report to the end of its
** critical section, leaks.h). The program goes on once it is written.
** If the program installs its own handler for the signal, that one wins.
*/
#ifndef MEMLINE_ONDEMAND_H
#define MEMLINE_ONDEMAND_H

/* Installs the handler for `signal` (0: none); `write` writes the report
** numbered n (lifecycle.c knows the settings and argv). */
void mlod_start(int signal, int (*write)(unsigned n));

/* Writes the next numbered report; returns 0, or -1 if it could not reach
** its destination (it then went to stderr) or the runtime is not started. */
int mlod_write(void);

/* In a forked child: numbering starts again. */
void mlod_fork_child(void);

#endif
