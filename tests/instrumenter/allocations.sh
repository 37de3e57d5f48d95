#!/usr/bin/env bash
# allocations.sh MEMLINE_INSTRUMENT GOLDEN_DIR NAME — `memline-instrument
# --allocations` on GOLDEN_DIR/NAME.c prints exactly NAME.allocations: each
# allocation call of every function with the type memline infers for it
# (instrumenter/alloctype.h).
set -euo pipefail
instrument=$1
cd "$2"
"$instrument" --functions '*' --allocations "$3.c" | diff -u "$3.allocations" - >&2 ||
    { echo "FAIL: memline-instrument --allocations $3.c differs from $3.allocations" >&2; exit 1; }
echo ok
