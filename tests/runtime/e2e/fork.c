/* A forked child starts with empty counts and writes its own report. */
#define _GNU_SOURCE
#include <memline.h>
#include <memline/probe.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
static struct memline_site memline__site_1;

MEMLINE_PROFILE
static void step(void) { struct memline_frame *const memline__f = memline_enter(&memline__site_1);
    char *p = malloc(1000); int memline__d1 __attribute__((unused)) = (memline_probe(memline__f, 2), 0);
    free(p); memline_probe(memline__f, 3);
memline_exit(memline__f); }

/* The parent calls step() twice in all, the child three times. */
int main(void)
{
    int status;
    pid_t pid;

    step();
    pid = fork();
    if (pid < 0)
        return 1;
    if (pid == 0) {
        step();
        step();
        step();
        return 0;
    }
    step();
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return 1;
    return WEXITSTATUS(status);
}

static const char *const memline__text_1[] = {
    "MEMLINE_PROFILE",
    "static void step(void) {",
    "    char *p = malloc(1000);",
    "    free(p);",
    "}"};
static struct memline_site memline__site_1 = {
    MEMLINE_PROBE_VERSION, 0, "fork.c", "step", 10, 14, memline__text_1, 0, 0, 0, 0, 0, 0};
