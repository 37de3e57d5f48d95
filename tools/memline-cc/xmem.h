/*
** xmem.h — allocation that cannot fail, and the one fatal-error exit
** (prefix x). memline-cc is a short-lived command: running out of memory
** is reported in one line and ends it with status 1 (temporaries are
** removed by the exit handler of temp.c).
*/
#ifndef MCC_XMEM_H
#define MCC_XMEM_H

#include <stddef.h>
#include <stdio.h>

void *xmalloc(size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The rest of f, NUL-terminated (*len without the NUL); NULL on a read
** error. */
char *xread_stream(FILE *f, size_t *len);
/* "memline-cc: <message>" on stderr, then exit(1). */
void xdie(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* "memline-cc: warning: <message>" on stderr. */
void xwarn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
