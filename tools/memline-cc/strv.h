/*
** strv.h — a growable, NULL-terminated vector of strings (prefix strv_),
** the shape of an argv. A strv owns neither its strings nor their
** lifetime: callers push strings that outlive the vector (argv entries,
** or strings they keep elsewhere).
*/
#ifndef MCC_STRV_H
#define MCC_STRV_H

#include <stddef.h>

struct strv {
    const char **v; /* v[n] == NULL once anything was pushed */
    size_t n;
    size_t cap;
};

void strv_push(struct strv *sv, const char *s);
void strv_push_all(struct strv *sv, const char *const *s, size_t n);
void strv_free(struct strv *sv);

#endif
