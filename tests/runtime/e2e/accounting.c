/* Exact heap accounting: loop, allocating condition, recursion, nested call. */
#include <memline.h>
#include <memline/probe.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
static struct memline_site memline__site_1, memline__site_2, memline__site_3, memline__site_4, memline__site_5, memline__site_6;
struct node {
    struct node *next;
    long value;
};

static int produced;
/* Not profiled: hands out three 1000-byte strings, then NULL. */
static char *next_item(void)
{
    return produced < 3 ? (produced++, malloc(1000)) : NULL;
}

MEMLINE_PROFILE
static char **fill(int n) { struct memline_frame *const memline__f = memline_enter(&memline__site_1);
    char **v = malloc(n * sizeof *v); int memline__d1 __attribute__((unused)) = (memline_probe(memline__f, 2), 0);
    for (int i = 0; memline_cond(memline__f, 3, !!(i < n)); i++)
        { v[i] = malloc(200); memline_probe(memline__f, 4); }
    { char **memline__r = v; memline_return(memline__f, 5); return memline__r; }
}

MEMLINE_PROFILE
static int drain(void) { struct memline_frame *const memline__f = memline_enter(&memline__site_2);
    char *s; int memline__d2 __attribute__((unused)) = (memline_probe(memline__f, 2), 0);
    int count = 0; int memline__d3 __attribute__((unused)) = (memline_probe(memline__f, 3), 0);
    while (memline_cond(memline__f, 4, !!((s = next_item()) != NULL))) {
        count++; memline_probe(memline__f, 5);
        free(s); memline_probe(memline__f, 6);
    }
    { int memline__r = count; memline_return(memline__f, 8); return memline__r; }
}

MEMLINE_PROFILE
static struct node *chain(int depth) { struct memline_frame *const memline__f = memline_enter(&memline__site_3);
    struct node *n = malloc(sizeof *n); int memline__d4 __attribute__((unused)) = (memline_probe(memline__f, 2), 0);
    n->value = depth; memline_probe(memline__f, 3);
    n->next = depth > 0 ? chain(depth - 1) : NULL; memline_probe(memline__f, 4);
    { struct node *memline__r = n; memline_return(memline__f, 5); return memline__r; }
}

MEMLINE_PROFILE
static char *inner(void) { struct memline_frame *const memline__f = memline_enter(&memline__site_4);
    char *p = malloc(5000); int memline__d5 __attribute__((unused)) = (memline_probe(memline__f, 2), 0);
    char *q = malloc(3000); int memline__d6 __attribute__((unused)) = (memline_probe(memline__f, 3), 0);
    free(q); memline_probe(memline__f, 4);
    { char *memline__r = p; memline_return(memline__f, 5); return memline__r; }
}

MEMLINE_PROFILE
static void outer(void) { struct memline_frame *const memline__f = memline_enter(&memline__site_5);
    char *a = inner(); int memline__d7 __attribute__((unused)) = (memline_probe(memline__f, 2), 0);
    a[0] = 'x'; memline_probe(memline__f, 3);
    free(a); memline_probe(memline__f, 4);
memline_exit(memline__f); }

MEMLINE_PROFILE
static char *twice(size_t n) { struct memline_frame *const memline__f = memline_enter(&memline__site_6);
    size_t m = n * 2; int memline__d8 __attribute__((unused)) = (memline_probe(memline__f, 2), 0);
    { char *memline__r = malloc(m); memline_return(memline__f, 3); return memline__r; }
}

/* What malloc_usable_size says for a block of n bytes (ASan: n itself). */
static long long usable(size_t n)
{
    void *p = malloc(n);
    long long u = (long long)malloc_usable_size(p);

    free(p);
    return u;
}

int main(void)
{
    long long u200 = usable(200), u40 = usable(5 * sizeof(char *)), u1000 = usable(1000);
    long long unode = usable(sizeof(struct node)), u5000 = usable(5000), u3000 = usable(3000);
    char **v = fill(5);
    int drained = drain();
    struct node *list = chain(3);
    char *t;

    outer();
    t = twice(1500);
    if (!v || drained != 3 || !list || !t)
        return 1;

    printf("calls fill 1\n");
    printf("eq fill 20 occurrences 1\neq fill 20 increment 0\nabsent fill 21\n");
    printf("eq fill 22 increment %lld\neq fill 22 allocs 1\n", u40);
    printf("eq fill 23 occurrences 6\neq fill 23 increment 0\neq fill 23 allocs 0\n");
    printf("eq fill 24 occurrences 5\neq fill 24 increment %lld\neq fill 24 allocs 5\n", 5 * u200);
    printf("eq fill 25 occurrences 1\neq fill 25 increment 0\nabsent fill 26\n");
    printf("net fill %lld\n", u40 + 5 * u200);

    printf("calls drain 1\n");
    printf("eq drain 30 occurrences 1\neq drain 30 increment 0\neq drain 31 increment 0\n");
    printf("eq drain 32 occurrences 4\neq drain 32 increment %lld\neq drain 32 allocs 3\n",
           3 * u1000);
    printf("eq drain 33 occurrences 3\neq drain 33 increment 0\n");
    printf("eq drain 34 increment %lld\neq drain 34 frees 3\neq drain 34 allocs 0\n", -3 * u1000);
    printf("absent drain 35\neq drain 36 increment 0\nnet drain 0\n");

    printf("calls chain 4\n");
    printf("eq chain 41 occurrences 4\neq chain 41 increment %lld\n", 4 * unode);
    printf("eq chain 42 occurrences 4\neq chain 42 increment 0\n");
    printf("eq chain 43 occurrences 4\neq chain 43 increment %lld\neq chain 43 allocs 6\n",
           6 * unode);
    printf("eq chain 44 increment 0\nnet chain %lld\n", 10 * unode);

    printf("calls inner 1\n");
    printf("eq inner 49 increment %lld\neq inner 50 increment %lld\n", u5000, u3000);
    printf("eq inner 51 increment %lld\neq inner 52 increment 0\nnet inner %lld\n", -u3000, u5000);

    printf("calls outer 1\n");
    printf("eq outer 57 increment %lld\neq outer 57 allocs 2\neq outer 57 frees 1\n", u5000);
    printf("sub outer 57 peak mem_usage %lld\n", u3000);
    printf("eq outer 58 increment 0\neq outer 59 increment %lld\nnet outer 0\n", -u5000);

    printf("calls twice 1\n");
    printf("eq twice 64 increment 0\neq twice 65 increment %lld\neq twice 65 allocs 1\n",
           usable(3000));
    printf("absent twice 66\nnet twice %lld\n", usable(3000));

    while (list) {
        struct node *next = list->next;

        free(list);
        list = next;
    }
    for (drained = 0; drained < 5; drained++)
        free(v[drained]);
    free(v);
    free(t);
    return 0;
}

static const char *const memline__text_1[] = {
    "MEMLINE_PROFILE",
    "static char **fill(int n) {",
    "    char **v = malloc(n * sizeof *v);",
    "    for (int i = 0; i < n; i++)",
    "        v[i] = malloc(200);",
    "    return v;",
    "}"};
static struct memline_site memline__site_1 = {
    MEMLINE_PROBE_VERSION, 0, "accounting.c", "fill", 20, 26, memline__text_1, 0, 0, 0, 0, 0, 0};
static const char *const memline__text_2[] = {
    "MEMLINE_PROFILE",
    "static int drain(void) {",
    "    char *s;",
    "    int count = 0;",
    "    while ((s = next_item()) != NULL) {",
    "        count++;",
    "        free(s);",
    "    }",
    "    return count;",
    "}"};
static struct memline_site memline__site_2 = {
    MEMLINE_PROBE_VERSION, 0, "accounting.c", "drain", 28, 37, memline__text_2, 0, 0, 0, 0, 0, 0};
static const char *const memline__text_3[] = {
    "MEMLINE_PROFILE",
    "static struct node *chain(int depth) {",
    "    struct node *n = malloc(sizeof *n);",
    "    n->value = depth;",
    "    n->next = depth > 0 ? chain(depth - 1) : NULL;",
    "    return n;",
    "}"};
static struct memline_site memline__site_3 = {
    MEMLINE_PROBE_VERSION, 0, "accounting.c", "chain", 39, 45, memline__text_3, 0, 0, 0, 0, 0, 0};
static const char *const memline__text_4[] = {
    "MEMLINE_PROFILE",
    "static char *inner(void) {",
    "    char *p = malloc(5000);",
    "    char *q = malloc(3000);",
    "    free(q);",
    "    return p;",
    "}"};
static struct memline_site memline__site_4 = {
    MEMLINE_PROBE_VERSION, 0, "accounting.c", "inner", 47, 53, memline__text_4, 0, 0, 0, 0, 0, 0};
static const char *const memline__text_5[] = {
    "MEMLINE_PROFILE",
    "static void outer(void) {",
    "    char *a = inner();",
    "    a[0] = 'x';",
    "    free(a);",
    "}"};
static struct memline_site memline__site_5 = {
    MEMLINE_PROBE_VERSION, 0, "accounting.c", "outer", 55, 60, memline__text_5, 0, 0, 0, 0, 0, 0};
static const char *const memline__text_6[] = {
    "MEMLINE_PROFILE",
    "static char *twice(size_t n) {",
    "    size_t m = n * 2;",
    "    return malloc(m);",
    "}"};
static struct memline_site memline__site_6 = {
    MEMLINE_PROBE_VERSION, 0, "accounting.c", "twice", 62, 66, memline__text_6, 0, 0, 0, 0, 0, 0};
