#!/usr/bin/env bash
# tests/runtime/settings.sh DEMO REFUSE GOLDEN_DIR — the run-time settings
# end to end, with e2e/demo.c and e2e/refuse.c: bad values, unwritable
# outputs, extra columns, refused sites. Compares whole outputs.
set -u
demo=$1 refuse=$2 golden=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failed=0

expect_file() { # NAME EXPECTED-FILE ACTUAL-FILE
  cmp -s "$2" "$3" && return
  echo "FAIL: $1"
  diff "$2" "$3" | head -20
  failed=1
}

expect_text() { # NAME EXPECTED-TEXT ACTUAL-FILE
  printf '%s\n' "$2" >"$dir/expected"
  expect_file "$1" "$dir/expected" "$3"
}

# A bad value: one line naming the variable and the accepted values; the
# default is used and the program runs.
MEMLINE_UNIT=MiB MEMLINE_FORMAT=yaml MEMLINE_OUTPUT="$dir/out" "$demo" 2>"$dir/err"
expect_text "bad MEMLINE_FORMAT" \
  "memline: MEMLINE_FORMAT='yaml' is not valid (accepted: text or json); using text" "$dir/err"
expect_file "report after a bad value" "$golden/demo.mib.expected" "$dir/out"

MEMLINE_UNIT=MiB MEMLINE_PRECISION=x MEMLINE_BACKEND=pss MEMLINE_COLUMNS=peak,size \
  MEMLINE_OUTPUT="$dir/out" "$demo" 2>"$dir/err"
expect_text "three bad values" "memline: MEMLINE_BACKEND='pss' is not valid (accepted: heap or rss); using heap
memline: MEMLINE_PRECISION='x' is not valid (accepted: a number of decimal places, 0 to 9); using 1
memline: MEMLINE_COLUMNS='peak,size' is not valid (unknown column 'size'; accepted: peak, allocs, frees, leaked, at_peak or lost, separated by commas); using no extra column" "$dir/err"
expect_file "report after three bad values" "$golden/demo.mib.expected" "$dir/out"

# An output that cannot be opened, or written: the report goes to stderr.
MEMLINE_UNIT=MiB MEMLINE_OUTPUT="$dir/missing/out" "$demo" 2>"$dir/err"
{ echo "memline: cannot write the report to '$dir/missing/out' (No such file or directory); writing it to stderr"
  cat "$golden/demo.mib.expected"; } >"$dir/expected"
expect_file "unopenable output" "$dir/expected" "$dir/err"

if [ -w /dev/full ]; then
  MEMLINE_UNIT=MiB MEMLINE_OUTPUT=/dev/full "$demo" 2>"$dir/err"
  { echo "memline: writing the report failed on '/dev/full' (No space left on device); writing it to stderr"
    cat "$golden/demo.mib.expected"; } >"$dir/expected"
  expect_file "unwritable output" "$dir/expected" "$dir/err"
fi

# %p and %% in the output path.
MEMLINE_UNIT=MiB MEMLINE_OUTPUT="$dir/r-%%-%p.txt" "$demo" 2>"$dir/err" &
pid=$!
wait $pid
expect_file "%p in the output path" "$golden/demo.mib.expected" "$dir/r-%-$pid.txt"

# Extra columns (units and precision: unit tests).
MEMLINE_UNIT=MiB MEMLINE_COLUMNS=peak,allocs,frees MEMLINE_OUTPUT="$dir/out" "$demo"
expect_file "extra columns" "$golden/demo.columns.expected" "$dir/out"

# A site of another probe version: one message, the rest is reported.
MEMLINE_UNIT=MiB MEMLINE_OUTPUT="$dir/out" "$refuse" 2>"$dir/err"
expect_text "refused site" "memline: ignoring profiled code built for probe interface version 5 (this runtime speaks version 4); rebuild it with this memline" "$dir/err"
expect_file "report beside a refused site" "$golden/refuse.expected" "$dir/out"

[ $failed -eq 0 ] && echo "ok: settings"
exit $failed
