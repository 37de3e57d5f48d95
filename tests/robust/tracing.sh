#!/usr/bin/env bash
# tests/robust/tracing.sh BUILD SRC [CFLAGS] [RUNTIME_LIB] — tracing
# stopped and started by main for as long as four threads replace blocks
# (tests/tool/tracing_threads.c): the traced heap comes back to the byte,
# under the sanitizer runtime too (its allocation hooks mark untraced
# blocks as the interposer does). With RUNTIME_LIB the program is
# compiled by memline-cc -c and linked with that runtime (the
# ThreadSanitizer build), and any TSan report fails the test: frames that
# follow a stop or a start, the switch and the shadow of untraced blocks
# are raced by design only where the C11 rules allow.
. "$(dirname "$0")/common.sh" "$@"
runtime=${4:-}
prog=$src/../tool/tracing_threads.c
if [ -n "$runtime" ]; then
    # shellcheck disable=SC2086
    memline-cc -O1 -g -fno-builtin $cflags -c -o threads.o "$prog" || fail "memline-cc -c failed"
    # shellcheck disable=SC2086
    cc $cflags -o threads threads.o "$runtime" -Wl,-rpath,"$(dirname "$runtime")" -lpthread ||
        fail "link with $runtime failed"
    export TSAN_OPTIONS="halt_on_error=1 exitcode=66 report_signal_unsafe=1"
else
    # shellcheck disable=SC2086
    memline-cc -O1 -g -fno-builtin $cflags -o threads "$prog" -lpthread || fail "memline-cc failed"
fi
for run in 1 2; do
    MEMLINE_OUTPUT=/dev/null timeout 300 ./threads >out 2>err ||
        fail "run $run failed (status $?): $(head -40 err)"
    [ ! -s err ] || fail "run $run: unexpected stderr: $(head -40 err)"
    [ "$(cat out)" = "toggled yes, traced change 0" ] || fail "run $run printed: $(cat out)"
done
echo "ok: tracing toggled under load, traced heap exact"
