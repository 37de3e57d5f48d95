/*
** svg.h — the little SVG measuring that plot.c needs: an estimate of how
** wide a label will be (its text is written by htmlesc.h, XML-safe too).
*/
#ifndef MEMLINE_SVG_H
#define MEMLINE_SVG_H

#include <stdio.h>

/* Approximate width in pixels of `s` in a sans-serif font of `size` px. */
double svg_text_width(const char *s, double size);

#endif
