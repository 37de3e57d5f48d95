#!/usr/bin/env bash
# tests/bench/e2e_bench_sections.sh BUILD_DIR SOURCE_DIR — bench/run's
# --only: a smoke run of two sections prints those two and no other, and a
# section that does not exist is refused with one line and status 2.
set -euo pipefail
build=$(cd "$1" && pwd)
top=$(cd "$2/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0

MEMLINE_BUILD=$build "$top/bench/run" --quick --no-peers --only call,memory >"$work/out"
for want in "Per call (callgrind" "  framed " "Runtime memory" "overhead_bytes, hashtable): "; do
    grep -qF "$want" "$work/out" || { echo "FAIL: no '$want' in the run of call,memory" >&2; fail=1; }
done
for unwanted in "workload        plain" "Live heap" "Tracing stopped" "Reachability" "Per probe" \
    "Where engine" "Build time"; do
    if grep -qF "$unwanted" "$work/out"; then
        echo "FAIL: '$unwanted' in the run of call,memory" >&2
        fail=1
    fi
done

status=0
MEMLINE_BUILD=$build "$top/bench/run" --only call,peak >"$work/out" 2>"$work/err" || status=$?
[ $status = 2 ] || { echo "FAIL: --only call,peak exited $status, not 2" >&2; fail=1; }
[ ! -s "$work/out" ] || { echo "FAIL: --only call,peak printed something" >&2; fail=1; }
grep -qxF "bench/run: no section 'peak' (sections: overview,live,stopped,scan,probe,call,engine,build,memory)" \
    "$work/err" || { echo "FAIL: --only call,peak said: $(cat "$work/err")" >&2; fail=1; }
[ "$(wc -l <"$work/err")" = 1 ] || { echo "FAIL: more than one line for a bad section" >&2; fail=1; }
exit $fail
