/*
** hashtable.c — allocation-heavy benchmark: builds a chained hash table of
** generated strings (strdup per key, realloc-grown bucket arrays and a
** realloc-grown list of keys), looks every key up, then frees it all.
** Prints a checksum so that every build variant can be compared.
*/
#include <memline.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry {
    char *key;
    size_t value;
    struct entry *next;
};

struct table {
    struct entry **buckets;
    size_t nbuckets;
    size_t count;
};

static size_t hash(const char *s)
{
    size_t h = 1469598103934665603u;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211u;
    return h;
}

static void grow(struct table *t)
{
    size_t n = t->nbuckets ? t->nbuckets * 2 : 64;
    struct entry **b = calloc(n, sizeof *b);
    size_t i;
    if (!b)
        abort();
    for (i = 0; i < t->nbuckets; i++) {
        struct entry *e = t->buckets[i], *next;
        for (; e; e = next) {
            next = e->next;
            e->next = b[hash(e->key) & (n - 1)];
            b[hash(e->key) & (n - 1)] = e;
        }
    }
    free(t->buckets);
    t->buckets = b;
    t->nbuckets = n;
}

MEMLINE_PROFILE
static size_t build_and_query(size_t nkeys, unsigned seed)
{
    struct table t = {NULL, 0, 0};
    char **keys = NULL;
    size_t nk = 0, cap = 0, i, sum = 0;
    char buf[32];
    for (i = 0; i < nkeys; i++) {
        struct entry *e;
        seed = seed * 1103515245u + 12345u;
        snprintf(buf, sizeof buf, "k%u-%zu", seed >> 8, i);
        if (t.count >= t.nbuckets)
            grow(&t);
        e = malloc(sizeof *e);
        if (!e)
            abort();
        e->key = strdup(buf);
        e->value = i;
        e->next = t.buckets[hash(buf) & (t.nbuckets - 1)];
        t.buckets[hash(buf) & (t.nbuckets - 1)] = e;
        t.count++;
        if (nk == cap) {
            cap = cap ? cap * 2 : 16;
            keys = realloc(keys, cap * sizeof *keys);
        }
        keys[nk++] = e->key;
    }
    for (i = 0; i < nk; i++) {
        struct entry *e = t.buckets[hash(keys[i]) & (t.nbuckets - 1)];
        while (e && strcmp(e->key, keys[i]) != 0)
            e = e->next;
        sum += e ? e->value : 0;
    }
    for (i = 0; i < t.nbuckets; i++) {
        struct entry *e = t.buckets[i], *next;
        for (; e; e = next) {
            next = e->next;
            free(e->key);
            free(e);
        }
    }
    free(t.buckets);
    free(keys);
    return sum;
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 200000;
    int rounds = argc > 2 ? atoi(argv[2]) : 5, r;
    size_t total = 0;
    for (r = 0; r < rounds; r++)
        total += build_and_query(n, (unsigned)r);
    printf("%zu\n", total);
    return 0;
}
