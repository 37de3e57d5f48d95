/*
** records.h — turns the runtime's timeline records (runtime/timeline.h:
** E/X/H lines) into data file records (HEAP and FUNC) for `memline run`.
**
** Entries and exits are matched per thread with a stack; an exit names its
** function, so an exit that skipped inner frames (longjmp) closes them too,
** at the same time. Records of other processes (descendants that inherited
** MEMLINE_TIMELINE) are ignored: the data file describes the program. Lines
** that do not parse are ignored: a program killed mid-write leaves one.
*/
#ifndef MEMLINE_RECORDS_H
#define MEMLINE_RECORDS_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

struct records_frame {
    char *name;
    long long heap;
    long long ns;
};

struct records_thread {
    long tid;
    struct records_frame *frames;
    size_t n, cap;
};

struct records {
    pid_t pid;       /* the program's process */
    long long t0_ns; /* CLOCK_MONOTONIC time of t = 0 */
    FILE *out;
    struct records_thread *threads;
    size_t nthreads, capthreads;
    char *partial; /* an incomplete last line, kept for the next feed */
    size_t npartial;
    size_t calls;        /* FUNC records written */
    size_t heaps;        /* HEAP records written */
    long long last_heap; /* the last one's size; -1 before the first */
};

void records_init(struct records *r, pid_t pid, long long t0_ns, FILE *out);

/* Consumes bytes as read from the record file, in order; a line may be
** split across calls. */
void records_feed(struct records *r, const char *data, size_t len);

/* Closes every call still open at t_end seconds (the program exited inside
** it) and frees everything. */
void records_finish(struct records *r, double t_end);

#endif
