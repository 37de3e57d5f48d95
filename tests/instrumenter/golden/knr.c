/* A K&R definition selected by MEMLINE_FUNCTIONS: the parameter
** declarations are not the body. */
#include <stdio.h>
#include <string.h>

int knr(a, b)
    int a;
    char *b;
{
    int n = (int)strlen(b);
    return a + n;
}

int main(void)
{
    printf("%d\n", knr(1, "ab"));
    return 0;
}
