/* Statements of another file inside a function (codecs' fixed tables,
** interpreters' jump tables and generated cases): nothing is inserted in
** the header; what its statements do is charged to the line of the
** #include, by one probe before the function's next statement. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <memline.h>

MEMLINE_PROFILE
static int lookup(int i)
{
#include "include_body_table.h"
    return table[i];
}

MEMLINE_PROFILE
static char *grow(int n)
{
    char *p = NULL;
    int k = 0;
#include "include_body_steps.h"
    p[1] = (char)k;
    return p;
}

MEMLINE_PROFILE
static int decide(int x)
{
    int r = 0;
    switch (x) {
#include "include_body_cases.h"
    default:
        r = -1;
    }
    return r;
}

int main(void)
{
    char *p = grow(100);
    printf("%d %d %d %d %c%d\n", lookup(1), decide(1), decide(2), decide(3), p[0], p[1]);
    free(p);
    return 0;
}
