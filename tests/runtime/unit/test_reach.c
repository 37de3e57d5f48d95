/* Unit tests of runtime/reach.h: the scan over blocks of known contents.
** The blocks are made by hand in mmap memory and entered in the block map
** with their owners, as leaks.c would, by another thread (so that no stale
** word of this thread's stack points at them); a global of this program
** is the only root that points at them, and the test keeps their
** addresses hidden. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>

#include "blockmap.h"
#include "reach.h"

#define NBLOCKS 6
#define BLOCK 64

/* Made-up blocks: 0 <- root; 0 -> 1 (at +8) -> 2 (interior pointer, at
** +16); 3 <-> 4 a cycle nothing reaches; 5 held through an XOR. */
#define KEY ((uintptr_t)0x5a5a5a5a5a5a5a5aULL)

static uintptr_t hidden_blocks[NBLOCKS]; /* address ^ KEY */
uintptr_t *test_reach_root;
uintptr_t test_reach_hidden;

static uintptr_t *block(int i)
{
    return (uintptr_t *)(hidden_blocks[i] ^ KEY);
}

struct seen {
    int reachable[NBLOCKS];
    unsigned index[NBLOCKS];
};

static void note(void *ctx, unsigned index, unsigned site, unsigned line, long long bytes,
                 int reachable)
{
    struct seen *s = ctx;

    assert_int_equal(site, 7);
    assert_true(line < NBLOCKS);
    assert_int_equal(bytes, BLOCK);
    s->reachable[line] = reachable;
    s->index[line] = index;
}

static void *make_blocks(void *arg)
{
    char *area = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int i;

    (void)arg;
    if (area == MAP_FAILED)
        return arg;
    for (i = 0; i < NBLOCKS; i++) {
        uintptr_t b = (uintptr_t)(area + 2 * BLOCK * i);
        struct mlbm_entry *e = mlbm_slot(b);

        if (!e)
            return arg;
        *e = (struct mlbm_entry){BLOCK, 7, (unsigned)i, 0, 0, 0, 0};
        mlbm_hold(e, b);
        hidden_blocks[i] = b ^ KEY;
    }
    test_reach_root = block(0);
    block(0)[1] = (uintptr_t)block(1);
    block(1)[2] = (uintptr_t)block(2) + 24;
    block(3)[0] = (uintptr_t)block(4);
    block(4)[0] = (uintptr_t)block(3);
    test_reach_hidden = (uintptr_t)block(5) ^ KEY;
    return area;
}

static int setup(void **state)
{
    pthread_t maker;
    void *made = NULL;

    (void)state;
    if (pthread_create(&maker, NULL, make_blocks, NULL) != 0 || pthread_join(maker, &made) != 0)
        return -1;
    return made ? 0 : -1;
}

static void test_reachable_and_lost(void **state)
{
    struct seen s;

    (void)state;
    memset(&s, 0xff, sizeof s);
    assert_int_equal(mlrc_scan(), 0);
    mlrc_each(note, &s);
    assert_int_equal(s.reachable[0], 1);
    assert_int_equal(s.reachable[1], 1);
    assert_int_equal(s.reachable[2], 1); /* through an interior pointer */
    assert_int_equal(s.reachable[3], 0); /* a cycle alone is lost */
    assert_int_equal(s.reachable[4], 0);
    assert_int_equal(s.reachable[5], 0); /* hidden by XOR */
}

static void test_shortest_chain_from_the_global(void **state)
{
    struct mlrc_hop hops[MLRC_MAX_HOPS];
    struct seen s;
    unsigned skipped;

    (void)state;
    assert_int_equal(mlrc_scan(), 0);
    mlrc_each(note, &s);
    assert_int_equal(mlrc_path(s.index[2], hops, &skipped), 4);
    assert_int_equal(skipped, 0);
    assert_true(hops[0].is_root);
    assert_int_equal(hops[0].root->kind, MLRO_GLOBAL);
    assert_true(hops[0].word == (uintptr_t)&test_reach_root);
    assert_true(!hops[1].is_root && hops[1].line == 0 && hops[1].offset == 8);
    assert_true(!hops[2].is_root && hops[2].line == 1 && hops[2].offset == 16);
    assert_true(!hops[3].is_root && hops[3].line == 2);
    assert_int_equal(mlrc_path(s.index[3], hops, &skipped), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reachable_and_lost),
        cmocka_unit_test(test_shortest_chain_from_the_global),
    };

    if (mlbm_start() != 0)
        return 1;
    return cmocka_run_group_tests(tests, setup, NULL);
}
