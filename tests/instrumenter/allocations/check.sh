#!/usr/bin/env bash
# check.sh MEMLINE_INSTRUMENT DIR — `memline-instrument --allocations` on
# DIR/session.c prints exactly DIR/session.expected: every allocation call
# of every function with the type memline infers for it (alloctype.h).
set -euo pipefail
instrument=$1
dir=$2
cd "$dir"
"$instrument" --functions '*' --allocations session.c | diff -u session.expected - >&2 ||
    { echo "FAIL: memline-instrument --allocations differs from session.expected" >&2; exit 1; }
echo ok
