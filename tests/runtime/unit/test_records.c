/* Unit tests of runtime/records.c: site registry, per-thread record blocks,
** merging of dead and live threads, pooling of thread states. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <string.h>

#include "records.h"

static const char *const text3[] = {"MEMLINE_PROFILE", "void f(void) {", "}"};
static struct memline_site site_a = {
    MEMLINE_PROBE_VERSION, 0, "r.c", "a", 1, 3, text3, 0, 0, 0, 0, 0, 0};
static struct memline_site site_b = {
    MEMLINE_PROBE_VERSION, 0, "r.c", "b", 5, 7, text3, 0, 0, 0, 0, 0, 0};
static struct memline_site site_c = {
    MEMLINE_PROBE_VERSION, 0, "r.c", "c", 9, 11, text3, 0, 0, 0, 0, 0, 0};
static struct memline_site site_old = {
    MEMLINE_PROBE_VERSION + 1, 0, "r.c", "old", 1, 3, text3, 0, 0, 0, 0, 0, 0};
static struct memline_site site_bad = {
    MEMLINE_PROBE_VERSION, 0, "r.c", "bad", 9, 8, text3, 0, 0, 0, 0, 0, 0};

static void test_register_assigns_ids_once(void **state)
{
    unsigned count = mlrec_count(), id;

    (void)state;
    assert_int_equal(mlrec_register(&site_a), 0);
    id = site_a.id;
    assert_true(id > 0);
    assert_int_equal(mlrec_register(&site_a), 0);
    assert_int_equal(site_a.id, id);
    assert_int_equal(mlrec_register(&site_b), 0);
    assert_true(site_b.id > 0 && site_b.id != id);
    assert_int_equal(mlrec_count(), count + 2);
}

static void test_refused_sites_get_no_id(void **state)
{
    unsigned count = mlrec_count();

    (void)state;
    assert_int_equal(mlrec_register(&site_old), -1);
    assert_int_equal(mlrec_register(&site_bad), -1);
    assert_int_equal(site_old.id, 0);
    assert_int_equal(site_bad.id, 0);
    assert_int_equal(mlrec_count(), count);
}

static void *lines_of_a(void *arg)
{
    (void)arg;
    return mlrec_lines(&site_a);
}

static void test_blocks_are_per_thread(void **state)
{
    struct memline_line *a, *b, *other;
    pthread_t t;
    unsigned i;

    (void)state;
    mlrec_register(&site_a);
    mlrec_register(&site_b);
    a = mlrec_lines(&site_a);
    b = mlrec_lines(&site_b);
    assert_non_null(a);
    assert_non_null(b);
    assert_ptr_not_equal(a, b);
    assert_ptr_equal(mlrec_lines(&site_a), a);
    for (i = 0; i < 3; i++)
        assert_int_equal(b[i].occurrences, 0);
    assert_int_equal(pthread_create(&t, NULL, lines_of_a, NULL), 0);
    assert_int_equal(pthread_join(t, (void **)&other), 0);
    assert_non_null(other);
    assert_ptr_not_equal(other, a);
}

static struct memline_line merged_c[3];

static void keep_c(void *ctx, const struct memline_site *s, const struct memline_line *merged)
{
    (void)ctx;
    if (s->id == site_c.id)
        memcpy(merged_c, merged, sizeof merged_c);
}

static void *record_in_thread(void *arg)
{
    struct memline_line *l = mlrec_lines(&site_c);
    unsigned i;

    for (i = 0; i < 3; i++)
        if (l[i].occurrences || l[i].increment || l[i].mem_usage)
            return NULL; /* a pooled block that was not zeroed */
    l[1].occurrences = 3;
    l[1].increment = -40;
    l[1].mem_usage = 800;
    l[1].peak = 900;
    l[1].frees = 2;
    (void)arg;
    return l;
}

/* Another thread runs r's second run 5 times, at a higher memory. */
static void *run_in_thread(void *arg)
{
    struct memline_line *l = mlrec_lines(arg);

    l[5].occurrences = 5;
    l[5].mem_usage = 90;
    return NULL;
}

static void test_merge_adds_dead_and_live_threads(void **state)
{
    struct memline_line *mine, *theirs = NULL;
    pthread_t t;
    int round;

    (void)state;
    mlrec_register(&site_c);
    mine = mlrec_lines(&site_c);
    mine[1].occurrences = 2;
    mine[1].increment = 100;
    mine[1].mem_usage = 500;
    mine[1].peak = 600;
    mine[1].allocs = 1;
    /* Two threads one after the other: the second reuses the first's
    ** pooled, zeroed state. */
    for (round = 0; round < 2; round++) {
        assert_int_equal(pthread_create(&t, NULL, record_in_thread, NULL), 0);
        assert_int_equal(pthread_join(t, (void **)&theirs), 0);
        assert_non_null(theirs);
    }
    mlrec_merge(keep_c, NULL);
    assert_int_equal(merged_c[0].occurrences, 0);
    assert_int_equal(merged_c[1].occurrences, 8);
    assert_int_equal(merged_c[1].increment, 20);
    assert_int_equal(merged_c[1].mem_usage, 800);
    assert_int_equal(merged_c[1].peak, 900);
    assert_int_equal(merged_c[1].allocs, 1);
    assert_int_equal(merged_c[1].frees, 4);
}

static void test_add_skips_lines_that_never_ran(void **state)
{
    struct memline_line dst[2] = {{0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0}};
    struct memline_line src[2] = {{5, 0, 7, 7, 0, 0}, {-10, 1, -300, -200, 0, 1}};

    (void)state;
    mlrec_add(dst, src, 2);
    assert_int_equal(dst[0].increment, 0);
    assert_int_equal(dst[0].mem_usage, 0);
    /* The first run is copied even when below zero, later runs are maxima. */
    assert_int_equal(dst[1].mem_usage, -300);
    assert_int_equal(dst[1].peak, -200);
    src[1].mem_usage = -400;
    src[1].peak = 50;
    mlrec_add(dst, src, 2);
    assert_int_equal(dst[1].mem_usage, -300);
    assert_int_equal(dst[1].peak, 50);
    assert_int_equal(dst[1].increment, -20);
    assert_int_equal(dst[1].occurrences, 2);
    assert_int_equal(dst[1].frees, 2);
}

/* A function loaded again (a plugin after dlclose, in a fresh copy of its
** data): the same identity gets the same id and the same records. */
static void test_same_function_loaded_again_shares_its_id(void **state)
{
    static const char *const text[] = {"int g(void) {", "}"};
    struct memline_site first = {
        MEMLINE_PROBE_VERSION, 0, "plug.c", "g", 4, 5, text, 0, 0, 0, 0, 0, 0};
    struct memline_site again = first, moved = first;
    unsigned count;

    (void)state;
    assert_int_equal(mlrec_register(&first), 0);
    count = mlrec_count();
    assert_int_equal(mlrec_register(&again), 0);
    assert_int_equal(again.id, first.id);
    assert_ptr_equal(mlrec_lines(&again), mlrec_lines(&first));
    assert_int_equal(mlrec_count(), count);
    moved.first_line = 3; /* another function (of two lines too) */
    moved.last_line = 4;
    assert_int_equal(mlrec_register(&moved), 0);
    assert_int_not_equal(moved.id, first.id);
}

/* A site's straight-line runs (probe.h): each pair names a line's record
** (the entry's, or a full probe's lent to the run after it) or one of the
** site's runs, and one of its lines; anything else is refused. The runs are part of the identity, and their records come
** after the lines, merged like them. */
static const char *const text4[] = {"int r(void) {", "a;", "b;", "}"};
static const unsigned good_runs[] = {0, 1, 4, 2, 5, 3, 5, 3};
static const unsigned other_runs[] = {0, 1, 4, 2, 5, 3, 5, 2};
static const unsigned line_out[] = {4, 4};
static const unsigned record_out[] = {6, 1};
static const unsigned record_in_lines[] = {2, 1};
static struct memline_line merged_r[7]; /* the site row, 4 lines, 2 runs */

/* What a merge gives one site: its records from the site row on. */
struct kept {
    unsigned id;
    struct memline_line *to;
    size_t n;
};

static void keep_one(void *ctx, const struct memline_site *s, const struct memline_line *merged)
{
    const struct kept *k = ctx;

    if (s->id == k->id)
        memcpy(k->to, merged - 1, k->n * sizeof *k->to);
}

static void test_runs_are_checked_kept_and_merged(void **state)
{
    struct memline_site r = {
        MEMLINE_PROBE_VERSION, 0, "runs.c", "r", 10, 13, text4, 2, 4, good_runs, 0, 0, 0};
    struct memline_site bad = r, other = r, copy = r, lent = r;
    struct memline_line *lines;
    unsigned pairs[8];
    pthread_t t;
    struct kept kept = {0, merged_r, 7};

    (void)state;
    bad.run_lines = line_out;
    bad.nrun_lines = 1;
    assert_int_equal(mlrec_register(&bad), -1);
    bad.run_lines = record_out;
    assert_int_equal(mlrec_register(&bad), -1);
    bad.run_lines = NULL;
    assert_int_equal(mlrec_register(&bad), -1);
    lent.first_line = 20; /* another function, whose line 21 lends its record */
    lent.last_line = 23;
    lent.run_lines = record_in_lines;
    lent.nrun_lines = 1;
    assert_int_equal(mlrec_register(&lent), 0);
    assert_int_not_equal(lent.id, 0);
    bad = r;
    bad.nruns = 1u << 20;
    assert_int_equal(mlrec_register(&bad), -1);
    assert_int_equal(bad.id, 0);

    /* The pairs are copied: the object holding them may be unloaded. */
    memcpy(pairs, good_runs, sizeof pairs);
    copy.run_lines = pairs;
    assert_int_equal(mlrec_register(&copy), 0);
    memset(pairs, 0xff, sizeof pairs);
    assert_int_equal(mlrec_site(copy.id)->run_lines[7], 3);
    assert_int_equal(mlrec_register(&r), 0);
    assert_int_equal(r.id, copy.id);
    other.run_lines = other_runs;
    assert_int_equal(mlrec_register(&other), 0);
    assert_int_not_equal(other.id, r.id);

    lines = mlrec_lines(&r);
    lines[0].occurrences = 3;
    lines[5].occurrences = 2;
    lines[5].mem_usage = 70;
    assert_int_equal(pthread_create(&t, NULL, run_in_thread, &r), 0);
    assert_int_equal(pthread_join(t, NULL), 0);
    kept.id = r.id;
    mlrec_merge(keep_one, &kept);
    assert_int_equal(merged_r[1].occurrences, 3);
    assert_int_equal(merged_r[6].occurrences, 7);
    assert_int_equal(merged_r[6].mem_usage, 90);
}

/* A function counted by its callers (probe.h, links): its site is
** registered with its caller's, never entered, and the merge adds the
** caller's records that count its calls to its entry. */
static const char *const text2[] = {"static int g(int x) {", "}"};
static struct memline_line merged_g[3]; /* the site row, 2 lines */

static void test_links_count_a_functions_calls(void **state)
{
    static struct memline_site g = {
        MEMLINE_PROBE_VERSION, 0, "links.c", "g", 1, 2, text2, 0, 0, 0, 0, 0, 0};
    static const struct memline_link links[] = {{3, &g}, {4, &g}};
    static const struct memline_link out_of_range[] = {{5, &g}};
    struct memline_site c = {
        MEMLINE_PROBE_VERSION, 0, "links.c", "c", 4, 6, text3, 2, 0, 0, 2, links, 0};
    struct memline_site bad = c, chained = c;
    struct memline_line *lines;
    struct kept kept = {0, merged_g, 3};

    (void)state;
    bad.nlinks = 1;
    bad.links = out_of_range;
    assert_int_equal(mlrec_register(&bad), -1);
    bad.links = NULL;
    assert_int_equal(mlrec_register(&bad), -1);
    assert_int_equal(mlrec_register(&c), 0);
    assert_true(g.id > 0 && g.id != c.id);
    /* a function counted by its callers counts nobody's calls itself */
    chained.function = "chained";
    chained.nlinks = 1;
    chained.links = links;
    g.nlinks = 1;
    g.links = links;
    assert_int_equal(mlrec_register(&chained), -1);
    g.nlinks = 0;
    g.links = NULL;

    lines = mlrec_lines(&c);
    lines[3].occurrences = 4;
    lines[3].mem_usage = 10;
    lines[4].occurrences = 1;
    lines[4].mem_usage = 30;
    kept.id = g.id;
    mlrec_merge(keep_one, &kept);
    assert_int_equal(merged_g[1].occurrences, 5);
    assert_int_equal(merged_g[1].mem_usage, 30);
    assert_int_equal(merged_g[2].occurrences, 0);
}

static char unloading[4][32]; /* stands for an object's segments */

static int in_unloading(const void *p, void *ctx)
{
    (void)ctx;
    return (const char *)p >= unloading[0] && (const char *)p < unloading[4];
}

static const struct memline_site *seen_h;
static char seen_h_text[2][32], seen_h_file[32];

static void keep_h(void *ctx, const struct memline_site *s, const struct memline_line *merged)
{
    (void)ctx;
    (void)merged;
    if (strcmp(s->function, "h") != 0)
        return;
    seen_h = s;
    strcpy(seen_h_file, s->file);
    strcpy(seen_h_text[0], s->text[0]);
    strcpy(seen_h_text[1], s->text[1]);
}

/* Texts inside an object being unloaded are copied: the report reads the
** copies after the object's memory is gone (here: overwritten). */
static void test_detach_copies_texts_out_of_the_object(void **state)
{
    static const char *text[2];
    struct memline_site h = {MEMLINE_PROBE_VERSION, 0, NULL, "h", 20, 21, text, 0, 0, 0, 0, 0, 0};

    (void)state;
    strcpy(unloading[0], "plugin.c");
    strcpy(unloading[1], "void h(void) {");
    strcpy(unloading[2], "}");
    h.file = unloading[0];
    text[0] = unloading[1];
    text[1] = unloading[2];
    assert_int_equal(mlrec_register(&h), 0);
    mlrec_lines(&h)[0].occurrences = 1;
    mlrec_detach(in_unloading, NULL);
    memset(unloading, 'x', sizeof unloading);
    mlrec_merge(keep_h, NULL);
    assert_non_null(seen_h);
    assert_string_equal(seen_h_file, "plugin.c");
    assert_string_equal(seen_h_text[0], "void h(void) {");
    assert_string_equal(seen_h_text[1], "}");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_register_assigns_ids_once),
        cmocka_unit_test(test_refused_sites_get_no_id),
        cmocka_unit_test(test_blocks_are_per_thread),
        cmocka_unit_test(test_merge_adds_dead_and_live_threads),
        cmocka_unit_test(test_add_skips_lines_that_never_ran),
        cmocka_unit_test(test_same_function_loaded_again_shares_its_id),
        cmocka_unit_test(test_runs_are_checked_kept_and_merged),
        cmocka_unit_test(test_links_count_a_functions_calls),
        cmocka_unit_test(test_detach_copies_texts_out_of_the_object),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
