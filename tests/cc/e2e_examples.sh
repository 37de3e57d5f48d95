#!/usr/bin/env bash
# e2e_examples.sh — every program in examples/ built with memline-cc and run
# with MEMLINE_UNIT=MiB prints exactly the table shown for it in the README
# (examples/<name>.expected; peak.c also with MEMLINE_COLUMNS=peak;
# records.c with MEMLINE_COLUMNS=at_peak, and built and run with
# MEMLINE_TYPES=1 too, whose closing line's time is the one thing that
# changes from run to run). The README that shows them has each section
# once (a section pasted twice kept old figures beside new ones).
. "$(dirname "$0")/common.sh" "$@"
examples="$src/../../examples"
cd "$examples"
for name in leak peak cache threads; do
    memline-cc -O2 -g -pthread -o "$work/$name" "$name.c"
    MEMLINE_UNIT=MiB "$work/$name" >"$work/$name.out" 2>"$work/$name.table"
    check_same "$name.expected" "$work/$name.table"
done
MEMLINE_UNIT=MiB MEMLINE_COLUMNS=peak "$work/peak" >/dev/null 2>"$work/peak-columns.table"
check_same peak-columns.expected "$work/peak-columns.table"
memline-cc -O2 -g -o "$work/records" records.c
MEMLINE_COLUMNS=at_peak "$work/records" >/dev/null 2>"$work/records.table"
untimed() { sed -E 's/^(Peak: .* at )[0-9]+\.[0-9]{3} s;/\1T s;/' "$1"; }
check_same <(untimed records.expected) <(untimed "$work/records.table")
# The same with the heap by type (the README's example).
MEMLINE_TYPES=1 memline-cc -O2 -g -o "$work/records-types" records.c
MEMLINE_TYPES=1 MEMLINE_COLUMNS=at_peak "$work/records-types" >/dev/null 2>"$work/records-types.table"
check_same <(untimed records-types.expected) <(untimed "$work/records-types.table")
dup=$(awk '/^```/ { fence = !fence } !fence && /^## / { print }' "$examples/../README.md" | sort | uniq -d)
[ -z "$dup" ] || fail "README sections more than once: $dup"
check_no_temporaries
