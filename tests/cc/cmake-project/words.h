#ifndef WORDS_H
#define WORDS_H
#include <stddef.h>
char **words_make(size_t n, size_t len);
void words_free(char **w, size_t n);
#endif
