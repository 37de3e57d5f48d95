#!/usr/bin/env bash
# e2e_signal.sh — the on-demand report: SIGUSR1 (default) or MEMLINE_SIGNAL
# makes a running program write its report so far to MEMLINE_OUTPUT.1,
# .2, ... and go on; the report at exit still goes to MEMLINE_OUTPUT.
# MEMLINE_SIGNAL=0 installs nothing (the signal keeps its default action).
# Usage: e2e_signal.sh BUILD_DIR SOURCE_DIR
. "$(dirname "$0")/common.sh" "$@"
pid=
trap '[ -z "$pid" ] || kill -9 "$pid" 2>/dev/null; rm -rf "$work"' EXIT

cp "$src/signal_prog.c" sig.c
memline-cc -g -o sig sig.c

written() { # FILE [json]: it is non-empty (and whole JSON)
    [ -s "$1" ] && { [ $# -eq 1 ] || jq empty "$1" 2>/dev/null; }
}

# wait_for FILE [json]: until the program has written it, however long the
# machine takes to run the program; fails as soon as the program is gone.
# The count of polls (at least 120 s) only keeps a hung program from
# hanging the test.
wait_for() {
    local polls=0
    until written "$@"; do
        kill -0 "$pid" 2>/dev/null || written "$@" || fail "the program ended before writing $1"
        [ $((polls += 1)) -le 12000 ] || fail "$1 never appeared"
        sleep 0.01
    done
}

# run SIGNAL_NAME [VAR=VALUE]: two on-demand reports, then the exit report.
run() {
    rm -f go out r.*
    env "${@:2}" MEMLINE_FORMAT=json MEMLINE_OUTPUT='r.%p' ./sig go >out &
    pid=$!
    wait_for out
    kill -"$1" $pid
    wait_for r.$pid.1 json
    kill -"$1" $pid
    wait_for r.$pid.2 json
    kill -0 $pid || fail "the program did not go on"
    touch go
    wait $pid || fail "the program exited $?"
    [ "$(jq '.functions[0].calls' r.$pid.1)" = 1 ] || fail "$1: report .1: $(cat r.$pid.1)"
    [ "$(jq '.functions[0].lines[] | select(.line == 13) | .increment' r.$pid.2)" = 1000 ] ||
        fail "$1: report .2: $(cat r.$pid.2)"
    [ "$(jq '.functions[0].calls' r.$pid)" = 2 ] || fail "$1: final report: $(cat r.$pid)"
    pid=
}
run USR1
run USR2 MEMLINE_SIGNAL=USR2
run USR1 MEMLINE_SIGNAL=SIGUSR1 MEMLINE_LEAKS=1

# Without MEMLINE_OUTPUT the report goes to stderr.
rm -f go out err
./sig go >out 2>err &
pid=$!
wait_for out
kill -USR1 $pid
wait_for err
touch go
wait $pid
pid=
[ "$(grep -c '^Filename: sig.c$' err)" = 2 ] || fail "stderr: $(cat err)"

# MEMLINE_SIGNAL=0: no handler, SIGUSR1 ends the program as usual.
rm -f go out
MEMLINE_SIGNAL=0 ./sig go >out &
pid=$!
wait_for out
kill -USR1 $pid
status=0
wait $pid || status=$?
pid=
[ $status -eq $((128 + 10)) ] || fail "MEMLINE_SIGNAL=0: exit status $status"
echo ok
