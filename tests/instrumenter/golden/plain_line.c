/* A plain copy in code renamed and renumbered by a #line of its own (a
** generated parser's): what follows the copy, and the copy itself, keep
** the file's __FILE__ and __LINE__ (compared with the plain build's). */
#define MEMLINE_API_WEAK /* the plain build has no libmemline */
#include <memline.h>
#include <stdio.h>

#line 100 "grammar.y"
MEMLINE_PROFILE
static int parse(int n)
{
    int i, s = 0;
    for (i = 0; i < n; i++)
        s += i;
    printf("%s:%d\n", __FILE__, __LINE__);
    return s;
}

int main(void)
{
    int r = parse(3);
    printf("%s:%d\n", __FILE__, __LINE__);
    if (memline_stop)
        memline_stop();
    r += parse(4);
    printf("%d\n", r);
    return 0;
}
