/* atpeak_modes.c — the peak across realloc, fork, on-demand reports, a crash, many
** releases, a reused address (e2e_atpeak.sh); argv[1] picks the case. Line numbers matter. */
#include <memline.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MIB (1024 * 1024)

MEMLINE_PROFILE
static void moved(void)
{
    char *p = malloc(100);
    p = realloc(p, 8 * MIB);
    memset(p, 1, 4096);
    free(p);
}

MEMLINE_PROFILE
static void forked(void)
{
    char *parent = malloc(4 * MIB);
    pid_t pid = fork();
    if (pid == 0) {
        char *child = malloc(2 * MIB);
        memset(child, 1, 4096);
        free(child);
        exit(0);
    }
    waitpid(pid, NULL, 0);
    free(parent);
}

MEMLINE_PROFILE
static void asked(void)
{
    char *first = malloc(2 * MIB);
    free(first);
    raise(SIGUSR1);
    char *second = malloc(6 * MIB);
    free(second);
}

MEMLINE_PROFILE
static void crashed(void)
{
    char *big = malloc(4 * MIB);
    free(big);
    raise(SIGSEGV);
}

/* More releases than the runtime logs before it applies them, then a
** higher peak with no probe between (the snapshot itself must apply
** them): it holds none of the small blocks. */
MEMLINE_PROFILE
static void batched(void)
{
    static char *small[1000];
    int i;
    for (i = 0; i < 1000; i++)
        small[i] = malloc(1000);
    for (i = 0; i < 1000; i++)
        free(small[i]);
    free(malloc(2 * MIB));
}

/* A line's block at an address that was a block of no line's (main's,
** freed just before), whose release the runtime logged and had not
** applied; called once before (warm), so that no work of the first call
** applies it. */
MEMLINE_PROFILE
static void reused(int warm)
{
    static char *kept;
    if (warm)
        return;
    kept = malloc(200);
    free(malloc(2 * MIB));
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    if (strcmp(argv[1], "realloc") == 0)
        moved();
    else if (strcmp(argv[1], "fork") == 0)
        forked();
    else if (strcmp(argv[1], "crash") == 0)
        crashed();
    else if (strcmp(argv[1], "batch") == 0)
        batched();
    else if (strcmp(argv[1], "reuse") == 0) {
        reused(1);
        free(malloc(200));
        reused(0);
    } else
        asked();
    return 0;
}
