/* Jumps over declarations (C99): a goto forward past declarations with
** and without an initializer, case labels after declarations in a
** switch body, a goto into a block. gcc's -Wjump-misses-init (part of
** -Wc++-compat) warns of each initialised one jumped over; the probe
** after a declaration is itself an initialised declaration, so for now
** the output adds warnings: jump_decls.warnings. */
#include <stdio.h>
#include <stdlib.h>
#include <memline.h>

MEMLINE_PROFILE
static int skip(int n)
{
    if (n < 0)
        goto fail;
    char *buf = malloc(16);
    int len;
    len = n;
    free(buf);
    return len;
fail:
    return -1;
}

MEMLINE_PROFILE
static int cases(int c)
{
    int r = 0;
    switch (c) {
    case 1:
        r = 1;
        int t;
        t = 2;
        r += t;
        break;
    case 2:
        r = 2;
        int u = 5;
        r += u;
        break;
    default:
        r = 3;
        break;
    }
    return r;
}

MEMLINE_PROFILE
static int into(int n)
{
    if (n > 0)
        goto inside;
    {
        int k = 4;
        n += k;
    inside:
        n++;
    }
    return n;
}

int main(void)
{
    printf("%d %d\n", skip(1), skip(-1));
    printf("%d %d %d\n", cases(1), cases(2), cases(3));
    printf("%d %d\n", into(1), into(-1));
    return 0;
}
