/*
** memline.h — what a C programmer includes to mark functions for memline.
**
** MEMLINE_PROFILE goes in front of a function definition or prototype. It
** expands to clang's `annotate` attribute, which memline's libclang-based
** instrumenter looks for (it parses with MEMLINE_INSTRUMENTING defined:
** found through -I, this header sees the real compiler's macros, gcc's
** included), and to nothing under other compilers (gcc warns about
** unknown attributes). Without memline the macro costs nothing: no
** code, no warning, no link dependency.
**
** The C API below (tracemalloc's get_traced_memory / reset_peak for C) is
** implemented by libmemline, which memline-cc links into every program.
** Declaring it costs nothing; calling it needs libmemline at link time.
** Code that must also build without memline defines MEMLINE_API_WEAK
** before including this header: the functions are then weak and read as
** null pointers when libmemline is absent, so
**     if (memline_get_traced_memory) memline_get_traced_memory(&cur, &peak);
** links and runs either way.
*/
#ifndef MEMLINE_H
#define MEMLINE_H

#if defined(__clang__) || defined(MEMLINE_INSTRUMENTING)
#define MEMLINE_PROFILE __attribute__((annotate("memline")))
#else
#define MEMLINE_PROFILE
#endif

#if defined(MEMLINE_API_WEAK) && defined(__GNUC__)
#define MEMLINE_API_ __attribute__((weak))
#else
#define MEMLINE_API_
#endif

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The process's live heap now and its highest value since start-up or
** the last memline_reset_peak(), in bytes (usable sizes, as the tables
** count them). Either pointer may be null. */
__extension__ MEMLINE_API_ void memline_get_traced_memory(long long *current, long long *peak);

/* Starts a new peak from the live heap now. */
MEMLINE_API_ void memline_reset_peak(void);

/* Writes the report collected so far, as at exit, without stopping: to
** MEMLINE_OUTPUT's path followed by ".1", ".2", ... (stderr without
** MEMLINE_OUTPUT). Returns 0, or -1 if it could not be written there. */
MEMLINE_API_ int memline_write_report(void);

/* Tracing on and off (tracemalloc's start, stop and is_tracing): while
** stopped no line records anything, and blocks allocated then are never
** counted, not even when freed after tracing starts again; a block
** allocated while tracing and freed while stopped leaves the live heap
** without any line getting the release. MEMLINE_START=0 starts the
** program stopped. memline_is_tracing() returns 1 while tracing, else 0.
** memline_start() and memline_stop() are not async-signal-safe. */
MEMLINE_API_ void memline_start(void);
MEMLINE_API_ void memline_stop(void);
MEMLINE_API_ int memline_is_tracing(void);

/* Where the live block starting at ptr was allocated, as
** "file.c:LINE in function()" into buf (size bytes, NUL-terminated,
** truncated to fit): 0, or -1 when ptr is not such a block of a profiled
** line, or leaks are not tracked (MEMLINE_LEAKS=1). tracemalloc's
** get_object_traceback. */
MEMLINE_API_ int memline_where(const void *ptr, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif
