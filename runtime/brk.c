/*
** runtime/brk.c — the report line and SIGTRAP of MEMLINE_BREAK_ABOVE
** (see brk.h). The line is built with the report's writer (no malloc):
**
**   memline: live heap 512.0 MiB is above MEMLINE_BREAK_ABOVE (500.0 MiB)
**   after demo.c:17 in grow(); stopping with SIGTRAP
**
** (one line). Only the thread that swaps the threshold to 0 reports.
*/
#include "brk.h"
#include "atpeak.h"
#include "ondemand.h"
#include "outbuf.h"
#include "records.h"
#include "report.h"

#include <signal.h>
#include <unistd.h>

long long mlb_threshold;

void mlb_crossed(const struct memline_frame *f, const struct memline_line *line, long long mem)
{
    long long threshold = __atomic_exchange_n(&mlb_threshold, 0, __ATOMIC_RELAXED);
    const struct memline_site *s = f->site;
    struct mlo_out o;
    struct mlr_text_options auto_unit;
    int fd = STDERR_FILENO;

    if (threshold == 0 || !s)
        return;
    mlr_text_defaults(&auto_unit);
    mlo_init(&o, mlo_fd_sink, &fd);
    mlo_puts(&o, "memline: live heap ");
    mlr_put_amount(&o, mem, &auto_unit);
    mlo_puts(&o, " is above MEMLINE_BREAK_ABOVE (");
    mlr_put_amount(&o, threshold, &auto_unit);
    mlo_puts(&o, ") after ");
    mlo_puts(&o, s->file ? s->file : "?");
    mlo_putc(&o, ':');
    mlo_u64(&o, s->first_line + (unsigned long long)mlrec_line_of(s, (unsigned)(line - f->lines)));
    mlo_puts(&o, " in ");
    mlo_puts(&o, s->function ? s->function : "?");
    mlo_puts(&o, "(); stopping with SIGTRAP\n");
    mlo_finish(&o);
    /* What makes up the heap now, for whoever looks after the stop. */
    if (mlap_enabled)
        mlod_write();
    raise(SIGTRAP);
}
