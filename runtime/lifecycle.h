/*
** runtime/lifecycle.h — start-up, fork and exit of the runtime (prefix
** mll_): settings read once, fork handlers, the report at normal exit.
*/
#ifndef MEMLINE_LIFECYCLE_H
#define MEMLINE_LIFECYCLE_H

/* Nonzero once mll_start() has run. */
extern int mll_started;

/* Reads the settings and installs the fork handlers, once per process.
** Runs as a constructor; memline_enter also calls it in case profiled code
** runs before this library's constructors (it never does when the program
** links libmemline.so, which is then initialised first). */
void mll_start(void);

#endif
