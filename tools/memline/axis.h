/*
** axis.h — units and tick values for the plot's axes, and the human
** formatting of one size or duration ("41.3 MiB", "420 ms").
**
** An axis always starts at 0 and ends at a whole number of steps at or
** above the largest value; steps are 1, 2 or 5 times a power of ten in the
** axis's display unit, so tick labels read 0, 10, 20 ... MiB or 0, 0.5,
** 1.0 ... s, never 0, 13.7, 27.4.
*/
#ifndef MEMLINE_AXIS_H
#define MEMLINE_AXIS_H

#include <stddef.h>

struct axis {
    double scale;     /* raw units (bytes, seconds) per display unit */
    const char *unit; /* display unit: "B", "KiB", "MiB", "GiB", "ms", "s", "min", "h" */
    double step;      /* tick spacing, in display units */
    int ticks;        /* number of steps: ticks at 0, step, ..., ticks * step */
    int decimals;     /* decimals a tick label needs */
};

/* The smallest 1, 2 or 5 x 10^k that is at least span / target (span > 0,
** target >= 1). */
double axis_nice_step(double span, int target);

/* An axis from 0 to at least max_bytes (or max_seconds), about `target`
** steps long. A maximum of 0 or less gives an axis to 1 display unit. */
void axis_bytes(struct axis *a, double max_bytes, int target);
void axis_seconds(struct axis *a, double max_seconds, int target);

/* The axis's end, in raw units. */
double axis_end(const struct axis *a);

/* The label of tick i (0 <= i <= ticks), without the unit: "2.5". */
void axis_tick_label(const struct axis *a, int i, char *buf, size_t n);

/* A size or duration in the unit that suits it: "400 B", "41.3 MiB",
** "8.5 ms", "420 ms", "1.25 s", "2.5 min". */
void axis_format_bytes(double bytes, char *buf, size_t n);
void axis_format_seconds(double seconds, char *buf, size_t n);

#endif
