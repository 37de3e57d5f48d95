#!/usr/bin/env bash
# e2e_reference.sh — PRODUCT.md's reference program, compiled with
# memline-cc (-O2 -g) and run with MEMLINE_UNIT=MiB, prints PRODUCT.md's
# table byte for byte.
. "$(dirname "$0")/common.sh" "$@"
cp "$src/reference.c" demo.c
memline-cc -O2 -g -o demo demo.c
MEMLINE_UNIT=MiB ./demo 2>table.txt
check_same "$src/reference.expected" table.txt
check_no_temporaries
