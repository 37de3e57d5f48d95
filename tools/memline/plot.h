/*
** plot.h — the chart of `memline plot` for other commands: `memline html`
** embeds it in its page.
*/
#ifndef MEMLINE_PLOT_H
#define MEMLINE_PLOT_H

#include <stdio.h>

/* Draws the runs recorded in paths[0..n) (files `memline run` wrote) as
** one SVG document into out; `embedded` leaves out the XML declaration,
** for an <svg> inside HTML. Returns 0, or -1 after one line on stderr that
** starts with `command`. */
int plot_svg(FILE *out, char *const *paths, size_t n, const char *title, int embedded,
             const char *command);

#endif
