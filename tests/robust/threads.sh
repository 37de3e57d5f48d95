#!/usr/bin/env bash
# tests/robust/threads.sh BUILD SRC [CFLAGS] [RUNTIME_LIB] — threads.c:
# occurrences and increments are exact over all threads (dead and alive),
# every function's increments add up to its net change, and the program
# ends; with at_peak and leaks on, the peak's shares add up and nothing
# leaks. With RUNTIME_LIB the program is compiled by memline-cc -c and
# linked with that runtime (the ThreadSanitizer build), and any TSan
# report fails the test.
. "$(dirname "$0")/common.sh" "$@"
runtime=${4:-}
if [ -n "$runtime" ]; then
    # shellcheck disable=SC2086
    memline-cc -O1 -g -fno-builtin $cflags -c -o threads.o "$src/threads.c" ||
        fail "memline-cc -c failed"
    # shellcheck disable=SC2086
    cc $cflags -o threads threads.o "$runtime" -Wl,-rpath,"$(dirname "$runtime")" -lpthread ||
        fail "link with $runtime failed"
    export TSAN_OPTIONS="halt_on_error=1 exitcode=66 report_signal_unsafe=1"
else
    build threads
fi
MEMLINE_FORMAT=json MEMLINE_OUTPUT=r.json timeout 300 ./threads >out 2>err ||
    fail "threads failed (status $?): $(head -40 err)"
[ ! -s err ] || fail "unexpected stderr: $(head -40 err)"
read -r rounds a_total b_total nbrief keep_total drop_total <out
l() { line_of "$src/threads.c" "$1"; }
f=r.json
expect "work_in calls" "$(calls $f work_in)" "$rounds"
expect "a" "$(field $f work_in "$(l a)" increment)" "$a_total"
expect "a allocs" "$(field $f work_in "$(l a)" allocs)" "$rounds"
expect "b" "$(field $f work_in "$(l b)" increment)" "$b_total"
expect "free a" "$(field $f work_in "$(l 'free a')" increment)" $((-a_total))
expect "free a frees" "$(field $f work_in "$(l 'free a')" frees)" "$rounds"
expect "loop" "$(field $f work_in "$(l loop)" occurrences)" $((4 * rounds))
expect "loop increment" "$(field $f work_in "$(l loop)" increment)" 0
expect "touch" "$(field $f work_in "$(l touch)" occurrences)" $((3 * rounds))
expect "free b" "$(field $f work_in "$(l 'free b')" increment)" $((-b_total))
expect "net of work_in" "$(net $f work_in)" 0
expect "brief calls" "$(calls $f brief)" "$nbrief"
expect "keep" "$(field $f brief "$(l keep)" increment)" "$keep_total"
expect "drop" "$(field $f brief "$(l drop)" occurrences)" "$nbrief"
expect "free drop" "$(field $f brief "$(l 'free drop')" increment)" $((-drop_total))
expect "net of brief" "$(net $f brief)" "$keep_total"

# The live-heap tables under the same load: the peak's shares add up, and
# nothing is left (main frees what brief() kept).
MEMLINE_COLUMNS=at_peak,leaked MEMLINE_FORMAT=json MEMLINE_OUTPUT=p.json timeout 300 ./threads \
    >/dev/null 2>err || fail "threads with at_peak failed (status $?): $(head -40 err)"
[ ! -s err ] || fail "unexpected stderr with at_peak: $(head -40 err)"
jq -e '.peak.in_lines + .peak.elsewhere == .peak.bytes and .peak.elsewhere >= 0 and
       ([.functions[].lines[].at_peak] | add) == .peak.in_lines and
       ([.functions[].lines[].at_peak] | min) >= 0' p.json >/dev/null ||
    fail "the peak's shares do not add up: $(jq -c .peak p.json)"
expect "leaked" "$(jq '[.functions[].lines[].leaked] | add' p.json)" 0
echo "ok: $rounds rounds in workers, $nbrief short-lived threads"
