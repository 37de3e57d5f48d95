/* 64 MiB allocated on one line and touched on the next: heap vs rss. */
#include <memline.h>
#include <memline/probe.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static struct memline_site memline__site_1;
#define SIZE (64 << 20)

MEMLINE_PROFILE
static void touch(void) { struct memline_frame *const memline__f = memline_enter(&memline__site_1);
    char *p = malloc(SIZE); int memline__d1 __attribute__((unused)) = (memline_probe(memline__f, 2), 0);
    memset(p, 1, SIZE); memline_probe(memline__f, 3);
    free(p); memline_probe(memline__f, 4);
memline_exit(memline__f); }

int main(void)
{
    const char *backend = getenv("MEMLINE_BACKEND");
    void *p;
    long long usable;

    touch();
    p = malloc(SIZE);
    usable = (long long)malloc_usable_size(p);
    free(p);
    printf("calls touch 1\n");
    if (backend && strcmp(backend, "rss") == 0) {
        printf("lt touch 13 increment %d\n", 1 << 20);
        printf("ge touch 14 increment %d\nge touch 14 mem_usage %d\n", 60 << 20, 60 << 20);
        printf("lt touch 15 increment %d\n", -(60 << 20));
    } else {
        printf("eq touch 13 increment %lld\neq touch 13 allocs 1\n", usable);
        printf("eq touch 14 increment 0\neq touch 14 allocs 0\n");
        printf("eq touch 15 increment %lld\nnet touch 0\n", -usable);
    }
    return 0;
}

static const char *const memline__text_1[] = {
    "MEMLINE_PROFILE",
    "static void touch(void) {",
    "    char *p = malloc(SIZE);",
    "    memset(p, 1, SIZE);",
    "    free(p);",
    "}"};
static struct memline_site memline__site_1 = {
    MEMLINE_PROBE_VERSION, 0, "touch.c", "touch", 11, 16, memline__text_1, 0, 0, 0, 0, 0, 0};
