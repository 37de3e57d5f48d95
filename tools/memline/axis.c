/*
** axis.c — tick values and units (see axis.h).
**
** Sizes use binary units (KiB = 1024 B), as the profiler's tables do.
** Ticks are computed in the display unit so that labels are exact decimal
** numbers; the caller maps tick i to i * step * scale raw units.
*/
#include "axis.h"

#include <math.h>
#include <stdio.h>

static const struct {
    const char *name;
    double scale;
} axis_size_units[] = {
    {"B", 1.0},
    {"KiB", 1024.0},
    {"MiB", 1024.0 * 1024.0},
    {"GiB", 1024.0 * 1024.0 * 1024.0},
    {"TiB", 1024.0 * 1024.0 * 1024.0 * 1024.0},
};

double axis_nice_step(double span, int target)
{
    double raw = span / (target < 1 ? 1 : target);
    double mag = pow(10.0, floor(log10(raw)));
    double f = raw / mag;

    /* 1e-9 absorbs the rounding of raw / mag for exact powers of ten. */
    if (f <= 1.0 + 1e-9)
        return mag;
    if (f <= 2.0 + 1e-9)
        return 2.0 * mag;
    if (f <= 5.0 + 1e-9)
        return 5.0 * mag;
    return 10.0 * mag;
}

static void axis_fit(struct axis *a, double max_raw, int target)
{
    double max = max_raw > 0 ? max_raw / a->scale : 1.0;

    a->step = axis_nice_step(max, target);
    a->ticks = (int)ceil(max / a->step - 1e-9);
    if (a->ticks < 1)
        a->ticks = 1;
    a->decimals = a->step >= 1.0 ? 0 : (int)ceil(-log10(a->step) - 1e-9);
}

void axis_bytes(struct axis *a, double max_bytes, int target)
{
    size_t u = 0;

    while (u + 1 < sizeof axis_size_units / sizeof axis_size_units[0] &&
           max_bytes >= axis_size_units[u + 1].scale)
        u++;
    a->unit = axis_size_units[u].name;
    a->scale = axis_size_units[u].scale;
    axis_fit(a, max_bytes, target);
}

void axis_seconds(struct axis *a, double max_seconds, int target)
{
    if (max_seconds < 1.0) {
        a->unit = "ms";
        a->scale = 0.001;
    } else if (max_seconds < 180.0) {
        a->unit = "s";
        a->scale = 1.0;
    } else if (max_seconds < 3.0 * 3600.0) {
        a->unit = "min";
        a->scale = 60.0;
    } else {
        a->unit = "h";
        a->scale = 3600.0;
    }
    axis_fit(a, max_seconds, target);
}

double axis_end(const struct axis *a)
{
    return a->ticks * a->step * a->scale;
}

void axis_tick_label(const struct axis *a, int i, char *buf, size_t n)
{
    snprintf(buf, n, "%.*f", a->decimals, i * a->step);
}

void axis_format_bytes(double bytes, char *buf, size_t n)
{
    size_t u = 0;

    while (u + 1 < sizeof axis_size_units / sizeof axis_size_units[0] &&
           fabs(bytes) >= axis_size_units[u + 1].scale)
        u++;
    if (u == 0)
        snprintf(buf, n, "%.0f B", bytes);
    else
        snprintf(buf, n, "%.1f %s", bytes / axis_size_units[u].scale, axis_size_units[u].name);
}

void axis_format_seconds(double s, char *buf, size_t n)
{
    if (s < 0.01)
        snprintf(buf, n, "%.1f ms", s * 1000.0);
    else if (s < 1.0)
        snprintf(buf, n, "%.0f ms", s * 1000.0);
    else if (s < 10.0)
        snprintf(buf, n, "%.2f s", s);
    else if (s < 180.0)
        snprintf(buf, n, "%.1f s", s);
    else if (s < 3.0 * 3600.0)
        snprintf(buf, n, "%.1f min", s / 60.0);
    else
        snprintf(buf, n, "%.2f h", s / 3600.0);
}
