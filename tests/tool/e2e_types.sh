#!/usr/bin/env bash
# e2e_types.sh — the heap by type (MEMLINE_TYPES=1 at build and run time)
# is exact block for block: five types, a block realloc moves to another
# type, one of no type, the peak's columns; growth between on-demand
# reports (a server whose sessions leak); the text table, memline report,
# merge and diff; nothing of it without MEMLINE_TYPES. Sizes are glibc's
# usable sizes on Debian bookworm (malloc(16): 24 bytes).
# Usage: e2e_types.sh BUILD_DIR SOURCE_DIR
. "$(dirname "$0")/common.sh" "$@"
types() { jq -c '[.types[] | [.type, .blocks, .bytes, .peak_blocks, .peak_bytes]]' "$1"; }
expect_types() { # FILE JSON
    got=$(types "$1")
    [ "$got" = "$2" ] || fail "$1: types are $got, expected $2"
}

cp "$src"/types_five.c "$src"/types_server.c "$src"/types_wrapper.c .
MEMLINE_TYPES=1 memline-cc -g -o five types_five.c
MEMLINE_TYPES=1 memline-cc -g -o wrapper types_wrapper.c
MEMLINE_TYPES=1 memline-cc -O2 -g -o server types_server.c

# struct node: 10 blocks of 24 bytes, and the block realloc moved from
# char[] after the peak; the 64-byte block of no type was part of the peak.
MEMLINE_TYPES=1 MEMLINE_FORMAT=json MEMLINE_OUTPUT=f.json ./five
expect_types f.json '[["struct big",3,3000,3,3000],["double[]",1,808,1,808],["struct node",11,264,10,240],["char[] (string)",4,96,4,96],["(not profiled)",0,0,0,0],["(unknown)",0,0,1,72]]'

# Pending at the peak: the kept block (malloc(48): 56 bytes) is tagged
# after the snapshot and holds its part of the peak as struct session;
# the transient one (malloc(100000): 100008 bytes) is a ghost of no type.
MEMLINE_TYPES=1 MEMLINE_FORMAT=json MEMLINE_OUTPUT=w.json ./wrapper
expect_types w.json '[["struct session",1,56,1,56],["(not profiled)",0,0,0,0],["(unknown)",0,0,1,100008]]'

# The text table; memline report prints the same.
MEMLINE_TYPES=1 MEMLINE_UNIT=B MEMLINE_OUTPUT=f.txt ./five
cat >want.txt <<'TABLE'
Live heap by type (at the report; at the peak)
      Blocks        Bytes   Share  Peak blocks   Peak bytes   Share   Type
           3     3000.0 B  72.0 %            3     3000.0 B  71.2 %   struct big
           1      808.0 B  19.4 %            1      808.0 B  19.2 %   double[]
          11      264.0 B   6.3 %           10      240.0 B   5.7 %   struct node
           4       96.0 B   2.3 %            4       96.0 B   2.3 %   char[] (string)
           0        0.0 B   0.0 %            0        0.0 B   0.0 %   (not profiled)
           0        0.0 B   0.0 %            1       72.0 B   1.7 %   (unknown)
TABLE
sed -n '/^Live heap by type/,/(unknown)$/p' f.txt | diff -u want.txt - >&2 || fail "text table differs"
memline report --unit B f.json | diff -u f.txt - >&2 || fail "memline report differs"

# Growth between two on-demand reports, and since the last one at exit.
MEMLINE_TYPES=1 MEMLINE_FORMAT=json MEMLINE_OUTPUT=s.json ./server
growth() { jq -c '[.types[] | select(.type == "struct session") | .blocks_growth, .bytes_growth]' "$1"; }
[ "$(jq '[.types[] | has("blocks_growth")] | any' s.json.1)" = false ] || fail "growth in the first report"
[ "$(growth s.json.2)" = "[1000,56000]" ] || fail "growth: $(growth s.json.2)"
[ "$(growth s.json)" = "[0,0]" ] || fail "growth at exit: $(growth s.json)"
memline diff s.json.1 s.json.2 >d.txt
grep -q '^       +1000    +54.7 KiB   struct session$' d.txt || fail "diff: $(tail -3 d.txt)"

# merge sums the live blocks by type.
memline merge s.json.1 s.json.2 -o m.json
[ "$(jq -c '.types[0] | [.type, .blocks, .bytes]' m.json)" = '["struct session",3000,168000]' ] ||
    fail "merge: $(jq -c '.types[0]' m.json)"

# Off unless asked: no types at run time, no tags at build time.
MEMLINE_FORMAT=json MEMLINE_OUTPUT=off.json ./five
[ "$(jq 'has("types")' off.json)" = false ] || fail "types without MEMLINE_TYPES at run time"
memline-cc -g -o untagged types_five.c
MEMLINE_TYPES=1 MEMLINE_FORMAT=json MEMLINE_OUTPUT=u.json ./untagged
expect_types u.json '[["(unknown)",19,4168,19,4216],["(not profiled)",0,0,0,0]]'
echo ok
