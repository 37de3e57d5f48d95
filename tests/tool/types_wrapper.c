/* types_wrapper.c — blocks pending at the peak (e2e_types.sh): an
** allocation wrapper that is not profiled keeps one block and makes the
** peak with a transient one before it returns. The caller's tag types
** the kept block after the peak's snapshot; the transient block, freed
** before the caller's line ended, has no type. */
#include <memline.h>
#include <stdlib.h>
#include <string.h>

struct session {
    char id[40];
    long started;
};

static void *make(size_t size)
{
    void *kept = malloc(size);
    char *spike = malloc(100000);
    memset(spike, 1, 100);
    free(spike);
    return kept;
}

MEMLINE_PROFILE
int main(void)
{
    struct session *s = make(sizeof *s);
    s->started = 1;
    return s->started == 1 ? 0 : 1;
}
