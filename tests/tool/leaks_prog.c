/* Known leaks for MEMLINE_LEAKS (e2e_leaks.sh). Sizes have usable size
** equal to the request under glibc and ASan. work() runs twice. */
#include <memline.h>
#include <stdlib.h>

static char *keep[8];

static char *make(size_t n)
{
    return malloc(n);
}

MEMLINE_PROFILE
static char *inner(void)
{
    return malloc(56);
}

MEMLINE_PROFILE
static void work(void)
{
    char *a = malloc(1000);
    char *b = malloc(2024);
    keep[0] = make(40);
    free(a);
    for (int i = 1; i < 6; i++)
        keep[i] = malloc(24);
    b = realloc(b, 4072);
    free(keep[3]);
    keep[6] = inner();
    (void)b;
}

int main(void)
{
    work();
    work();
    return 0;
}
