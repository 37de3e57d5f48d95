/*
** grow.c — a test program with a known memory pattern, for `memline run`:
** `grow STEPS MIB DATA [fork]` maps and touches MIB MiB STEPS times, then
** unmaps those blocks one at a time, last first. With "fork", a child
** process does all this while the parent only waits for it.
**
** DATA is the data file of the `memline run` watching the program. Each
** level (the start, every step up and down) is held until memline run has
** appended HOLD more MEM samples to it, not for some time: the sampler
** sees every level however late a loaded machine lets it run. The first
** of those samples may have read the RSS before the change was complete,
** the others read it after, and before the next change: HOLD - 1 samples
** of every level.
**
** Each block is its own mapping, touched whole: its pages are resident
** once touched and returned with munmap, so the RSS follows the pattern.
*/
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define HOLD 3

/* A sampler that has written nothing for this long is broken or stopped,
** not slow (it samples every few milliseconds): grow gives up then rather
** than hang its test. */
#define STALL_SECONDS 120

struct samples {
    int fd;
    long count; /* complete MEM lines read so far */
    int column; /* characters of the current line read so far */
    int is_mem; /* the current line starts with "MEM " (so far) */
    long last;  /* when count last grew, in seconds */
};

static long seconds_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec;
}

/* Reads what memline run appended to the data file since the last call. */
static void samples_read(struct samples *s)
{
    static const char prefix[] = "MEM ";
    char buf[4096];
    ssize_t n;

    while ((n = read(s->fd, buf, sizeof buf)) > 0)
        for (ssize_t i = 0; i < n; i++) {
            if (buf[i] == '\n') {
                if (s->is_mem && s->column >= 4) {
                    s->count++;
                    s->last = seconds_now();
                }
                s->column = 0;
                s->is_mem = 1;
            } else {
                if (s->column < 4 && buf[i] != prefix[s->column])
                    s->is_mem = 0;
                s->column++;
            }
        }
}

/* Waits until HOLD more samples than now are in the data file. */
static int samples_hold(struct samples *s)
{
    const struct timespec poll = {0, 1000000L};
    long until;

    samples_read(s);
    until = s->count + HOLD;
    while (s->count < until) {
        if (seconds_now() - s->last > STALL_SECONDS) {
            fprintf(stderr, "grow: no new sample in the data file for %d s\n", STALL_SECONDS);
            return -1;
        }
        nanosleep(&poll, NULL);
        samples_read(s);
    }
    return 0;
}

static int grow(int steps, size_t bytes, const char *data)
{
    struct samples s = {open(data, O_RDONLY | O_CLOEXEC), 0, 0, 1, seconds_now()};
    char **blocks = calloc((size_t)steps, sizeof *blocks);
    int i;

    if (s.fd < 0 || !blocks || samples_hold(&s) < 0)
        return 1;
    for (i = 0; i < steps; i++) {
        blocks[i] = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (blocks[i] == MAP_FAILED)
            return 1;
        memset(blocks[i], 1 + i, bytes);
        if (samples_hold(&s) < 0)
            return 1;
    }
    while (i-- > 0) {
        munmap(blocks[i], bytes);
        if (samples_hold(&s) < 0)
            return 1;
    }
    free(blocks);
    close(s.fd);
    return 0;
}

int main(int argc, char **argv)
{
    int status;
    pid_t child;

    if (argc < 4)
        return 2;
    if (argc < 5 || strcmp(argv[4], "fork") != 0)
        return grow(atoi(argv[1]), (size_t)atol(argv[2]) << 20, argv[3]);
    child = fork();
    if (child == 0)
        _exit(grow(atoi(argv[1]), (size_t)atol(argv[2]) << 20, argv[3]));
    if (child < 0 || waitpid(child, &status, 0) != child)
        return 1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
