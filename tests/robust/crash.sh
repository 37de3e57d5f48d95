#!/usr/bin/env bash
# tests/robust/crash.sh BUILD SRC [CFLAGS] — crash.c: after each fatal
# signal the JSON report holds everything collected so far (prepare's
# three allocations, fault's first line), and the program ends exactly as
# it does when built without memline (same status, same stdout); exit()
# from inside a profiled function writes the report after atexit
# handlers; _exit() and a handler the program installed itself write none.
# Under AddressSanitizer its own handler still runs after memline's.
. "$(dirname "$0")/common.sh" "$@"
# UBSan would stop the null store and the division itself (no signal).
cflags=${cflags//,undefined/}
build crash
cc -O1 -g -fno-builtin $cflags -I"$build/include" -o plain "$src/crash.c"
loop=$(line_of "$src/crash.c" loop)
alloc=$(line_of "$src/crash.c" alloc)
last=$(line_of "$src/crash.c" last)
first=$((last - 3))

# run NAME PROGRAM FAULT: status in $status, stdout in NAME.out
run() {
    set +e
    MEMLINE_FORMAT=json MEMLINE_OUTPUT="$work/$1.json" "./$2" "$3" >"$1.out" 2>"$1.err"
    status=$?
    set -e
}

for fault in segv bus abort fpe ill kill overflow doublefree exit _exit own; do
    case $fault in doublefree) [ -z "$cflags" ] || continue ;; esac
    run "$fault.plain" plain "$fault"
    want_status=$status
    run "$fault" crash "$fault"
    expect "$fault: exit status" "$status" "$want_status"
    cmp -s "$fault.plain.out" "$fault.out" || fail "$fault: stdout differs: $(cat "$fault.out")"
    case $fault in
        _exit | own)
            [ ! -e "$fault.json" ] || fail "$fault: a report was written"
            continue ;;
    esac
    [ -s "$fault.json" ] || fail "$fault: no report (status $status): $(cat "$fault.err")"
    jq empty "$fault.json" || fail "$fault: the report is not valid JSON"
    read -r _ u3000 u1000 <"$fault.out"
    expect "$fault: calls of prepare" "$(calls "$fault.json" prepare)" 1
    expect "$fault: loop tests" "$(field "$fault.json" prepare "$loop" occurrences)" 4
    expect "$fault: allocations" "$(field "$fault.json" prepare "$alloc" increment)" $((3 * u1000))
    expect "$fault: net of prepare" "$(net "$fault.json" prepare)" $((3 * u1000))
    expect "$fault: calls of fault" "$(calls "$fault.json" fault)" 1
    expect "$fault: entry of fault" "$(field "$fault.json" fault "$first" occurrences)" 1
    expect "$fault: last line" "$(field "$fault.json" fault "$last" increment)" "$u3000"
    case $fault in
        overflow)
            depth=$(calls "$fault.json" recurse)
            [ "$depth" -gt 1000 ] || fail "overflow: only $depth calls of recurse" ;;
        exit)
            expect "exit: atexit output" "$(tail -1 exit.out)" "atexit ran" ;;
    esac
done
echo "ok: fatal signals, exit, _exit and own handlers"
