/*
** outname.h — the default output file of a command that turns one file
** into another (prefix outname_): `memline plot run.dat` writes run.svg,
** `memline html r.json` writes r.html.
*/
#ifndef MEMLINE_OUTNAME_H
#define MEMLINE_OUTNAME_H

/* path with its extension `from` (".dat") replaced by `to` (".svg"), or
** with `to` appended when it has another; malloc'd, NULL when out of
** memory. */
char *outname_for(const char *path, const char *from, const char *to);

#endif
