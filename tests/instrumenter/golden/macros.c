/* Statements made by macros are probed as a whole, never inside the
** macro call; a macro that expands to two statements stays one piece. */
#include <stdio.h>
#include <memline.h>

#define ID(x) x
#define TWO(a, b) a++; b++
#define SWAP(a, b) do { int t_ = a; a = b; b = t_; } while (0)
#define CHECK(c) if (!(c)) return -1
#define BAIL goto fail
#define DECLARE(v) int v = 0

MEMLINE_PROFILE
static int macros(int a, int b)
{
    DECLARE(z);
    ID(a++);
    TWO(a, b);
    if (a > 100) TWO(a, b);
    SWAP(a, b);
    CHECK(a >= 0);
    a = ID(b) + ID(a) + z;
    if (ID(a) > 0)
        ID(b++);
    if (a < 0)
        BAIL;
    return ID(a + b);
fail:
    return -2;
}

int main(void)
{
    printf("%d %d\n", macros(1, 2), macros(-50, 1));
    return 0;
}
