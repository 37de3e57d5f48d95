#include <memline.h>
#include <stdlib.h>
#include <string.h>

MEMLINE_PROFILE
char *lib_copy(const char *s, int times)
{
    size_t n = strlen(s);
    char *out = malloc(n * (size_t)times + 1);
    char *p = out;

    while (times-- > 0) {
        memcpy(p, s, n);
        p += n;
    }
    *p = '\0';
    return out;
}
