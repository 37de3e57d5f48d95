#!/usr/bin/env bash
# run.sh — compile-and-run test of one golden program.
#   run.sh INSTRUMENT BUILD_DIR SRC_INCLUDE GOLDEN_DIR NAME
# Builds GOLDEN_DIR/NAME.c plain and instrumented (linked with libmemline)
# at -O0 and -O2, requires the same stdout, then checks the JSON reports of
# both builds against NAME.expect: lines "FUNCTION LINE FIELD VALUE"
# (VALUE of that field on that source line; occurrences 0 = never ran),
# "FUNCTION calls VALUE" (the function's calls), and comment lines
# starting with #.
set -u
instrument=$1 build=$2 src_inc=$3 dir=$4 name=$5
cd "$dir" || exit 1
command -v jq > /dev/null || { echo "jq is missing"; exit 1; }
args=()
[ -f "$name.args" ] && read -r -a args < "$name.args"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$instrument" "${args[@]}" "$name.c" -- -I"$src_inc" -I. > "$tmp/inst.c" || exit 1
status=0
for opt in -O0 -O2; do
  gcc $opt -I"$src_inc" -I. "$name.c" -o "$tmp/plain" || exit 1
  # As memline-cc compiles it: gcc may not drop or merge allocations.
  gcc $opt -fno-builtin-malloc -fno-builtin-calloc -fno-builtin-realloc -fno-builtin-free \
    -fno-builtin-strdup -fno-builtin-strndup -fno-builtin-aligned_alloc \
    -isystem "$build/include" -I"$src_inc" -I. -x c "$tmp/inst.c" -o "$tmp/inst" \
    -L"$build/lib" -lmemline -Wl,-rpath,"$build/lib" || exit 1
  "$tmp/plain" > "$tmp/plain.out"
  MEMLINE_FORMAT=json MEMLINE_OUTPUT="$tmp/report$opt.json" "$tmp/inst" > "$tmp/inst.out"
  if ! cmp -s "$tmp/plain.out" "$tmp/inst.out"; then
    echo "FAIL $name $opt: instrumented program prints something else"
    diff "$tmp/plain.out" "$tmp/inst.out" | head
    status=1
  fi
done
# -O0 probes are calls into the runtime, -O2 probes inline code: both count.
for opt in -O0 -O2; do
  while read -r fn line field want; do
    [ -z "$fn" ] || [ "${fn#\#}" != "$fn" ] && continue
    if [ "$line" = calls ]; then
      got=$(jq --arg fn "$fn" '[.functions[] | select(.name == $fn) | .calls] | add // 0' \
        "$tmp/report$opt.json")
      [ "$got" = "$field" ] || { echo "FAIL $name $opt: $fn calls = $got, expected $field"; status=1; }
      continue
    fi
    got=$(jq --arg fn "$fn" --argjson line "$line" --arg field "$field" \
      '[.functions[] | select(.name == $fn) | .lines[] | select(.line == $line) | .[$field]] | add // 0' \
      "$tmp/report$opt.json")
    if [ "$got" != "$want" ]; then
      echo "FAIL $name $opt: $fn line $line $field = $got, expected $want"
      status=1
    fi
  done < "$name.expect"
done
[ $status -eq 0 ] && echo "ok $name"
exit $status
