#!/usr/bin/env bash
# tests/robust/signals.sh BUILD SRC [CFLAGS] — signals.c: ticks of a
# timer run a profiled, allocating function at arbitrary points
# of a malloc/free loop. Every tick and every round is counted exactly,
# every allocation made by the handlers is charged once to tick()'s line
# and once to the busy() line it interrupted, and nothing else moves.
. "$(dirname "$0")/common.sh" "$@"
build signals
MEMLINE_FORMAT=json MEMLINE_OUTPUT=r.json timeout 120 ./signals >out || fail "signals failed"
read -r rounds ticks bytes <out
[ "$ticks" -gt 100 ] || fail "only $ticks ticks: the test did not exercise anything"
l() { line_of "$src/signals.c" "$1"; }
expect "tick calls" "$(calls r.json tick)" "$ticks"
expect "tick alloc" "$(field r.json tick "$(l 'tick alloc')" increment)" "$bytes"
expect "tick allocs" "$(field r.json tick "$(l 'tick alloc')" allocs)" "$ticks"
expect "net of tick" "$(net r.json tick)" "$bytes"
expect "loop" "$(field r.json busy "$(l loop)" occurrences)" $((rounds + 1))
expect "busy alloc" "$(field r.json busy "$(l 'busy alloc')" occurrences)" "$rounds"
allocs=$(jq '[.functions[] | select(.name == "busy") | .lines[].allocs] | add' r.json)
expect "allocations seen by busy" "$allocs" $((rounds + ticks))
expect "net of busy" "$(net r.json busy)" "$bytes"
echo "ok: $ticks ticks during $rounds rounds"
