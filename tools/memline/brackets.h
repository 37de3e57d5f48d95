/*
** brackets.h — which profiled calls the plot brackets, and on which lane.
**
** Calls come from the FUNC records of one or more data files. A run of
** calls to the same function that are each too short to see at the plot's
** scale (a function called in a loop) becomes one bracket counting them.
** Brackets are stacked on lanes, lane 0 on top, each file's below the
** previous file's: a bracket goes to its file's first lane that is free at
** its start, so nested and concurrent calls sit below their callers. Brackets that need more than max_lanes are hidden and
** counted.
*/
#ifndef MEMLINE_BRACKETS_H
#define MEMLINE_BRACKETS_H

#include "datafile.h"

#include <stddef.h>

struct bracket {
    size_t file;                    /* index of the data file */
    const char *name;               /* the function, borrowed from the df_call */
    double t_start, t_end;          /* seconds */
    long long heap_start, heap_end; /* live heap at the first entry, last exit */
    size_t calls;                   /* > 1: that many short calls, drawn as one */
    double busy;                    /* seconds spent in the calls (t_end - t_start for one) */
    int lane;                       /* 0 is the top lane */
    double room;                    /* seconds from t_start to the next bracket on the lane */
};

struct bracket_set {
    struct bracket *v; /* by lane, then by start */
    size_t n;
    int lanes;     /* lanes in use */
    size_t hidden; /* calls on lanes past max_lanes, not in v */
};

/* Lays out the calls of files[0..nfiles); `seconds_per_px` is the plot's
** scale, `span` the time axis's length (the room of a lane's last bracket
** reaches it). Returns -1 when out of memory. */
int brackets_layout(struct bracket_set *set, const struct df_file *files, size_t nfiles,
                    double seconds_per_px, double span, int max_lanes);

void brackets_free(struct bracket_set *set);

#endif
