#!/usr/bin/env bash
# tests/robust/oom.sh BUILD SRC [CFLAGS] — oom.c under `ulimit -v`: the
# program exhausts its address space; memline neither crashes nor
# recurses, the program's output and status are those of the plain build,
# and the report counts every successful allocation.
. "$(dirname "$0")/common.sh" "$@"
build oom
cc -O1 -g -fno-builtin $cflags -I"$build/include" -o plain "$src/oom.c"
limit=300000
(ulimit -v $limit && ./plain) >plain.out 2>&1 || fail "the plain program failed"
set +e
(ulimit -v $limit && MEMLINE_FORMAT=json MEMLINE_OUTPUT=r.json timeout 120 ./oom) >out 2>err
status=$?
set -e
expect "status" "$status" 0
[ ! -s err ] || fail "stderr: $(head -5 err)"
expect "first line of stdout" "$(head -1 out)" "$(head -1 plain.out)"
read -r big small < <(tail -1 out)
[ "$big" -gt 10 ] && [ "$small" -gt 1000 ] || fail "did not run out of memory: $big $small"
jq empty r.json || fail "the report is not valid JSON"
fill=$(line_of "$src/oom.c" fill)
expect "exhaust calls" "$(calls r.json exhaust)" 2
expect "fill allocations" "$(field r.json exhaust "$fill" allocs)" $((big + small))
expect "after calls" "$(calls r.json after)" 1
echo "ok: $big + $small allocations until malloc returned NULL"
