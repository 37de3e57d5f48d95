/*
** runtime/rss.h — the resident set size of the process (prefix mlrss_),
** for MEMLINE_BACKEND=rss: /proc/self/statm opened once and read with
** pread, so a probe costs one system call and no allocation.
*/
#ifndef MEMLINE_RSS_H
#define MEMLINE_RSS_H

/* Opens /proc/self/statm (again after fork: /proc/self was resolved by the
** parent). Returns 0, or -1 with a message on stderr. */
int mlrss_open(void);

/* Resident bytes now; 0 if statm could not be opened or read. */
long long mlrss_now(void);

#endif
