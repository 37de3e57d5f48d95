/*
** memline.h — what a C programmer includes to mark functions for memline.
**
** MEMLINE_PROFILE goes in front of a function definition or prototype. It
** expands to clang's `annotate` attribute, which memline's libclang-based
** instrumenter looks for, and to nothing under other compilers (gcc warns
** about unknown attributes). Without memline the macro costs nothing: no
** code, no warning, no link dependency.
*/
#ifndef MEMLINE_H
#define MEMLINE_H

#if defined(__clang__)
#define MEMLINE_PROFILE __attribute__((annotate("memline")))
#else
#define MEMLINE_PROFILE
#endif

#endif
