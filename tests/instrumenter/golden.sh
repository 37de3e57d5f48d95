#!/usr/bin/env bash
# golden.sh — one golden test of the instrumenter.
#   golden.sh INSTRUMENT BUILD_INCLUDE SRC_INCLUDE GOLDEN_DIR NAME [--update]
# Rewrites GOLDEN_DIR/NAME.c (options from NAME.args) and compares stdout
# with NAME.expected and stderr with NAME.reason (empty when absent). Then,
# for gcc and clang under -std=c89/c99/c11/gnu17 with -Wall -Wextra
# -Wpedantic -Wdeclaration-after-statement -Wshadow -Werror: wherever the
# input compiles, the expected output must compile too.
set -u
instrument=$1 build_inc=$2 src_inc=$3 dir=$4 name=$5 update=${6:-}
cd "$dir" || exit 1
args=()
[ -f "$name.args" ] && read -r -a args < "$name.args"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$instrument" "${args[@]}" "$name.c" -- -I"$src_inc" -I. > "$tmp/out" 2> "$tmp/err"
if [ "$update" = --update ]; then
  cp "$tmp/out" "$name.expected"
  if [ -s "$tmp/err" ]; then cp "$tmp/err" "$name.reason"; else rm -f "$name.reason"; fi
  exit 0
fi
status=0
if ! cmp -s "$tmp/out" "$name.expected"; then
  echo "FAIL $name: rewritten text differs from $name.expected:"
  diff "$name.expected" "$tmp/out" | head -40
  status=1
fi
expected_err=/dev/null
[ -f "$name.reason" ] && expected_err=$name.reason
if ! cmp -s "$tmp/err" "$expected_err"; then
  echo "FAIL $name: stderr differs from ${expected_err}:"
  cat "$tmp/err"
  status=1
fi

flags=(-Wall -Wextra -Wpedantic -Wdeclaration-after-statement -Wshadow -Werror)
checked=0
for cc in gcc clang; do
  command -v "$cc" > /dev/null || continue
  for std in c89 c99 c11 gnu17; do
    if "$cc" -std=$std "${flags[@]}" -I"$src_inc" -I. -c "$name.c" -o /dev/null 2> /dev/null; then
      checked=$((checked + 1))
      if ! "$cc" -std=$std "${flags[@]}" -isystem "$build_inc" -I"$src_inc" -I. -x c -c "$name.expected" \
           -o /dev/null 2> "$tmp/cc"; then
        echo "FAIL $name: output does not compile with $cc -std=$std where the input does:"
        head -20 "$tmp/cc"
        status=1
      fi
    fi
  done
done
[ $status -eq 0 ] && echo "ok $name ($checked compiler/standard pairs checked)"
exit $status
