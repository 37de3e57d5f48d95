/* Frames a longjmp abandons do not pile up: main, not profiled, calls a
** profiled function that jumps back out of it a million times. Every call
** is counted, and the runtime's memory does not grow with the calls (an
** abandoned frame that stayed would cost the runtime about 90 bytes). */
#include <memline.h>
#include <memline/probe.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static struct memline_site memline__site_1;
static jmp_buf escape;

MEMLINE_PROFILE
static void thrower(int i) { struct memline_frame *const memline__f = memline_enter(&memline__site_1);
    if (memline_cond(memline__f, 2, !!(i >= 0)))
        { memline_probe(memline__f, 3); longjmp(escape, 1); }
memline_exit(memline__f); }

#define ROUNDS 1000000

/* The process's mapped memory in KiB (VmSize), or -1. */
static long vm_size(void)
{
    char line[256];
    long kib = -1;
    FILE *f = fopen("/proc/self/status", "r");

    if (!f)
        return -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "VmSize:", 7) == 0)
            kib = atol(line + 7);
    fclose(f);
    return kib;
}

int main(void)
{
    volatile int i;
    long before, after;

    thrower(-1);
    before = vm_size();
    for (i = 0; i < ROUNDS; i++)
        if (setjmp(escape) == 0)
            thrower(i);
    after = vm_size();
    if (before < 0 || after - before > 16 * 1024) {
        fprintf(stderr, "pileup: VmSize went from %ld to %ld KiB\n", before, after);
        return 1;
    }
    printf("calls thrower %d\n", ROUNDS + 1);
    printf("eq thrower 14 occurrences %d\n", ROUNDS + 1);
    printf("eq thrower 16 occurrences %d\n", ROUNDS + 1);
    printf("eq thrower 17 occurrences %d\n", ROUNDS);
    printf("absent thrower 18\n");
    return 0;
}

static const char *const memline__text_1[] = {
    "MEMLINE_PROFILE",
    "static void thrower(int i) {",
    "    if (i >= 0)",
    "        longjmp(escape, 1);",
    "}"};
static struct memline_site memline__site_1 = {
    MEMLINE_PROBE_VERSION, 0, "pileup.c", "thrower", 14, 18, memline__text_1, 0, 0, 0, 0, 0, 0};
