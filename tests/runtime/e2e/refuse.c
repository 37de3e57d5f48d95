/* A site built for another probe version is refused with one message. */
#include <memline.h>
#include <memline/probe.h>
#include <stdlib.h>
static struct memline_site memline__site_1, memline__site_2;

MEMLINE_PROFILE
static void stale(void) { struct memline_frame *const memline__f = memline_enter(&memline__site_1);
    char *p = malloc(100); int memline__d1 __attribute__((unused)) = (memline_probe(memline__f, 2), 0);
    free(p); memline_probe(memline__f, 3);
memline_exit(memline__f); }

MEMLINE_PROFILE
static void fresh(void) { struct memline_frame *const memline__f = memline_enter(&memline__site_2);
    stale(); memline_probe(memline__f, 2);
memline_exit(memline__f); }

int main(void)
{
    fresh();
    fresh();
    return 0;
}

static const char *const memline__text_1[] = {
    "MEMLINE_PROFILE",
    "static void stale(void) {",
    "    char *p = malloc(100);",
    "    free(p);",
    "}"};
static struct memline_site memline__site_1 = {
    MEMLINE_PROBE_VERSION + 1, 0, "refuse.c", "stale", 7, 11, memline__text_1, 0, 0, 0, 0, 0, 0};
static const char *const memline__text_2[] = {
    "MEMLINE_PROFILE",
    "static void fresh(void) {",
    "    stale();",
    "}"};
static struct memline_site memline__site_2 = {
    MEMLINE_PROBE_VERSION, 0, "refuse.c", "fresh", 13, 16, memline__text_2, 0, 0, 0, 0, 0, 0};
