#include <stdio.h>
#include "words.h"

int main(void)
{
    char **w = words_make(4, 1 << 20);

    printf("%c\n", w[3][0]);
    words_free(w, 4);
    return 0;
}
