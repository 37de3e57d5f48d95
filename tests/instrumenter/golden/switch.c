/* switch: the controlling expression is probed after it is evaluated,
** without changing its value (enum, bit-field); fallthrough attributes
** and comments keep working; case ranges; an unbraced switch body. */
#include <stdio.h>
#include <memline.h>

#if defined(__GNUC__) && __GNUC__ >= 7
#define FALLTHROUGH __attribute__((fallthrough))
#else
#define FALLTHROUGH ((void)0)
#endif

enum color { RED, GREEN, BLUE };
struct bits {
    unsigned v : 3;
};

MEMLINE_PROFILE
static int switches(enum color c, struct bits bf)
{
    int r = 0;
    switch (c) {
    case RED:
        r = 1;
        FALLTHROUGH;
    case GREEN:
        r += 2;
        break;
    case BLUE:
    default:
        r = 9;
    }
    switch (bf.v) {
    case 1:
        r++;
        /* fall through */
    case 4:
        r++;
        break;
    default:
        break;
    }
    switch (r)
        case 11:
            r++;
    return r;
}

int main(void)
{
    struct bits bf;
    bf.v = 1;
    printf("%d %d\n", switches(RED, bf), switches(BLUE, bf));
    return 0;
}
