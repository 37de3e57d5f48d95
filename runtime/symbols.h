/*
** runtime/symbols.h — names for the roots of a leak's chain (prefix
** mlsy_): the variable of a loaded object that holds an address.
**
** The object's file is read from disk (its .symtab, where it was not
** stripped, else .dynsym): a global is named with its object, a static
** with its source file (the symbol table's FILE entry before it).
** Allocates nothing from the heap.
*/
#ifndef MEMLINE_SYMBOLS_H
#define MEMLINE_SYMBOLS_H

#include <stddef.h>
#include <stdint.h>

/* Writes "global 'NAME' (OBJECT)" or "static 'NAME' (FILE.c)" for the
** variable of `object` (loaded at `base`; "" for the program) that holds
** address `word`, or "data of OBJECT" when no symbol covers it. */
void mlsy_name(const char *object, uintptr_t base, uintptr_t word, char *buf, size_t size);

#endif
