/* A program for memline report/diff/merge tests: `budget_prog N` keeps N
** blocks of 1000 bytes (usable size 1000 under glibc and ASan) made by
** line 15; line 16 makes a 2024-byte block that line 17 frees, N times. */
#include <memline.h>
#include <stdlib.h>

static char *kept[64];

MEMLINE_PROFILE
static void fill(int n)
{
    char *scratch;

    for (int i = 0; i < n; i++) {
        kept[i] = malloc(1000);
        scratch = malloc(2024);
        free(scratch);
    }
}

int main(int argc, char **argv)
{
    fill(argc > 1 ? atoi(argv[1]) : 1);
    return 0;
}
