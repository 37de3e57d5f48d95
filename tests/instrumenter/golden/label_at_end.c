/* gcc 11+ accepts a label at the end of a block; libclang 14 does not:
** the file is left unchanged and compiles as it is. */
#include <stdio.h>
#include <memline.h>

MEMLINE_PROFILE
static void at_end(int n)
{
    if (n)
        goto end;
    n++;
end:
}

int main(void)
{
    at_end(0);
    puts("ok");
    return 0;
}
