/*
** text.c — lexical helpers over raw C source; see text.h.
*/
#include "text.h"

#include <stdlib.h>
#include <string.h>

int mlt_lines_init(struct mlt_lines *l, const char *s, size_t n)
{
    size_t i, count = 1, k = 0;

    for (i = 0; i < n; i++)
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= n || s[i + 1] != '\n')))
            count++;
    l->start = malloc(count * sizeof *l->start);
    if (!l->start)
        return -1;
    l->start[k++] = 0;
    for (i = 0; i < n; i++)
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= n || s[i + 1] != '\n')))
            l->start[k++] = i + 1;
    l->count = count;
    return 0;
}

void mlt_lines_free(struct mlt_lines *l)
{
    free(l->start);
    l->start = NULL;
    l->count = 0;
}

unsigned mlt_line_of(const struct mlt_lines *l, size_t off)
{
    size_t lo = 0, hi = l->count;

    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->start[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return (unsigned)lo + 1;
}

void mlt_line_span(const struct mlt_lines *l, const char *s, size_t n, unsigned line, size_t *begin,
                   size_t *len)
{
    size_t b, e;

    if (line == 0 || line > l->count) {
        *begin = n;
        *len = 0;
        return;
    }
    b = l->start[line - 1];
    e = line < l->count ? l->start[line] : n;
    while (e > b && (s[e - 1] == '\n' || s[e - 1] == '\r'))
        e--;
    *begin = b;
    *len = e - b;
}

static int is_newline(const char *s, size_t n, size_t i)
{
    return i < n && (s[i] == '\n' || s[i] == '\r');
}

/* Length of a backslash-newline at i, or 0. */
static size_t splice_len(const char *s, size_t n, size_t i)
{
    if (i + 1 >= n || s[i] != '\\')
        return 0;
    if (s[i + 1] == '\n')
        return 2;
    if (s[i + 1] == '\r')
        return i + 2 < n && s[i + 2] == '\n' ? 3 : 2;
    return 0;
}

/* Skips a comment starting at i (s[i] == '/'); returns the offset after
** it, or i when there is no comment there. */
static size_t skip_comment(const char *s, size_t n, size_t i)
{
    if (i + 1 >= n || s[i] != '/')
        return i;
    if (s[i + 1] == '*') {
        const char *end = NULL;
        size_t j;
        for (j = i + 2; j + 1 < n; j++)
            if (s[j] == '*' && s[j + 1] == '/') {
                end = s + j;
                break;
            }
        return end ? (size_t)(end - s) + 2 : n;
    }
    if (s[i + 1] == '/') {
        size_t j = i + 2;
        while (j < n && !is_newline(s, n, j))
            j += splice_len(s, n, j) ? splice_len(s, n, j) : 1;
        return j;
    }
    return i;
}

size_t mlt_skip_blank(const char *s, size_t n, size_t i)
{
    while (i < n) {
        size_t j;
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\v' ||
            s[i] == '\f' || s[i] == '\0') {
            i++;
            continue;
        }
        if (splice_len(s, n, i)) {
            i += splice_len(s, n, i);
            continue;
        }
        j = skip_comment(s, n, i);
        if (j == i)
            break;
        i = j;
    }
    return i;
}

/* Whether only blanks precede s[i] on its line. */
static int first_on_line(const char *s, size_t i)
{
    while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
        i--;
    return i == 0 || s[i - 1] == '\n' || s[i - 1] == '\r';
}

size_t mlt_skip_directive(const char *s, size_t n, size_t i)
{
    static const char *const bring_text[] = {"include", "include_next", "import", "embed"};
    size_t j, k;

    if (i >= n || s[i] != '#' || !first_on_line(s, i))
        return i;
    j = i + 1;
    while (j < n && (s[j] == ' ' || s[j] == '\t'))
        j++;
    for (k = 0; k < sizeof bring_text / sizeof bring_text[0]; k++)
        if (mlt_is_word(s, n, j, bring_text[k]))
            return i;
    while (j < n && !is_newline(s, n, j)) {
        size_t c = skip_comment(s, n, j);
        if (c != j)
            j = c;
        else
            j += splice_len(s, n, j) ? splice_len(s, n, j) : 1;
    }
    return j;
}

/* Skips a string or character literal starting at i (s[i] is a quote). */
static size_t skip_literal(const char *s, size_t n, size_t i)
{
    char q = s[i++];

    while (i < n && s[i] != q) {
        if (is_newline(s, n, i))
            return n;
        i += s[i] == '\\' ? 2 : 1;
    }
    return i < n ? i + 1 : n;
}

/* The scanner behind mlt_match and mlt_for_header: walks from s[open]
** (an opening bracket) to its closer, reporting top-level semicolons. */
static long scan(const char *s, size_t n, size_t open, size_t *semis, size_t nsemis, size_t *found)
{
    char stack[256];
    size_t depth = 0, i = open;
    int bol = 0;

    *found = 0;
    while (i < n) {
        char c = s[i];
        size_t j = skip_comment(s, n, i);
        if (j != i) {
            i = j;
            continue;
        }
        if (splice_len(s, n, i)) {
            i += splice_len(s, n, i);
            continue;
        }
        if (c == '\n' || c == '\r') {
            bol = 1;
            i++;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\0') {
            i++;
            continue;
        }
        if (c == '#' && bol)
            return -1;
        bol = 0;
        if (c == '"' || c == '\'') {
            i = skip_literal(s, n, i);
            continue;
        }
        if (c == '(' || c == '[' || c == '{') {
            if (depth == sizeof stack)
                return -1;
            stack[depth++] = c == '(' ? ')' : c == '[' ? ']' : '}';
        } else if (c == ')' || c == ']' || c == '}') {
            if (depth == 0 || stack[depth - 1] != c)
                return -1;
            if (--depth == 0)
                return (long)i;
        } else if (c == ';' && depth == 1 && semis) {
            if (*found == nsemis)
                return -1;
            semis[(*found)++] = i;
        }
        i++;
    }
    return -1;
}

int mlt_bare_comma(const char *s, size_t n, size_t from, size_t to)
{
    size_t i = from;
    long depth = 0;

    if (to > n)
        return -1;
    while (i < to) {
        size_t j = skip_comment(s, n, i);
        char c = s[i];

        if (j != i) {
            i = j;
            continue;
        }
        if (c == '#')
            return -1;
        if (c == '"' || c == '\'') {
            i = skip_literal(s, n, i);
            continue;
        }
        if (c == '(' || c == '[' || c == '{')
            depth++;
        else if ((c == ')' || c == ']' || c == '}') && --depth < 0)
            return -1;
        else if (c == ',' && depth == 0)
            return 1;
        i++;
    }
    return depth == 0 ? 0 : -1;
}

size_t mlt_next_ident(const char *s, size_t n, size_t i, size_t *len)
{
    while (i < n) {
        size_t j = skip_comment(s, n, i);

        if (j != i) {
            i = j;
            continue;
        }
        if (s[i] == '"' || s[i] == '\'') {
            i = skip_literal(s, n, i);
            continue;
        }
        if (!mlt_is_ident(s[i])) {
            i++;
            continue;
        }
        for (j = i; j < n && mlt_is_ident(s[j]); j++)
            ;
        if (s[i] >= '0' && s[i] <= '9') {
            i = j; /* a number */
            continue;
        }
        *len = j - i;
        return i;
    }
    *len = 0;
    return n;
}

static size_t hash_name(const char *p, size_t n)
{
    size_t h = 2166136261u;

    while (n--)
        h = (h ^ (unsigned char)*p++) * 16777619u;
    return h;
}

int mlt_count_names(const char *s, size_t n, const char *const *names, size_t nnames,
                    size_t *counts)
{
    size_t i = 0, cap, h, j, len;
    size_t *table;

    for (cap = 16; cap < 2 * nnames; cap *= 2)
        ;
    if (!(table = calloc(cap, sizeof *table)))
        return -1;
    for (j = 0; j < nnames; j++)
        if (names[j]) {
            for (h = hash_name(names[j], strlen(names[j])) & (cap - 1); table[h];
                 h = (h + 1) & (cap - 1))
                ;
            table[h] = j + 1;
        }
    while ((i = mlt_next_ident(s, n, i, &len)) < n) {
        for (h = hash_name(s + i, len) & (cap - 1); table[h]; h = (h + 1) & (cap - 1)) {
            const char *name = names[table[h] - 1];

            if (strlen(name) == len && memcmp(name, s + i, len) == 0) {
                counts[table[h] - 1]++;
                break;
            }
        }
        i += len;
    }
    free(table);
    return 0;
}

int mlt_has_ident_prefix(const char *s, size_t n, const char *prefix)
{
    size_t i = 0, len = strlen(prefix), word;

    while ((i = mlt_next_ident(s, n, i, &word)) < n) {
        if (word >= len && memcmp(s + i, prefix, len) == 0)
            return 1;
        i += word;
    }
    return 0;
}

int mlt_assigns(const char *s, size_t n, size_t from, size_t to)
{
    size_t i = from;

    if (to > n)
        return -1;
    while (i < to) {
        size_t j = skip_comment(s, n, i);
        char c = s[i];

        if (j != i) {
            i = j;
            continue;
        }
        if (c == '"' || c == '\'') {
            i = skip_literal(s, n, i);
            continue;
        }
        if (c == '=' && (i + 1 >= to || s[i + 1] != '=') &&
            (i == from || !strchr("=!<>+-*/%&|^", s[i - 1])))
            return 1;
        i += c == '=' && i + 1 < to && s[i + 1] == '=' ? 2 : 1;
    }
    return 0;
}

long mlt_match(const char *s, size_t n, size_t i)
{
    size_t found;

    if (i >= n || (s[i] != '(' && s[i] != '[' && s[i] != '{'))
        return -1;
    return scan(s, n, i, NULL, 0, &found);
}

int mlt_for_header(const char *s, size_t n, size_t open, size_t *semi1, size_t *semi2,
                   size_t *close)
{
    size_t semis[2], found;
    long r;

    if (open >= n || s[open] != '(')
        return -1;
    r = scan(s, n, open, semis, 2, &found);
    if (r < 0 || found != 2)
        return -1;
    *semi1 = semis[0];
    *semi2 = semis[1];
    *close = (size_t)r;
    return 0;
}

int mlt_is_ident(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '$';
}

int mlt_is_word(const char *s, size_t n, size_t i, const char *word)
{
    size_t len = strlen(word);

    if (i + len > n || memcmp(s + i, word, len) != 0)
        return 0;
    if (i > 0 && mlt_is_ident(s[i - 1]))
        return 0;
    return i + len == n || !mlt_is_ident(s[i + len]);
}

int mlt_flatten(struct mlb *b, const char *s, size_t from, size_t to)
{
    size_t i = from, mark = b->len;
    int bol = 0;

    while (i < to) {
        size_t j = skip_comment(s, to, i);
        if (j != i) {
            mlb_append(b, " ", 1);
            i = j;
            continue;
        }
        if (splice_len(s, to, i) || (s[i] == '#' && bol)) {
            b->len = mark;
            return -1;
        }
        if (s[i] == '\n' || s[i] == '\r') {
            mlb_append(b, " ", 1);
            bol = 1;
            i++;
            continue;
        }
        if (s[i] != ' ' && s[i] != '\t')
            bol = 0;
        if (s[i] == '"' || s[i] == '\'') {
            j = skip_literal(s, to, i);
            mlb_append(b, s + i, j - i);
            i = j;
            continue;
        }
        mlb_append(b, s + i, 1);
        i++;
    }
    return 0;
}

/* Whether byte i of s goes into a string literal as it is. */
static int plain_in_literal(const char *s, size_t n, size_t i)
{
    unsigned char c = (unsigned char)s[i];

    return c >= 0x20 && c < 0x7f && c != '\\' && c != '"' &&
           !(c == '?' && i + 1 < n && s[i + 1] == '?');
}

void mlt_escape(struct mlb *b, const char *s, size_t n)
{
    size_t i = 0;

    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        size_t run = i;
        char oct[5];

        while (run < n && plain_in_literal(s, n, run))
            run++;
        if (run > i) {
            mlb_append(b, s + i, run - i);
            i = run;
            continue;
        }
        if (c == '\\' || c == '"') {
            char esc[2] = {'\\', (char)c};
            mlb_append(b, esc, 2);
        } else if (c == '?') {
            mlb_append(b, "?\\", 2);
        } else {
            oct[0] = '\\';
            oct[1] = (char)('0' + (c >> 6));
            oct[2] = (char)('0' + ((c >> 3) & 7));
            oct[3] = (char)('0' + (c & 7));
            mlb_append(b, oct, 4);
        }
        i++;
    }
}
