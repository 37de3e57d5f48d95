#!/usr/bin/env bash
# e2e_shared_tick.sh — a call of a function counted by its callers
# (bycaller.h) that is evaluated once each time a condition with a tick of
# its own is tested shares that tick (the left of &&, a call's arguments,
# the condition of ?:), and one evaluated once in each pass of a
# straight-line run shares the run's, and one evaluated once by a statement
# with a tick of its own the statement's; the right of &&, a branch of ?:,
# sizeof's operand and a condition or statement whose line another
# statement shares keep ticks of their own. The report is the one of the same program whose get and inc are
# entered themselves (their addresses taken), exactly, in every probe form.
. "$(dirname "$0")/common.sh" "$@"

cp "$src/../instrumenter/golden/shared_tick.c" prog.c
# The same number of lines in both: only the last one differs.
{ cat prog.c; echo '/* get and inc are counted by their callers */'; } >counted.c
{ cat prog.c; echo 'int (*volatile taken_get)(const int *) = get; int (*volatile taken_inc)(int) = inc;'; } >entered.c

MEMLINE_FUNCTIONS='*' MEMLINE_KEEP=keep memline-cc -O2 counted.c -o counted
MEMLINE_FUNCTIONS='*' memline-cc -O2 entered.c -o entered
[ "$(grep -c 'memline_enter_leaf(&memline__site_' keep/counted.c)" = 3 ] ||
    fail "not 3 leaves (find, both and sum): get and inc are not counted by their callers"
for shared in 'memline_leaf_loop_cond(memline__l, 12, !!((get(v + mid)) < key))' \
    'memline_loop_cond_tick(memline__f, 7, !!((get(copy + i)) > c && ((void)memline_loop_tick(memline__f, 24), inc(c)) < 4))' \
    'memline_loop_cond_tick(memline__f, 11, !!((inc((get(v + i)))) > c - 3))' \
    'memline_loop_cond_tick(memline__f, 13, !!(sizeof(((void)memline_loop_tick(memline__f, 27), inc(i))) == 1))' \
    'memline_loop_cond_tick(memline__f, 15, !!((get(v + i)) ? c < 20 : 0))' \
    'memline_loop_cond_tick(memline__f, 17, !!(((void)memline_loop_tick(memline__f, 28), inc(c)) < 25))' \
    '    int a = (get(v + i)), b = (inc(i));' \
    '    a += (inc(b)) > 3 ? ((void)memline_leaf_tick(memline__l, 6), get(v)) : 0;' \
    '    { (void)0; return a + (inc(a)); }' \
    '        { s += (get(v + i)); memline_leaf_loop_tick(memline__l, 4); }' \
    '{ s += ((void)memline_leaf_loop_tick(memline__l, 8), inc(i)); memline_leaf_loop_tick(memline__l, 5); }'; do
    grep -qF "$shared" keep/counted.c || fail "not in the rewrite: $shared"
done
for v in counted entered; do
    [ "$(MEMLINE_OUTPUT=/dev/null ./$v)" = "160 240 100" ] || fail "$v: the program's output changed"
done

numbers() { # report
    jq -c '[.functions[] | {name, calls,
        lines: [.lines[] | [.line, .occurrences, .mem_usage, .increment, .allocs, .frees]]}]' "$1" |
        sed 's/counted\.c\|entered\.c//g'
}
MEMLINE_FORMAT=json MEMLINE_OUTPUT=entered.json ./entered >/dev/null
numbers entered.json >entered.numbers
MEMLINE_FORMAT=json MEMLINE_OUTPUT=counted.json ./counted >/dev/null
numbers counted.json >counted.numbers
check_same entered.numbers counted.numbers

calls() { jq --arg f "$1" '.functions[] | select(.name == $f) | .calls' counted.json; }
runs() { # function line
    jq --arg f "$1" --argjson l "$2" '.functions[] | select(.name == $f) | .lines[] |
        select(.line == $l) | .occurrences' counted.json
}
# As a plain build with counters in get and inc counts them.
[ "$(calls get)" = 266 ] || fail "get: $(calls get) calls, not 266"
[ "$(calls inc)" = 198 ] || fail "inc: $(calls inc) calls, not 198"
[ "$(runs get 13)" = 266 ] || fail "get's line 13: not 266 runs"
[ "$(runs find 26)" = 36 ] || fail "find's line 26: not 36 tests"
[ "$(runs count 45)" = 40 ] || fail "count's line 45: not 40 tests"
[ "$(runs count 51)" = 118 ] || fail "count's line 51: not 118 tests and runs"
[ "$(runs both 60)" = 10 ] || fail "both's line 60: not 10 runs"
[ "$(runs sum 69)" = 10 ] || fail "sum's line 69: not 10 runs"

for variant in inline call O0; do
    report_variant counted $variant
    numbers $variant.json >$variant.numbers
    check_same counted.numbers $variant.numbers
done
echo "ok"
