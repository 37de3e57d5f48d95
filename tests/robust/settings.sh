#!/usr/bin/env bash
# tests/robust/settings.sh BUILD SRC [CFLAGS] — every run-time setting with
# bad values (empty, unknown, 5000 bytes, control characters): exactly one
# complaint line naming the variable, the program's stdout and status
# unchanged, the report still written. Then outputs that cannot be written:
# a directory, a path that vanishes while the program runs, a path too long
# once %p is expanded, /dev/full (JSON), a read-only directory: one line
# saying so, then the whole report on stderr.
. "$(dirname "$0")/common.sh" "$@"
build small
long=$(head -c 5000 /dev/zero | tr '\0' x)
ctrl=$(printf 'a\tb\033c')

check_run() { # WHAT: status 0, stdout "sum 4950"
    [ "$status" -eq 0 ] || fail "$1: status $status"
    expect "$1: stdout" "$(cat out)" "sum 4950"
}

for var in MEMLINE_FORMAT MEMLINE_BACKEND MEMLINE_UNIT MEMLINE_PRECISION MEMLINE_COLUMNS; do
    for value in "" bogus "$long" "$ctrl" 10 -1; do
        # An empty MEMLINE_COLUMNS is valid: no extra column.
        [ "$var/$value" = "MEMLINE_COLUMNS/" ] && continue
        set +e
        env "$var=$value" MEMLINE_OUTPUT="$work/report" ./small >out 2>err
        status=$?
        set -e
        check_run "$var=${value:0:10}"
        [ "$(wc -l <err)" -eq 1 ] || fail "$var=${value:0:10}: $(wc -l <err) lines on stderr"
        grep -q "^memline: $var='.*' is not valid (.*accepted.*); using " err ||
            { head -c 300 err; fail "$var=${value:0:10}: unexpected complaint"; }
        grep -q "^Filename: .*small.c$" report || fail "$var=${value:0:10}: no report"
    done
done

set +e
MEMLINE_OUTPUT=$long/x ./small >out 2>err
status=$?
set -e
check_run "long MEMLINE_OUTPUT"
expect "long MEMLINE_OUTPUT" "$(head -1 err)" \
    "memline: MEMLINE_OUTPUT='...' is not valid (accepted: a path shorter than 4096 bytes); using stderr"
grep -q "^Filename: " err || fail "long MEMLINE_OUTPUT: no report on stderr"

# unwritable OUTPUT REASON [ARG]: one line naming the path and reason, then
# the report on stderr.
unwritable() {
    set +e
    MEMLINE_FORMAT=json MEMLINE_OUTPUT=$1 ./small ${3:+"$3"} >out 2>err
    status=$?
    set -e
    check_run "output $1"
    head -1 err | grep -q "^memline: .* '.*' ($2); writing it to stderr$" ||
        fail "output $1: first line is '$(head -1 err)'"
    tail -n +2 err | jq -e '.functions[0].name == "sum"' >/dev/null ||
        fail "output $1: no JSON report on stderr"
}
mkdir adir gone
unwritable "$work/adir" "Is a directory"
unwritable "$work/gone/r.json" "No such file or directory" "$work/gone"
short=$(printf "%0$((4092 - ${#work}))d" 0)
unwritable "$work/$short%p" "path too long"
[ ! -w /dev/full ] || unwritable /dev/full "No space left on device"
if [ "$(id -u)" -ne 0 ]; then
    mkdir ro
    chmod 555 ro
    unwritable "$work/ro/r.json" "Permission denied"
fi
echo "ok: bad settings and unwritable outputs"
