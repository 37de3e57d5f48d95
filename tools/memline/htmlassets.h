/*
** htmlassets.h — the style and the script of `memline html`'s page, from
** tools/memline/html/page.css and page.js, embedded at build time
** (cmake/embed.cmake) so that the page is one self-contained file.
*/
#ifndef MEMLINE_HTMLASSETS_H
#define MEMLINE_HTMLASSETS_H

extern const char hta_css[]; /* NUL-terminated */
extern const char hta_js[];

#endif
