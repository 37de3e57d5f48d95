/*
** buf.h — a growable byte buffer (prefix mlb_) for building the rewritten
** file, insertion texts and reason lines, and for reading a file whole.
**
** Invariants: `data` is always NUL-terminated when `len` > 0 or after
** mlb_cstr(); after the first failed allocation the buffer is marked
** `failed`, keeps what it had and ignores further appends, so callers test
** for out-of-memory once, at the end.
*/
#ifndef MLI_BUF_H
#define MLI_BUF_H

#include <stddef.h>

struct mlb {
    char *data;
    size_t len;
    size_t cap;
    int failed;
};

void mlb_append(struct mlb *b, const char *s, size_t n);
void mlb_puts(struct mlb *b, const char *s);
void mlb_printf(struct mlb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The contents as a C string ("" when empty; NULL only after a failure). */
const char *mlb_cstr(struct mlb *b);
/* Hands the storage to the caller (NULL after a failure) and resets b. */
char *mlb_take(struct mlb *b);
void mlb_free(struct mlb *b);

/* A whole file, NUL-terminated (*len without the NUL); NULL when it cannot
** be read or memory runs out. */
char *mlb_read_file(const char *path, size_t *len);

#endif
