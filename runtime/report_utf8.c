/*
** runtime/report_utf8.c — UTF-8 checks for the report's text (report.h):
** the JSON writer escapes what is not valid UTF-8, and the `memline`
** command's SVG and HTML writers replace it, by the same rule.
*/
#include "report.h"

size_t mlr_utf8_sequence(const unsigned char *s)
{
    unsigned c = s[0], cp;
    size_t n, i;

    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4, cp = c & 0x07;
    else
        return 0;
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

int mlr_utf8_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    while (*p) {
        size_t n = mlr_utf8_sequence(p);

        if (n == 0)
            return 0;
        p += n;
    }
    return 1;
}
