/* The PRODUCT.md reference function: allocations, a loop, frees. */
#include <stdio.h>
#include <stdlib.h>
#include <memline.h>
MEMLINE_PROFILE
static void demo(void) {
    char *a = malloc(10 << 20);
    char *b = malloc(20 << 20);
    free(b);
    for (int i = 0; i < 3; i++)
        a[i] = 1;
    free(a);
}

int main(void)
{
    demo();
    puts("done");
    return 0;
}
