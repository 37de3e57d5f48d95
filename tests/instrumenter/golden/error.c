/* A file libclang rejects is left unchanged, with one reason line. */
#include <memline.h>

MEMLINE_PROFILE
static int broken(int n)
{
    return n +;
}
