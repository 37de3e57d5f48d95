/* A small profiled program for the settings and output tests. With an
** argument it removes that directory before exiting (the output path
** vanishes while the program runs). */
#include <memline.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

MEMLINE_PROFILE
static int sum(int n)
{
    int *v = malloc((size_t)n * sizeof *v); /* alloc */
    int total = 0;
    for (int i = 0; i < n; i++)
        v[i] = i;
    for (int i = 0; i < n; i++)
        total += v[i];
    free(v);
    return total;
}

int main(int argc, char **argv)
{
    printf("sum %d\n", sum(100));
    if (argc == 2 && rmdir(argv[1]) != 0)
        return 9;
    return 0;
}
