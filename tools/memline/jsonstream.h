/*
** jsonstream.h — a JSON report read one function at a time (prefix
** js_), for reports too big to hold whole: the file is mapped, the
** members around `functions` are read as a report without functions, and
** each element of `functions` is read on its own (jsonread.h does the
** reading, so the checks and messages are the same). Memory: the mapped
** file, the report's other members, and one function at a time.
*/
#ifndef MEMLINE_JSONSTREAM_H
#define MEMLINE_JSONSTREAM_H

#include "jsonread.h"

/* Called for each function in file order with the report read so far
** (its functions member unset; leaks_tracked and peak_tracked as seen
** in the functions so far). Returns 0 to go on. */
typedef int (*js_visitor)(void *ctx, const struct mlr_function *fn, unsigned long index,
                          const struct mlr_report *r);

/* Reads the report at path into *header (free it with jr_free) and
** visits its functions. Returns 0, or -1 with a one-line message in err,
** "PATH: ..." as jr_read_file's. */
int js_read(const char *path, struct jr_report *header, js_visitor visit, void *ctx, char *err,
            size_t errcap);

/* The same for a report in memory; messages start with "NAME:". */
int js_read_memory(const char *data, size_t len, const char *name, struct jr_report *header,
                   js_visitor visit, void *ctx, char *err, size_t errcap);

#endif
