/* tracing_blocks.c — the malloc family while tracing is stopped
** (e2e_tracing.sh): every entry point hands out untraced blocks that
** behave as the program asked (size, zeroes, alignment, realloc keeps the
** data, malloc_usable_size), and the traced heap moves only for traced
** blocks, to the byte. Prints one line per failed check; exit status 1 if
** any. */
#define _GNU_SOURCE
#include <malloc.h>
#include <memline.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

static void check(int ok, const char *what)
{
    if (!ok) {
        printf("FAIL: %s\n", what);
        failures++;
    }
}

static long long traced(void)
{
    long long now;

    memline_get_traced_memory(&now, NULL);
    return now;
}

static int zeroed(const unsigned char *p, size_t n)
{
    while (n--)
        if (*p++)
            return 0;
    return 1;
}

int main(void)
{
    long long base = traced();
    void *aligned = NULL, *v, *page, *pages, *m;
    char *p, *q, *z;
    size_t usable;

    memline_stop();
    check(!memline_is_tracing(), "stopped");
    p = malloc(100);
    z = calloc(50, 4);
    check(posix_memalign(&aligned, 256, 1000) == 0, "posix_memalign");
    v = aligned_alloc(64, 128);
    page = valloc(100);
    pages = pvalloc(5000);
    m = memalign(32, 10);
    check(p && z && aligned && v && page && pages && m, "allocations while stopped");
    check((uintptr_t)page % 4096 == 0 && (uintptr_t)pages % 4096 == 0 && (uintptr_t)m % 32 == 0 &&
              malloc_usable_size(pages) >= 8192,
          "valloc, pvalloc and memalign while stopped");
    check(malloc_usable_size(p) >= 100 && malloc_usable_size(p) < 200, "usable size while stopped");
    check(zeroed((unsigned char *)z, 200), "calloc zeroes while stopped");
    check((uintptr_t)aligned % 256 == 0 && (uintptr_t)v % 64 == 0, "alignment while stopped");
    memset(p, 'a', 100);
    p = realloc(p, 5000);
    check(p && p[0] == 'a' && p[99] == 'a', "realloc keeps the data while stopped");
    check(traced() == base, "nothing traced while stopped");
    memline_start();
    check(memline_is_tracing(), "tracing again");
    q = malloc(1000);
    usable = malloc_usable_size(q);
    check(traced() == base + (long long)usable, "a traced block counts");
    p = realloc(p, 6000);
    check(p && p[0] == 'a' && p[99] == 'a', "realloc of an untraced block keeps the data");
    check(traced() == base + (long long)(usable + malloc_usable_size(p)),
          "realloc of an untraced block while tracing gives a traced one");
    free(z);
    free(aligned);
    free(v);
    free(page);
    free(pages);
    free(m);
    check(traced() == base + (long long)(usable + malloc_usable_size(p)),
          "untraced blocks freed while tracing change nothing");
    memline_stop();
    q = realloc(q, 3000);
    check(q != NULL, "realloc of a traced block while stopped");
    check(traced() == base + (long long)malloc_usable_size(p),
          "a traced block realloc'd while stopped leaves the heap");
    free(p);
    check(traced() == base, "a traced block freed while stopped leaves the heap");
    memline_start();
    free(q);
    check(traced() == base, "the untraced copy changes nothing when freed");
    printf("%d failures\n", failures);
    return failures != 0;
}
