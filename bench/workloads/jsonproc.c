/*
** jsonproc.c — a realistic text processor: generates a JSON document of
** records, parses it into a tree (recursive descent, realloc-grown arrays,
** strdup'd strings), sums a field over the tree, re-serialises it into a
** growing buffer and frees everything. The parser is the profiled code.
*/
#include <memline.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum kind { NUM, STR, ARR, OBJ };

struct node {
    enum kind kind;
    double num;
    char *str;           /* STR value, or OBJ member key */
    struct node **items; /* ARR elements / OBJ members */
    size_t n, cap;
};

struct buf {
    char *p;
    size_t len, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
        if (!b->p)
            abort();
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

static void puts_(struct buf *b, const char *s)
{
    put(b, s, strlen(s));
}

static void skip(const char **s)
{
    while (isspace((unsigned char)**s))
        (*s)++;
}

static void add(struct node *parent, struct node *child)
{
    if (parent->n == parent->cap) {
        parent->cap = parent->cap ? parent->cap * 2 : 4;
        parent->items = realloc(parent->items, parent->cap * sizeof *parent->items);
        if (!parent->items)
            abort();
    }
    parent->items[parent->n++] = child;
}

static char *parse_string(const char **s)
{
    const char *start = ++*s;
    char *out;
    while (**s && **s != '"')
        (*s)++;
    out = malloc((size_t)(*s - start) + 1);
    if (!out)
        abort();
    memcpy(out, start, (size_t)(*s - start));
    out[*s - start] = 0;
    if (**s)
        (*s)++;
    return out;
}

MEMLINE_PROFILE
static struct node *parse(const char **s)
{
    struct node *n = calloc(1, sizeof *n);
    if (!n)
        abort();
    skip(s);
    if (**s == '{' || **s == '[') {
        int object = **s == '{';
        n->kind = object ? OBJ : ARR;
        (*s)++;
        skip(s);
        while (**s && **s != '}' && **s != ']') {
            char *key = NULL;
            struct node *child;
            if (object) {
                key = parse_string(s);
                skip(s);
                (*s)++;
            }
            child = parse(s);
            child->str = child->kind == STR ? child->str : key;
            if (child->kind == STR)
                free(key);
            add(n, child);
            skip(s);
            if (**s == ',')
                (*s)++;
            skip(s);
        }
        if (**s)
            (*s)++;
    } else if (**s == '"') {
        n->kind = STR;
        n->str = parse_string(s);
    } else {
        char *end;
        n->kind = NUM;
        n->num = strtod(*s, &end);
        *s = end;
    }
    return n;
}

static double total(const struct node *n)
{
    double t = n->kind == NUM ? n->num : 0;
    size_t i;
    for (i = 0; i < n->n; i++)
        t += total(n->items[i]);
    return t;
}

static void dump(const struct node *n, struct buf *b)
{
    char num[64];
    size_t i;
    switch (n->kind) {
    case NUM:
        snprintf(num, sizeof num, "%g", n->num);
        puts_(b, num);
        break;
    case STR:
        puts_(b, "\"");
        puts_(b, n->str);
        puts_(b, "\"");
        break;
    default:
        puts_(b, n->kind == OBJ ? "{" : "[");
        for (i = 0; i < n->n; i++) {
            if (i)
                puts_(b, ",");
            if (n->kind == OBJ && n->items[i]->kind != STR && n->items[i]->str) {
                puts_(b, "\"");
                puts_(b, n->items[i]->str);
                puts_(b, "\":");
            }
            dump(n->items[i], b);
        }
        puts_(b, n->kind == OBJ ? "}" : "]");
    }
}

static void release(struct node *n)
{
    size_t i;
    for (i = 0; i < n->n; i++)
        release(n->items[i]);
    free(n->items);
    free(n->str);
    free(n);
}

int main(int argc, char **argv)
{
    int records = argc > 1 ? atoi(argv[1]) : 100000, rounds = argc > 2 ? atoi(argv[2]) : 3;
    struct buf doc = {NULL, 0, 0};
    unsigned long long check = 0;
    int r, i;
    char rec[160];
    puts_(&doc, "[");
    for (i = 0; i < records; i++) {
        snprintf(rec, sizeof rec, "%s{\"id\": %d, \"score\": %d.5, \"tags\": [%d, %d, %d]}",
                 i ? ", " : "", i, i % 97, i % 7, i % 11, i % 13);
        puts_(&doc, rec);
    }
    puts_(&doc, "]");
    for (r = 0; r < rounds; r++) {
        const char *s = doc.p;
        struct node *root = parse(&s);
        struct buf out = {NULL, 0, 0};
        dump(root, &out);
        check += (unsigned long long)total(root) + out.len;
        free(out.p);
        release(root);
    }
    free(doc.p);
    printf("%llu\n", check);
    return 0;
}
