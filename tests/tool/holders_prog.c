/* holders_prog.c — who holds each leak (e2e_holders.sh): a global cache
** of 8 blocks, a block whose only pointer was overwritten, a list off a
** global, a cycle nothing reaches, a pointer hidden by XOR, a static of a
** shared library (holders_lib.c) and a local of main at exit(), which
** memline_where names. Built -O0 so that the local stays on main's
** stack. */
#include <memline.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct node {
    long value;
    struct node *next;
};

char *cache[8];
struct node *head;
uintptr_t hidden;
void lib_keep(void);

MEMLINE_PROFILE
static void fill(void)
{
    int i;
    char *dropped;
    struct node *a, *b, *n;

    for (i = 0; i < 8; i++)
        cache[i] = malloc(1000);
    dropped = malloc(100);
    dropped = NULL;
    for (i = 0; i < 3; i++) {
        n = malloc(sizeof *n);
        n->value = i;
        n->next = head;
        head = n;
    }
    a = malloc(64);
    b = malloc(64);
    a->value = (long)(uintptr_t)b;
    b->value = (long)(uintptr_t)a;
    a = b = NULL;
    hidden = (uintptr_t)malloc(32) ^ (uintptr_t)0x5a5a5a5a5a5a5a5aULL;
    (void)dropped;
}

MEMLINE_PROFILE
int main(void)
{
    char *local, where[128] = "";

    fill();
    lib_keep();
    local = malloc(48);
    local[0] = 1;
    printf("%d %s\n", memline_where(local, where, sizeof where), where);
    printf("%d %d\n", memline_where(local + 1, where, sizeof where),
           memline_where(where, where, 4));
    exit(0);
}
