/*
** htmlesc.c — HTML-safe text (see htmlesc.h). Every output byte comes
** either from a valid UTF-8 sequence that is not a control character or
** from a fixed replacement, so no input can open a tag, an entity or a
** comment, or end an attribute.
*/
#include "htmlesc.h"

#include "report.h"

/* U+2400 + c (SYMBOL FOR NULL onwards; DEL has U+2421) in UTF-8. */
static void hte_control_picture(FILE *out, unsigned c)
{
    unsigned cp = 0x2400 + (c == 0x7f ? 0x21 : c);

    fputc((int)(0xe0 | (cp >> 12)), out);
    fputc((int)(0x80 | ((cp >> 6) & 0x3f)), out);
    fputc((int)(0x80 | (cp & 0x3f)), out);
}

void hte_text(FILE *out, const char *text)
{
    const unsigned char *s = (const unsigned char *)text;

    while (*s) {
        size_t n = mlr_utf8_sequence(s);

        if (n == 0 || (n == 2 && s[0] == 0xc2 && s[1] < 0xa0)) {
            fputs("\xef\xbf\xbd", out); /* U+FFFD for the byte, or a C1 control's two */
            s += n ? n : 1;
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
            fputs("&#39;", out);
            break;
        case '\t':
            fputc('\t', out);
            break;
        default:
            if (n == 1 && (*s < 0x20 || *s == 0x7f))
                hte_control_picture(out, *s);
            else
                fwrite(s, 1, n, out);
        }
        s += n;
    }
}
