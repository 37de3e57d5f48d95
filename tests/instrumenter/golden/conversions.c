/* Conversions (-Wconversion, -Wsign-conversion, -Wfloat-conversion,
** -Wdiscarded-qualifiers, -Wsign-compare, -Wtype-limits and clang's
** kin): a return converts to the function's type through a temporary of
** that type, with the warnings of the return on the same line, types C90
** lacks (_Bool, long long) included; a switch on a char, an unsigned
** char, a size_t or a bit-field, with case ranges, keeps its value;
** unsigned and size_t conditions. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <memline.h>

struct bits {
    unsigned small : 3;
    signed int neg : 4;
    unsigned long wide : 40;
};

MEMLINE_PROFILE
static char narrow(int v)
{
    return v + 1;
}

MEMLINE_PROFILE
static unsigned char byte(long v)
{
    if (v < 0)
        return 0;
    return v;
}

MEMLINE_PROFILE
static float half(double d)
{
    return d / 2;
}

MEMLINE_PROFILE
static size_t size_of(int n)
{
    return n;
}

MEMLINE_PROFILE
static int int_of(size_t n)
{
    return n;
}

MEMLINE_PROFILE
static _Bool set(const char *p)
{
    return p;
}

MEMLINE_PROFILE
static long long wide(int v)
{
    return v;
}

MEMLINE_PROFILE
static char *unconst(const char *p)
{
    if (!*p)
        return "empty";
    return p;
}

MEMLINE_PROFILE
static int classify(char c, unsigned char uc, size_t n, struct bits b)
{
    int r = 0;
    switch (c) {
    case 'a' ... 'z':
        r += 1;
        break;
    case '0':
        r += 2;
        break;
    }
    switch (uc) {
    case 0 ... 127:
        r += 4;
        break;
    case 200:
        r += 8;
        break;
    }
    switch (n) {
    case 1:
        r += 16;
        break;
    }
    switch (b.small) {
    case 1:
        r += 32;
        break;
    }
    switch (b.neg) {
    case -1:
        r += 64;
        break;
    }
    switch (b.wide) {
    case 1:
        r += 128;
        break;
    }
    switch (c - 'a') {
    case 1:
        r += 256;
        break;
    }
    return r;
}

MEMLINE_PROFILE
static int unsigned_conds(size_t n, unsigned u, int i)
{
    int r = 0;
    if (n)
        r++;
    if (u >= 0)
        r++;
    if (i < n)
        r++;
    while (n--)
        r++;
    for (; u; u >>= 1)
        r++;
    return r;
}

int main(void)
{
    struct bits b;
    b.small = 1;
    b.neg = -1;
    b.wide = 1;
    printf("%d %d %.2f %zu %d %d %lld\n", narrow(1), byte(300), (double)half(3), size_of(3),
           int_of(4), set("x"), wide(5));
    printf("%s %s\n", unconst(""), unconst("abc"));
    printf("%d %d\n", classify('b', 5, 1, b), unsigned_conds(3, 4, 1));
    return 0;
}
