/* A switch on an enum keeps the enum type through the probe: compilers
** know that every enumerator is handled (clang: no -Wreturn-type for the
** fall off the end, no -Wconditional-uninitialized), and -Wswitch,
** -Wswitch-enum and -Wcovered-switch-default see what they see in the
** input. An enum bit-field (no __typeof__: checked as an int), an enum
** returned by a call, a typedef'd anonymous enum, a case range. */
#include <stdio.h>
#include <memline.h>

enum color { RED, GREEN, BLUE };
typedef enum { LOW = -1, MID, HIGH } level;
struct packed {
    enum color c : 2;
};

static enum color next(enum color c)
{
    return (enum color)((c + 1) % 3);
}

MEMLINE_PROFILE
static const char *name(enum color c)
{
    switch (c) {
    case RED:
        return "red";
    case GREEN:
        return "green";
    case BLUE:
        return "blue";
    }
}

MEMLINE_PROFILE
static int weight(enum color c)
{
    int w;
    switch (next(c)) {
    case RED:
        w = 1;
        break;
    case GREEN:
        w = 2;
        break;
    case BLUE:
        w = 3;
        break;
    }
    return w;
}

MEMLINE_PROFILE
static int partial(level l, struct packed p)
{
    int r = 0;
    switch (l) {
    case LOW:
        r--;
        break;
    case HIGH:
        r++;
        break;
    }
    switch (p.c) {
    case RED:
        r += 10;
        break;
    default:
        break;
    }
    switch (l) {
    case LOW ... MID:
    case HIGH:
        r += 100;
        break;
    default:
        r = -1;
        break;
    }
    return r;
}

int main(void)
{
    struct packed p;
    p.c = RED;
    printf("%s %s %d %d\n", name(RED), name(BLUE), weight(GREEN), partial(HIGH, p));
    return 0;
}
