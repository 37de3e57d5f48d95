/* atpeak_prog.c — a program whose peak is reached at known lines
** (e2e_atpeak.sh). Line numbers matter: the test names them.
** Without arguments the peak is a + t; with one, the spike in a callee
** that is not profiled makes it a + b + kept + spike. */
#include <memline.h>
#include <stdlib.h>
#include <string.h>

#define MIB (1024 * 1024)

static void *keep;

/* Not profiled: what it allocates is pending in its caller's line. */
static void *spike_and_keep(void)
{
    void *kept = malloc(2 * MIB), *spike = malloc(32 * MIB);

    memset(spike, 1, 32 * MIB);
    free(spike);
    return kept;
}

MEMLINE_PROFILE
int main(int argc, char **argv)
{
    char *a = malloc(8 * MIB);
    char *t = malloc(16 * MIB);
    memset(t, 2, 16 * MIB);
    free(t);
    char *b = malloc(4 * MIB);
    keep = argc > 1 ? spike_and_keep() : NULL;
    a[0] = b[0] = (char)(argv[0][0] != 0);
    free(a);
    free(b);
    free(keep);
    return 0;
}
