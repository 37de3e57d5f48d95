#ifndef STORE_H
#define STORE_H
struct store {
    int n;
    char **slots;
};
struct store *store_fill(int n);
void store_free(struct store *s);
unsigned store_hash(const char *s);
#endif
