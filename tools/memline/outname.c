/*
** outname.c — default output names (see outname.h).
*/
#include "outname.h"

#include <stdlib.h>
#include <string.h>

char *outname_for(const char *path, const char *from, const char *to)
{
    size_t n = strlen(path), nfrom = strlen(from), nto = strlen(to);
    char *out = malloc(n + nto + 1);

    if (!out)
        return NULL;
    memcpy(out, path, n + 1);
    if (n > nfrom && strcmp(path + n - nfrom, from) == 0)
        n -= nfrom;
    memcpy(out + n, to, nto + 1);
    return out;
}
