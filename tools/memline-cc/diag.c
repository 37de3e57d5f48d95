/*
** diag.c — the reason an instrumented copy did not compile; see diag.h.
*/
#define _GNU_SOURCE
#include "diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmem.h"

#define DIAG_TEXT_MAX 60

/* Line `line` of file `path` without its blanks around, at most
** DIAG_TEXT_MAX bytes (then "..."); NULL when it cannot be read. */
static char *source_line(const char *path, unsigned long line)
{
    FILE *f = fopen(path, "rb");
    char *text = NULL, *b, *e;
    size_t cap = 0;
    unsigned long n = 0;

    if (f == NULL)
        return NULL;
    while (getline(&text, &cap, f) >= 0 && ++n < line)
        ;
    fclose(f);
    if (n != line) {
        free(text);
        return NULL;
    }
    for (b = text; *b == ' ' || *b == '\t'; b++)
        ;
    for (e = b + strlen(b); e > b && strchr(" \t\r\n", e[-1]); e--)
        ;
    *e = '\0';
    if (e - b > DIAG_TEXT_MAX)
        strcpy(b + DIAG_TEXT_MAX - 3, "...");
    b = xstrdup(b);
    free(text);
    return b;
}

/* Splits "PATH:LINE:[COL:] [fatal ]error: MESSAGE": returns MESSAGE, with
** *line set and PATH cut at its colon; NULL for any other line. */
static char *parse_error(char *s, unsigned long *line)
{
    char *p = s, *end, *msg;

    while ((p = strchr(p, ':')) != NULL) {
        *line = strtoul(p + 1, &end, 10);
        if (end != p + 1 && *end == ':') {
            msg = end + 1;
            if (*msg >= '0' && *msg <= '9') {
                strtoul(msg, &end, 10);
                msg = *end == ':' ? end + 1 : msg;
            }
            msg += strspn(msg, " ");
            if (strncmp(msg, "fatal ", 6) == 0)
                msg += 6;
            if (strncmp(msg, "error: ", 7) == 0) {
                *p = '\0';
                return msg + 7;
            }
        }
        p++;
    }
    return NULL;
}

char *diag_copy_failed(const char *errors, const char *copy, const char *source)
{
    FILE *f = fopen(errors, "rb");
    char *s = NULL, *msg = NULL, *out = NULL, *text;
    size_t cap = 0;
    unsigned long line = 0;

    if (f != NULL) {
        while (msg == NULL && getline(&s, &cap, f) >= 0) {
            s[strcspn(s, "\r\n")] = '\0';
            msg = parse_error(s, &line);
        }
        fclose(f);
    }
    if (msg == NULL)
        out = xstrdup("the compiler gave no error message");
    else if (strcmp(s, copy) == 0)
        out = xasprintf("in the lines memline adds before line 1: %s", msg);
    else if (strcmp(s, source) == 0 && (text = source_line(source, line)) != NULL) {
        out = xasprintf("%s:%lu: %s (in `%s`)", source, line, msg, text);
        free(text);
    } else
        out = xasprintf("%s:%lu: %s", s, line, msg);
    free(s);
    return out;
}

int diag_only_warnings(const char *errors)
{
    FILE *f = fopen(errors, "rb");
    char *s = NULL, *msg;
    size_t cap = 0;
    unsigned long line;
    int found = 0, others = 0;

    if (f == NULL)
        return 0;
    while (!others && getline(&s, &cap, f) >= 0) {
        s[strcspn(s, "\r\n")] = '\0';
        if (!(msg = parse_error(s, &line)))
            continue;
        found = 1;
        others = !strstr(msg, "[-Werror");
    }
    free(s);
    fclose(f);
    return found && !others;
}

int diag_mentions(const char *errors, const char *what)
{
    FILE *f = fopen(errors, "rb");
    char *s = NULL;
    size_t cap = 0;
    int found = 0;

    if (f == NULL)
        return 0;
    while (!found && getline(&s, &cap, f) >= 0)
        found = strstr(s, what) != NULL;
    free(s);
    fclose(f);
    return found;
}
