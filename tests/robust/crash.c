/* Fatal signals and abrupt exits from inside profiled code. argv[1] names
** the fault; the report collected so far must be written, and the program
** must end as it would without memline. */
#define _GNU_SOURCE
#include <memline.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static char *kept[4];
static volatile int zero;

static void own_handler(int sig)
{
    static const char msg[] = "own handler\n";

    (void)sig;
    if (write(STDOUT_FILENO, msg, sizeof msg - 1) < 0)
        _exit(8);
    _exit(7);
}

/* SIGBUS: touch a shared mapping of a file that shrank under it. */
static void bus_error(void)
{
    int fd = memfd_create("memline-robust", 0);
    volatile char *p;

    if (fd < 0 || ftruncate(fd, 4096) != 0)
        abort();
    p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED || ftruncate(fd, 0) != 0)
        abort();
    p[0] = 1;
}

MEMLINE_PROFILE
static int recurse(int depth)
{
    volatile char pad[512];
    pad[depth % 512] = (char)depth;
    return recurse(depth + 1) + pad[0]; /* recursion */
}

MEMLINE_PROFILE
static void fault(const char *how)
{
    char *last = malloc(3000); /* last */
    kept[3] = last;
    if (strcmp(how, "segv") == 0)
        *(volatile int *)(size_t)zero = 1;
    else if (strcmp(how, "bus") == 0)
        bus_error();
    else if (strcmp(how, "abort") == 0)
        abort();
    else if (strcmp(how, "fpe") == 0)
        zero = 1 / zero;
    else if (strcmp(how, "ill") == 0)
        __builtin_trap();
    else if (strcmp(how, "kill") == 0)
        kill(getpid(), SIGSEGV);
    else if (strcmp(how, "overflow") == 0)
        zero = recurse(0);
    else if (strcmp(how, "doublefree") == 0) {
        free(kept[0]); /* glibc's tcache check aborts */
        free(kept[0]);
    } else if (strcmp(how, "_exit") == 0)
        _exit(5);
    else if (strcmp(how, "exit") == 0)
        exit(3);
    else if (strcmp(how, "own") == 0)
        *(volatile int *)(size_t)zero = 1;
}

MEMLINE_PROFILE
static void prepare(void)
{
    for (int i = 0; i < 3; i++) /* loop */
        kept[i] = malloc(1000); /* alloc */
}

static void at_exit(void)
{
    printf("atexit ran\n");
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    if (strcmp(argv[1], "own") == 0)
        signal(SIGSEGV, own_handler);
    atexit(at_exit);
    kept[3] = malloc(3000);
    printf("usable %zu", malloc_usable_size(kept[3]));
    free(kept[3]);
    prepare();
    printf(" %zu\n", malloc_usable_size(kept[0]));
    fflush(stdout);
    fault(argv[1]);
    printf("not reached\n");
    return 0;
}
