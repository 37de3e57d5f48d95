#!/usr/bin/env bash
# e2e_break.sh — MEMLINE_BREAK_ABOVE: under gdb in batch mode the program
# stops with SIGTRAP in the profiled function, at the line whose run took
# the live heap above the threshold, after one line on stderr naming it.
# Without a debugger SIGTRAP ends the program; without the variable
# nothing happens. Usage: e2e_break.sh BUILD_DIR SOURCE_DIR
. "$(dirname "$0")/common.sh" "$@"

cp "$src/break_prog.c" grow.c
memline-cc -g -O0 -o grow grow.c

MEMLINE_BREAK_ABOVE=1MiB gdb -nx -batch -ex run -ex bt -ex 'print blocks[10] != 0 && blocks[11] == 0' ./grow >gdb.txt 2>&1 || true
grep -q '^Program received signal SIGTRAP' gdb.txt || { cat gdb.txt; fail "gdb did not stop on SIGTRAP"; }
grep -q '^memline: live heap 1.0 MiB is above MEMLINE_BREAK_ABOVE (1.0 MiB) after grow.c:12 in grow(); stopping with SIGTRAP$' gdb.txt ||
    { cat gdb.txt; fail "no line naming grow.c:12"; }
grep -Eq '^#[0-9]+ .*grow \(\) at grow.c:12$' gdb.txt || { cat gdb.txt; fail "the stop is not at grow.c:12"; }
# 11 blocks of 100000 bytes (usable 100008) are the first above 1 MiB.
grep -q '^\$1 = 1$' gdb.txt || { cat gdb.txt; fail "stopped at the wrong iteration"; }

status=0
MEMLINE_BREAK_ABOVE=1MiB ./grow 2>err.txt || status=$?
[ $status -eq $((128 + 5)) ] || fail "without a debugger: exit status $status"
./grow 2>err.txt || fail "without MEMLINE_BREAK_ABOVE: exit status $?"
MEMLINE_BREAK_ABOVE=1GiB ./grow 2>err.txt || fail "below the threshold: exit status $?"
status=0
MEMLINE_BREAK_ABOVE=lots ./grow 2>err.txt || status=$?
grep -q "^memline: MEMLINE_BREAK_ABOVE='lots' is not valid" err.txt && [ $status -eq 0 ] ||
    fail "bad value: $status $(cat err.txt)"
echo ok
