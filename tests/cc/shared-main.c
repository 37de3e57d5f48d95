#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *lib_copy(const char *s, int times);

int main(void)
{
    char *big = malloc(1 << 20);
    char *s;

    memset(big, 'x', (1 << 20) - 1);
    big[(1 << 20) - 1] = '\0';
    s = lib_copy(big, 2);
    printf("%zu\n", strlen(s));
    free(s);
    free(big);
    return 0;
}
