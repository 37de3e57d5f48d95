/*
** grow.c — a test program with a known memory pattern, for `memline run`:
** `grow STEPS MIB MS [fork]` sleeps MS milliseconds, then allocates and
** touches MIB MiB every MS milliseconds STEPS times, holds the lot for MS
** more, frees it all, and sleeps MS again before it exits. With "fork", a child process does the
** allocating while the parent only waits for it.
**
** Blocks this large are mmap'ed by glibc, so their pages are resident as
** soon as they are touched and returned to the system when freed: the RSS
** follows the pattern exactly.
*/
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void grow_sleep(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

    while (nanosleep(&ts, &ts) != 0)
        continue;
}

static int grow(int steps, size_t bytes, long ms)
{
    char **blocks = calloc((size_t)steps, sizeof *blocks);

    if (!blocks)
        return 1;
    grow_sleep(ms);
    for (int i = 0; i < steps; i++) {
        blocks[i] = malloc(bytes);
        if (!blocks[i])
            return 1;
        memset(blocks[i], 1 + i, bytes);
        grow_sleep(ms);
    }
    grow_sleep(ms);
    for (int i = 0; i < steps; i++)
        free(blocks[i]);
    free(blocks);
    grow_sleep(ms);
    return 0;
}

int main(int argc, char **argv)
{
    int status;
    pid_t child;

    if (argc < 4)
        return 2;
    if (argc < 5 || strcmp(argv[4], "fork") != 0)
        return grow(atoi(argv[1]), (size_t)atol(argv[2]) << 20, atol(argv[3]));
    child = fork();
    if (child == 0)
        _exit(grow(atoi(argv[1]), (size_t)atol(argv[2]) << 20, atol(argv[3])));
    if (child < 0 || waitpid(child, &status, 0) != child)
        return 1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
