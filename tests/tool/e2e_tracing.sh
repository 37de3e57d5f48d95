#!/usr/bin/env bash
# e2e_tracing.sh — tracing on and off (memline_start, memline_stop,
# memline_is_tracing, MEMLINE_START=0), exactly: tracing_prog.c's tables
# (a loop traced then stopped; blocks allocated while stopped and freed
# while tracing, and the other way round; a stop in a profiled function
# and a start deeper in the stack), with per-line leaks and the peak too;
# MEMLINE_START=0 and a bad value; every allocating entry point while
# stopped (tracing_blocks.c); fork while stopped (tracing_fork.c); threads
# that allocate while main stops and starts tracing (tracing_threads.c).
# Sizes are glibc's usable sizes on Debian bookworm (malloc(2000): 2008).
# Usage: e2e_tracing.sh BUILD_DIR SOURCE_DIR
. "$(dirname "$0")/common.sh" "$@"
lines() { # FILE: each function's name, calls and lines that ran
    jq -c '.functions[] | [.name, .calls, [.lines[] | [.line, .increment, .occurrences, .allocs, .frees]]]' "$1"
}
expect_lines() { # FILE, then the expected lines on stdin
    cat >"$1.expected"
    lines "$1" | diff -u "$1.expected" - >&2 || fail "$1: the tables differ"
}

cp "$src"/tracing_prog.c "$src"/tracing_blocks.c "$src"/tracing_fork.c "$src"/tracing_threads.c .
memline-cc -g -o prog tracing_prog.c
MEMLINE_FORMAT=json MEMLINE_OUTPUT=prog.json ./prog >out.txt
[ "$(cat out.txt)" = "tracing 1, traced 608" ] || fail "prog printed $(cat out.txt)"
# loop(3) traced, loop(5) not; keep[0] (stopped) freed at 48 changes
# nothing; keep[1] (traced) freed at 50 while stopped: no line gets it,
# and Mem usage at 51 is back to 0; deeper(), entered while stopped,
# records from its start on; outer's line 31 (stopped) allocates nothing
# that counts.
expect_lines prog.json <<'END'
["loop",1,[[11,0,1,0,0],[16,0,4,0,0],[17,0,3,3,3]]]
["deeper",0,[[23,0,1,0,0],[24,504,1,1,0]]]
["outer",1,[[27,0,1,0,0],[32,504,1,1,0],[33,104,1,1,0]]]
["main",1,[[36,0,1,0,0],[41,0,1,0,0],[42,0,1,3,3],[46,0,1,0,0],[47,2008,1,1,0],[48,0,1,0,0],[51,0,1,0,0],[52,608,1,2,0],[53,0,1,0,0],[54,0,1,0,0],[55,4104,1,1,0],[56,0,1,0,0]]]
END
mem() { jq -c "[.functions[] | select(.name == \"$2\") | .lines[] | select(.line == $3) | .mem_usage][0]" "$1"; }
[ "$(mem prog.json main 47)" = 2008 ] && [ "$(mem prog.json main 51)" = 0 ] &&
    [ "$(mem prog.json main 52)" = 608 ] || fail "prog.json: Mem usage"

# Leaks and the peak: only traced blocks that are still live.
MEMLINE_LEAKS=1 MEMLINE_COLUMNS=at_peak MEMLINE_FORMAT=json MEMLINE_OUTPUT=leaks.json ./prog >/dev/null
got=$(jq -c '[.leaks[] | [.line, .bytes, .blocks]], .peak.bytes, .peak.in_lines' leaks.json | tr '\n' ' ')
[ "$got" = '[[55,4104,1],[24,504,1],[33,104,1]] 4712 4712 ' ] || fail "leaks.json: leaks and peak $got"
lines leaks.json | cmp -s - <(lines prog.json) || fail "leaks.json: the tables differ from prog.json's"

# Started stopped: nothing before the first memline_start().
MEMLINE_START=0 MEMLINE_FORMAT=json MEMLINE_OUTPUT=start0.json ./prog >/dev/null
expect_lines start0.json <<'END'
["deeper",0,[[23,0,1,0,0],[24,504,1,1,0]]]
["outer",1,[[27,0,1,0,0],[32,504,1,1,0],[33,104,1,1,0]]]
["main",0,[[46,0,1,0,0],[47,2008,1,1,0],[48,0,1,0,0],[51,0,1,0,0],[52,608,1,2,0],[53,0,1,0,0],[54,0,1,0,0],[55,4104,1,1,0],[56,0,1,0,0]]]
END
MEMLINE_START=yes MEMLINE_FORMAT=json MEMLINE_OUTPUT=bad.json ./prog >/dev/null 2>err.txt
[ "$(cat err.txt)" = "memline: MEMLINE_START='yes' is not valid (accepted: 0 or 1); using 1" ] ||
    fail "MEMLINE_START=yes said: $(cat err.txt)"
lines bad.json | cmp -s - <(lines prog.json) || fail "MEMLINE_START=yes did not trace from the start"

# Every entry point while stopped, plain and with the block map.
memline-cc -g -o blocks tracing_blocks.c
./blocks >blocks.txt 2>/dev/null || fail "blocks: $(cat blocks.txt)"
MEMLINE_LEAKS=1 MEMLINE_COLUMNS=at_peak ./blocks >blocks.txt 2>/dev/null || fail "blocks (leaks): $(cat blocks.txt)"

# Fork while stopped: each process reports its own traced blocks (the
# child's records start empty, so its main has no call).
memline-cc -g -o fork tracing_fork.c
MEMLINE_FORMAT=json MEMLINE_OUTPUT='fork_%p.json' ./fork
[ "$(ls fork_*.json | wc -l)" = 2 ] || fail "fork: not two reports"
got=$(for f in fork_*.json; do lines "$f"; done | sort | tr '\n' ' ')
[ "$got" = '["main",0,[[21,0,1,0,0],[22,3000,1,1,0],[23,0,1,0,0],[24,0,1,0,0]]] ["main",1,[[11,0,1,0,0],[27,0,1,0,0],[28,5000,1,1,0],[29,0,1,0,0],[30,0,1,0,0]]] ' ] ||
    fail "fork: $got"

# Threads: the traced heap back to the byte; no thread's lines count a
# release they did not count the allocation of.
memline-cc -O1 -g -pthread -o threads tracing_threads.c
for run in 1 2 3; do
    MEMLINE_FORMAT=json MEMLINE_OUTPUT=threads.json ./threads >threads.txt
    [ "$(cat threads.txt)" = "toggled yes, traced change 0" ] || fail "threads: $(cat threads.txt)"
    jq -e '[.functions[] | select(.name == "worker") | .lines[]] | (map(.frees) | add) <= (map(.allocs) | add) and (map(.allocs) | add) <= 1600000' \
        threads.json >/dev/null || fail "threads.json: more releases than allocations"
done
MEMLINE_LEAKS=1 MEMLINE_COLUMNS=at_peak MEMLINE_FORMAT=json MEMLINE_OUTPUT=threads.json ./threads >threads.txt
[ "$(cat threads.txt)" = "toggled yes, traced change 0" ] || fail "threads (leaks): $(cat threads.txt)"
[ "$(jq '[.functions[] | select(.name == "worker") | .lines[].leaked] | add' threads.json)" = 0 ] ||
    fail "threads (leaks): a worker line leaks"
echo "e2e_tracing: all passed"
