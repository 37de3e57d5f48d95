#!/usr/bin/env bash
# e2e_leaf.sh — functions from which no allocation is reachable get no
# frame (memline_enter_leaf) and lines that call nothing which can
# allocate get ticks (memline/probe.h), every function selected: the
# report holds the same exact numbers in every probe form (default,
# MEMLINE_PROBES=inline and call, -O0), through the runtime's slow entry
# (MEMLINE_LEAKS=1 turns the lean paths off) and on threads whose first
# profiled call is a leaf's; the rss backend counts the same runs; a leaf
# with no tick compiles without warnings.
. "$(dirname "$0")/common.sh" "$@"

cat >prog.c <<'SRC'
#define _GNU_SOURCE
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static int square(int x)
{
    int y = x * x;
    return y;
}

static void *worker(void *arg)
{
    char *p = malloc(1000);
    long i, s = 0;
    for (i = 0; i < 100; i++)
        s += square((int)i);
    *(long *)arg = (long)malloc_usable_size(p);
    free(p);
    return (void *)s;
}

static void *first_leaf(void *arg)
{
    return (void *)(long)square((int)(long)arg);
}

int main(void)
{
    char *keep = malloc(5000);
    long usable[3];
    void *s;
    int i;
    pthread_t t;
    for (i = 0; i < 3; i++) {
        pthread_create(&t, NULL, worker, &usable[i]);
        pthread_join(t, &s);
    }
    pthread_create(&t, NULL, first_leaf, (void *)3L);
    pthread_join(t, &s);
    printf("%d %ld %ld\n", square(7), (long)s, usable[0]);
    free(keep);
    return 0;
}
SRC

# The rewritten file: first_leaf has no frame; square, whose statements
# all run with its entry, is counted by its callers (bycaller.h): left as
# written, each of its calls counted by a tick of the caller's (in the loop,
# the statement's own tick, which the call shares).
MEMLINE_FUNCTIONS='*' MEMLINE_KEEP=keep memline-cc -O2 -pthread prog.c -o prog
[ "$(sed -n '/^static int square(int x)$/{n;p}' keep/prog.c)" = "{" ] || fail "square is instrumented"
[ "$(grep -c 'memline_enter_leaf(&memline__site_' keep/prog.c)" = 1 ] || fail "not 1 leaf (first_leaf)"
grep -qF '        { s += (square((int)i)); memline_loop_tick(memline__f, 5); }' \
    keep/prog.c || fail "the call of square does not share its statement's tick"
out=$(MEMLINE_OUTPUT=/dev/null ./prog)
[ "$out" = "49 9 1000" ] || fail "the program's output changed: $out"

# Each function's calls and, per line, occurrences, Mem usage, Increment,
# allocations and releases.
numbers() { jq -c '[.functions[] | {name, calls,
    lines: [.lines[] | [.line, .occurrences, .mem_usage, .increment, .allocs, .frees]]}]' "$1"; }
MEMLINE_FORMAT=json MEMLINE_OUTPUT=default.json ./prog >/dev/null
numbers default.json >default.numbers

line() { # function line field
    jq --arg f "$1" --argjson l "$2" ".functions[] | select(.name == \$f) | .lines[] |
        select(.line == \$l) | .$3" default.json
}
[ "$(jq '.functions[] | select(.name == "square") | .calls' default.json)" = 302 ] ||
    fail "square: not 302 calls"
[ "$(jq '.functions[] | select(.name == "first_leaf") | .calls' default.json)" = 1 ] ||
    fail "first_leaf: not 1 call"
for l in 7 9 10; do
    [ "$(line square $l occurrences)" = 302 ] || fail "square line $l: not 302 runs"
    [ "$(line square $l increment)" = 0 ] || fail "square line $l: an increment"
    [ "$(line square $l allocs)" = 0 ] || fail "square line $l: allocations"
done
[ "$(line worker 18 occurrences)" = 300 ] || fail "worker line 18: not 300 runs"
[ "$(line worker 17 occurrences)" = 303 ] || fail "worker line 17: not 303 condition tests"
[ "$(line worker 15 increment)" = 3000 ] || fail "worker line 15: increment not 3 x 1000"
[ "$(line worker 20 increment)" = -3000 ] || fail "worker line 20: increment not -3 x 1000"
# A tick shows the memory of the frame's last full probe: the malloc's.
for l in 16 17 18; do
    [ "$(line worker $l mem_usage)" = "$(line worker 15 mem_usage)" ] ||
        fail "worker line $l: Mem usage not line 15's"
done
# square's lines show the memory its callers' ticks saw, the most of any
# call: main's (after the join before its call, line 41) or a worker's
# (after line 15).
a=$(line main 41 mem_usage) b=$(line worker 15 mem_usage)
want=$((a > b ? a : b))
for l in 7 9 10; do
    [ "$(line square $l mem_usage)" = "$want" ] || fail "square line $l: Mem usage not $want"
done

for variant in inline call O0 leaks; do
    report_variant prog $variant -pthread
    numbers $variant.json >$variant.numbers
    check_same default.numbers $variant.numbers
done

runs() { jq -c '[.functions[] | {name, calls, lines: [.lines[] | [.line, .occurrences]]}]' "$1"; }
MEMLINE_BACKEND=rss MEMLINE_FORMAT=json MEMLINE_OUTPUT=rss.json ./prog >/dev/null
runs default.json >default.runs
runs rss.json >rss.runs
check_same default.runs rss.runs

# A leaf whose statements produce no code (preprocessed away, assert()
# under NDEBUG) has no tick: its entry must not trip -Wunused-variable.
cat >empty.c <<'SRC'
#include <assert.h>
static int table[4];
void init(void)
{
#ifdef NOPE
    table[0] = 1;
#endif
}
int check(int x)
{
    assert(x > 0);
    return table[x & 3];
}
int main(void)
{
    init();
    return check(1);
}
SRC
MEMLINE_FUNCTIONS='*' memline-cc -DNDEBUG -Wall -Wextra -O2 empty.c -o empty 2>err ||
    fail "empty leaf: $(cat err)"
[ ! -s err ] || fail "empty leaf: $(cat err)"
MEMLINE_FORMAT=json MEMLINE_OUTPUT=empty.json ./empty
[ "$(jq -c '[.functions[] | [.name, .calls]]' empty.json)" = '[["init",1],["check",1],["main",1]]' ] ||
    fail "empty leaf: $(jq -c '[.functions[] | [.name, .calls]]' empty.json)"
echo "ok"
