/* engine.c — a workload shaped like real engines (an interpreter, a
** database): many small functions called millions of times, assert()s
** compiled out, every function profiled (bench/run builds it with
** MEMLINE_FUNCTIONS='*').
**
** A bytecode interpreter runs a small program (a loop that sums, compares
** and calls into the store) through a dispatch switch and value helpers; a
** B-tree of pages (malloc'd, split when full) with page helpers stores the
** keys the program computes. Prints a checksum of both.
**
**   engine [ITERATIONS] */
#define NDEBUG
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- values ---- */

enum kind { K_INT, K_BOOL };

struct value {
    enum kind kind;
    long n;
};

static struct value make_int(long n)
{
    struct value v;
    v.kind = K_INT;
    v.n = n;
    return v;
}

static struct value make_bool(int b)
{
    struct value v;
    v.kind = K_BOOL;
    v.n = b != 0;
    return v;
}

static int is_true(struct value v)
{
    assert(v.kind == K_BOOL || v.kind == K_INT);
    return v.n != 0;
}

static struct value add(struct value a, struct value b)
{
    assert(a.kind == K_INT && b.kind == K_INT);
    return make_int(a.n + b.n);
}

static struct value less(struct value a, struct value b)
{
    assert(a.kind == K_INT && b.kind == K_INT);
    return make_bool(a.n < b.n);
}

/* ---- B-tree of pages ---- */

#define FANOUT 32

struct page {
    int nkeys;
    int leaf;
    long keys[FANOUT];
    struct page *kids[FANOUT + 1];
};

static struct page *page_new(int leaf)
{
    struct page *p = calloc(1, sizeof *p);
    p->leaf = leaf;
    return p;
}

static int page_full(const struct page *p)
{
    return p->nkeys == FANOUT;
}

static long page_key(const struct page *p, int i)
{
    assert(i >= 0 && i < p->nkeys);
    return p->keys[i];
}

/* The first slot whose key is >= key. */
static int page_find(const struct page *p, long key)
{
    int lo = 0, hi = p->nkeys;

    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (page_key(p, mid) < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void page_insert_at(struct page *p, int i, long key, struct page *right)
{
    memmove(p->keys + i + 1, p->keys + i, (size_t)(p->nkeys - i) * sizeof *p->keys);
    if (!p->leaf)
        memmove(p->kids + i + 2, p->kids + i + 1, (size_t)(p->nkeys - i) * sizeof *p->kids);
    p->keys[i] = key;
    if (!p->leaf)
        p->kids[i + 1] = right;
    p->nkeys++;
}

/* Splits the full child kid of parent at slot i. */
static void page_split(struct page *parent, int i, struct page *kid)
{
    struct page *right = page_new(kid->leaf);
    int half = FANOUT / 2;

    right->nkeys = FANOUT - half - 1;
    memcpy(right->keys, kid->keys + half + 1, (size_t)right->nkeys * sizeof *right->keys);
    if (!kid->leaf)
        memcpy(right->kids, kid->kids + half + 1, (size_t)(right->nkeys + 1) * sizeof *right->kids);
    kid->nkeys = half;
    page_insert_at(parent, i, kid->keys[half], right);
}

static void tree_insert_nonfull(struct page *p, long key)
{
    int i = page_find(p, key);

    if (i < p->nkeys && page_key(p, i) == key)
        return;
    if (p->leaf) {
        page_insert_at(p, i, key, NULL);
        return;
    }
    if (page_full(p->kids[i])) {
        page_split(p, i, p->kids[i]);
        if (key > page_key(p, i))
            i++;
        else if (key == page_key(p, i))
            return;
    }
    tree_insert_nonfull(p->kids[i], key);
}

static struct page *tree_insert(struct page *root, long key)
{
    if (page_full(root)) {
        struct page *top = page_new(0);
        top->kids[0] = root;
        page_split(top, 0, root);
        root = top;
    }
    tree_insert_nonfull(root, key);
    return root;
}

static int tree_has(const struct page *p, long key)
{
    while (p) {
        int i = page_find(p, key);
        if (i < p->nkeys && page_key(p, i) == key)
            return 1;
        p = p->leaf ? NULL : p->kids[i];
    }
    return 0;
}

static long tree_free(struct page *p)
{
    long n = p->nkeys;
    int i;

    if (!p->leaf)
        for (i = 0; i <= p->nkeys; i++)
            n += tree_free(p->kids[i]);
    free(p);
    return n;
}

/* ---- the interpreter ---- */

enum op { OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_LESS, OP_JUMP_IF, OP_INSERT, OP_HAS, OP_HALT };

struct instr {
    enum op op;
    long arg;
};

struct vm {
    struct value stack[64];
    int sp;
    struct value vars[4];
    struct page *root;
    long found;
};

static void push(struct vm *vm, struct value v)
{
    assert(vm->sp < 64);
    vm->stack[vm->sp++] = v;
}

static struct value pop(struct vm *vm)
{
    assert(vm->sp > 0);
    return vm->stack[--vm->sp];
}

static void step_insert(struct vm *vm)
{
    struct value v = pop(vm);
    vm->root = tree_insert(vm->root, v.n % 100003);
}

static void step_has(struct vm *vm)
{
    struct value v = pop(vm);
    vm->found += tree_has(vm->root, (v.n * 7) % 100003);
}

static void run(struct vm *vm, const struct instr *code)
{
    int pc = 0;

    for (;;) {
        const struct instr *in = &code[pc++];
        switch (in->op) {
        case OP_PUSH:
            push(vm, make_int(in->arg));
            break;
        case OP_LOAD:
            push(vm, vm->vars[in->arg]);
            break;
        case OP_STORE:
            vm->vars[in->arg] = pop(vm);
            break;
        case OP_ADD: {
            struct value b = pop(vm), a = pop(vm);
            push(vm, add(a, b));
            break;
        }
        case OP_LESS: {
            struct value b = pop(vm), a = pop(vm);
            push(vm, less(a, b));
            break;
        }
        case OP_JUMP_IF:
            if (is_true(pop(vm)))
                pc = (int)in->arg;
            break;
        case OP_INSERT:
            step_insert(vm);
            break;
        case OP_HAS:
            step_has(vm);
            break;
        case OP_HALT:
            return;
        }
    }
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    /* i = 0; do { insert(i * 13); has(i); i = i + 1; } while (i < n) */
    const struct instr code[] = {
        {OP_PUSH, 0}, {OP_STORE, 0}, {OP_LOAD, 0},    {OP_PUSH, 13}, {OP_ADD, 0},
        {OP_LOAD, 0}, {OP_ADD, 0},   {OP_INSERT, 0},  {OP_LOAD, 0},  {OP_HAS, 0},
        {OP_LOAD, 0}, {OP_PUSH, 1},  {OP_ADD, 0},     {OP_STORE, 0}, {OP_LOAD, 0},
        {OP_PUSH, n}, {OP_LESS, 0},  {OP_JUMP_IF, 2}, {OP_HALT, 0},
    };
    struct vm vm;

    memset(&vm, 0, sizeof vm);
    vm.root = page_new(1);
    run(&vm, code);
    printf("%ld %ld %ld\n", vm.vars[0].n, vm.found, tree_free(vm.root));
    return 0;
}
