#!/usr/bin/env bash
# tests/robust/process.sh BUILD SRC [CFLAGS] — process.c: a forked child
# that exits writes its own report with only its own counts, one that
# calls _exit writes none, an exec'd instrumented program writes its own,
# an exec'd plain one none; system() and fork among running threads
# neither deadlock nor disturb the parent. Reports are named by %p.
. "$(dirname "$0")/common.sh" "$@"
# LeakSanitizer's exit check hangs in a child forked from a threaded process.
export ASAN_OPTIONS=detect_leaks=0
build process
cc -O1 -g $cflags -I"$build/include" -o plain "$src/process.c" -lpthread
./plain >plain.out || fail "the plain program failed"
MEMLINE_FORMAT=json MEMLINE_OUTPUT="$work/r.%p.json" timeout 60 ./process >out ||
    fail "process failed (status $?)"
cmp -s plain.out out || fail "stdout differs: $(diff plain.out out)"
set -- r.*.json
expect "number of reports" $# 6
summary=$(for f; do
    pid=$(jq -r .pid "$f")
    [ "$f" = "r.$pid.json" ] || fail "$f holds pid $pid"
    echo "$(jq -r '.argv | length' "$f")/$(calls "$f" step)/$(calls "$f" shell)/$(calls "$f" churn)"
done | sort | tr '\n' ' ')
parent_churn=$(for f; do if [ "$(calls "$f" shell)" = 1 ]; then calls "$f" churn; fi; done)
[ "$parent_churn" -gt 0 ] || fail "the parent's threads were not counted"
expect "argc/step/shell/churn per report" "$summary" \
    "1/1/0/0 1/1/0/0 1/1/0/0 1/1/1/$parent_churn 1/3/0/0 2/2/0/0 "
echo "ok: fork, exec, system, fork among threads"
