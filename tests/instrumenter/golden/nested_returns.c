/* Returns inside GNU statement expressions (-Wshadow): in a declaration's
** initializer, in a switch body, and in the value of another return,
** whose temporary then gets a name of its own. */
#include <stdio.h>
#include <stdlib.h>
#include <memline.h>

MEMLINE_PROFILE
static int nested(int x)
{
    int y = ({ int t = x; if (t > 10) return -1; t * 2; });
    switch (y) {
    case 2:
        y += ({ int u = y; if (u == 2) return 5; u; });
        break;
    default:
        break;
    }
    return ({ char *p = malloc(8); free(p); if (x > 5) return 1; x + y; });
}

int main(void)
{
    printf("%d %d %d %d\n", nested(1), nested(3), nested(7), nested(20));
    return 0;
}
