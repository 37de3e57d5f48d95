/* CRLF line ends and a UTF-8 byte order mark: both stay. */
#include <stdio.h>
#include <stdlib.h>
#include <memline.h>

MEMLINE_PROFILE
static int crlf(int n)
{
    char *p = malloc(8);
    n += 1; /* café */
    free(p);
    return n;
}

int main(void)
{
    printf("%d\n", crlf(1));
    return 0;
}
