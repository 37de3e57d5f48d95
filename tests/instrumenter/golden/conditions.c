/* Conditions as real code writes them, for the warnings about them:
** if/else if chains testing the same thing (-Wduplicated-cond), logical
** operators on equal or exclusive tests (-Wlogical-op), arrays,
** functions and floating values as conditions (-Waddress), a search
** whose result may be null (-Wnull-dereference, which needs -O2), a
** variable set and used under the same test of a global (gcc -O2
** -Wmaybe-uninitialized: the probes between the tests are calls, which
** may change the global), a variable assigned in the last operand of an
** `||` that guards its use (clang -Wconditional-uninitialized: the value
** of the condition goes through memline_cond()); for these two the output
** adds warnings: conditions.warnings. */
#include <stddef.h>
#include <stdio.h>
#include <memline.h>

struct node {
    int value;
    struct node *next;
};
int verbose;
int tests(int a, double d);
int find(struct node *list, int key);
int same_test(int n);
int first_char(const char *path);

static int table[4];

MEMLINE_PROFILE
int tests(int a, double d)
{
    int b = 0;
    if (a == 1)
        b = 1;
    else if (a == 2)
        b = 2;
    else if (a == 1)
        b = 3;
    if (a > 0 && a > 0)
        b++;
    if (a == 1 || a != 1)
        b++;
    if (a < 0 && a > 10)
        b--;
    if (table)
        b++;
    if (tests)
        b++;
    if (d)
        b++;
    while ((a = a / 2))
        b++;
    return b;
}

MEMLINE_PROFILE
int find(struct node *list, int key)
{
    struct node *found = NULL;
    struct node *p;
    for (p = list; p; p = p->next)
        if (p->value == key)
            found = p;
    return found->value;
}

MEMLINE_PROFILE
int same_test(int n)
{
    int x;
    if (verbose)
        x = n * 2;
    n++;
    if (verbose)
        return x;
    return n;
}

MEMLINE_PROFILE
int first_char(const char *path)
{
    FILE *f;
    int c;
    if (path == NULL || (f = fopen(path, "r")) == NULL)
        return -1;
    c = fgetc(f);
    fclose(f);
    return c;
}

int main(void)
{
    struct node n;
    n.value = 4;
    n.next = NULL;
    verbose = 1;
    printf("%d %d %d %d\n", tests(1, 0.5), find(&n, 4), same_test(3), first_char(NULL));
    return 0;
}
