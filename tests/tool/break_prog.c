/* For e2e_break.sh: grows the heap by 100000-byte blocks on line 12; with
** MEMLINE_BREAK_ABOVE=1MiB the 11th block crosses the threshold. */
#include <memline.h>
#include <stdlib.h>

static char *blocks[64];

MEMLINE_PROFILE
static void grow(void)
{
    for (int i = 0; i < 64; i++)
        blocks[i] = malloc(100000);
}

int main(void)
{
    grow();
    return 0;
}
