#!/usr/bin/env bash
# tests/runtime/check_report.sh — runs a hand-instrumented program with a
# JSON report and checks the expectations the program prints on stdout,
# one per line (FUNC = function name, LINE = source line):
#   eq FUNC LINE FIELD VALUE      the line's FIELD is exactly VALUE
#   ge|lt FUNC LINE FIELD VALUE   FIELD >= VALUE, FIELD < VALUE
#   sub FUNC LINE F1 F2 VALUE     F1 - F2 is exactly VALUE
#   absent FUNC LINE              the line never ran (not in `lines`)
#   calls FUNC VALUE              the function's call count
#   net FUNC VALUE                its increments add up to VALUE
# Usage: check_report.sh PROGRAM [VAR=VALUE...]   (extra environment)
# Fails when the program fails, prints no expectation, or one is not met.
set -u
program=$1
shift
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

env "$@" MEMLINE_FORMAT=json MEMLINE_OUTPUT="$dir/report.json" "$program" >"$dir/expect"
status=$?
if [ $status -ne 0 ]; then
  echo "FAIL: $program exited with status $status"
  exit 1
fi
report=$dir/report.json
jq empty "$report" || { echo "FAIL: report is not valid JSON"; cat "$report"; exit 1; }

field() { # FUNC LINE FIELD -> value, or "absent"
  jq -r --arg f "$1" --argjson l "$2" --arg k "$3" \
    '[.functions[] | select(.name == $f) | .lines[] | select(.line == $l) | .[$k]]
     | if length == 0 then "absent" else .[0] end' "$report"
}

checked=0 failed=0
while read -r op a b c d e; do
  checked=$((checked + 1))
  case $op in
    eq | ge | lt)
      got=$(field "$a" "$b" "$c")
      case $op in
        eq) [ "$got" = "$d" ] ;;
        ge) [ "$got" != absent ] && [ "$got" -ge "$d" ] ;;
        lt) [ "$got" != absent ] && [ "$got" -lt "$d" ] ;;
      esac && continue
      echo "FAIL: $a line $b: $c is $got, expected $op $d" ;;
    sub)
      x=$(field "$a" "$b" "$c") y=$(field "$a" "$b" "$d")
      [ "$x" != absent ] && [ "$y" != absent ] && [ $((x - y)) = "$e" ] && continue
      echo "FAIL: $a line $b: $c - $d is $x - $y, expected $e" ;;
    absent)
      got=$(field "$a" "$b" occurrences)
      [ "$got" = absent ] && continue
      echo "FAIL: $a line $b ran $got times, expected never" ;;
    calls)
      got=$(jq -r --arg f "$a" '[.functions[] | select(.name == $f) | .calls] | add' "$report")
      [ "$got" = "$b" ] && continue
      echo "FAIL: $a has $got calls, expected $b" ;;
    net)
      got=$(jq -r --arg f "$a" '[.functions[] | select(.name == $f) | .lines[].increment] | add' "$report")
      [ "$got" = "$b" ] && continue
      echo "FAIL: increments of $a add up to $got, expected $b" ;;
    *)
      echo "FAIL: unknown expectation: $op $a $b $c $d $e" ;;
  esac
  failed=$((failed + 1))
done <"$dir/expect"

if [ "$checked" -eq 0 ]; then
  echo "FAIL: $program printed no expectation"
  exit 1
fi
if [ "$failed" -gt 0 ]; then
  echo "$failed of $checked expectations failed; report:"
  cat "$report"
  exit 1
fi
echo "ok: $checked expectations"
