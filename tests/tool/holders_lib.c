/* holders_lib.c — a shared library whose static variable holds a block. */
#include <memline.h>
#include <stdlib.h>

static char *kept;

MEMLINE_PROFILE
void lib_keep(void)
{
    kept = malloc(200);
}
