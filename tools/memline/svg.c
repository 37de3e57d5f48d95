/*
** svg.c — XML-safe text and label widths (see svg.h).
*/
#include "svg.h"

#include <string.h>

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if invalid. */
static int svg_utf8_length(const unsigned char *s)
{
    int n;

    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xc2 && s[0] < 0xe0)
        n = 2;
    else if (s[0] >= 0xe0 && s[0] < 0xf0)
        n = 3;
    else if (s[0] >= 0xf0 && s[0] < 0xf5)
        n = 4;
    else
        return 0;
    for (int i = 1; i < n; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    /* Overlong 3- and 4-byte forms, surrogates and code points past U+10FFFF. */
    if ((n == 3 && s[0] == 0xe0 && s[1] < 0xa0) || (n == 3 && s[0] == 0xed && s[1] >= 0xa0) ||
        (n == 4 && s[0] == 0xf0 && s[1] < 0x90) || (n == 4 && s[0] == 0xf4 && s[1] >= 0x90))
        return 0;
    return n;
}

void svg_escape(FILE *out, const char *text)
{
    const unsigned char *s = (const unsigned char *)text;

    while (*s) {
        int n = svg_utf8_length(s);

        if (n == 0 || (n == 1 && (*s < 0x20 || *s == 0x7f))) {
            fputc('?', out);
            s++;
            continue;
        }
        switch (*s) {
        case '&':
            fputs("&amp;", out);
            break;
        case '<':
            fputs("&lt;", out);
            break;
        case '>':
            fputs("&gt;", out);
            break;
        case '"':
            fputs("&quot;", out);
            break;
        case '\'':
            fputs("&apos;", out);
            break;
        default:
            fwrite(s, 1, (size_t)n, out);
        }
        s += n;
    }
}

double svg_text_width(const char *s, double size)
{
    size_t chars = 0;

    for (; *s; s++)
        chars += ((unsigned char)*s & 0xc0) != 0x80;
    return 0.6 * size * (double)chars;
}
