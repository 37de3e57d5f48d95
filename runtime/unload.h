/*
** runtime/unload.h — objects unloaded while the program runs (prefix
** mlu_): libmemline's dlclose.
**
** An instrumented shared object holds its sites' texts (file, function,
** source lines); the registry reads them when it reports, at exit, long
** after a plugin may have been dlclose'd. libmemline defines dlclose, which
** the dynamic linker then binds for the whole process (it comes before libc
** in the lookup order, as the malloc family does): before glibc's dlclose
** runs, the registry copies the texts that lie in the object's segments
** (records.h). The copies are made once per function: loaded again, the
** function shares its id, its records and its copied texts, so a program
** that loads and unloads plugins in a loop keeps a bounded runtime.
*/
#ifndef MEMLINE_UNLOAD_H
#define MEMLINE_UNLOAD_H

/* The object's loaded segments hold p (a closure over its ranges). */
struct mlu_object;
int mlu_inside(const void *p, void *object);

#endif
