/*
** runtime/export.h — which runtime symbols leave libmemline.so.
**
** The library is compiled with -fvisibility=hidden; only the probe
** interface (memline_*) and the malloc family are marked MEMLINE_EXPORT.
*/
#ifndef MEMLINE_EXPORT_H
#define MEMLINE_EXPORT_H

#define MEMLINE_EXPORT __attribute__((visibility("default")))

#endif
