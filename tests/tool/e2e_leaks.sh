#!/usr/bin/env bash
# e2e_leaks.sh — per-line leaks (MEMLINE_LEAKS=1) are exact for a program
# with known leaks (leaks_prog.c, whose work() runs twice), appear as the
# Leaked column and `leaked` in JSON, are also turned on by
# MEMLINE_COLUMNS=leaked, and are absent by default; blocks tracked while
# the process had one thread stay exact when threads it starts later
# release them (leaks_handover.c); a function written on one line.
# Usage: e2e_leaks.sh BUILD_DIR SOURCE_DIR
. "$(dirname "$0")/common.sh" "$@"

cp "$src/leaks_prog.c" leaks.c
memline-cc -g -o leaks leaks.c
MEMLINE_LEAKS=1 MEMLINE_FORMAT=json MEMLINE_OUTPUT=r.json ./leaks

leaked() { # FUNCTION LINE -> leaked bytes
    jq --arg f "$1" --argjson l "$2" \
        '.functions[] | select(.name == $f) | .lines[] | select(.line == $l) | .leaked' r.json
}
expect() { # FUNCTION LINE BYTES
    got=$(leaked "$1" "$2")
    [ "$got" = "$3" ] || fail "$1 line $2 leaked $got, expected $3"
}
expect work 22 0     # a = malloc(1000), freed
expect work 23 0     # b = malloc(2024), moved by realloc
expect work 24 80    # make(40) twice: a callee that is not profiled
expect work 25 0     # free(a)
expect work 27 192   # 2 x 5 x 24, less the 2 x 24 freed on line 29
expect work 28 8144  # realloc(b, 4072) twice
expect work 30 0     # inner()'s block belongs to inner's line
expect inner 16 112  # return malloc(56), twice
total=$(jq '[.functions[].lines[].leaked] | add' r.json)
[ "$total" = $((80 + 192 + 8144 + 112)) ] || fail "leaks add up to $total"

# The text table has the Leaked column; memline report prints the same.
MEMLINE_LEAKS=1 MEMLINE_UNIT=B MEMLINE_OUTPUT=r.txt ./leaks
grep -q '^Line #    Mem usage    Increment  Occurrences        Leaked   Line Contents$' r.txt ||
    fail "no Leaked column: $(head -3 r.txt)"
grep -q '^    28 .* 8144.0 B       b = realloc(b, 4072);$' r.txt || fail "line 28: $(grep ' 28 ' r.txt)"
memline report --unit B r.json | diff -u r.txt - >&2 || fail "memline report differs"

# MEMLINE_COLUMNS=leaked turns tracking on; nothing is tracked by default.
MEMLINE_COLUMNS=leaked MEMLINE_FORMAT=json MEMLINE_OUTPUT=c.json ./leaks
cmp <(jq '.functions' r.json) <(jq '.functions' c.json) || fail "MEMLINE_COLUMNS=leaked differs"
MEMLINE_FORMAT=json MEMLINE_OUTPUT=d.json ./leaks
! grep -q leaked d.json || fail "leaks reported without MEMLINE_LEAKS"
status=0; memline report --columns leaked d.json 2>err.txt || status=$?
[ $status -eq 2 ] && grep -q 'has no leak data' err.txt || fail "report --columns leaked without data"
# A function on one line: its statement counts on a record of its own,
# whose leaks are the line's; its calls are its entries alone.
cat > oneline.c <<'EOF'
#include <stdlib.h>
static char *mk(size_t n) { return malloc(n); }
static char *kept;
int main(void)
{
    kept = mk(56);
    free(mk(40));
    return 0;
}
EOF
MEMLINE_FUNCTIONS='*' memline-cc -g -o oneline oneline.c
MEMLINE_LEAKS=1 MEMLINE_FORMAT=json MEMLINE_OUTPUT=o.json ./oneline
got=$(jq -c '.functions[] | select(.name == "mk") | [.calls, (.lines[] | select(.line == 2) |
    .occurrences, .increment, .allocs, .leaked)]' o.json)
[ "$got" = "[2,4,96,2,56]" ] || fail "one-line mk: [calls, occurrences, increment, allocs, leaked] $got"
# One thread, then three: the table's unlocked start hands over to locks.
cp "$src/leaks_handover.c" handover.c
memline-cc -g -pthread -o handover handover.c
MEMLINE_COLUMNS=at_peak,leaked MEMLINE_FORMAT=json MEMLINE_OUTPUT=h.json ./handover
line() { jq -c --argjson l "$1" '.functions[].lines[] | select(.line == $l) | [.leaked, .at_peak]' h.json; }
[ "$(line 43)" = "[0,80000]" ] || fail "handover: main's line 43 $(line 43), expected [0,80000]"
[ "$(line 27)" = "[62400,0]" ] || fail "handover: worker's line 27 $(line 27), expected [62400,0]"
jq -e '([.functions[].lines[].at_peak] | add) == .peak.in_lines' h.json >/dev/null ||
    fail "handover: at_peak does not add up: $(jq -c .peak h.json)"
echo ok
