#!/usr/bin/env bash
# e2e_deferred.sh — deferred frames (memline/probe.h): a function that may
# return before anything that may allocate keeps the thread's marks and
# makes its frame only at the first full probe that finds a change, every
# function selected. The numbers are exact and the same in every probe form
# (default, MEMLINE_PROBES=inline and call, -O0) and with the frames made
# at the entry (MEMLINE_LEAKS=1 turns late frames off): a recursion that
# allocates at two of its 21 levels, each level's line charged with what
# the levels below it allocated; and a thread whose first frame is made so
# (its push learns the thread's stack bounds, which allocates and frees
# through malloc: not the line's); and one whose callee stops tracing.
. "$(dirname "$0")/common.sh" "$@"

cat >prog.c <<'SRC'
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static char *kept[8];
static int nkept;

static int down(int n)
{
    if (n == 0)
        return 0;
    if (n % 8 == 0)
        kept[nkept++] = malloc(24);
    int d = down(n - 1);
    return d + 1;
}

static void *worker(void *arg)
{
    if (!arg)
        return NULL;
    *(char **)arg = malloc(48);
    return arg;
}

int main(void)
{
    char *from_worker = NULL;
    pthread_t t;
    int i, d = down(20);

    pthread_create(&t, NULL, worker, &from_worker);
    pthread_join(t, NULL);
    free(from_worker);
    for (i = 0; i < nkept; i++)
        free(kept[i]);
    printf("%d %d\n", d, nkept);
    return 0;
}
SRC

MEMLINE_FUNCTIONS='*' MEMLINE_KEEP=keep memline-cc -O2 -pthread prog.c -o prog
[ "$(grep -c 'memline_marks_now()' keep/prog.c)" = 2 ] || fail "down and worker do not defer"
out=$(MEMLINE_OUTPUT=/dev/null ./prog)
[ "$out" = "20 2" ] || fail "the program's output changed: $out"

# Per function its calls and per line occurrences, Increment, allocations
# and releases (Mem usage and Peak too for down, which runs alone: main's
# lines around the thread see the worker's memory when it comes).
numbers() { jq -c '[.functions[] | .name as $n | {name, calls, lines: [.lines[] | [.line,
    .occurrences, .increment, .allocs, .frees] + (if $n == "down" then [.mem_usage, .peak]
    else [] end)]}]' "$1"; }
MEMLINE_FORMAT=json MEMLINE_OUTPUT=default.json ./prog >/dev/null
numbers default.json >default.numbers
fn() { jq -c --arg f "$1" '.functions[] | select(.name == $f) | [.calls, [.lines[] |
    [.line, .occurrences, .increment, .allocs, .frees]]]' default.json; }
# down(20): 21 calls; blocks at n = 16 and 8 (24 bytes each); line 14 gets
# what the levels below allocated: 8 levels see one block, 4 see two.
[ "$(fn down)" = '[21,[[8,21,0,0,0],[10,21,0,0,0],[11,1,0,0,0],[12,20,0,0,0],[13,2,48,2,0],[14,20,384,16,0],[15,20,0,0,0]]]' ] ||
    fail "down: $(fn down)"
[ "$(fn worker)" = '[1,[[18,1,0,0,0],[20,1,0,0,0],[22,1,56,1,0],[23,1,0,0,0]]]' ] ||
    fail "worker: $(fn worker)"

# A callee that stops tracing: the deferred function makes its frame at
# its next full probe, whose lines then record nothing, as a frame's.
cat >stop.c <<'SRC'
#include <memline.h>
#include <stdio.h>
static int quiet(int n)
{
    return n + 1;
}
static int (*volatile hook)(int) = quiet;
static void stopper(void)
{
    memline_stop();
}
static int work(int n)
{
    if (n < 0)
        return 0;
    stopper();
    n = hook(n);
    n++;
    return n;
}
int main(void)
{
    int s = work(1);
    memline_start();
    s += work(2);
    memline_start();
    printf("%d\n", s);
    return 0;
}
SRC
MEMLINE_FUNCTIONS='*' MEMLINE_KEEP=keep memline-cc -O2 stop.c -o stop
grep -q 'memline_deferred_frame(&memline__site_3, memline__m)' keep/stop.c || fail "work does not defer"
MEMLINE_FORMAT=json MEMLINE_OUTPUT=stop.json ./stop >/dev/null
got=$(jq -c '.functions[] | select(.name == "work") | [.calls, [.lines[] | [.line, .occurrences]]]' stop.json)
[ "$got" = '[2,[[12,2],[14,2]]]' ] || fail "work recorded lines while stopped: $got"

for variant in inline call O0 leaks; do
    report_variant prog $variant -pthread
    numbers $variant.json >$variant.numbers
    check_same default.numbers $variant.numbers
done
echo "ok"
