/* Preprocessor lines between a statement and its `;`, and text an #if
** leaves out: the probe goes after the `;`, wherever it is. */
#include <stdio.h>
#include <memline.h>

MEMLINE_PROFILE
static int combine(int x)
{
    x = x
        | 1
#ifdef NOT_DEFINED
        | 2
#endif
        ;
    x = x + 4
#if 1
        + 8
#endif /* one */
#define UNUSED_HERE 1
        ;
    return x
#ifdef NOT_DEFINED
        + 100;
#else
        ;
#endif
}

int main(void)
{
    printf("%d\n", combine(0));
    return 0;
}
