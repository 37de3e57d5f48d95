/* #if blocks inside a function: only the active branch is probed; the
** other is left as it is. */
#include <stdio.h>
#include <memline.h>

#define FEATURE 1

MEMLINE_PROFILE
static int conditional(int n)
{
    int r = n;
#if FEATURE
    r += 1;
#else
    r += 2;
#endif
#ifdef NOT_DEFINED
    if (r)
        r = 0;
#endif
    if (r > 0
#if FEATURE
        && r < 100
#endif
    )
        r *= 2;
    return r;
}

int main(void)
{
    printf("%d\n", conditional(1));
    return 0;
}
