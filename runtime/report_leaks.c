/*
** runtime/report_leaks.c — the leaks and who holds them as text
** (MEMLINE_LEAKS=1), after the tables:
**
**   Leaks at exit, largest first
**     cache.c:31 in fill(): 8.0 KiB in 8 blocks, 0.0 B lost
**       held by global 'cache' (prog) -> this block
**     cache.c:40 in drop(): 4.0 KiB in 4 blocks, 4.0 KiB lost
**
** A line whose blocks are all lost has no "held by" line.
*/
#include "report.h"

#include <string.h>

int mlr_leak_order(const struct mlr_leak *a, const struct mlr_leak *b)
{
    int c;

    if (a->bytes != b->bytes)
        return a->bytes > b->bytes ? -1 : 1;
    if ((c = strcmp(a->file, b->file)) != 0)
        return c;
    return a->line < b->line ? -1 : a->line > b->line;
}

void mlr_write_leaks(struct mlo_out *o, const struct mlr_report *r,
                     const struct mlr_text_options *opts)
{
    unsigned long i;
    unsigned k;

    if (!r->nleaks)
        return;
    mlo_puts(o, "Leaks at exit, largest first\n");
    for (i = 0; i < r->nleaks; i++) {
        const struct mlr_leak *l = &r->leaks[i];

        mlo_puts(o, "  ");
        mlo_puts(o, l->file);
        mlo_putc(o, ':');
        mlo_u64(o, l->line);
        mlo_puts(o, " in ");
        mlo_puts(o, l->function);
        mlo_puts(o, "(): ");
        mlr_put_amount(o, l->bytes, opts);
        mlo_puts(o, " in ");
        mlo_u64(o, (unsigned long long)l->blocks);
        mlo_puts(o, l->blocks == 1 ? " block, " : " blocks, ");
        mlr_put_amount(o, l->lost_bytes, opts);
        mlo_puts(o, " lost\n");
        for (k = 0; k < l->npath; k++) {
            mlo_puts(o, k ? " -> " : "    held by ");
            mlo_puts(o, l->path[k]);
        }
        if (l->npath)
            mlo_putc(o, '\n');
    }
    mlo_puts(o, "\n\n");
}
