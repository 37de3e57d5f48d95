#!/usr/bin/env bash
# tests/bench/e2e_probe_cost.sh BUILD_DIR SOURCE_DIR — the probes' cost in
# instructions, which callgrind counts deterministically, each against the
# same program built with cc -O2:
#   - bench/workloads/compute.c built with memline-cc -O2: at most
#     MAX_PER_PROBE instructions more per executed probe;
#   - bench/workloads/calls.c: at most MAX_LEAF more per call of a profiled
#     function that has no frame (its entry, which counts its statement)
#     and MAX_FRAMED per call of one that has (entry, a full probe, exit),
#     MAX_DEFERRED per call of one whose frame is deferred and never made
#     (its call through a pointer allocates nothing: 106 with its frame made
#     before the call);
#     at most MAX_RUN per iteration of a loop whose body is a straight-line
#     run of six statements (the run's tick: the run around the loop and
#     the body's count the condition; with the condition's own tick it
#     took 5, with one tick per statement 20); at most MAX_COUNTED per iteration of a
#     loop that calls a function counted by its callers (its condition's
#     tick and its body's, which the call shares: the function itself is
#     inlined; 6 with a tick of the call's own); at most MAX_SEARCH per
#     pass of a loop that runs a binary search over 64 keys (a function
#     without a frame: the inner loop's ticks in the branches of an if,
#     which test before they raise Mem usage; 70 with the raise's
#     unconditional store);
#   - compute.c with tracing stopped (MEMLINE_START=0): at most MAX_STOPPED
#     more per iteration of its profiled loop, whose plain copy runs (2
#     without the copy: its ticks into the scratch area);
#     measured as the difference between N and 2N calls or iterations, so
#     start-up and report drop out.
# The bounds sit a little above what this toolchain (Debian bookworm's gcc
# 12) gives: 0.5, 16, 99, 50, 2, 5 (4 before loops' ticks tested their
# raise), 56 and 0.
set -euo pipefail
build=$(cd "$1" && pwd)
top=$(cd "$2/../.." && pwd)
max_per_probe=4
max_leaf=19
max_framed=105
max_deferred=54
max_run=4
max_counted=5
max_search=60
max_stopped=0.1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset MEMLINE_CC MEMLINE_DISABLE MEMLINE_KEEP MEMLINE_FUNCTIONS MEMLINE_BACKEND MEMLINE_COLUMNS MEMLINE_PROBES
fail=0

instructions() {
    valgrind --tool=callgrind --callgrind-out-file="$work/cg" "$@" >/dev/null 2>&1
    awk '/^summary:/ {print $2}' "$work/cg"
}
check() { # what value bound
    echo "$1: $2 instructions (at most $3)"
    awk -v x="$2" -v m="$3" 'BEGIN {exit !(x <= m)}' || { echo "FAIL: $1: $2 > $3" >&2; fail=1; }
}

src=$top/bench/workloads/compute.c
n=200000
cc -O2 -I"$top/include" "$src" -o "$work/plain"
"$build/bin/memline-cc" -O2 "$src" -o "$work/ml"
MEMLINE_FORMAT=json MEMLINE_OUTPUT=$work/report.json "$work/ml" $n >/dev/null
probes=$(jq '[.functions[].lines[].occurrences] | add' "$work/report.json")
# 4 probes per iteration plus the header's condition tests, entry and return
[ "$probes" -ge $((5 * n)) ] || { echo "FAIL: only $probes probes ran" >&2; exit 1; }
plain=$(instructions "$work/plain" $n)
ml=$(MEMLINE_OUTPUT=/dev/null instructions "$work/ml" $n)
echo "compute.c: plain $plain, instrumented $ml instructions, $probes probes"
check "per probe" "$(awk -v a="$ml" -v b="$plain" -v p="$probes" 'BEGIN {printf "%.2f", (a - b) / p}')" \
    $max_per_probe
# Tracing stopped: mix, named and with a loop, runs its plain copy
# (instrumenter/plain.h), so an iteration costs what it does plain.
plain2=$(instructions "$work/plain" $((2 * n)))
stopped=$(MEMLINE_START=0 MEMLINE_OUTPUT=/dev/null instructions "$work/ml" $n)
stopped2=$(MEMLINE_START=0 MEMLINE_OUTPUT=/dev/null instructions "$work/ml" $((2 * n)))
check "per iteration while stopped" "$(awk -v p1="$plain" -v p2="$plain2" -v m1="$stopped" \
    -v m2="$stopped2" -v n=$n 'BEGIN {printf "%.2f", ((m2 - m1) - (p2 - p1)) / n}')" $max_stopped

src=$top/bench/workloads/calls.c
n=50000
cc -O2 -I"$top/include" "$src" -o "$work/plain"
"$build/bin/memline-cc" -O2 "$src" -o "$work/ml"
MEMLINE_FORMAT=json MEMLINE_OUTPUT=$work/report.json "$work/ml" leaf 3 >/dev/null
# leaf_call is counted (a tick) and framed_call is not entered
jq -e '[.functions[] | select(.name == "leaf_call") | .lines[] | select(.occurrences == 3)] | length == 2' \
    "$work/report.json" >/dev/null || { echo "FAIL: leaf_call's lines did not run 3 times" >&2; exit 1; }
MEMLINE_FORMAT=json MEMLINE_OUTPUT=$work/report.json "$work/ml" run 7 >/dev/null
# each of the run's six lines ran 7 times, as its own tick would count,
# and the loop's condition was tested 8 times
jq -e '[.functions[] | select(.name == "run_call") | .lines[] | select(.occurrences == 7)] | length == 6' \
    "$work/report.json" >/dev/null || { echo "FAIL: run_call's six lines did not run 7 times" >&2; exit 1; }
jq -e '[.functions[] | select(.name == "run_call") | .lines[] | select(.occurrences == 8)] | length == 1' \
    "$work/report.json" >/dev/null || { echo "FAIL: run_call's loop condition was not tested 8 times" >&2; exit 1; }
MEMLINE_FORMAT=json MEMLINE_OUTPUT=$work/report.json "$work/ml" counted 7 >/dev/null
# counted is called 7 times, and its line ran 7 times, though it has no entry
jq -e '[.functions[] | select(.name == "counted") | select(.calls == 7) | .lines[] |
    select(.occurrences == 7)] | length == 2' "$work/report.json" >/dev/null ||
    { echo "FAIL: counted's calls are not counted by its caller" >&2; exit 1; }
MEMLINE_FORMAT=json MEMLINE_OUTPUT=$work/report.json "$work/ml" deferred 7 >/dev/null
# deferred_call is entered 7 times, and each of its lines ran 7 times
jq -e '[.functions[] | select(.name == "deferred_call") | select(.calls == 7) | .lines[] |
    select(.occurrences == 7)] | length == 3' "$work/report.json" >/dev/null ||
    { echo "FAIL: deferred_call's lines did not run 7 times" >&2; exit 1; }
MEMLINE_FORMAT=json MEMLINE_OUTPUT=$work/report.json "$work/ml" search 7 >/dev/null
# 7 passes: the outer condition tested 8 times (counted by the outer body's
# run, not by the inner loop's), the inner one 52 (7 searches of 6 or 7
# steps, 45 in all)
for want in 'for (i = 0; i < n; i++) {|8' 'while (lo < hi) {|52' 'if (keys[mid] < key)|45'; do
    jq -e --arg text "${want%|*}" --argjson n "${want##*|}" '[.functions[] |
        select(.name == "search_loop") | .lines[] |
        select((.text | sub("^ +"; "")) == $text and .occurrences == $n)] | length == 1' \
        "$work/report.json" >/dev/null ||
        { echo "FAIL: search_loop: '${want%|*}' did not run ${want##*|} times" >&2; exit 1; }
done
per_call() { # kind
    local p1 p2 m1 m2
    p1=$(instructions "$work/plain" "$1" $n)
    p2=$(instructions "$work/plain" "$1" $((2 * n)))
    m1=$(MEMLINE_OUTPUT=/dev/null instructions "$work/ml" "$1" $n)
    m2=$(MEMLINE_OUTPUT=/dev/null instructions "$work/ml" "$1" $((2 * n)))
    awk -v p1="$p1" -v p2="$p2" -v m1="$m1" -v m2="$m2" -v n=$n \
        'BEGIN {printf "%.2f", ((m2 - m1) - (p2 - p1)) / n}'
}
check "per call without a frame" "$(per_call leaf)" $max_leaf
check "per call with a frame" "$(per_call framed)" $max_framed
check "per call with a deferred frame never made" "$(per_call deferred)" $max_deferred
check "per iteration of a six-statement run" "$(per_call run)" $max_run
check "per iteration of a loop calling a function counted by its caller" "$(per_call counted)" $max_counted
check "per pass of a loop running a binary search" "$(per_call search)" $max_search
exit $fail
