/*
** proc.h — resident set sizes read from /proc, for `memline run`.
*/
#ifndef MEMLINE_PROC_H
#define MEMLINE_PROC_H

#include <sys/types.h>

/* The resident set size of `pid` in bytes (/proc/PID/statm), or -1 when
** the process is gone. */
long long proc_rss(pid_t pid);

/* The summed resident set sizes of the living descendants of `pid`
** (processes whose chain of parents reaches it), found by one walk over
** /proc; 0 when it has none. */
long long proc_descendants_rss(pid_t pid);

#endif
