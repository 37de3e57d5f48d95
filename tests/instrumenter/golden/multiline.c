/* A statement that spans lines counts on its first line; nothing added
** moves a line. */
#include <stdio.h>
#include <stdlib.h>
#include <memline.h>

MEMLINE_PROFILE
static void multi_line(int n)
{
    char *p = malloc(
        (size_t)n + 1);
    printf("%d %s\n",
           n,
           "x");
    if (n >
        2)
        printf("big\n");
    free(p);
}

int main(void)
{
    multi_line(3);
    return 0;
}
