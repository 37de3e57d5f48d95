/* holders_ondemand.c — who holds a leak in an on-demand report
** (e2e_holders.sh): at memline_write_report() main's local holds one block
** and a second lost its only pointer; at exit the first is freed. Built
** -O0 so that the local stays on main's stack. */
#include <memline.h>
#include <stdlib.h>

MEMLINE_PROFILE
int main(void)
{
    char *held = malloc(100);
    char *dropped = malloc(200);

    dropped = NULL;
    memline_write_report();
    free(held);
    return dropped != NULL;
}
