#!/usr/bin/env bash
# e2e_brackets.sh — `memline run` on a program built with memline-cc: the
# runtime's timeline gives one FUNC bracket per profiled call with the live
# heap at entry and exit, HEAP samples, and `memline plot` draws the
# brackets with their names.
# Usage: e2e_brackets.sh BUILD_DIR SOURCE_DIR
. "$(dirname "$0")/common.sh" "$@"

memline-cc -O2 -g -o prog "$src/brackets_prog.c"
MEMLINE_OUTPUT=report.txt memline run -i 0.02 -o run.dat -- ./prog
mib=$((1 << 20))

# FUNC <name> <heap> <t0> <heap> <t1>
[ "$(grep -c '^FUNC load ' run.dat)" = 1 ] || fail "not one FUNC load: $(grep FUNC run.dat)"
[ "$(grep -c '^FUNC release ' run.dat)" = 1 ] || fail "not one FUNC release"
read -r _ _ h0 t0 h1 t1 < <(grep '^FUNC load ' run.dat)
[ "$h0" -lt "$mib" ] || fail "load entered with $h0 bytes live"
[ "$h1" -ge $((8 * mib)) ] && [ "$h1" -lt $((9 * mib)) ] || fail "load left $h1 bytes live"
# At least its 8 pauses of 25 ms, and over before the program ended (a
# time in the wrong unit shows there; how long it took does not matter).
read -r _ end _ < <(grep '^END ' run.dat)
awk -v a="$t0" -v b="$t1" -v e="$end" 'BEGIN {exit !(b - a >= 0.15 && b <= e)}' ||
    fail "load lasted $t0..$t1, the program ended at $end"
read -r _ _ r0 rt0 r1 _ < <(grep '^FUNC release ' run.dat)
[ "$r0" = "$h1" ] || fail "release entered with $r0, load left $h1"
[ "$r1" -lt "$mib" ] || fail "release left $r1 bytes live"
awk -v a="$t1" -v b="$rt0" 'BEGIN {exit !(b >= a)}' || fail "release began before load ended"
grep -q '^HEAP ' run.dat || fail "no HEAP samples"
[ "$(memline peak run.dat | grep -c .)" -ge 1 ] || fail "memline peak printed nothing"
grep -q 'Filename:' report.txt || fail "the program's own report is missing"

memline plot run.dat -o plot.svg --title "brackets_prog"
grep -q '>load' plot.svg || fail "plot has no load bracket"
grep -q '>release' plot.svg || fail "plot has no release bracket"
if command -v xmllint >/dev/null; then xmllint --noout plot.svg; fi
echo ok
