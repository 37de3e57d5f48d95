#include <stdio.h>
#include "store/store.h"

int main(void)
{
    struct store *s = store_fill(3);
    int n = s->n;

    store_free(s);
    printf("%d %u\n", n, store_hash("memline"));
    return 0;
}
