/*
** svg.h — the little SVG writing that plot.c needs: text made safe for XML
** and an estimate of how wide a label will be.
*/
#ifndef MEMLINE_SVG_H
#define MEMLINE_SVG_H

#include <stdio.h>

/* Writes `s` as XML character data: &, <, >, " and ' escaped, bytes that
** are not valid UTF-8 and control characters replaced by '?', so that any
** command line or file name yields a well-formed document. */
void svg_escape(FILE *out, const char *s);

/* Approximate width in pixels of `s` in a sans-serif font of `size` px. */
double svg_text_width(const char *s, double size);

#endif
