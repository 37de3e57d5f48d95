/*
** htmlesc.h — text made safe for an HTML page or an XML document (prefix
** hte_): on `memline html`'s page and in `memline plot`'s SVG, source
** lines, file and function names, titles and command lines are the
** program's bytes, not markup, whatever they contain; the result is
** well-formed XML character data too.
*/
#ifndef MEMLINE_HTMLESC_H
#define MEMLINE_HTMLESC_H

#include <stdio.h>

/* Writes s as HTML text, safe both in element content and in a quoted
** attribute value: &, <, >, " and ' become character references; a byte
** that is not part of valid UTF-8 becomes U+FFFD; the C0 controls except
** tab, and DEL, become their Control Pictures (U+2400 to U+2421) so that
** they show; C1 controls (U+0080 to U+009F) become U+FFFD. */
void hte_text(FILE *out, const char *s);

#endif
