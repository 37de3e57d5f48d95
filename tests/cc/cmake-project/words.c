#include <memline.h>
#include <stdlib.h>
#include <string.h>
#include "words.h"

MEMLINE_PROFILE
char **words_make(size_t n, size_t len)
{
    char **w = malloc(n * sizeof *w);
    size_t i;

    for (i = 0; i < n; i++) {
        w[i] = malloc(len);
        memset(w[i], 'a', len);
    }
    return w;
}

void words_free(char **w, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        free(w[i]);
    free(w);
}
