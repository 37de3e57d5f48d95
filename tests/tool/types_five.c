/* types_five.c — five types, block for block (e2e_types.sh), a block
** realloc moves to another type, one of no type. */
#include <memline.h>
#include <stdlib.h>
#include <string.h>

struct node {
    struct node *next;
    long value;
};
struct big {
    char data[1000];
};

static struct node *list;
static struct big *bigs[3];
static char *names[4];
static double *samples;

MEMLINE_PROFILE
int main(void)
{
    int i;
    for (i = 0; i < 10; i++) {
        struct node *n = malloc(sizeof *n);
        n->next = list;
        list = n;
    }
    for (i = 0; i < 3; i++)
        bigs[i] = calloc(1, sizeof(struct big));
    for (i = 0; i < 4; i++)
        names[i] = strdup("a name");
    samples = malloc(100 * sizeof *samples);
    void *raw = malloc(64);
    free(raw);
    char *bytes = malloc(10);
    struct node *moved = realloc(bytes, sizeof *moved);
    moved->next = list;
    list = moved;
    return 0;
}
