/*
** runtime/output.h — the report of this process (prefix mlout_): builds
** the report model (report.h) from the merged line records and writes it
** where the settings say.
*/
#ifndef MEMLINE_OUTPUT_H
#define MEMLINE_OUTPUT_H

#include "settings.h"

/* Writes the report. Never loses it: an output that cannot be opened or
** written falls back to stderr, with one line saying so. at_exit: the
** process is exiting normally, so who holds its leaks is asked too
** (holders.h; never from a crash, where another thread may hold the
** table for good). */
void mlout_report(const struct mls_settings *s, int argc, const char *const *argv, int at_exit);

/* The same, to the output path followed by ".<sequence>" when sequence is
** not 0 (reports written on demand), who holds the leaks included.
** Returns 0 if the report reached its destination, -1 if it went to
** stderr instead or failed there. */
int mlout_report_numbered(const struct mls_settings *s, int argc, const char *const *argv,
                          unsigned sequence);

#endif
