#!/usr/bin/env bash
# e2e_atpeak.sh — the peak's composition (MEMLINE_COLUMNS=at_peak) is exact:
# a peak made by a transient block, a peak made inside a callee that is
# not profiled (blocks pending at the snapshot and freed before their
# line's probe), the lazy snapshot's worst case against the program's own
# bookkeeping, threads, realloc, fork, on-demand reports, a crash and
# MEMLINE_BREAK_ABOVE; the text column and closing line, memline report,
# merge and diff. Sizes are glibc's usable sizes on Debian bookworm
# (an mmapped 8 MiB block: 8392688 bytes).
# Usage: e2e_atpeak.sh BUILD_DIR SOURCE_DIR
. "$(dirname "$0")/common.sh" "$@"

# FILE -> "LINE:BYTES ..." for the lines holding a share of the peak
shares() { jq -r '[.functions[].lines[] | select(.at_peak != 0) | "\(.line):\(.at_peak)"] | join(" ")' "$1"; }
expect_shares() { # FILE "LINE:BYTES ..."
    got=$(shares "$1")
    [ "$got" = "$2" ] || fail "$1: shares of the peak are '$got', expected '$2'"
}
expect_peak() { # FILE BYTES IN_LINES ELSEWHERE
    got=$(jq -r '.peak | "\(.bytes) \(.in_lines) \(.elsewhere)"' "$1")
    [ "$got" = "$2 $3 $4" ] || fail "$1: peak is '$got', expected '$2 $3 $4'"
    sum=$(jq '[.functions[].lines[].at_peak] | add' "$1")
    [ "$sum" = "$3" ] || fail "$1: the lines' at_peak add up to $sum, in_lines is $3"
}
run_json() { # OUT PROGRAM ARGS...
    local out=$1
    shift
    MEMLINE_COLUMNS=at_peak MEMLINE_FORMAT=json MEMLINE_OUTPUT=$out "$@"
}

cp "$src"/atpeak_*.c .
memline-cc -g -o prog atpeak_prog.c
memline-cc -O2 -g -o every atpeak_every.c
memline-cc -O2 -g -pthread -o threads atpeak_threads.c
memline-cc -O2 -g -o modes atpeak_modes.c

# a (8 MiB) and t (16 MiB) make the peak; b comes after t was freed.
run_json p0.json ./prog
expect_shares p0.json "26:8392688 27:16781296"
expect_peak p0.json 25173984 25173984 0
# The callee's kept block (2 MiB, pending at the snapshot) and its spike
# (32 MiB, freed before main's probe) belong to line 31.
run_json p1.json ./prog spike
expect_shares p1.json "26:8392688 30:4194312 31:35655672"
expect_peak p1.json 48242672 48242672 0

# Text: the At peak column and the closing line; memline report prints
# the same from JSON (times differ between runs).
MEMLINE_COLUMNS=at_peak MEMLINE_OUTPUT=p1.txt ./prog spike
grep -q '^Line #    Mem usage    Increment  Occurrences       At peak   Line Contents$' p1.txt ||
    fail "no At peak column: $(sed -n 3p p1.txt)"
grep -q '^    31     14.0 MiB      2.0 MiB           1      34.0 MiB       keep = ' p1.txt ||
    fail "line 31: $(grep '^    31 ' p1.txt)"
last='^Peak: 46\.0 MiB at [0-9]+\.[0-9]{3} s; 46\.0 MiB of it \(100\.0 %\) from profiled lines, '
last+='the most from atpeak_prog\.c:31 in main\(\) \(34\.0 MiB\)$'
tail -1 p1.txt | grep -Eq "$last" || fail "closing line: $(tail -1 p1.txt)"
untimed() { sed -E 's/^(Peak: .* at )[0-9.]+ s;/\1T s;/'; }
diff -u <(untimed <p1.txt) <(memline report p1.json | untimed) >&2 || fail "memline report differs"

# Every free after a new maximum: the answer of the program's own books.
run_json e.json ./every >e.out
want=$(awk '{printf "%s%s:%s", (NR > 1 ? " " : ""), $1, $2}' e.out)
expect_shares e.json "$want"
expect_peak e.json "$(jq .peak.bytes e.json)" "$(awk '{s += $2} END {print s}' e.out)" 0

# Threads: the peak is the process's, both threads' blocks at once.
for i in 1 2 3 4 5; do
    run_json t.json ./threads
    expect_shares t.json "21:1052656 23:3149808"
    [ "$(jq .peak.in_lines t.json)" = $((1052656 + 3149808)) ] || fail "threads: $(jq -c .peak t.json)"
done

# realloc moves the block to the line that moved it.
run_json r.json ./modes realloc
expect_shares r.json "16:8392688"
expect_peak r.json 8392688 8392688 0

# A thousand releases, then a higher peak that holds none of their blocks.
run_json a.json ./modes batch
expect_shares a.json "66:2101232"
expect_peak a.json 2101232 2101232 0

# A line's block at an address whose last block (no line's) was freed
# just before: the line owns it at the peak.
run_json u.json ./modes reuse
expect_shares u.json "79:200 80:2101232"
expect_peak u.json 2101432 2101432 0

# fork: the child's lines own only what the child allocated; the parent's
# block is the child's too, from nowhere in its lines.
rm -f f.*.json
run_json 'f.%p.json' ./modes fork
[ "$(ls f.*.json | wc -l)" = 2 ] || fail "fork: $(ls f.*.json)"
for f in f.*.json; do
    if [ "$(jq .peak.elsewhere "$f")" = 0 ]; then
        expect_shares "$f" "24:4198384"
        expect_peak "$f" 4198384 4198384 0
    else
        expect_shares "$f" "27:2101232"
        expect_peak "$f" $((2101232 + 4198384)) 2101232 4198384
    fi
done

# An on-demand report holds the peak so far; the final one the later peak.
run_json s.json ./modes signal
expect_shares s.json.1 "39:2101232"
expect_shares s.json "42:6295536"

# A crash report and the report MEMLINE_BREAK_ABOVE writes before SIGTRAP.
status=0; run_json c.json ./modes crash 2>/dev/null || status=$?
[ $status -eq 139 ] || fail "crash: exit status $status"
expect_shares c.json "49:4198384"
status=0; MEMLINE_BREAK_ABOVE=7MiB run_json b.json ./modes realloc 2>/dev/null || status=$?
[ $status -eq 133 ] || fail "break: exit status $status"
expect_shares b.json.1 "16:8392688"

# merge keeps the larger peak with its own composition, in either order.
for order in "p0.json p1.json" "p1.json p0.json"; do
    memline merge $order -o m.json
    expect_shares m.json "26:8392688 30:4194312 31:35655672"
    expect_peak m.json 48242672 48242672 0
done
memline diff p0.json p1.json >d.txt
grep -qx 'Peak: 24.0 MiB -> 46.0 MiB (+22.0 MiB); from profiled lines 24.0 MiB -> 46.0 MiB' d.txt ||
    fail "diff: $(tail -1 d.txt)"

# Off by default: no at_peak, no peak, no closing line.
MEMLINE_FORMAT=json MEMLINE_OUTPUT=off.json ./prog
! grep -q at_peak off.json || fail "at_peak without MEMLINE_COLUMNS=at_peak"
[ "$(jq 'has("peak")' off.json)" = false ] || fail "peak without MEMLINE_COLUMNS=at_peak"
status=0; memline report --columns at_peak off.json 2>err.txt || status=$?
[ $status -eq 2 ] && grep -q 'has no peak data' err.txt || fail "report --columns at_peak without data"
echo ok
