#!/usr/bin/env bash
# torture_counts.sh BUILD_DIR — tests/instrumenter/counts.sh on gcc's
# torture suite: the tests of torture-sample.txt and every 4th test of the
# rest, from the copy real_torture_sample_O1 extracted into
# BUILD_DIR/real/torture (scripts/torture-sweep). Every line must run as
# often in the default rewrite as with one probe per statement.
set -eu
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
suite=$build/real/torture/execute
[ -d "$suite" ] || { echo "torture_counts.sh: no torture suite in $suite" >&2; exit 1; }
# Where the counts may differ, and why:
#   20030404-1  reads variables never set (undefined behaviour): the two
#               builds take other branches
#   941014-2    prints a malloc'd block's contents before it writes them:
#               what it prints depends on the heap's history
#   return-addr prints the addresses of locals, which differ between builds
#   pr103052    exits inside a call of a straight-line run (js_throw, not
#               declared noreturn, calls exit): memline counts the run as if
#               the call returned
skip=" 20030404-1 941014-2 pr103052 return-addr "
declare -A chosen
for name in $(grep -v '^#' "$here/torture-sample.txt"); do
    chosen[$name]=1
done
i=0
for f in "$suite"/*.c; do
    name=${f##*/}
    [ $((i++ % 4)) = 0 ] && chosen[${name%.c}]=1
done
files=()
for f in "$suite"/*.c; do
    name=${f##*/}
    name=${name%.c}
    [ -n "${chosen[$name]:-}" ] && [[ $skip != *" $name "* ]] && files+=("$f")
done
exec bash "$here/../instrumenter/counts.sh" "$build" "$here/../../include" "${files[@]}"
