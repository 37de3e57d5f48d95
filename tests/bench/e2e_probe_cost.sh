#!/usr/bin/env bash
# tests/bench/e2e_probe_cost.sh BUILD_DIR SOURCE_DIR — the probe's cost in
# instructions, which callgrind counts deterministically: bench/workloads/
# compute.c built with memline-cc -O2 must spend at most MAX_INSTRUCTIONS
# per executed probe more than the same program built with cc -O2.
set -euo pipefail
build=$(cd "$1" && pwd)
top=$(cd "$2/../.." && pwd)
max_instructions=20
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset MEMLINE_CC MEMLINE_DISABLE MEMLINE_KEEP MEMLINE_FUNCTIONS MEMLINE_BACKEND MEMLINE_COLUMNS
src=$top/bench/workloads/compute.c
n=200000

cc -O2 -I"$top/include" "$src" -o "$work/plain"
"$build/bin/memline-cc" -O2 "$src" -o "$work/ml"
MEMLINE_FORMAT=json MEMLINE_OUTPUT=$work/report.json "$work/ml" $n >/dev/null
probes=$(jq '[.functions[].lines[].occurrences] | add' "$work/report.json")
# 4 probes per iteration plus the header's condition tests, entry and return
[ "$probes" -ge $((5 * n)) ] || { echo "FAIL: only $probes probes ran" >&2; exit 1; }

instructions() {
    valgrind --tool=callgrind --callgrind-out-file="$work/cg" "$@" >/dev/null 2>&1
    awk '/^summary:/ {print $2}' "$work/cg"
}
plain=$(instructions "$work/plain" $n)
ml=$(MEMLINE_OUTPUT=/dev/null instructions "$work/ml" $n)
per_probe=$(awk -v a="$ml" -v b="$plain" -v p="$probes" 'BEGIN {printf "%.2f", (a - b) / p}')
echo "plain $plain, instrumented $ml instructions, $probes probes: $per_probe instructions per probe"
awk -v x="$per_probe" -v m=$max_instructions 'BEGIN {exit !(x <= m)}' ||
    { echo "FAIL: $per_probe instructions per probe > $max_instructions" >&2; exit 1; }
