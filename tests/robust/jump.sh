#!/usr/bin/env bash
# tests/robust/jump.sh BUILD SRC [CFLAGS] — jump.c: longjmp out of three
# nested profiled calls, three times. The thrower's lines before the jump
# are exact, the abandoned part is charged to the catcher's line (its
# callee), every function's increments add up to its net change, and
# the high-water mark left behind by the abandoned frames does not leak
# into later lines' Peak.
. "$(dirname "$0")/common.sh" "$@"
build jump
MEMLINE_FORMAT=json MEMLINE_OUTPUT=r.json ./jump >out || fail "jump failed"
read -r u5000 u100000 u700 <out
l() { line_of "$src/jump.c" "$1"; }

expect "thrower calls" "$(calls r.json thrower)" 9
expect "thrower alloc" "$(field r.json thrower "$(l 'thrower alloc')" increment)" $((9 * u5000))
expect "catcher calls" "$(calls r.json catcher)" 3
expect "throw line never completes" "$(field r.json catcher "$(l throw)" occurrences)" absent
expect "after the jump" "$(field r.json catcher "$(l after)" increment)" $((6 * u5000))
expect "net of catcher" "$(net r.json catcher)" $((6 * u5000))
m=$(field r.json catcher "$(l big)" mem_usage)
expect "big line" "$(field r.json catcher "$(l big)" increment)" $((3 * u100000))
expect "big free" "$(field r.json catcher "$(l 'big free')" increment)" $((-3 * u100000))
small=$(l small)
expect "small line" "$(field r.json catcher "$small" increment)" $((3 * u700))
peak=$(field r.json catcher "$small" peak)
mem=$(field r.json catcher "$small" mem_usage)
expect "small line's peak is its own" "$peak" "$mem"
[ "$m" -gt 0 ] || fail "big line has no mem_usage"
echo "ok: longjmp out of profiled frames"
