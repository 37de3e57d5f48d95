/*
** svg.c — label widths for the charts (see svg.h).
*/
#include "svg.h"

double svg_text_width(const char *s, double size)
{
    size_t chars = 0;

    for (; *s; s++)
        chars += ((unsigned char)*s & 0xc0) != 0x80;
    return 0.6 * size * (double)chars;
}
