/*
** jsonread.h — memline's JSON report (PRODUCT.md §6, runtime/report_json.c)
** read back into the runtime's report model (runtime/report.h), with
** jansson. Prefix jr_.
**
** The reader is the only door from untrusted bytes into the command: it
** checks every field it uses (types, ranges, line numbers inside their
** function) and fails with one line of text instead of crashing, so it can
** be fuzzed directly through jr_parse.
**
** Invariants of a report it returns: every function has
** last_line - first_line + 1 rows, each with a NUL-terminated text (from
** `source`, byte-exact through `source_bytes`; from the executed lines'
** `text` when a report has no `source`); rows absent from `lines` have
** occurrences == 0; peak >= mem_usage is not assumed; leaks_tracked is 1
** when some entry of `lines` has `leaked` (the others read 0),
** peak_tracked when the file has `peak` (whose in_lines + elsewhere is
** its bytes; rows without `at_peak` read 0), types_tracked when it has
** `types` (types_growth when an entry has the growth fields), and
** overhead_known when the file has `overhead_bytes`. All memory belongs to
** the jr_report and is released by jr_free.
*/
#ifndef MEMLINE_JSONREAD_H
#define MEMLINE_JSONREAD_H

#include "report.h"

#include <stddef.h>

/* Upper bounds that keep a hostile file from asking for huge memory. */
#define JR_MAX_ROWS (4UL * 1024 * 1024)  /* rows over all functions */
#define JR_MAX_ROWS_WITHOUT_SOURCE 65536 /* per function with no `source` */

struct jr_report {
    struct mlr_report report;
    void **owned; /* every allocation above, for jr_free */
    size_t nowned, owned_capacity;
};

/* Parses `len` bytes of JSON. Returns 0 and fills *out, or -1 with a
** one-line message in err (at most errcap bytes, NUL-terminated):
** "LINE:COLUMN: what" for malformed JSON, "where: what" (a JSON path such
** as functions[2].lines[0].increment) for a well-formed file that is not
** a memline report. On failure *out owns nothing. */
int jr_parse(const char *data, size_t len, struct jr_report *out, char *err, size_t errcap);

/* Reads and parses the file at path; messages start with "PATH:". */
int jr_read_file(const char *path, struct jr_report *out, char *err, size_t errcap);

void jr_free(struct jr_report *r);

#endif
