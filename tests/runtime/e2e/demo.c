/* PRODUCT.md's reference function, instrumented as the rewriter emits it. */
#include <memline.h>
#include <stdlib.h>
#include <memline/probe.h>
static struct memline_site memline__site_1;
#line 4 "demo.c"
MEMLINE_PROFILE
static void demo(void) { struct memline_frame *const memline__f = memline_enter(&memline__site_1);
    char *a = malloc(10 << 20); int memline__d1 __attribute__((unused)) = (memline_probe(memline__f, 2), 0);
    char *b = malloc(20 << 20); int memline__d2 __attribute__((unused)) = (memline_probe(memline__f, 3), 0);
    free(b); memline_probe(memline__f, 4);
    for (int i = 0; memline_cond(memline__f, 5, !!(i < 3)); i++)
        { a[i] = 1; memline_probe(memline__f, 6); }
    free(a); memline_probe(memline__f, 7);
memline_exit(memline__f); }

int main(void)
{
    demo();
    return 0;
}

static const char *const memline__text_1[] = {
    "MEMLINE_PROFILE",
    "static void demo(void) {",
    "    char *a = malloc(10 << 20);",
    "    char *b = malloc(20 << 20);",
    "    free(b);",
    "    for (int i = 0; i < 3; i++)",
    "        a[i] = 1;",
    "    free(a);",
    "}"};
static struct memline_site memline__site_1 = {
    MEMLINE_PROBE_VERSION, 0, "demo.c", "demo", 4, 12, memline__text_1, 0, 0, 0, 0, 0, 0};
