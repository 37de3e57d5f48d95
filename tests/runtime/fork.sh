#!/usr/bin/env bash
# tests/runtime/fork.sh PROGRAM — e2e/fork.c: the parent's report counts its
# own 2 calls, the child's (named by its pid through %p) only its 3.
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
MEMLINE_FORMAT=json MEMLINE_OUTPUT="$dir/report.%p.json" "$1"
set -- "$dir"/report.*.json
[ $# -eq 2 ] || { echo "FAIL: expected 2 reports, got $#"; exit 1; }
calls=$(for f; do
  pid=$(jq -r .pid "$f")
  [ "$f" = "$dir/report.$pid.json" ] || { echo "FAIL: $f holds pid $pid" >&2; exit 1; }
  jq -r '.functions[] | select(.name == "step") | .calls' "$f"
done | sort | tr '\n' ' ')
[ "$calls" = "2 3 " ] || { echo "FAIL: calls per process are '$calls', expected '2 3 '"; exit 1; }
echo "ok: parent 2 calls, child 3 calls"
