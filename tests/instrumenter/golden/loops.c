#define _POSIX_C_SOURCE 200809L
/* Loops: headers count their condition tests; allocations in a condition
** belong to the header line; infinite loops probe at the start of the
** body; empty bodies get no probe of their own. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <memline.h>

static char *items[4];
static int next_index;

static char *next(void)
{
    if (next_index == 3)
        return NULL;
    return items[next_index++] = strdup("item");
}

MEMLINE_PROFILE
static int loops(int n)
{
    int i, s = 0;
    char *it;
    for (i = 0; i < n; i++)
        s += i;
    for (;;) {
        if (s > 100)
            break;
        s *= 2;
        if (s == 0)
            break;
    }
    while (s > 50)
        s -= 7;
    do
        s--;
    while (s > 40);
    do {
        s += 1;
    } while (0);
    for (i = 0; i < 2; i++)
        ;
    while ((it = next()) != NULL)
        s += (int)strlen(it);
    for (i = 0; i < 3; i++) {
        if (i == 1)
            continue;
        free(items[i]);
    }
    return s;
}

/* A dispatch loop: the endless loop's header tick counts the run that
** starts its body (the fetch and the switch), which has no tick of its
** own. */
MEMLINE_PROFILE
static long dispatch(const char *code)
{
    long acc = 0;
    char *kept = NULL;
    for (;;) {
        char op = *code++;
        switch (op) {
        case '+':
            acc++;
            break;
        case 'm':
            free(kept);
            kept = malloc(16);
            break;
        default:
            free(kept);
            return acc;
        }
    }
}

int main(void)
{
    printf("%d\n", loops(5));
    printf("%ld\n", dispatch("++m+m+."));
    free(items[1]);
    return 0;
}
